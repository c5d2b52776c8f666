"""Signals on the start page: the coordinator's overdue list and the policy maker's desk."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from inbreng.core.models import Role

from . import selectors

SHOWN = 10


def signals_panel(request: Any) -> tuple[str, dict[str, Any]] | None:
    membership = request.membership
    if not membership.has_role(Role.COORDINATOR, Role.ADMIN, Role.POLICY_MAKER):
        return None
    today = timezone.localdate()
    context: dict[str, Any] = {
        "today": today,
        "overdue": list(
            selectors.overdue(membership, today=today)
            .select_related("body")
            .order_by("due_on")[:SHOWN]
        ),
    }
    if membership.is_policy_maker:
        context["desk"] = True
        context["waiting"] = list(selectors.waiting_for(membership).order_by("due_on")[:SHOWN])
        context.update(selectors.came_back_this_month(membership, today=today))
    return "signals/_home_panel.html", context
