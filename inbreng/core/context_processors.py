from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone


def inbreng(request: HttpRequest) -> dict[str, Any]:
    return {
        "active_membership": getattr(request, "membership", None),
        "active_organisation": getattr(request, "organisation", None),
        "all_memberships": getattr(request, "memberships", []),
        "demo_mode": settings.INBRENG_DEMO,
        # The staff language switch offers these only: French and Arabic are for participants.
        "staff_languages": settings.STAFF_LANGUAGES,
        "today": timezone.localdate(),
    }
