from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.context_processors import PermLookupDict, PermWrapper
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


class _CachedPermLookup(PermLookupDict):
    def __init__(self, wrapper: CachedPermWrapper, app_label: str) -> None:
        super().__init__(wrapper.user, app_label)
        self.wrapper = wrapper

    def __getitem__(self, perm_name: str) -> bool:
        return self.wrapper.has_perm(f"{self.app_label}.{perm_name}")


class CachedPermWrapper(PermWrapper):
    """`perms` in templates, answering each permission once per page.

    Every `{% if perms.app.name %}` asks the user, and `rules` evaluates the predicates
    anew each time: in a list of 50 people with an action per row, that was 50 times the
    same answer. The answers live as long as the page's context."""

    def __init__(self, user: Any) -> None:
        super().__init__(user)
        self.answers: dict[str, bool] = {}

    def __getitem__(self, app_label: str) -> _CachedPermLookup:
        return _CachedPermLookup(self, app_label)

    def has_perm(self, perm: str) -> bool:
        if perm not in self.answers:
            self.answers[perm] = bool(self.user.has_perm(perm))
        return self.answers[perm]


def auth(request: HttpRequest) -> dict[str, Any]:
    """Django's `auth` context processor (`user` and `perms`), with `perms` cached."""
    if hasattr(request, "user"):
        user = request.user
    else:
        from django.contrib.auth.models import AnonymousUser

        user = AnonymousUser()
    return {"user": user, "perms": CachedPermWrapper(user)}
