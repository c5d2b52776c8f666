"""The audit log page: an admin reads and filters who viewed or changed what."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from conftest import World
from inbreng.core.models import AuditEvent, Organisation, User

from .helpers import dutch, field_error, text, texts

BRUSSELS = ZoneInfo("Europe/Brussels")


def event(
    org: Organisation,
    actor: User | None,
    action: str,
    object_type: str,
    object_id: str,
    at: datetime,
    **detail: Any,
) -> AuditEvent:
    created = AuditEvent.objects.create(
        organisation=org,
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=object_id,
        detail=detail,
    )
    # `at` is set on creation; move it to the moment the test needs.
    AuditEvent.objects.filter(pk=created.pk).update(at=at)
    return created


@pytest.fixture
def events(world: World) -> World:
    u = world.users
    event(
        world.org,
        u["coordinator"],
        "view",
        "people.participant",
        "101",
        datetime(2025, 3, 1, 9, tzinfo=BRUSSELS),
    )
    event(
        world.org,
        u["admin"],
        "update",
        "core.organisation",
        "102",
        datetime(2025, 3, 10, 9, tzinfo=BRUSSELS),
    )
    event(
        world.org,
        u["coordinator"],
        "export",
        "people.participant",
        "103",
        datetime(2025, 4, 1, 23, 30, tzinfo=BRUSSELS),
    )
    event(
        world.org,
        u["social_worker"],
        "list",
        "people.participant",
        "104",
        datetime(2025, 4, 15, 0, 10, tzinfo=BRUSSELS),
    )
    event(
        world.other_org,
        world.other_user,
        "view",
        "people.participant",
        "999",
        datetime(2025, 3, 2, tzinfo=BRUSSELS),
    )
    return world


def shown(response: Any) -> list[str]:
    """The record numbers in the table, top to bottom."""
    rows = texts(response, tag="tr")[1:]
    return [row.rsplit("#", 1)[1] for row in rows if "#" in row]


@pytest.fixture
def admin(world: World) -> Client:
    return world.client_for("admin")


def test_it_lists_the_organisations_events_newest_first(events: World, admin: Client) -> None:
    response = admin.get(reverse("core:audit"))
    assert response.status_code == 200
    assert shown(response) == ["104", "103", "102", "101"]
    first = texts(response, tag="tr")[1]
    assert "Social_Worker" in first  # the actor's name
    assert dutch("listed") in first


FILTER_CASES: list[tuple[dict[str, str], list[str]]] = [
    ({"action": "view"}, ["101"]),
    ({"action": "export"}, ["103"]),
    ({"actor": "coordinator"}, ["103", "101"]),
    ({"actor": "admin"}, ["102"]),
    ({"object_type": "core.organisation"}, ["102"]),
    ({"object_type": "people.participant"}, ["104", "103", "101"]),
    ({"object_id": "103"}, ["103"]),
    ({"since": "2025-03-05"}, ["104", "103", "102"]),
    ({"until": "2025-04-01"}, ["103", "102", "101"]),
    ({"since": "2025-04-01", "until": "2025-04-01"}, ["103"]),
    ({"since": "2025-04-15", "until": "2025-04-15"}, ["104"]),
    ({"action": "view", "actor": "coordinator"}, ["101"]),
    ({"action": "view", "actor": "admin"}, []),
    ({"object_id": "999"}, []),
]


@pytest.mark.parametrize(
    ("filters", "expected"),
    FILTER_CASES,
    ids=["&".join(f"{k}={v}" for k, v in f.items()) for f, _ in FILTER_CASES],
)
def test_it_filters_the_log(
    events: World, admin: Client, filters: dict[str, str], expected: list[str]
) -> None:
    query = dict(filters)
    if "actor" in query:
        query["actor"] = str(events.member(query["actor"]).pk)
    response = admin.get(reverse("core:audit"), query)
    assert response.status_code == 200
    assert shown(response) == expected
    if not expected:
        assert dutch("Nothing found.") in text(response, tag="tbody")


def test_it_keeps_the_filter_in_the_form(events: World, admin: Client) -> None:
    response = admin.get(reverse("core:audit"), {"action": "export", "since": "2025-03-05"})
    assert response.context["form"]["action"].value() == "export"
    assert 'value="2025-03-05"' in response.content.decode()


def test_it_refuses_an_end_date_before_the_start_date(events: World, admin: Client) -> None:
    response = admin.get(reverse("core:audit"), {"since": "2025-04-01", "until": "2025-03-01"})
    assert response.status_code == 200
    assert field_error(response, "until") == dutch("The end date comes before the start date.")
    assert shown(response) == []


@pytest.mark.parametrize(
    "filters",
    [
        {"since": "0001-01-01"},
        {"until": "0001-01-01"},
        {"since": "9999-12-31"},
        {"since": "2025-02-30"},
        {"since": "gisteren"},
        {"action": "steal"},
        {"actor": "987654"},
        {"actor": "9" * 30},
        {"object_id": "-5"},
        {"object_id": "9" * 30},
        {"object_type": "auth.user"},
        {"pagina": "9999"},
        {"pagina": "-1"},
        {"pagina": "<script>"},
    ],
)
def test_it_never_fails_on_strange_filters(
    events: World, admin: Client, filters: dict[str, str]
) -> None:
    response = admin.get(reverse("core:audit"), filters)
    assert response.status_code == 200
    assert "<script>" not in text(response, id="main")


def test_it_refuses_a_colleague_of_another_organisation_as_actor(
    events: World, admin: Client
) -> None:
    from inbreng.core.models import Membership

    stranger = Membership.objects.get(user=events.other_user)
    response = admin.get(reverse("core:audit"), {"actor": stranger.pk})
    assert field_error(response, "actor")
    assert "999" not in shown(response)


def test_it_pages_through_a_long_log_and_keeps_the_filter(world: World, admin: Client) -> None:
    for number in range(120):
        event(
            world.org,
            world.users["coordinator"],
            "view",
            "people.participant",
            str(1000 + number),
            datetime(2025, 5, 1, tzinfo=BRUSSELS),
        )
    event(
        world.org,
        world.users["admin"],
        "update",
        "core.organisation",
        "1",
        datetime(2025, 5, 2, tzinfo=BRUSSELS),
    )
    response = admin.get(reverse("core:audit"), {"action": "view"})
    assert len(shown(response)) == 50
    pages = text(response, cls="pagination")
    assert "1" in pages and "3" in pages
    next_link = [part for part in response.content.decode().split('"') if "pagina=2" in part]
    assert next_link and "action=view" in next_link[0]
    last = admin.get(reverse("core:audit"), {"action": "view", "pagina": "3"})
    assert len(shown(last)) == 20
    assert "1" not in shown(last)  # the filtered-out update stays out on every page
    everything = set()
    for page in ("1", "2", "3"):
        everything |= set(
            shown(admin.get(reverse("core:audit"), {"action": "view", "pagina": page}))
        )
    assert len(everything) == 120


def test_it_records_a_register_search_without_the_names_or_the_search(world: World) -> None:
    coordinator = world.client_for("coordinator")
    coordinator.get(reverse("people:register"), {"q": "Anouk"})
    coordinator.get(reverse("people:register"))
    coordinator.get(reverse("people:detail", args=[world.participant.pk]))
    events = list(AuditEvent.objects.filter(organisation=world.org).order_by("id"))
    assert [e.action for e in events] == ["search", "list", "view"]
    for e in events:
        assert "Anouk" not in str(e.detail)
    assert events[2].object_id == str(world.participant.pk)
    page = world.client_for("admin").get(reverse("core:audit"))
    assert "Anouk" not in text(page, id="main")
    assert f"#{world.participant.pk}" in text(page, tag="tbody")


@pytest.mark.parametrize(
    "role", ["coordinator", "social_worker", "service_contact", "policy_maker", "partner_worker"]
)
def test_it_is_for_admins_only(events: World, role: str) -> None:
    response = events.client_for(role).get(reverse("core:audit"))
    assert response.status_code == 403
    assert "101" not in response.content.decode()


def test_it_shows_nothing_of_another_organisation(events: World) -> None:
    response = events.client_for("other_org").get(reverse("core:audit"))
    assert shown(response) == ["999"]
