"""Queues the daily case-conference tasks once (anonymisation, agreement reminders)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from inbreng.casework.tasks import anonymise_due_cases, remind_agreements


class Command(BaseCommand):
    help = "Queues the daily case-conference tasks unless they are already waiting."

    def handle(self, *args: Any, **options: Any) -> None:
        from django_tasks_db.models import DBTaskResult

        for daily in (anonymise_due_cases, remind_agreements):
            waiting = DBTaskResult.objects.filter(
                task_path=daily.module_path, status__in=["READY", "RUNNING"]
            ).exists()
            if waiting:
                self.stdout.write(f"{daily.name} is already queued.")
                continue
            daily.enqueue()
            self.stdout.write(f"{daily.name} is queued.")
