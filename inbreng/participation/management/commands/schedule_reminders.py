"""Makes sure the daily reminder task is queued (once). `./run` calls this at start-up."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from inbreng.core.scheduling import enqueue_once
from inbreng.participation.tasks import send_overdue_reminders


class Command(BaseCommand):
    help = "Queues the daily reminder task unless one is already waiting."

    def handle(self, *args: Any, **options: Any) -> None:
        for daily in (send_overdue_reminders,):
            queued = enqueue_once(daily)
            self.stdout.write(f"{daily.name} {'is queued' if queued else 'is already queued'}.")
