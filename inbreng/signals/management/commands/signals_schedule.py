"""Queues the daily signals tasks once: reminders of overdue signals, stalled results."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from inbreng.core.scheduling import enqueue_once
from inbreng.signals.results.tasks import recompute_stalled_results
from inbreng.signals.tasks import send_signal_reminders


class Command(BaseCommand):
    help = "Queues the daily signals tasks unless they are already waiting."

    def handle(self, *args: Any, **options: Any) -> None:
        for daily in (
            send_signal_reminders,
            recompute_stalled_results,
        ):
            queued = enqueue_once(daily)
            self.stdout.write(f"{daily.name} {'is queued' if queued else 'is already queued'}.")
