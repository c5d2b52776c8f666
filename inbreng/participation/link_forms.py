"""Forms about a participant's personal link and their own letter, for staff."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .services import (
    LINK_IN_OTHER_HANDS,
    LINK_LOST,
    LINK_SOMEONE_ELSE,
    OLD_LINK_IN_OTHER_HANDS,
    keep_old_link_error,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# The usual reasons for a new link, stored as these codes in PersonalLink.replaced_reason;
# another reason is stored as typed.
REASONS = {
    LINK_LOST: _("The phone or the letter is lost"),
    LINK_SOMEONE_ELSE: _("Someone else used the link"),
}
OTHER = "other"
STOP, KEEP = "stop", "keep"


def reason_label(stored: str) -> str:
    """The reason as staff read it: the usual ones in their language, another as typed."""
    return str(REASONS.get(stored, stored))


class LinkReissueForm(forms.Form):
    # Required with "another reason" or "keeps working": never labelled optional.
    conditionally_required = frozenset({"other_reason", "keep_until"})
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
        help_text=_(
            "Keep it for a while when printed letters with the old link are on their way. "
            "Not when the link is lost or someone else used it."
        ),
    )
    keep_until = forms.DateField(
        label=_("The old link works until"),
        required=False,
        widget=DATE,
        help_text=_(
            "Only when the old link keeps working. It works until the end of that day, "
            "30 days at most."
        ),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("reason") == OTHER and not (data.get("other_reason") or "").strip():
            self.add_error("other_reason", _("Write the reason."))
        if data.get("old_link") != KEEP:
            return data
        reason = str(data.get("reason") or "")
        if reason in LINK_IN_OTHER_HANDS:
            # A lost link, or one someone else used, may be in the wrong hands: no day to
            # choose, it stops now.
            self.add_error("old_link", OLD_LINK_IN_OTHER_HANDS)
        elif data.get("keep_until") is not None:
            # A kept link works a month at most, from today on.
            for name, message in keep_old_link_error(reason, data["keep_until"]).items():
                self.add_error(name, message)
        # A day that is not a date already has its own error.
        elif "keep_until" not in self.errors:
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
