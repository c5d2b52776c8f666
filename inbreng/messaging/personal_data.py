"""What messaging keeps about a participant, for the GDPR export and erase."""

from __future__ import annotations

from typing import Any

from .models import Delivery


def export(participant: Any) -> dict[str, Any]:
    return {
        "messages": [
            {
                "about": d.message.title,
                "kind": d.message.kind,
                "channel": d.channel,
                "language": d.language,
                "status": d.status,
                "text": d.body,
                "sent_at": d.sent_at.isoformat() if d.sent_at else None,
                "answer": d.answer,
            }
            for d in Delivery.objects.filter(participant=participant).select_related("message")
        ]
    }


def erase(participant: Any) -> None:
    # The texts hold the person's name and link: they go. The message stays for the others.
    Delivery.objects.filter(participant=participant).delete()
