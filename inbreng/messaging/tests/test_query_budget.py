"""Each messaging page reads the database a fixed number of times, however many people a
message went to."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from conftest import World, make_participant
from inbreng.messaging import services
from inbreng.messaging.models import Delivery, Kind, MessageTemplate
from inbreng.participation.tests.helpers import count_queries
from inbreng.people.models import Channel, Participant

ADDRESS = {"street": "Kerkstraat 1", "postal_code": "9000", "city": "Gent"}


def people(world: World, count: int, start: int = 0) -> list[Participant]:
    """`count` people, each reached another way: e-mail, letter, phone, social worker, none."""
    made = []
    for n in range(start, start + count):
        kind = n % 5
        fields: dict[str, Any] = {"phone": ""}
        if kind == 0:
            fields.update(preferred_channel=Channel.EMAIL, email=f"p{n}@example.be")
        elif kind == 1:
            fields.update(preferred_channel=Channel.LETTER, **ADDRESS)
        elif kind == 2:
            fields.update(preferred_channel=Channel.PHONE, phone=f"+3292{n:06d}")
        elif kind == 3:
            fields.update(
                preferred_channel=Channel.SOCIAL_WORKER,
                social_worker=world.users["social_worker"],
            )
        made.append(make_participant(world.org, name=f"Persoon{n} Achternaam", **fields))
    return made


def send(world: World, recipients: list[Participant], title: str = "Praatcafé") -> Any:
    # E-mail stays queued here (nobody runs the on-commit delivery): the pages show it as
    # "being sent", which reads as much as "sent".
    return services.message_send(
        organisation=world.org,
        kind=Kind.INVITATION,
        title=title,
        recipients=[
            services.Recipient(p, link=f"https://inbreng.test/p/{p.pk}") for p in recipients
        ],
        context={"onderwerp": title, "plaats": "Buurthuis"},
        by=world.users["coordinator"],
        ref="meeting:1",
    )


def callers(world: World, count: int, start: int) -> list[Participant]:
    return [
        make_participant(
            world.org,
            name=f"Beller{n} Achternaam",
            preferred_channel=Channel.PHONE,
            phone=f"+3293{n:06d}",
        )
        for n in range(start, start + count)
    ]


def via_worker(world: World, count: int, start: int) -> list[Participant]:
    return [
        make_participant(
            world.org,
            name=f"Cliënt{n} Achternaam",
            preferred_channel=Channel.SOCIAL_WORKER,
            phone="",
            social_worker=world.users["social_worker"],
        )
        for n in range(start, start + count)
    ]


def outbox(world: World, size: int, start: int) -> str:
    for n in range(size):
        send(world, people(world, 2, start + 2 * n), title=f"Bericht {start + n}")
    return reverse("messaging:outbox")


def message(world: World, size: int, start: int) -> str:
    return reverse("messaging:message", args=[send(world, people(world, size, start)).pk])


def message_filtered(world: World, size: int, start: int) -> str:
    return message(world, size, start) + "?status=to_call"


def phone_list(world: World, size: int, start: int) -> str:
    return reverse("messaging:phone_list", args=[send(world, callers(world, size, start)).pk])


def pass_on(world: World, size: int, start: int) -> str:
    send(world, via_worker(world, size, start))
    return reverse("messaging:pass_on")


def templates(world: World, size: int, start: int) -> str:
    kinds = [k for k in Kind if k != Kind.FREE]
    for n in range(start, start + size):
        kind, language = kinds[n % len(kinds)], ["nl", "fr", "en", "ar"][n // len(kinds) % 4]
        MessageTemplate.objects.get_or_create(
            organisation=world.org,
            kind=kind,
            language=language,
            defaults={"subject": "Onderwerp", "body": "Dag {naam}.", "sms": "Dag {naam}."},
        )
    return reverse("messaging:templates")


def jargon(world: World, size: int, start: int) -> str:
    for n in range(start, start + size):
        services.jargon_add(organisation=world.org, term=f"vakwoord{n}", alternative="gewoon")
    return reverse("messaging:jargon")


Grow = Callable[[World, int, int], str]

# Every staff page reads the session, the user, the two-step device and the active
# membership (4), then its own data (permissions come from roles: no query). Measured on
# SQLite; the budgets are what the pages need today, so any new query shows up here.
PAGES: dict[str, tuple[str, Grow, int]] = {
    # Count for the pages, the messages, their deliveries per status in one grouped query.
    "outbox": ("coordinator", outbox, 7),
    # The message, its counts per status, the audit record, the count and the page of people.
    "message": ("coordinator", message, 9),
    "message-filtered": ("coordinator", message_filtered, 9),
    # The message, the audit record, the people to call with their names.
    "phone-list": ("coordinator", phone_list, 7),
    # The worker's deliveries with person and message, the audit record.
    "pass-on": ("social_worker", pass_on, 6),
    # One query per kind of message for the organisation's own texts (6 kinds).
    "templates": ("coordinator", templates, 5),
    # Whether the list is the organisation's own, then the list.
    "jargon": ("coordinator", jargon, 6),
}


@pytest.mark.parametrize("page", PAGES, ids=list(PAGES))
def test_it_keeps_the_page_within_its_query_budget(world: World, page: str) -> None:
    role, grow, budget = PAGES[page]
    client = world.client_for(role)

    few = count_queries(client, grow(world, 5, 0))
    many = count_queries(client, grow(world, 50, 1000))

    assert (few, many) == (budget, budget)


def test_the_phone_list_and_pass_on_list_show_everyone(world: World) -> None:
    """The budget is not kept by leaving people out."""
    client = world.client_for("coordinator")
    page = client.get(phone_list(world, 50, 0)).content.decode()
    assert page.count('action="/berichten/gebeld/') == 50
    worker = world.client_for("social_worker")
    page = worker.get(pass_on(world, 50, 100)).content.decode()
    assert page.count('action="/berichten/doorgegeven/') == 50
    assert Delivery.objects.filter(status=Delivery.Status.TO_PASS_ON).count() == 50
