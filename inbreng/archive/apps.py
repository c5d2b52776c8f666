from __future__ import annotations

from typing import Any

from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "inbreng.archive"
    label = "archive"
    verbose_name = "Inbreng memory"

    def seed_demo(self, organisation: Any, users: dict[str, Any]) -> None:
        """Called by `manage.py seed_demo`: notes, minutes, a summary and a dossier."""
        from .demo import seed_memory

        seed_memory(organisation, users)

    def seed_scale(self, context: Any) -> dict[str, int]:
        """Called by `seed_demo --scale city|region` for each organisation (see core.scale)."""
        from .scale import seed_scale

        return seed_scale(context)
