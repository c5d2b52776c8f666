"""Background work for case conferences: anonymisation after retention, and reminders."""

from __future__ import annotations

from datetime import timedelta

from django.tasks import task
from django.utils import timezone

from . import services


@task
def anonymise_due_cases() -> int:
    """Anonymises cases that ended longer ago than their organisation's retention period.

    Reschedules itself for the next day when the task backend can defer work.
    """
    done = services.anonymise_due()
    if anonymise_due_cases.get_backend().supports_defer:
        anonymise_due_cases.using(run_after=timezone.now() + timedelta(days=1)).enqueue()
    return done


@task
def remind_agreements() -> int:
    """E-mails the owners of agreements that are due soon or overdue, once a week each."""
    sent = services.agreement_reminders()
    if remind_agreements.get_backend().supports_defer:
        remind_agreements.using(run_after=timezone.now() + timedelta(days=1)).enqueue()
    return sent
