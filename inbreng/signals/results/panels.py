"""The start-page panel: stalled results, like overdue answers, for who can act on them."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from inbreng.core.models import Role

from . import selectors

SHOWN = 10


def results_panel(request: Any) -> tuple[str, dict[str, Any]] | None:
    membership = request.membership
    if not membership.has_role(Role.COORDINATOR, Role.ADMIN, Role.SERVICE_CONTACT):
        return None
    stalled = list(selectors.stalled_results(membership)[: SHOWN + 1])
    if not stalled and not membership.has_role(Role.COORDINATOR):
        return None
    return "signals/results/_home_panel.html", {
        "stalled": stalled[:SHOWN],
        "more": len(stalled) > SHOWN,
        "today": timezone.localdate(),
    }
