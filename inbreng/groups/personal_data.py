"""What the groups app keeps about a participant, for the GDPR export and erase."""

from __future__ import annotations

from typing import Any

from .models import GroupMembership


def export(participant: Any) -> dict[str, Any]:
    return {
        "memberships": [
            {
                "group": m.group.name,
                "stage": m.stage,
                "referred_on": m.referred_on,
                "intake_on": m.intake_on,
                "trial_on": m.trial_on,
                "member_since": m.member_since,
                "left_on": m.left_on,
                "note": m.note,
            }
            for m in GroupMembership.objects.filter(participant=participant).select_related("group")
        ]
    }


def erase(participant: Any) -> None:
    GroupMembership.objects.filter(participant=participant).update(note="")
