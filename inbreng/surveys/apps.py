from __future__ import annotations

from typing import Any

from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "inbreng.surveys"
    label = "surveys"
    verbose_name = "Inbreng surveys"

    def ready(self) -> None:
        from . import rules  # noqa: F401  (registers the permissions)

    def seed_demo(self, organisation: Any, users: dict[str, Any]) -> None:
        """Called by `manage.py seed_demo`: the satisfaction template, one wave, some responses."""
        from .demo import seed_surveys

        seed_surveys(organisation, users)

    def seed_scale(self, context: Any) -> dict[str, int]:
        """Called by `seed_demo --scale city|region` for each organisation (see core.scale)."""
        from .scale import seed_scale

        return seed_scale(context)
