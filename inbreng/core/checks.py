"""System checks that guard a production deploy."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register


@register(Tags.security, deploy=True)
def demo_mode_off_in_production(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    if settings.INBRENG_DEMO and settings.INBRENG_PRODUCTION:
        return [
            Error(
                "INBRENG_DEMO is on with production settings: demo accounts would skip "
                "two-factor authentication.",
                hint="Unset INBRENG_DEMO in production.",
                id="inbreng.E001",
            )
        ]
    return []
