"""What messaging keeps about a participant, for the GDPR export and erase."""

from __future__ import annotations

from typing import Any

from .models import Delivery
from .services import without_link


def export(participant: Any) -> dict[str, Any]:
    return {
        "messages": [
            {
                "about": d.message.title,
                "kind": d.message.kind,
                "channel": d.channel,
                "language": d.language,
                "status": d.status,
                # The text as sent, with "the personal page" where the link was.
                "text": without_link(d.body, d.language),
                "sent_at": d.sent_at.isoformat() if d.sent_at else None,
                "answer": d.answer,
            }
            for d in Delivery.objects.filter(participant=participant).select_related("message")
        ]
    }


def erase(participant: Any) -> None:
    # The texts hold the person's name: they go. The message stays for the others.
    Delivery.objects.filter(participant=participant).delete()
