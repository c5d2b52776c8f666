"""What the participation loop keeps about a participant, for the GDPR export and erase.

On erase, what the person said stays (as input of an anonymous participant), but what
they needed to come to meetings and their personal links go.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from .models import Contribution, FeedbackDelivery, Invitation, PersonalLink


def export(participant: Any) -> dict[str, Any]:
    return {
        "invitations": [
            {
                "meeting": i.meeting.title,
                "starts_at": i.meeting.starts_at.isoformat(),
                "reply": i.reply,
                "children": i.children,
                "needs_transport": i.needs_transport,
                "interpreter_language": i.interpreter_language,
                "attended": i.attended,
            }
            for i in Invitation.objects.filter(participant=participant).select_related("meeting")
        ],
        "contributions": [
            {
                "question": c.question.title,
                "text": c.text,
                "created_at": c.created_at.isoformat(),
                "withdrawn_at": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
            }
            for c in Contribution.objects.filter(participant=participant).select_related("question")
        ],
        "feedback_received": [
            {"question": f.question.title, "how": f.channel, "when": f.delivered_at.isoformat()}
            for f in FeedbackDelivery.objects.filter(participant=participant).select_related(
                "question"
            )
        ],
    }


def erase(participant: Any) -> None:
    Invitation.objects.filter(participant=participant).update(
        children=0, needs_transport=False, interpreter_language=""
    )
    PersonalLink.objects.filter(participant=participant, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
