"""Forms for sampling frames, draws, volunteer pools, quotas, selections and themes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from inbreng.core.fields import IdChoiceField

from .models import Quota, Sample, Wave
from .sampling import MAX_BYTES, SEED_MAX

ALLOWED_TYPES = (".csv", ".xlsx")


class FrameFileForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_(
            "A CSV or Excel (.xlsx) file. First row: the column names. One column with a "
            "client number (no names), the other columns are the groups. At most 5 MB."
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(ALLOWED_TYPES):
            raise forms.ValidationError(_("Choose a CSV or .xlsx file."), code="type")
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."), code="size")
        return upload


class DrawForm(forms.Form):
    size = forms.IntegerField(label=_("How many people to ask"), min_value=1, max_value=100_000)
    allocation = forms.ChoiceField(
        label=_("How to share the sample over the groups"),
        choices=Sample.Allocation.choices,
        widget=forms.RadioSelect,
        initial=Sample.Allocation.PROPORTIONAL,
    )
    minimum = forms.IntegerField(
        label=_("Minimum per group"),
        help_text=_("Only with “a minimum per stratum”."),
        min_value=0,
        max_value=10_000,
        required=False,
    )
    reserve = forms.IntegerField(
        label=_("Reserve list per group"),
        help_text=_("People to ask when someone drawn cannot take part."),
        min_value=0,
        max_value=1_000,
        initial=0,
        required=False,
    )
    seed = forms.IntegerField(
        label=_("Seed"),
        help_text=_("Leave empty for a new draw. The same seed gives the same sample again."),
        min_value=1,
        max_value=SEED_MAX,
        required=False,
    )
    wave = IdChoiceField(label=_("For the wave"), queryset=Wave.objects.none(), required=False)

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        waves = self.fields["wave"]
        waves.queryset = Wave.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation
        ).select_related("survey")
        waves.label_from_instance = lambda w: f"{w.survey.title} · {w.name}"  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("allocation") == Sample.Allocation.MINIMUM and not data.get("minimum"):
            self.add_error("minimum", _("Give the minimum per group."))
        return data


class SelectionForm(forms.Form):
    size = forms.IntegerField(label=_("How many people in the group"), min_value=1, max_value=500)
    seed = forms.IntegerField(
        label=_("Seed"),
        help_text=_("Leave empty for a new draw. The same seed gives the same group again."),
        min_value=1,
        max_value=SEED_MAX,
        required=False,
    )


class QuotaForm(forms.Form):
    """A minimum and a maximum for every category of the pool."""

    def __init__(self, *args: Any, quotas: list[Quota], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.quotas = quotas
        for quota in quotas:
            label = f"{quota.feature}: {quota.category}"
            self.fields[f"min_{quota.pk}"] = forms.IntegerField(
                label=_("%(label)s, at least") % {"label": label},
                min_value=0,
                max_value=500,
                initial=quota.minimum,
            )
            self.fields[f"max_{quota.pk}"] = forms.IntegerField(
                label=_("%(label)s, at most") % {"label": label},
                min_value=0,
                max_value=500,
                initial=quota.maximum,
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for quota in self.quotas:
            low, high = data.get(f"min_{quota.pk}"), data.get(f"max_{quota.pk}")
            if low is not None and high is not None and low > high:
                self.add_error(f"min_{quota.pk}", _("The minimum is above the maximum."))
        return data

    def limits(self) -> dict[int, tuple[int, int]]:
        return {
            q.pk: (self.cleaned_data[f"min_{q.pk}"], self.cleaned_data[f"max_{q.pk}"])
            for q in self.quotas
        }


class ThemeForm(forms.Form):
    name = forms.CharField(label=_("New theme"), max_length=100)
