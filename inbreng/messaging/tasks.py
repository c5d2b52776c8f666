"""Background delivery of e-mail and SMS, run by `manage.py db_worker`."""

from __future__ import annotations

from django.tasks import task

from . import services


@task
def deliver(message_id: int) -> int:
    """Sends what is due for one message; reschedules itself for retries."""
    return services.deliver_due(message_id)
