"""Start-page panel: messages a social worker must pass on, and work waiting in the outbox."""

from __future__ import annotations

from typing import Any

from inbreng.core.models import Role

from . import selectors


def pass_on_panel(request: Any) -> tuple[str, dict[str, Any]] | None:
    membership = request.membership
    context: dict[str, Any] = {}
    if membership.has_role(Role.SOCIAL_WORKER, Role.COORDINATOR):
        context["to_pass_on"] = selectors.to_pass_on(membership).count()
    if membership.has_role(Role.COORDINATOR, Role.ADMIN):
        context["open_work"] = selectors.open_work(membership.organisation)
    if not any(context.values()):
        return None
    return "messaging/_home_panel.html", context
