"""E-mail to participants: plain text and simple accessible HTML, from the organisation's
name, answers to a person who reads them, with its language and a real Message-ID host."""

from __future__ import annotations

from email.utils import parseaddr
from typing import Any

from django.core import mail

from conftest import World, make_participant
from inbreng.messaging.models import Delivery
from inbreng.people.models import Channel

from .test_sending import send  # noqa: F401 - the fixture


def emailed(world: World, send: Any, **fields: Any) -> Any:  # noqa: F811
    fields.setdefault("name", "Mila")
    person = make_participant(
        world.org, preferred_channel=Channel.EMAIL, email="mila@example.be", **fields
    )
    send(world, [person])
    (email,) = mail.outbox
    return email, Delivery.objects.get(participant=person)


def test_it_sends_plain_text_and_the_same_text_as_accessible_html(
    world: World,
    send: Any,  # noqa: F811
) -> None:
    email, delivery = emailed(world, send)

    assert email.body.startswith("Dag Mila")
    ((html, kind),) = email.alternatives
    assert kind == "text/html"
    assert '<html lang="nl" dir="ltr">' in html
    assert f"<title>{delivery.subject}</title>" in html
    assert "<p>Dag Mila" in html
    assert '<a href="https://inbreng.test/k/?' in html
    assert "<script" not in html and "<img" not in html


def test_arabic_html_reads_right_to_left(world: World, send: Any) -> None:  # noqa: F811
    email, _delivery = emailed(world, send, language="ar")
    ((html, _kind),) = email.alternatives
    assert '<html lang="ar" dir="rtl">' in html
    assert email.extra_headers["Content-Language"] == "ar"


def test_it_comes_from_the_organisation_and_answers_go_to_the_coordinator(
    world: World,
    send: Any,  # noqa: F811
) -> None:
    coordinator = world.users["coordinator"]
    coordinator.email = "coordinator@testdorp.be"
    coordinator.save()

    email, delivery = emailed(world, send)

    name, address = parseaddr(email.from_email)
    assert name == world.org.name
    assert "@" in address
    assert email.reply_to == ["coordinator@testdorp.be"]
    assert email.extra_headers["Content-Language"] == "nl"
    assert email.extra_headers["Message-ID"] == f"<{delivery.key}@inbreng.test>"
    # As it goes over the wire.
    sent = email.message()
    assert sent["Reply-To"] == "coordinator@testdorp.be"
    assert world.org.name in sent["From"]


def test_answers_go_to_the_organisations_own_address_when_it_has_one(
    world: World,
    send: Any,  # noqa: F811
) -> None:
    world.org.contact_email = "participatie@testdorp.be"
    world.org.save()
    email, _delivery = emailed(world, send)
    assert email.reply_to == ["participatie@testdorp.be"]
