"""Readiness for monitoring: the database, the task queue and what apps report as late.

`GET /healthz/ready` answers with counts and ages only, never personal data. Apps that keep
work waiting (messaging: messages due to be sent) register a probe here, so that core needs no
import of them.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Case, Count, F, Min, When
from django.utils import timezone

logger = logging.getLogger(__name__)

# A probe returns figures: counts, and ages in seconds under names that start with "oldest_".
Figures = dict[str, int | None]
HealthProbe = Callable[[], Figures]
_probes: list[HealthProbe] = []
_cache: tuple[float, int, dict[str, Any]] | None = None


def register_health_probe(probe: HealthProbe) -> HealthProbe:
    """Adds figures to the readiness answer (an app's queue of waiting work)."""
    if probe not in _probes:
        _probes.append(probe)
    return probe


def seconds_since(moment: datetime | None, now: datetime) -> int | None:
    return None if moment is None else max(0, int((now - moment).total_seconds()))


def task_queue() -> Figures:
    """Tasks waiting for a worker: how many, and how long the oldest has been due."""
    from django_tasks_db.models import DBTaskResult, get_date_max

    now = timezone.now()
    waiting = DBTaskResult.objects.ready().aggregate(
        n=Count("id"),
        # A task without a delay is due from when it was queued; a delayed one from its time.
        oldest=Min(
            Case(When(run_after=get_date_max(), then=F("enqueued_at")), default=F("run_after"))
        ),
    )
    return {
        "tasks_waiting": waiting["n"],
        "oldest_task_waiting_seconds": seconds_since(waiting["oldest"], now),
    }


def _replica_state() -> str | None:
    from config import db_router

    if not db_router.replica_configured():
        return None
    return "ok" if db_router.replica_available() else "unreachable"


def readiness() -> tuple[int, dict[str, Any]]:
    """(HTTP status, answer). 503 only when the database fails: a queue that is behind is
    reported as "late" with 200, so that a load balancer keeps sending pages to this server
    while the monitor raises the alarm about the worker."""
    global _cache
    hold = float(settings.INBRENG_HEALTH_CACHE_SECONDS)
    if _cache is not None and time.monotonic() - _cache[0] < hold:
        return _cache[1], _cache[2]
    answer: dict[str, Any] = {"status": "ok", "database": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        figures: Figures = task_queue()
        for probe in _probes:
            figures.update(probe())
    except Exception:
        logger.exception("Readiness check failed")
        return 503, {"status": "error", "database": "error"}
    replica = _replica_state()
    if replica is not None:
        answer["replica"] = replica
    answer.update(figures)
    late_after = int(settings.INBRENG_HEALTH_LATE_SECONDS)
    if any(
        name.startswith("oldest_") and value is not None and value > late_after
        for name, value in figures.items()
    ):
        answer["status"] = "late"
    _cache = (time.monotonic(), 200, answer)
    return 200, answer


def forget_cached_readiness() -> None:
    global _cache
    _cache = None
