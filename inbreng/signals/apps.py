from __future__ import annotations

from typing import Any

from django.apps import AppConfig


class SignalsConfig(AppConfig):
    name = "inbreng.signals"
    label = "signals"
    verbose_name = "Inbreng signals and advice"

    def ready(self) -> None:
        from inbreng.core.services import register_home_panel

        from .panels import signals_panel

        register_home_panel(signals_panel)

        # Results, councils and hearings: their panel, permissions and participant notes.
        from .results.setup import connect

        connect()

    def seed_demo(self, organisation: Any, users: dict[str, Any]) -> None:
        """Called by `manage.py seed_demo`: bodies, themes and a few signals."""
        from .demo import seed_signals
        from .results.demo import seed_results

        seed_signals(organisation, users)
        seed_results(organisation, users)

    def seed_scale(self, context: Any) -> dict[str, int]:
        """Called by `seed_demo --scale city|region` for each organisation (see core.scale)."""
        from .scale import seed_scale

        return seed_scale(context)
