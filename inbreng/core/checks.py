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


@register(Tags.security)
def real_sender_in_production(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    """Production mail must come from a real address on a real host, and links, calendar
    UIDs and Message-IDs must carry the real site address: refuse to start otherwise."""
    if not settings.INBRENG_PRODUCTION:
        return []
    from urllib.parse import urlsplit

    from .mail import is_local_host, sender_address

    errors: list[CheckMessage] = []
    sender = sender_address()
    if "@" not in sender or is_local_host(sender.rpartition("@")[2]):
        errors.append(
            Error(
                f"DEFAULT_FROM_EMAIL is {settings.DEFAULT_FROM_EMAIL!r}: mail from it is "
                "refused or lands in spam.",
                hint="Set DEFAULT_FROM_EMAIL to a real address of the organisation's domain.",
                id="inbreng.E002",
            )
        )
    site = urlsplit(settings.INBRENG_SITE_URL)
    if site.scheme != "https" or is_local_host(site.hostname or ""):
        errors.append(
            Error(
                f"INBRENG_SITE_URL is {settings.INBRENG_SITE_URL!r}: personal links, calendar "
                "files and e-mail would point to a machine nobody else can reach.",
                hint="Set INBRENG_SITE_URL to the public https:// address.",
                id="inbreng.E003",
            )
        )
    return errors
