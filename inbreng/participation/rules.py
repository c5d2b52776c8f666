"""Who may do what in the participation loop. Row-level scoping lives in the selectors."""

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

rules.add_perm(
    "participation.view_questions", is_admin | is_coordinator | is_service_contact | is_policy_maker
)
rules.add_perm("participation.ask_question", is_coordinator | is_service_contact)
rules.add_perm("participation.review_question", is_admin | is_coordinator)
rules.add_perm("participation.answer_question", is_coordinator | is_service_contact)
rules.add_perm(
    "participation.view_trajectories",
    is_admin | is_coordinator | is_service_contact | is_policy_maker,
)
rules.add_perm("participation.manage_trajectories", is_admin | is_coordinator)
rules.add_perm("participation.view_meetings", is_admin | is_coordinator | is_social_worker)
rules.add_perm("participation.manage_meetings", is_admin | is_coordinator)
rules.add_perm("participation.record_input", is_admin | is_coordinator)
rules.add_perm("participation.issue_link", is_admin | is_coordinator | is_social_worker)


@rules.predicate
def is_own_social_worker(user: Any, participant: Any) -> bool:
    """The social worker the person chose to pass on their news (Participant.social_worker)."""
    return bool(
        participant is not None
        and is_social_worker(user)
        and getattr(participant, "social_worker_id", None) == user.pk
    )


# One person's own letter and link open their page and name them: the coordinators and
# admins, and the person's own social worker, not every social worker of the organisation.
rules.add_perm("participation.reach_participant", is_admin | is_coordinator | is_own_social_worker)
rules.add_perm(
    "participation.view_indicators",
    is_admin | is_coordinator | is_service_contact | is_policy_maker,
)
# Translating questions and answers: no personal data, so partners (interpreters) may too.
rules.add_perm(
    "participation.translate",
    is_admin | is_coordinator | is_service_contact | is_partner_worker,
)
