"""The template editor counts each SMS as people get it, needs a reason for more than two text
messages, and takes a call script written to be spoken."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from conftest import World
from inbreng.core.tests.helpers import dutch, dutch_count, field_error, messages_shown, text
from inbreng.lib import gsm
from inbreng.messaging import sms_length
from inbreng.messaging.defaults import DEFAULTS
from inbreng.messaging.models import Kind, MessageTemplate
from inbreng.messaging.scripts import PHONE_SCRIPTS
from inbreng.messaging.tests.test_phone_and_pass_on import by_id, elements
from inbreng.messaging.tests.test_views import nl, table_rows
from inbreng.participation.tests.helpers import count_queries

# About 400 characters once filled in: three GSM-7 text messages.
LONG_SMS = (
    "Dag {naam}. We nodigen je uit voor {onderwerp} op {datum} om {uur} in {plaats}. "
    "Er is koffie en iets te eten, en er is opvang voor de kinderen als je dat vraagt. "
    "Breng {meebrengen} mee. Kom je? Antwoord met JA, NEE of MISSCHIEN. "
    "Je kan ook bellen of langskomen bij het onthaal. Alles staat ook op je pagina: {link}"
)
REASON = "De raad wil alle uitleg in de sms."
# Session, user, two-step device, membership (permissions come from roles: no query); the
# organisation's own text; its texts of this kind.
EDITOR_BUDGET = 6
# Session, user, two-step device, membership: counting reads nothing else.
COUNT_BUDGET = 4


@pytest.fixture
def coordinator(world: World) -> Client:
    return world.client_for("coordinator")


def url(kind: str = "invitation", language: str = "nl") -> str:
    return reverse("messaging:template_edit", args=[kind, language])


def post(**fields: Any) -> dict[str, Any]:
    data = {
        "subject": "Uitnodiging: {onderwerp}",
        "body": "Dag {naam}.\n\nKom je naar {onderwerp}? Het is op {datum}.",
        "sms": "Dag {naam}. Kom je? {link}",
    }
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}


def too_long(parts: int) -> str:
    with translation.override("nl"):
        return translation.ngettext(
            "This SMS takes %(count)d text message. Make it shorter, or say why it must be "
            "this long.",
            "This SMS takes %(count)d text messages. Make it shorter, or say why it must be "
            "this long.",
            parts,
        ) % {"count": parts}


def parts_shown(characters: int, parts: int) -> str:
    with translation.override("nl"):
        return translation.ngettext(
            "%(characters)s characters: %(counter)s text message.",
            "%(characters)s characters: %(counter)s text messages.",
            parts,
        ) % {"characters": characters, "counter": parts}


def test_the_count_of_a_long_sms_is_what_people_get(world: World) -> None:
    found = sms_length.measure(world.org, LONG_SMS, "nl")
    assert found.encoding == "gsm7"
    assert found.parts == 3, found


def test_a_three_part_sms_is_refused_without_a_reason_and_kept(
    world: World, coordinator: Client
) -> None:
    response = coordinator.post(url(), post(sms=LONG_SMS))

    assert response.status_code == 200
    assert field_error(response, "sms_reason") == too_long(3)
    assert text(response, id="id_sms") == LONG_SMS
    assert not MessageTemplate.objects.filter(organisation=world.org).exists()
    # The count under the field says so too, without JavaScript.
    count = text(response, id="sms-count-sms")
    found = sms_length.measure(world.org, LONG_SMS, "nl")
    assert parts_shown(found.characters, 3) in count
    assert (
        dutch(
            "More than two text messages. Make it shorter, or write below why it must be this long."
        )
        in count
    )

    accepted = coordinator.post(url(), post(sms=LONG_SMS, sms_reason=REASON))

    assert accepted["Location"] == reverse("messaging:templates")
    saved = MessageTemplate.objects.get(organisation=world.org, kind="invitation", language="nl")
    assert (saved.sms, saved.sms_reason) == (LONG_SMS, REASON)
    assert dutch("The text is saved.") in messages_shown(coordinator.get(accepted["Location"]))


def test_every_problem_shows_at_once_next_to_its_field(world: World, coordinator: Client) -> None:
    response = coordinator.post(
        url(), post(sms=LONG_SMS, phone="Dag {naam}. Kijk op {link}. Tot dan.")
    )

    assert field_error(response, "sms_reason")
    assert field_error(response, "phone") == dutch("A call script is spoken: leave out {link}.")
    assert text(response, id="id_phone") == "Dag {naam}. Kijk op {link}. Tot dan."


def test_the_editor_shows_the_count_and_the_other_languages(
    world: World, coordinator: Client
) -> None:
    page = coordinator.get(url())

    count = text(page, id="sms-count-sms")
    found = sms_length.measure(world.org, DEFAULTS["invitation"]["nl"].sms, "nl")
    assert found.parts <= 2
    assert parts_shown(found.characters, found.parts) in count
    # The other languages, each with characters and parts.
    table = text(page, tag="table")
    for language in ("fr", "en", "ar"):
        other = sms_length.measure(world.org, DEFAULTS["invitation"][language].sms, language)
        assert f"{other.characters} {other.parts}" in table
    assert "Arabisch" in table
    arabic = sms_length.measure(world.org, DEFAULTS["invitation"]["ar"].sms, "ar")
    assert arabic.encoding == gsm.UCS2


def test_the_live_count_follows_the_text_and_its_language(coordinator: Client) -> None:
    response = coordinator.post(
        reverse("messaging:sms_count"),
        {"field": "sms", "language": "ar", "sms": "مرحبا {naam}. " * 8},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    shown = text(response, cls="sms-count")
    assert (
        dutch(
            "The text has letters outside the SMS alphabet, such as Arabic. So one text message "
            "holds 70 characters instead of 160."
        )
        in shown
    )
    empty = coordinator.post(reverse("messaging:sms_count"), {"field": "sms", "sms": " "})
    assert empty.status_code == 200
    assert text(empty, cls="sms-count") == ""
    odd = coordinator.post(
        reverse("messaging:sms_count"), {"field": "nothing", "language": "xx", "sms": "{"}
    )
    assert odd.status_code == 200


def test_the_sms_field_updates_its_count_while_typing(coordinator: Client) -> None:
    field = by_id(coordinator.get(url("reminder", "fr")), "id_sms")

    assert field.attrs["data-hx-post"] == reverse("messaging:sms_count")
    assert field.attrs["data-hx-target"] == "#sms-count-sms"
    assert '"language": "fr"' in field.attrs["data-hx-vals"]


def test_the_call_script_starts_from_the_built_in_one_and_is_saved(
    world: World, coordinator: Client
) -> None:
    page = coordinator.get(url())
    assert text(page, id="id_phone") == " ".join(PHONE_SCRIPTS["invitation"]["nl"].split())
    assert 'id="plain-check-phone"' in page.content.decode()
    script = "Dag {naam}.\nIk bel je over {onderwerp}.\nKom je?"

    response = coordinator.post(url(), post(phone=script))

    assert response.status_code == 302
    saved = MessageTemplate.objects.get(organisation=world.org)
    assert saved.phone == script


def test_a_call_script_with_a_web_address_is_refused(world: World, coordinator: Client) -> None:
    typed = "Dag {naam}. Kijk op https://inbreng.example.be."

    response = coordinator.post(url("reminder", "en"), post(phone=typed))

    assert response.status_code == 200
    assert field_error(response, "phone") == dutch(
        "A call script is spoken: leave out the web address."
    )
    assert text(response, id="id_phone") == typed
    assert not MessageTemplate.objects.exists()


def test_a_hard_dutch_call_script_needs_the_reason(world: World, coordinator: Client) -> None:
    hard = (
        "Overeenkomstig de bepalingen van het reglement betreffende de organisatie van "
        "participatietrajecten wordt u hierbij verzocht om uw aanwezigheid op de eerstvolgende "
        "bijeenkomst van de adviesraad telefonisch te bevestigen."
    )

    response = coordinator.post(url(), post(phone=hard))

    assert field_error(response, "plain_override_reason")
    assert text(response, id="plain-check-phone")  # the report under the script
    assert not MessageTemplate.objects.exists()


def test_an_empty_call_script_uses_the_built_in_one(world: World, coordinator: Client) -> None:
    coordinator.post(url(), post(phone=""))
    saved = MessageTemplate.objects.get(organisation=world.org)
    assert saved.phone == ""

    page = coordinator.get(url())

    assert text(page, id="id_phone") == ""
    assert "Kom je? Ja, nee of misschien?" in text(page, tag="main")


def test_the_arabic_texts_carry_their_own_language_and_direction(coordinator: Client) -> None:
    page = coordinator.get(url("invitation", "ar"))

    for name in ("subject", "body", "sms", "phone"):
        attrs = by_id(page, f"id_{name}").attrs
        assert (attrs["lang"], attrs["dir"]) == ("ar", "rtl"), name
    # The labels and the checks around them stay in the page's language.
    form = [e for e in _forms(page) if "lang" in e]
    assert form == []


def _forms(response: Any) -> list[dict[str, str]]:
    return [e.attrs for e in elements(response) if e.tag == "form"]


def test_the_text_list_marks_an_sms_that_is_too_long(world: World, coordinator: Client) -> None:
    MessageTemplate.objects.create(
        organisation=world.org,
        kind=Kind.REMINDER,
        language="nl",
        subject="Niet vergeten",
        body="Dag {naam}.",
        sms=LONG_SMS,
        sms_reason=REASON,
    )

    page = coordinator.get(reverse("messaging:templates"))

    three = dutch_count("SMS: %(counter)s text message", "SMS: %(counter)s text messages", 3)
    reminder = {row[0]: row[1:] for row in table_rows(page)}[nl(Kind.REMINDER.label)]
    assert reminder[0].endswith(three)
    assert three not in reminder[1]
    marked = [
        e.content
        for e in elements(page)
        if {"sms-parts", "status--overdue"} <= set(e.attrs.get("class", "").split())
    ]
    assert three in marked


def test_the_editor_and_the_live_count_keep_their_query_budget(
    world: World, coordinator: Client
) -> None:
    for n, language in enumerate(["nl", "fr", "en", "ar"]):
        MessageTemplate.objects.create(
            organisation=world.org,
            kind=Kind.INVITATION,
            language=language,
            subject=f"Onderwerp {n}",
            body="Dag {naam}.",
            sms="Dag {naam}. {link}",
        )
    assert count_queries(coordinator, url()) == count_queries(coordinator, url("reminder", "ar"))
    assert count_queries(coordinator, url()) == EDITOR_BUDGET
    with CaptureQueriesContext(connection) as queries:
        coordinator.post(reverse("messaging:sms_count"), {"field": "sms", "sms": LONG_SMS})
    assert len(queries) == COUNT_BUDGET
