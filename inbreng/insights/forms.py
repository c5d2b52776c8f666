from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inbreng.core.fields import IdChoiceField
from inbreng.groups.models import ParticipationGroup
from inbreng.participation.models import Trajectory

from .models import FIRST_YEAR, LAST_YEAR, ReportText
from .population import MAX_BYTES

ALLOWED_TYPES = (".csv", ".xlsx")


class PopulationForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_("A CSV or Excel (.xlsx) file with a header row. At most 1 MB."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(ALLOWED_TYPES):
            raise forms.ValidationError(_("Choose a CSV or .xlsx file."), code="type")
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 1 MB."), code="size")
        return upload


def year_choices() -> list[tuple[int, int]]:
    this_year = timezone.localdate().year
    return [(y, y) for y in range(this_year, max(FIRST_YEAR, this_year - 10) - 1, -1)]


class ReachFilterForm(forms.Form):
    jaar = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=year_choices)
    groep = IdChoiceField(
        label=_("Group"),
        queryset=ParticipationGroup.objects.none(),
        required=False,
        empty_label=_("Whole organisation"),
    )
    traject = IdChoiceField(
        label=_("Trajectory"),
        queryset=Trajectory.objects.none(),
        required=False,
        empty_label=_("All trajectories"),
    )

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        groups = self.fields["groep"]
        groups.queryset = ParticipationGroup.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation
        ).order_by("name")
        trajectories = self.fields["traject"]
        trajectories.queryset = Trajectory.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation
        ).order_by("-starts_on", "title")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("groep") and data.get("traject"):
            self.add_error(
                "traject", _("Choose a group or a trajectory, not both. We show the group.")
            )
        return data


class ReportTextForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ReportText
        fields = ["text"]
        help_texts = {
            "text": _("What went well, what was hard, what changed. In plain words."),
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}


def valid_year(year: int) -> bool:
    return FIRST_YEAR <= year <= LAST_YEAR
