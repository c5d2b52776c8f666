"""Daily work for results: dates pass without anyone saving, so stalled is recomputed."""

from __future__ import annotations

from datetime import timedelta

from django.tasks import task
from django.utils import timezone

from .services import results_recompute_stalled


@task
def recompute_stalled_results() -> int:
    """Marks results stalled (or no longer stalled) as their dates pass; runs daily.

    Reschedules itself for the next day when the task backend can defer work.
    """
    changed = results_recompute_stalled()
    if recompute_stalled_results.get_backend().supports_defer:
        recompute_stalled_results.using(run_after=timezone.now() + timedelta(days=1)).enqueue()
    return changed
