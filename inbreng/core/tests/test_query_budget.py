"""Each page reads the database a fixed number of times, however much data there is."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import World
from inbreng.core.models import AuditEvent, Membership, Partner, Service, User

# Measured as the admin. Every page reads the session, the user, the two-step device and
# the active membership (4); then the page's own reads: the staff list 1, the services or
# partners list 1, the audit log 3 (the "who" choices, the count, one page of events with
# their actors). The start page adds its counts and panels.
BUDGETS = {
    "core:staff": 5,
    "core:audit": 7,
    "core:services": 5,
    "core:partners": 5,
    # The messaging panel counts the outbox work waiting for staff; signals and results add
    # their overdue and stalled lists.
    "core:home": 12,
}


def add_staff(world: World, count: int) -> None:
    start = Membership.objects.count()
    for number in range(count):
        user = User.objects.create_user(
            username=f"extra{start + number}", first_name="Extra", last_name=str(number)
        )
        Membership.objects.create(
            organisation=world.org,
            user=user,
            is_service_contact=number % 2 == 0,
            service=world.service if number % 2 == 0 else None,
            is_partner_worker=number % 2 == 1,
            partner=world.partner if number % 2 == 1 else None,
            is_active=number % 5 != 0,
        )


def add_events(world: World, count: int) -> None:
    actors = list(world.users.values())
    AuditEvent.objects.bulk_create(
        AuditEvent(
            organisation=world.org,
            actor=actors[number % len(actors)],
            action="view",
            object_type="people.participant",
            object_id=str(number),
        )
        for number in range(count)
    )


def add_services_and_partners(world: World, count: int) -> None:
    start = Service.objects.count()
    for number in range(count):
        Service.objects.create(organisation=world.org, name=f"Dienst {start + number}")
        Partner.objects.create(organisation=world.org, name=f"Partner {start + number}")


GROW: dict[str, Callable[[World, int], None]] = {
    "core:staff": add_staff,
    "core:audit": add_events,
    "core:services": add_services_and_partners,
    "core:partners": add_services_and_partners,
    "core:home": add_staff,
}


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", list(BUDGETS))
def test_it_keeps_a_fixed_query_budget(world: World, page: str) -> None:
    client = world.client_for("admin")
    url = reverse(page)
    client.get(url)  # warm up the session
    GROW[page](world, 3)
    few = queries(client, url)
    GROW[page](world, 60)
    many = queries(client, url)
    assert few == many, f"{page}: {few} queries with little data, {many} with more"
    assert many <= BUDGETS[page], f"{page}: {many} queries, budget {BUDGETS[page]}"


def test_it_keeps_the_audit_budget_when_filtered_and_paged(world: World) -> None:
    client = world.client_for("admin")
    add_events(world, 120)
    url = reverse("core:audit")
    client.get(url)
    actor = world.member("coordinator").pk
    filtered = queries(client, f"{url}?action=view&actor={actor}&since=2020-01-01&pagina=2")
    # One more: the chosen "who" is looked up to check it belongs to the organisation.
    assert filtered == BUDGETS["core:audit"] + 1
