"""Who may read and change the participant register."""

from __future__ import annotations

import rules

from inbreng.core.rules import is_admin, is_coordinator, is_partner_worker, is_social_worker

rules.add_perm(
    "people.view_register", is_admin | is_coordinator | is_social_worker | is_partner_worker
)
rules.add_perm(
    "people.add_participant", is_admin | is_coordinator | is_social_worker | is_partner_worker
)
rules.add_perm("people.change_participant", is_admin | is_coordinator | is_social_worker)
rules.add_perm("people.manage_consent", is_admin | is_coordinator | is_social_worker)
rules.add_perm("people.export_participant", is_admin | is_coordinator)
rules.add_perm("people.erase_participant", is_admin | is_coordinator)
rules.add_perm("people.review_register", is_admin | is_coordinator)
rules.add_perm("people.import_participants", is_admin | is_coordinator)
