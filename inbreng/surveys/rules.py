"""Who may do what with surveys, as named permissions over the active membership.

Admin and coordinator manage questionnaires and waves; coordinator and social worker conduct
interviews and type paper forms; the coordinator resolves double-entry differences; policy
makers read results (see results views).
"""

from __future__ import annotations

import rules

from inbreng.core.rules import is_admin, is_coordinator, is_policy_maker, is_social_worker

manages_surveys = is_admin | is_coordinator
collects_responses = is_coordinator | is_social_worker | is_admin
reads_results = is_admin | is_coordinator | is_policy_maker

rules.add_perm("surveys.view_surveys", manages_surveys | collects_responses | reads_results)
rules.add_perm("surveys.manage", manages_surveys)
rules.add_perm("surveys.collect", collects_responses)
rules.add_perm("surveys.resolve_entry", manages_surveys)
rules.add_perm("surveys.view_results", reads_results)
