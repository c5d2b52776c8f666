"""Forms about a participant's personal link and their own letter, for staff."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# The usual reasons for a new link, stored as these codes in PersonalLink.replaced_reason;
# another reason is stored as typed.
REASONS = {
    "lost": _("The phone or the letter is lost"),
    "someone_else": _("Someone else used the link"),
}
OTHER = "other"
STOP, KEEP = "stop", "keep"


def reason_label(stored: str) -> str:
    """The reason as staff read it: the usual ones in their language, another as typed."""
    return str(REASONS.get(stored, stored))


class LinkReissueForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why does the person need a new link?"),
        choices=[*REASONS.items(), (OTHER, _("Another reason"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose why the person needs a new link.")},
    )
    other_reason = forms.CharField(
        label=_("Other reason"),
        required=False,
        max_length=150,
        help_text=_("Only when you chose another reason. Write no health or money matters."),
    )
    old_link = forms.ChoiceField(
        label=_("What happens to the old link?"),
        choices=[
            (STOP, _("It stops working now")),
            (KEEP, _("It keeps working until the day below")),
        ],
        widget=forms.RadioSelect,
        initial=STOP,
        help_text=_("Keep it for a while when printed letters with the old link are on their way."),
    )
    keep_until = forms.DateField(
        label=_("The old link works until"),
        required=False,
        widget=DATE,
        help_text=_("Only when the old link keeps working. It works until the end of that day."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("reason") == OTHER and not (data.get("other_reason") or "").strip():
            self.add_error("other_reason", _("Write the reason."))
        keep_without_day = data.get("old_link") == KEEP and data.get("keep_until") is None
        # A day that is not a date already has its own error.
        if keep_without_day and "keep_until" not in self.errors:
            self.add_error("keep_until", _("Choose the last day the old link works."))
        return data

    def replaced_reason(self) -> str:
        data = self.cleaned_data
        return str(data["other_reason"]).strip() if data["reason"] == OTHER else str(data["reason"])

    def keep_old_until(self) -> date | None:
        data = self.cleaned_data
        return data["keep_until"] if data["old_link"] == KEEP else None


class LetterPostedForm(forms.Form):
    posted_on = forms.DateField(
        label=_("Posted on"),
        widget=DATE,
        error_messages={"required": _("Say on which day the letter was posted.")},
    )
