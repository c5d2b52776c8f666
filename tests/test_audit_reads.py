"""Every page that shows a participant's name or what they said writes an audit event.

The pages are the authorization matrix's routes (tests/test_authorization_matrix.py), each
opened by every role allowed to see it. A page whose answer holds the name of anyone in the
register, or the words someone said at a meeting under their own name, must have added at
least one event to the audit log for that member. A new page that shows personal data
without auditing fails here.
"""

from __future__ import annotations

import io
from html import unescape
from typing import Any

import pytest
from django.urls import reverse
from pypdf import PdfReader

from conftest import ROLES, Loop, World, make_participant
from inbreng.core.models import AuditEvent
from inbreng.participation.models import Contribution
from inbreng.people.models import Participant
from tests.test_authorization_matrix import ROUTES, Route, expected

# Pages that render (a GET, or a POST that answers with a page such as a preview).
PAGES = sorted(
    name
    for name, route in ROUTES.items()
    if route.method == "get" or (route.method == "post" and route.ok in (200, 400))
)


def readers(route: Route) -> list[str]:
    """The roles that get the page itself (not a refusal or a redirect)."""
    return [role for role in ROLES if expected(route, role) in (200, 400)]


def shown_text(response: Any) -> str:
    content_type = response.get("Content-Type", "")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content_type.startswith("application/pdf"):
        if not content.startswith(b"%PDF") or len(content) < 100:
            return ""  # an uploaded file served as it is, not a page we render
        reader = PdfReader(io.BytesIO(content))
        return " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    return unescape(content.decode(errors="replace"))


def personal_words() -> set[str]:
    """What identifies a person: names in the register and what people said in their name."""
    names = set(Participant.objects.filter(erased_at__isnull=True).values_list("name", flat=True))
    said = set(
        Contribution.objects.filter(participant__isnull=False).values_list("text", flat=True)
    )
    return {w for w in names | said if len(w) >= 6}


@pytest.mark.parametrize("name", PAGES)
def test_a_page_that_shows_personal_data_is_audited(world: World, loop: Loop, name: str) -> None:
    # Someone in the register who is in no group yet: pages that offer people to add list her.
    make_participant(world.org, name="Noor Nieuwelid", phone="+32470555666")
    route = ROUTES[name]
    url = reverse(name, kwargs=route.kwargs(world, loop))
    unaudited = []
    for role in readers(route):
        client = world.client_for(role)
        words = personal_words()
        before = AuditEvent.objects.filter(actor=world.users[role]).count()
        response = getattr(client, route.method)(url)
        after = AuditEvent.objects.filter(actor=world.users[role]).count()
        shown = [w for w in words if w in shown_text(response)]
        if shown and after == before:
            unaudited.append(f"{role} saw {sorted(shown)[:3]}")
    assert not unaudited, f"{name} shows personal data without an audit event: {unaudited}"


@pytest.mark.parametrize("role", ["coordinator", "partner_worker"])
def test_the_duplicate_warning_when_adding_someone_is_audited(world: World, role: str) -> None:
    from inbreng.people.tests.helpers import participant_post

    member = world.users[role]
    before = AuditEvent.objects.filter(actor=member).count()
    # The world's participant has this phone number; the partner referred her.
    warned = world.client_for(role).post(
        reverse("people:add"), participant_post(name="Iemand Anders", phone="+32470123456")
    )

    assert world.participant.name in warned.content.decode()
    event = AuditEvent.objects.filter(actor=member).order_by("-pk").first()
    assert AuditEvent.objects.filter(actor=member).count() == before + 1
    assert event is not None and event.detail["duplicates"] == [world.participant.pk]
    assert world.participant.name not in str(event.detail)
