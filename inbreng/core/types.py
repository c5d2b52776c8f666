"""Request types for views behind `member_required`, so that mypy knows what is on them."""

from __future__ import annotations

from django.http import HttpRequest

from .models import Membership, Organisation, User


class MemberRequest(HttpRequest):
    """A request from a signed-in staff member with an active organisation."""

    user: User
    membership: Membership
    organisation: Organisation
    memberships: list[Membership]
