"""What the outbox tells the readiness check: e-mail and SMS due but not yet sent."""

from __future__ import annotations

from django.db.models import Case, Count, F, Min, Q, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from inbreng.core.health import Figures, seconds_since

from .models import Delivery


def outbox_figures() -> Figures:
    """How many e-mails and SMS are due and unsent, and since when the oldest is due.

    Due: queued without a retry time (due since the message was made), queued with a retry
    time that has passed, or held by a worker whose claim ran out (a worker that died).
    Counts only, across organisations: no personal data.
    """
    now = timezone.now()
    due = Q(status=Delivery.Status.QUEUED) & (
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    stale = Q(status=Delivery.Status.SENDING, claimed_until__lt=now)
    figures = Delivery.objects.filter(due | stale).aggregate(
        n=Count("id"),
        oldest=Min(
            Case(
                When(status=Delivery.Status.SENDING, then=F("claimed_until")),
                default=Coalesce(F("next_attempt_at"), F("message__created_at")),
            )
        ),
    )
    return {
        "sends_due": figures["n"],
        "oldest_overdue_send_seconds": seconds_since(figures["oldest"], now),
    }
