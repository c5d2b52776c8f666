"""No input on the group pages, however long or strange, gives a 500 or renders unescaped."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import World
from inbreng.groups import services
from inbreng.groups.models import GroupMembership, ParticipationGroup

MARKUP = '<script>alert("x")</script><img src=x onerror=alert(1)>'
PAYLOADS = {
    "markup": MARKUP,
    "very-long": "Ā" * 5000,
    "right-to-left": "مركز الرعاية الاجتماعية",
    "emoji": "👩🏽‍👧 Samen ❤️",
    "nul-byte": "Groep\x00Sterk",
    "template-code": "{{ request.user }} {% debug %}",
}

Form = tuple[Callable[[ParticipationGroup, GroupMembership], str], Callable[[str], dict[str, Any]]]

FORMS: dict[str, Form] = {
    "group-add": (
        lambda g, m: reverse("groups:add"),
        lambda v: {"name": v, "kind": "focus", "theme": v, "max_size": v, "is_active": "on"},
    ),
    "group-edit": (
        lambda g, m: reverse("groups:edit", args=[g.pk]),
        lambda v: {"name": v, "kind": "standing", "theme": v, "max_size": "10", "is_active": "on"},
    ),
    "member-move": (
        lambda g, m: reverse("groups:member_move", args=[m.pk]),
        lambda v: {"stage": "intake", "on": timezone.localdate().isoformat(), "note": v},
    ),
    "member-move-date": (
        lambda g, m: reverse("groups:member_move", args=[m.pk]),
        lambda v: {"stage": v, "on": v, "note": ""},
    ),
    "member-add": (
        lambda g, m: reverse("groups:member_add", args=[g.pk]),
        lambda v: {"participant": v, "stage": v, "on": v, "note": v},
    ),
    "reference": (
        lambda g, m: reverse("groups:reference"),
        lambda v: {"age_band-u25": v, "household_type-single": v},
    ),
}


@pytest.mark.parametrize("payload", PAYLOADS, ids=list(PAYLOADS))
@pytest.mark.parametrize("form", FORMS, ids=list(FORMS))
def test_it_never_fails_on_hostile_input(world: World, form: str, payload: str) -> None:
    group = services.group_save(organisation=world.org, by=world.users["admin"], name="Groep")
    membership = services.membership_add(
        group=group, participant=world.participant, by=world.users["admin"]
    )
    url, data = FORMS[form]
    client = world.client_for("admin")
    response = client.post(url(group, membership), data(PAYLOADS[payload]))
    assert response.status_code in (200, 302)
    for page in (
        response,
        client.get(reverse("groups:list")),
        client.get(reverse("groups:detail", args=[group.pk])),
    ):
        html = page.content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html
    if payload == "markup" and response.status_code == 302:
        shown = client.get(reverse("groups:list")).content.decode()
        shown += client.get(reverse("groups:detail", args=[group.pk])).content.decode()
        assert "&lt;script&gt;" in shown
