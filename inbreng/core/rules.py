"""Who may do what, as named permissions over the active membership's roles."""

from __future__ import annotations

from typing import Any

import rules

from .models import Role


def role(name: str) -> Any:
    @rules.predicate(name=f"has_{name}")
    def _has(user: Any) -> bool:
        membership = getattr(user, "membership", None)
        return bool(membership is not None and membership.has_role(name))

    return _has


is_admin = role(Role.ADMIN)
is_coordinator = role(Role.COORDINATOR)
is_social_worker = role(Role.SOCIAL_WORKER)
is_service_contact = role(Role.SERVICE_CONTACT)
is_policy_maker = role(Role.POLICY_MAKER)
is_partner_worker = role(Role.PARTNER_WORKER)

rules.add_perm("core.manage_organisation", is_admin)
rules.add_perm("core.view_audit", is_admin)
