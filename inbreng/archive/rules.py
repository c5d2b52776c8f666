"""Who may read the memory and who writes into it by hand."""

from __future__ import annotations

import rules

from inbreng.core.rules import (
    is_admin,
    is_coordinator,
    is_policy_maker,
    is_service_contact,
    is_social_worker,
)

# The organisation's own staff read the memory: it holds no personal data, only the groups'
# words, what was asked, answered and done. Partner workers and case-conference coordinators
# do not: they see only the signals of their own partner or none at all, and the memory holds
# every signal and advice with its answer.
rules.add_perm(
    "archive.read",
    is_admin | is_coordinator | is_social_worker | is_service_contact | is_policy_maker,
)
# Notes, minutes, trajectory summaries and dossiers are written by those who run the work.
rules.add_perm("archive.write", is_admin | is_coordinator)
