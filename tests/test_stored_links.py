"""A copy of the database opens nobody's personal page.

After a full round of messages — an invitation, a free message with translations and
feedback, on every channel and in several languages, with the letters printed and posted,
the per-person letter made and the personal page opened — every text column of every table
is read back. None may hold a live token or short code, in any form a person could type,
and no address found in it may open a page.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.apps import apps
from django.core import mail
from django.db import models
from django.test import Client
from django.urls import reverse

from conftest import World
from inbreng.messaging.models import Delivery, Kind
from inbreng.messaging.services import Text
from inbreng.messaging.sms import MemoryGateway
from inbreng.participation import outreach, services
from inbreng.participation.models import PersonalLink
from inbreng.participation.tests.helpers import Build, day
from inbreng.people.models import Channel, Participant

SITE = "http://testserver"
# Anything that looks like a web address or a path of ours, with its query string.
ADDRESS = re.compile(r"(?:https?://[^\s\"'<>]+|/[A-Za-z0-9_./-]*\?[^\s\"'<>]+)")

PEOPLE = [
    # name, channel, language, contact fields
    ("Lea Brief", Channel.LETTER, "fr", {"street": "Kerkstraat 1", "postal_code": "9000"}),
    ("Sam Sms", Channel.SMS, "nl", {"phone": "+32470111222"}),
    ("Amal Sms", Channel.SMS, "ar", {"phone": "+32470111333"}),
    ("Eva Mail", Channel.EMAIL, "nl", {"email": "eva@example.org"}),
    ("Wout Werker", Channel.SOCIAL_WORKER, "ar", {}),
    ("Fien Bel", Channel.PHONE, "nl", {"phone": "+3292345678"}),
]


@pytest.fixture
def build(world: World) -> Build:
    return Build(world)


@pytest.fixture(autouse=True)
def empty_sms_outbox() -> None:
    MemoryGateway.outbox.clear()


def everyone(world: World, build: Build) -> tuple[Any, list[Participant]]:
    group = build.group("Klankbord")
    people = []
    for name, channel, language, fields in PEOPLE:
        person = build.member(group, name)
        Participant.objects.filter(pk=person.pk).update(
            preferred_channel=channel,
            language=language,
            phone=fields.get("phone", ""),
            email=fields.get("email", ""),
            street=fields.get("street", ""),
            postal_code=fields.get("postal_code", ""),
            city="Gent" if "street" in fields else "",
            social_worker=world.users["social_worker"],
        )
        people.append(person)
    return group, people


def free_texts() -> tuple[dict[str, Text], dict[str, dict[str, Any]]]:
    texts = {
        "nl": Text("Nieuws", "Dag {naam}. Kijk op {link}.", "Nieuws: {link}", "nl", True, True),
        "fr": Text("Nouvelles", "Bonjour {naam}. Voir {link}.", "Voir {link}", "fr", True, True),
        "ar": Text("أخبار", "مرحبا {naam}. انظر {link}.", "انظر {link}", "ar", True, True),
    }
    notes = {
        "fr": {"translated_by": "Tolk", "reviewed": True},
        "ar": {"translated_by": "Tolk", "reviewed": True},
    }
    return texts, notes


def send_everything(world: World, build: Build, capture: Any) -> list[Participant]:
    """Every kind of message on every channel, as staff would send and handle them."""
    group, people = everyone(world, build)
    coordinator = world.users["coordinator"]
    # Feedback on a meeting that was held, about input everyone gave.
    held = build.held(group)
    question = build.schedule(held, build.accepted())
    said = [build.say(held, question, f"Ik vind {p.name} iets.", participant=p) for p in people]
    build.answer(question, said, explanation="We passen de flyer aan.", expected_on=day(20))
    # An invitation and a free message (with translations) about the next meeting.
    upcoming = build.meeting(group, 10)
    services.meeting_invite_group(meeting=upcoming, by=coordinator)
    texts, notes = free_texts()
    with capture(execute=True):
        outreach.feedback_send(meeting=held, by=coordinator, site=SITE)
        outreach.meeting_send(meeting=upcoming, kind=Kind.INVITATION, by=coordinator, site=SITE)
        outreach.meeting_send(
            meeting=upcoming,
            kind=Kind.FREE,
            by=coordinator,
            site=SITE,
            custom=texts,
            translations=notes,
        )
    # Staff print and post the letters, make one person's own letter, and call and pass on.
    staff = world.client_for("coordinator")
    for message in {d.message for d in Delivery.objects.select_related("message")}:
        assert staff.get(reverse("messaging:letters", args=[message.pk])).status_code == 200
        staff.post(
            reverse("messaging:letters_printed", args=[message.pk]),
            {"posted_on": day(0).isoformat()},
        )
    assert staff.get(reverse("participation:letter", args=[people[0].pk])).status_code == 200
    worker = world.client_for("social_worker")
    for delivery in Delivery.objects.filter(channel__in=[Channel.PHONE, Channel.SOCIAL_WORKER]):
        if delivery.channel == Channel.PHONE:
            staff.post(reverse("messaging:call_done", args=[delivery.pk]), {"result": "told"})
        else:
            worker.post(reverse("messaging:passed_on", args=[delivery.pk]), {"reply": ""})
    assert Delivery.objects.filter(status=Delivery.Status.DONE, handled_by__isnull=False).exists()
    # The person opens their own page with the link they got by SMS.
    sms = next(m["text"] for m in MemoryGateway.outbox if "/k/?" in m["text"])
    path = ADDRESS.findall(sms)[0].removeprefix(SITE)
    phone = Client()
    assert phone.get(path).status_code == 200
    opened = phone.post(reverse("participation:open_link"), {"k": path.split("?", 1)[1]})
    assert opened.status_code == 302
    return people


def stored_texts() -> list[tuple[str, str]]:
    """(table.column, value) for every text and JSON value in the database."""
    found = []
    for model in apps.get_models():
        if not model._meta.managed:
            # The memory's SQLite-only search index: a copy of managed columns, and no table
            # at all on PostgreSQL.
            continue
        columns = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField, models.JSONField))
        ]
        if not columns:
            continue
        for row in model._default_manager.values_list(*columns):
            for column, value in zip(columns, row, strict=True):
                if value in (None, "", [], {}):
                    continue
                text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                found.append((f"{model._meta.db_table}.{column}", text))
    return found


def secrets_of(links: list[PersonalLink]) -> list[str]:
    """Every live token and short code, in the forms a person could type them."""
    values = []
    for link in links:
        code = services.link_short_code(link)
        values += [services.link_token(link), code, code.upper()]
    return values


def test_no_stored_text_opens_a_personal_page(
    world: World, build: Build, django_capture_on_commit_callbacks: Any
) -> None:
    people = send_everything(world, build, django_capture_on_commit_callbacks)
    live = [link for link in PersonalLink.objects.all() if services.link_is_valid(link)]
    assert {link.participant_id for link in live} >= {p.pk for p in people}
    # What went out did carry working links: the test looks for the right things.
    assert any(services.link_short_code(link) in mail.outbox[0].body for link in live)
    channels = set(Delivery.objects.values_list("channel", flat=True))
    assert channels == set(Channel.values)

    texts = stored_texts()
    assert any(column.startswith("messaging_delivery.") for column, _ in texts)
    secrets = secrets_of(live)
    leaks = [(column, secret) for column, value in texts for secret in secrets if secret in value]
    assert not leaks, f"Live personal links stored in: {sorted({c for c, _ in leaks})}"

    stranger = Client()
    button_paths = (reverse("participation:open_link"), reverse("participation:short_link"))
    for column, value in texts:
        for address in set(ADDRESS.findall(value)):
            path = address.removeprefix(SITE)
            if not path.startswith("/"):
                continue
            response = stranger.get(path)
            opened = response.status_code == 200 and path.startswith(button_paths)
            assert not opened, f"{column} holds an address that opens a page: {path}"
            query = path.partition("?")[2]
            assert services.link_resolve(query.rsplit("t=", 1)[-1]) is None, column
            assert services.link_resolve_short(query) is None, column
