"""Signing in with a user name and password, without Django's model permissions.

What staff may do is decided by their roles (core.Membership) through `rules`; nothing is
granted through Django's per-model permissions or groups. Django's ModelBackend would still
look those up (two queries on every page that asks about a permission rules does not grant),
so this backend keeps its sign-in and answers every permission question with "no".
Platform operators are superusers: `User.has_perm` grants them everything before any backend.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend


class AccountBackend(ModelBackend):
    def get_user_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def get_group_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()
