"""Background work of messaging, run by `manage.py db_worker`: delivery of e-mail and SMS,
and the letters of a large message as one PDF."""

from __future__ import annotations

from django.tasks import task

from . import letters, services


@task
def deliver(message_id: int) -> int:
    """Sends what is due for one message; reschedules itself for retries."""
    return services.deliver_due(message_id)


@task
def make_letters(job_id: int) -> int:
    """Renders a letters job in parts and stores it as one PDF; removes old files."""
    return letters.letters_job_run(job_id)
