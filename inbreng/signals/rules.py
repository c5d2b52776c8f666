"""Who may do what with signals and advice. Row-level scoping lives in the selectors."""

from __future__ import annotations

import rules

from inbreng.core.rules import (
    is_admin,
    is_coordinator,
    is_partner_worker,
    is_policy_maker,
    is_service_contact,
    is_social_worker,
)

# Anyone with a role registers a signal: a service sees what goes wrong too.
rules.add_perm(
    "signals.view_signals",
    is_admin
    | is_coordinator
    | is_social_worker
    | is_service_contact
    | is_policy_maker
    | is_partner_worker,
)
rules.add_perm(
    "signals.register_signal",
    is_admin | is_coordinator | is_social_worker | is_service_contact | is_partner_worker,
)
# Which signals a policy maker may answer is the body's list (selectors.may_answer).
rules.add_perm("signals.answer_signal", is_coordinator | is_policy_maker)
rules.add_perm("signals.manage_bodies", is_admin | is_coordinator)
# Promoting input means reading it on the question: those who see all questions' input.
rules.add_perm("signals.promote_input", is_admin | is_coordinator)
