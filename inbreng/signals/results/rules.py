"""Who may see and change results, council seats and items, and hearings."""

from __future__ import annotations

from typing import Any

import rules

from inbreng.core.rules import (
    is_admin,
    is_coordinator,
    is_partner_worker,
    is_policy_maker,
    is_service_contact,
    is_social_worker,
)


@rules.predicate
def speaks_for_result_service(user: Any, result: Any) -> bool:
    """A service contact of the service that carries the result out."""
    membership = getattr(user, "membership", None)
    return bool(
        result is not None
        and membership is not None
        and membership.is_service_contact
        and membership.service_id is not None
        and membership.service_id == getattr(result, "service_id", None)
    )


# Results hold no personal data: every staff role of the organisation reads them.
rules.add_perm(
    "signals.view_results",
    is_admin
    | is_coordinator
    | is_social_worker
    | is_service_contact
    | is_policy_maker
    | is_partner_worker,
)
rules.add_perm("signals.add_result", is_coordinator | is_service_contact)
# Asked with the result: the coordinator, or a contact of the result's own service.
rules.add_perm("signals.change_result", is_coordinator | speaks_for_result_service)
# Seats name participants; items and hearings are the group's work with the coordinator.
rules.add_perm("signals.view_council", is_admin | is_coordinator | is_policy_maker)
rules.add_perm("signals.manage_council", is_coordinator)
