"""Who may see reach and the yearly report, import the client population and export lists."""

from __future__ import annotations

import rules

from inbreng.core.rules import (
    is_admin,
    is_coordinator,
    is_policy_maker,
    is_service_contact,
)

# Reach, the yearly report and their exports: counts only, no names.
rules.add_perm("insights.view", is_admin | is_coordinator | is_policy_maker)
rules.add_perm("insights.import_population", is_admin)
rules.add_perm("insights.write_report", is_admin | is_coordinator)
# The lists of questions and their input: whoever reads questions; the selector scopes a
# service contact to their own service and shows names only to coordinators and admins.
rules.add_perm(
    "insights.export_questions", is_admin | is_coordinator | is_service_contact | is_policy_maker
)
rules.add_perm("insights.export_meetings", is_admin | is_coordinator | is_policy_maker)
