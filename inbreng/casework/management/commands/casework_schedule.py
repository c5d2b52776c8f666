"""Queues the daily case-conference tasks once (anonymisation, agreement reminders)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from inbreng.casework.tasks import anonymise_due_cases, remind_agreements
from inbreng.core.scheduling import enqueue_once


class Command(BaseCommand):
    help = "Queues the daily case-conference tasks unless they are already waiting."

    def handle(self, *args: Any, **options: Any) -> None:
        for daily in (
            anonymise_due_cases,
            remind_agreements,
        ):
            queued = enqueue_once(daily)
            self.stdout.write(f"{daily.name} {'is queued' if queued else 'is already queued'}.")
