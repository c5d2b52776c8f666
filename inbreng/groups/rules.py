"""Who may see and run groups."""

from __future__ import annotations

import rules

from inbreng.core.rules import is_admin, is_coordinator, is_social_worker

rules.add_perm("groups.view_groups", is_admin | is_coordinator | is_social_worker)
rules.add_perm("groups.manage_groups", is_admin | is_coordinator)
rules.add_perm("groups.manage_reference", is_admin)
