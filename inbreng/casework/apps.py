from __future__ import annotations

from typing import Any

from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "inbreng.casework"
    label = "casework"
    verbose_name = "Inbreng case conferences"

    def ready(self) -> None:
        from inbreng.core.services import (
            register_handover,
            register_home_panel,
            register_personal_data,
        )
        from inbreng.messaging.selectors import register_restricted_refs

        from . import personal_data
        from .panels import casework_panel
        from .selectors import case_refs_visible_to
        from .services import cases_hand_over

        register_restricted_refs("case:", case_refs_visible_to)
        register_home_panel(casework_panel)
        register_handover(cases_hand_over)
        register_personal_data("casework", export=personal_data.export, erase=personal_data.erase)

    def seed_demo(self, organisation: Any, users: dict[str, Any]) -> None:
        """Called by `manage.py seed_demo`: an open case, a request and a year of signals."""
        from .demo import seed_case_conferences

        seed_case_conferences(organisation, users)

    def seed_scale(self, context: Any) -> dict[str, int]:
        """Called by `seed_demo --scale city|region` for each organisation (see core.scale)."""
        from .scale import seed_scale

        return seed_scale(context)
