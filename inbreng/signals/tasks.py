"""Background work for signals: reminders to the bodies whose answers are overdue."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db.models import Q
from django.tasks import task
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from inbreng.core.mail import build_email
from inbreng.core.models import Membership

from .models import Signal

REMIND_EVERY = timedelta(days=7)


def overdue_for_reminder(today: date | None = None) -> list[Signal]:
    """Open signals past their due date, not reminded in the last week."""
    today = today or timezone.localdate()
    return list(
        Signal.objects.filter(status=Signal.Status.OPEN, due_on__lt=today)
        .filter(Q(reminded_on__isnull=True) | Q(reminded_on__lte=today - REMIND_EVERY))
        .select_related("body", "organisation")
        .order_by("organisation_id", "due_on", "pk")
    )


def _recipients(signal: Signal) -> list[str]:
    # Only policy makers who still work for the organisation in that role.
    active = Membership.objects.filter(
        organisation=signal.organisation_id, is_policy_maker=True, is_active=True
    ).values("user_id")
    return sorted(
        {
            user.email
            for user in signal.body.policy_makers.filter(pk__in=active, is_active=True)
            if user.email
        }
    )


def remind(today: date | None = None) -> int:
    """E-mails each body's policy makers about overdue signals, at most once a week each."""
    today = today or timezone.localdate()
    sent = 0
    with override("nl"):
        for signal in overdue_for_reminder(today):
            recipients = _recipients(signal)
            if not recipients:
                continue
            build_email(
                subject=_("Reminder: a signal waits for your answer"),
                body=_(
                    "“%(title)s” was sent to %(body)s. The answer was due on %(day)s. "
                    "The people behind it are waiting. Please answer in Inbreng: %(link)s"
                )
                % {
                    "title": signal.title,
                    "body": signal.body.name,
                    "day": signal.due_on.strftime("%d/%m/%Y"),
                    "link": settings.INBRENG_SITE_URL.rstrip("/")
                    + reverse("signals:detail", args=[signal.pk]),
                },
                to=recipients,
                language="nl",
                organisation=signal.organisation,
            ).send()
            Signal.objects.filter(pk=signal.pk).update(reminded_on=today)
            sent += 1
    return sent


@task
def send_signal_reminders() -> int:
    """The daily reminder run; reschedules itself for the next day when the backend can."""
    sent = remind()
    if send_signal_reminders.get_backend().supports_defer:
        send_signal_reminders.using(run_after=timezone.now() + timedelta(days=1)).enqueue()
    return sent
