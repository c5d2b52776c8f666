"""Daily tasks that re-queue themselves: queued once at start-up, never twice."""

from __future__ import annotations

from typing import Any


def enqueue_once(task: Any) -> bool:
    """Queues `task` unless one of its runs is already waiting or running. True when queued.

    The daily tasks re-queue themselves for the next day, so `./run` and a deploy can call
    the schedule commands at every start without piling up copies.
    """
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(
        task_path=task.module_path, status__in=["READY", "RUNNING"]
    ).exists()
    if waiting:
        return False
    task.enqueue()
    return True
