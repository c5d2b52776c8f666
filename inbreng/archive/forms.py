"""The search form with its filters, the hand-written entry form and the dossier form."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from inbreng.core.fields import IdChoiceField

from .models import Dossier, Kind, status_label
from .selectors import NETWORK, OWN, theme_key

# A search is cut to this many characters: enough for any question a person types, and a
# pasted page does not become a query of a thousand terms.
MAX_QUERY = 200
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _choices(all_label: Any, values: list[str]) -> list[tuple[str, Any]]:
    return [("", all_label), *[(v, v) for v in values]]


# A link from before a theme, body or group was renamed names a choice the list no longer has.
NOT_IN_LIST = {
    "invalid_choice": _("We do not know this choice (any more). Choose one from the list.")
}


class SearchForm(forms.Form):
    # No max_length: a long search is cut with a message, not refused.
    q = forms.CharField(label=_("Search words"), required=False, strip=True)
    scope = forms.ChoiceField(
        label=_("Where"),
        required=False,
        choices=[
            ("", _("Ours first, then shared")),
            (OWN, _("Only ours")),
            (NETWORK, _("Only shared by others")),
        ],
        error_messages=NOT_IN_LIST,
    )

    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *Kind.choices],
        error_messages=NOT_IN_LIST,
    )
    theme = forms.ChoiceField(label=_("Theme"), required=False, error_messages=NOT_IN_LIST)
    body = forms.ChoiceField(label=_("Body"), required=False, error_messages=NOT_IN_LIST)
    status = forms.ChoiceField(label=_("Status"), required=False, error_messages=NOT_IN_LIST)
    group = forms.ChoiceField(label=_("Group"), required=False, error_messages=NOT_IN_LIST)
    # A text box that asks for digits: a number input cannot hold back a wrong value typed
    # into it, and the form must show what was typed next to its error.
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=1990,
        max_value=2100,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 4}),
    )
    start = forms.DateField(label=_("From"), required=False, widget=DATE)
    end = forms.DateField(label=_("Until"), required=False, widget=DATE)
    # Shown first; the other filters fold away on a phone unless one of them is in use.
    MAIN = ("q", "scope")

    def __init__(self, *args: Any, facets: dict[str, list[str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cut = False
        labels = {
            "theme": _("All themes"),
            "body": _("All bodies"),
            "status": _("Every status"),
            "group": _("All groups"),
        }
        for name, label in labels.items():
            self.fields[name].choices = _choices(label, facets.get(name, []))  # type: ignore[attr-defined]
        theme = self.data.get("theme") if self.is_bound else None
        if theme:
            # An older link's "energie" is the filter choice "Energie".
            spelled = {theme_key(v): v for v in facets.get("theme", [])}
            if theme not in spelled.values() and theme_key(theme) in spelled:
                data = QueryDict(mutable=True)
                data.update(self.data)
                data["theme"] = spelled[theme_key(theme)]
                self.data = data
        # Statuses are kept as source texts: shown, and sorted, in the reader's language.
        statuses = sorted((status_label(v), v) for v in facets.get("status", []))
        self.fields["status"].choices = [  # type: ignore[attr-defined]
            ("", labels["status"]),
            *[(value, shown) for shown, value in statuses],
        ]

    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.MAIN]

    def more_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name not in self.MAIN]

    def more_in_use(self) -> bool:
        """A filter under "More filters" holds a value or an error: the fold stays open."""
        return any(
            f.errors or (self.is_bound and self.data.get(f.name)) for f in self.more_fields()
        )

    def clean_q(self) -> str:
        q: str = self.cleaned_data["q"].replace("\x00", " ")
        if len(q) > MAX_QUERY:
            self.cut = True
            q = q[:MAX_QUERY]
        return q

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end, year = data.get("start"), data.get("end"), data.get("year")
        if year and not start and not end:
            data["start"] = datetime.date(year, 1, 1)
            data["end"] = datetime.date(year, 12, 31)
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", _("The end date comes before the start date."))
        return data


class HandEntryForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(k.value, k.label) for k in (Kind.NOTE, Kind.MINUTES, Kind.TRAJECTORY)],
        widget=forms.RadioSelect,
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    text = forms.CharField(
        label=_("Text"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("No names, phone numbers, e-mail addresses or national register numbers."),
    )
    themes = forms.CharField(
        label=_("Themes"),
        required=False,
        max_length=500,
        help_text=_("Separate themes with a comma, e.g. housing, energy."),
    )
    period = forms.DateField(label=_("Date"), widget=DATE)
    group_name = forms.CharField(label=_("Group"), required=False, max_length=200)
    shareable = forms.BooleanField(
        label=_("Other organisations may find this in the network's memory"), required=False
    )

    def theme_list(self) -> list[str]:
        return [t.strip() for t in self.cleaned_data.get("themes", "").split(",") if t.strip()]


class DossierForm(forms.ModelForm[Dossier]):
    class Meta:
        model = Dossier
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}


class AddToDossierForm(forms.Form):
    dossier = IdChoiceField(label=_("Dossier"), queryset=Dossier.objects.none())

    def __init__(self, *args: Any, dossiers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dossier"].queryset = dossiers  # type: ignore[attr-defined]
