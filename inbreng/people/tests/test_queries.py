"""Query budgets: the register pages cost the same with five people or sixty.

Each page is measured twice, with little and with much data, after one warm-up request so
that process-wide caches (content types) do not count. The counts must be equal, and
within a fixed budget that includes the session, the user, the second factor, the
membership, the permission look-ups, the audit insert and the session save.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import World, make_participant
from inbreng.core.models import Membership, Partner, User
from inbreng.people.models import Consent, Participant


def queries(client: Client, url: str, **extra: str) -> int:
    client.get(url, **extra)  # type: ignore[arg-type]
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, **extra)  # type: ignore[arg-type]
    assert response.status_code == 200
    return len(context)


def add_people(world: World, count: int) -> None:
    partners = [
        Partner.objects.create(organisation=world.org, name=f"Partner {n}") for n in range(3)
    ]
    workers = []
    for n in range(3):
        user = User.objects.create_user(username=f"mw{n}", first_name=f"Werker {n}")
        Membership.objects.create(organisation=world.org, user=user, is_social_worker=True)
        workers.append(user)
    old = timezone.now() - timedelta(days=2000)
    for n in range(count):
        make_participant(
            world.org,
            name=f"Persoon {n:03}",
            phone=f"+324700{n:05}",
            referred_by_partner=partners[n % 3],
            social_worker=workers[n % 3],
            referred_by_user=world.users["coordinator"],
            needs_childcare=n % 2 == 0,
            needs_transport=n % 3 == 0,
            last_activity_at=old,
        )


def add_consents(world: World, person: Participant, count: int) -> None:
    for n in range(count):
        Consent.objects.create(
            organisation=world.org,
            participant=person,
            purpose=Consent.Purpose.values[n % 4],
            given_at=timezone.now() - timedelta(days=n),
            recorded_by=world.users["social_worker"],
            withdrawn_at=timezone.now() if n % 2 else None,
            withdrawn_recorded_by=world.users["coordinator"] if n % 2 else None,
        )


# Measured on SQLite and PostgreSQL: session, user, second factor, membership, count,
# page, audit insert, two permission look-ups; the htmx fragment skips the permissions.
PAGES = {
    "register": (reverse("people:register"), {}, 9),
    "search": (reverse("people:register") + "?q=Persoon&need=needs_childcare", {}, 9),
    "htmx": (reverse("people:register") + "?q=Persoon", {"HTTP_HX_REQUEST": "true"}, 7),
    "review": (reverse("people:review"), {}, 9),
}


@pytest.mark.parametrize("page", PAGES)
def test_it_lists_people_with_a_fixed_number_of_queries(
    world: World, coordinator: Client, page: str
) -> None:
    url, extra, budget = PAGES[page]
    add_people(world, 4)
    few = queries(coordinator, url, **extra)

    for n in range(56):
        make_participant(
            world.org,
            name=f"Nog {n:03}",
            referred_by_partner=world.partner,
            social_worker=world.users["social_worker"],
            needs_interpreter=True,
            last_activity_at=timezone.now() - timedelta(days=3000),
        )
    many = queries(coordinator, url, **extra)

    assert few == many
    assert many <= budget


def test_it_shows_a_partner_worker_s_register_with_a_fixed_number_of_queries(
    world: World,
) -> None:
    client = world.client_for("partner_worker")
    url = reverse("people:register")
    few = queries(client, url)
    for n in range(60):
        make_participant(world.org, name=f"Persoon {n}", referred_by_partner=world.partner)

    assert queries(client, url) == few <= 9


@pytest.mark.parametrize("name", ["people:detail", "people:edit"])
def test_it_shows_one_person_with_a_fixed_number_of_queries(
    world: World, coordinator: Client, name: str
) -> None:
    person = world.participant
    person.referred_by_user = world.users["coordinator"]
    person.save()
    url = reverse(name, args=[person.pk])
    add_consents(world, person, 1)
    few = queries(coordinator, url)

    add_consents(world, person, 30)
    add_people(world, 20)
    many = queries(coordinator, url)

    assert few == many
    # Instead of the consents, the edit form reads the social workers and the partners
    # to choose from.
    assert many <= {"people:detail": 9, "people:edit": 10}[name]
