"""Who may do what with messages. Row-level scoping lives in the selectors."""

from __future__ import annotations

import rules

from inbreng.core.rules import is_admin, is_coordinator, is_service_contact, is_social_worker

rules.add_perm("messaging.send", is_admin | is_coordinator)
rules.add_perm("messaging.view_outbox", is_admin | is_coordinator)
rules.add_perm("messaging.edit_templates", is_admin | is_coordinator)
rules.add_perm("messaging.pass_on", is_social_worker | is_coordinator)
rules.add_perm(
    "messaging.check_text", is_admin | is_coordinator | is_social_worker | is_service_contact
)
