"""Who may do what with case conferences, as named permissions over the active membership.

These only open the doors to the app's pages. Whether someone sees a *case* is never a
question of role: it is the access rule in `selectors.case_for` (see docs/casework.md).
"""

from __future__ import annotations

import rules

from inbreng.core.models import Role
from inbreng.core.rules import (
    is_admin,
    is_partner_worker,
    is_policy_maker,
    is_social_worker,
    role,
)

is_case_coordinator = role(Role.CASE_COORDINATOR)
# Care providers and the people who may be on a case. A participation coordinator runs groups,
# not care: they are on cases only when they are also a social worker or an LCO coordinator.
works_on_cases = is_social_worker | is_partner_worker | is_case_coordinator

rules.add_perm("casework.view_cases", works_on_cases)
rules.add_perm("casework.request_case", works_on_cases)
rules.add_perm("casework.coordinate", is_case_coordinator)
rules.add_perm("casework.record_signal", is_case_coordinator)
reads_signal_report = is_case_coordinator | is_policy_maker | is_admin

rules.add_perm("casework.view_signal_report", reads_signal_report)
manages_settings = is_admin

rules.add_perm("casework.manage_settings", manages_settings)
