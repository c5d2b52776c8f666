"""Makes sure the daily reminder task is queued (once). `./run` calls this at start-up."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from inbreng.participation.tasks import send_overdue_reminders


class Command(BaseCommand):
    help = "Queues the daily reminder task unless one is already waiting."

    def handle(self, *args: Any, **options: Any) -> None:
        from django_tasks_db.models import DBTaskResult

        waiting = DBTaskResult.objects.filter(
            task_path=send_overdue_reminders.module_path, status__in=["READY", "RUNNING"]
        ).exists()
        if waiting:
            self.stdout.write("The reminder task is already queued.")
            return
        send_overdue_reminders.enqueue()
        self.stdout.write("The reminder task is queued.")
