"""The phone list and the social worker's pass-on list: what to say, in the person's language
and in Dutch, and a result for every call.

A call saved without a result is refused next to the field, keeping what was chosen: the
person must never silently drop off the list. The call script is written to be spoken: no
web address to read aloud.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from html.parser import HTMLParser
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from conftest import World, make_participant
from inbreng.core.tests.helpers import dutch, field_error, text, texts
from inbreng.lib.script import is_written_in
from inbreng.messaging import services
from inbreng.messaging.models import Delivery, Kind, Message
from inbreng.messaging.services import Recipient
from inbreng.messaging.tests.test_sms_fits import _outside_isolates
from inbreng.participation import outreach
from inbreng.participation.models import Invitation
from inbreng.participation.tests.helpers import Build
from inbreng.people.models import Channel, Participant

LANGUAGES = ["nl", "fr", "en", "ar"]
LINK = "https://inbreng.example.be/p/?t=abcdefghijklmnopqrstuvwxyz0123456789"
PHONE = "09 123 45 67"
CONTEXT = {
    "onderwerp": "Praatcafé",
    "datum": datetime(2026, 12, 4, 14, 0, tzinfo=ZoneInfo("Europe/Brussels")),
    "uur": "14:00 – 16:00",
    "plaats": "Sociaal Huis, Kerkstraat 12",
    "meebrengen": "niets speciaals",
    "belofte": "",
}


# Reading the page ------------------------------------------------------------------------------


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: list[str] = field(default_factory=list)

    @property
    def content(self) -> str:
        return " ".join(" ".join(self.text).split())


class _Elements(HTMLParser):
    """Every element with its attributes and its own text and that of its children."""

    VOID = {"input", "br", "img", "meta", "link", "hr", "source", "wbr", "col", "area", "embed"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Element] = []
        self.open: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.found.append(element)
        if tag not in self.VOID:
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index].tag == tag:
                del self.open[index:]
                break

    def handle_data(self, data: str) -> None:
        for element in self.open:
            element.text.append(data)


def elements(response: Any) -> list[Element]:
    parser = _Elements()
    parser.feed(response.content.decode())
    return parser.found


def by_id(response: Any, element_id: str) -> Element:
    found = [e for e in elements(response) if e.attrs.get("id") == element_id]
    assert len(found) == 1, element_id
    return found[0]


def language_blocks(response: Any) -> list[Element]:
    """The blocks in <main> that carry their own language (lang on a div)."""
    return [e for e in elements(response) if e.tag == "div" and "lang" in e.attrs]


# Data --------------------------------------------------------------------------------------------


def caller(world: World, name: str = "Fien Bel", **fields: Any) -> Participant:
    return make_participant(
        world.org, name=name, preferred_channel=Channel.PHONE, phone="+3292345678", **fields
    )


def client_of(world: World) -> Participant:
    return make_participant(
        world.org,
        name="Amal Haddad",
        preferred_channel=Channel.SOCIAL_WORKER,
        phone="",
        social_worker=world.users["social_worker"],
        language="ar",
    )


def send(world: World, people: list[Participant], kind: str = Kind.INVITATION) -> Message:
    return services.message_send(
        organisation=world.org,
        kind=kind,
        title="Praatcafé",
        recipients=[Recipient(p, link=LINK) for p in people],
        context=CONTEXT,
        by=world.users["coordinator"],
    )


@pytest.fixture
def coordinator(world: World) -> Client:
    return world.client_for("coordinator")


@pytest.fixture
def with_number(world: World) -> World:
    world.org.contact_phone = PHONE
    world.org.contact_hours = "maandag tot vrijdag, 9 tot 12 uur"
    world.org.save()
    return world


# The call script -------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", [k for k in Kind if k not in (Kind.FREE, Kind.FEEDBACK)])
def test_a_call_script_holds_no_web_address_and_the_number_to_call_back(
    with_number: World, kind: str, language: str
) -> None:
    person = caller(with_number, language=language)
    send(with_number, [person], kind)

    script = Delivery.objects.get(participant=person).script

    assert "http" not in script
    assert "inbreng.example.be" not in script
    assert "<<" not in script and "{" not in script
    assert "Fien" in script
    assert PHONE in script  # to call back


@pytest.mark.parametrize("kind", [Kind.INVITATION, Kind.REMINDER, Kind.CHANGE])
def test_the_dutch_script_asks_the_answer_as_questions_and_reads_easily(
    world: World, kind: str
) -> None:
    person = caller(world)
    send(world, [person], kind)
    script = Delivery.objects.get(participant=person).script

    for question in (
        "Kom je? Ja, nee of misschien?",
        "Heb je opvang nodig voor je kinderen?",
        "Heb je vervoer nodig?",
        "Heb je een tolk nodig?",
    ):
        assert question in script
    report = services.plain_report(world.org, script)
    assert report.average_sentence_length <= 12
    assert report.longest_sentence_length <= 20


def test_every_built_in_dutch_call_script_passes_the_checker(world: World) -> None:
    from inbreng.messaging.scripts import PHONE_SCRIPTS

    for kind, scripts in PHONE_SCRIPTS.items():
        report = services.plain_report(world.org, scripts["nl"])
        assert report.passes(world.org.plain_language_min_score), (kind, report)
        assert report.average_sentence_length <= 12, kind
        assert report.longest_sentence_length <= 20, kind
        assert set(scripts) == set(LANGUAGES), kind


# The phone list ---------------------------------------------------------------------------------


def test_the_phone_list_shows_the_script_and_the_number_to_call(
    with_number: World, coordinator: Client
) -> None:
    person = caller(with_number)
    message = send(with_number, [person])

    page = coordinator.get(reverse("messaging:phone_list", args=[message.pk]))

    to_say = text(page, cls="call-script")
    assert to_say.startswith(dutch("What to say"))
    assert "Dag Fien." in to_say
    assert "Ik bel je over Praatcafé." in to_say
    assert "Kom je? Ja, nee of misschien?" in to_say
    assert "http" not in to_say
    assert PHONE in to_say
    # The answer fields are the questions the script asks.
    assert text(page, tag="legend") == dutch("Do you come?")
    delivery = Delivery.objects.get(participant=person)
    labels = texts(page, tag="label")
    assert dutch("Do you need childcare? For how many children?") in labels
    assert dutch("Do you need transport?") in labels
    assert by_id(page, f"call-{delivery.pk}-children").attrs["value"] == "0"


def test_an_empty_save_is_refused_next_to_the_field_and_keeps_what_was_chosen(
    world: World, coordinator: Client
) -> None:
    person = caller(world)
    other = caller(world, name="Jan Bel")
    message = send(world, [person, other])
    call = Delivery.objects.get(participant=person)

    response = coordinator.post(
        reverse("messaging:call_done", args=[call.pk]),
        {"children": "2", "needs_transport": "on", "interpreter_language": "Arabisch"},
    )

    assert response.status_code == 200
    error = text(response, id=f"call-{call.pk}-reply_error")
    assert error == dutch("Choose what the person answered, or tick “Could not reach the person”.")
    # The error is inside this person's card, right at the question.
    card = by_id(response, f"call-{call.pk}")
    assert card.content.startswith("Fien Bel")
    fieldset = [
        e
        for e in elements(response)
        if e.tag == "fieldset" and e.attrs.get("aria-describedby") == f"call-{call.pk}-reply_error"
    ]
    assert len(fieldset) == 1 and error in fieldset[0].content
    # What was chosen is still there.
    assert by_id(response, f"call-{call.pk}-children").attrs["value"] == "2"
    assert "checked" in by_id(response, f"call-{call.pk}-needs_transport").attrs
    assert by_id(response, f"call-{call.pk}-interpreter_language").attrs["value"] == "Arabisch"
    # The summary at the top links to the question.
    assert f'href="#call-{call.pk}-reply_0"' in response.content.decode()
    # Jan's card is untouched; both are still on the list.
    jan = Delivery.objects.get(participant=other)
    assert by_id(response, f"call-{jan.pk}-children").attrs["value"] == "0"
    assert "checked" not in by_id(response, f"call-{jan.pk}-needs_transport").attrs
    assert set(message.deliveries.values_list("status", flat=True)) == {Delivery.Status.TO_CALL}


def test_an_answer_and_not_reached_together_are_refused_keeping_both(
    world: World, coordinator: Client
) -> None:
    person = caller(world)
    send(world, [person])
    call = Delivery.objects.get(participant=person)

    response = coordinator.post(
        reverse("messaging:call_done", args=[call.pk]), {"reply": "yes", "not_reached": "on"}
    )

    assert response.status_code == 200
    assert text(response, id=f"call-{call.pk}-not_reached_error") == dutch(
        "You chose an answer and ticked “Could not reach the person”. Choose one."
    )
    assert "checked" in by_id(response, f"call-{call.pk}-reply_0").attrs  # "yes"
    assert "checked" in by_id(response, f"call-{call.pk}-not_reached").attrs
    call.refresh_from_db()
    assert call.status == Delivery.Status.TO_CALL


def test_a_refused_save_of_a_real_invitation_records_nothing(
    world: World, coordinator: Client
) -> None:
    build = Build(world)
    group = build.group("Praatgroep")
    meeting = build.meeting(group, 7, title="Praatcafé")
    person = build.member(group, "Fien Bel")
    Participant.objects.filter(pk=person.pk).update(
        preferred_channel=Channel.PHONE, phone="+3292345678"
    )
    coordinator.post(reverse("participation:invite", args=[meeting.pk]))
    outreach.meeting_send(
        meeting=meeting, kind=Kind.INVITATION, by=build.coordinator, site="https://inbreng.test"
    )
    call = Delivery.objects.get(participant=person)

    coordinator.post(reverse("messaging:call_done", args=[call.pk]), {"children": "3"})

    invitation = Invitation.objects.get(meeting=meeting, participant=person)
    assert (invitation.reply, invitation.children) == (Invitation.Reply.UNKNOWN, 0)
    # With the answer, it is saved and the person leaves the list.
    done = coordinator.post(
        reverse("messaging:call_done", args=[call.pk]), {"reply": "yes", "children": "3"}
    )
    assert done.status_code == 302
    invitation.refresh_from_db()
    assert (invitation.reply, invitation.children) == (Invitation.Reply.YES, 3)


def test_feedback_on_the_phone_is_told_or_not_reached(world: World, coordinator: Client) -> None:
    person = caller(world)
    message = send(world, [person], Kind.FEEDBACK)
    call = Delivery.objects.get(participant=person)
    url = reverse("messaging:call_done", args=[call.pk])

    page = coordinator.get(reverse("messaging:phone_list", args=[message.pk]))
    assert dutch("Do you come?") not in text(page, tag="main")
    assert text(page, tag="legend") == dutch("How did the call go?")

    refused = coordinator.post(url, {})
    assert refused.status_code == 200
    assert text(refused, id=f"call-{call.pk}-result_error") == dutch(
        "Say whether you told the person, or could not reach them."
    )
    not_reached = coordinator.post(url, {"result": "not_reached"})
    assert not_reached.status_code == 302
    call.refresh_from_db()
    assert call.status == Delivery.Status.TO_CALL

    told = coordinator.post(url, {"result": "told"})

    assert told.status_code == 302
    call.refresh_from_db()
    assert (call.status, call.answer) == (Delivery.Status.DONE, "")


def test_a_caller_sees_the_persons_language_and_dutch_side_by_side(
    world: World, coordinator: Client
) -> None:
    person = caller(world, name="Amal Haddad", language="ar")
    message = send(world, [person])

    page = coordinator.get(reverse("messaging:phone_list", args=[message.pk]))

    blocks = language_blocks(page)
    assert [(b.attrs["lang"], b.attrs["dir"]) for b in blocks] == [("ar", "rtl"), ("nl", "ltr")]
    arabic, dutch_text = blocks[0].content, blocks[1].content
    assert is_written_in(arabic, "ar")
    assert arabic.startswith("مرحبا")
    assert "Dag Amal," in dutch_text
    assert "http" not in arabic + dutch_text
    # The staff instruction names the language and stands outside both texts.
    assert "Arabisch" in text(page, tag="main")
    assert "Arabisch" not in arabic + dutch_text


def test_an_old_delivery_without_a_script_is_read_without_its_web_address(
    world: World, coordinator: Client
) -> None:
    person = caller(world)
    message = send(world, [person])
    Delivery.objects.filter(participant=person).update(
        script="", body=f"Dag Fien,\nKom je? Zeg het op je eigen pagina: {LINK}\nTot dan!"
    )

    page = coordinator.get(reverse("messaging:phone_list", args=[message.pk]))

    to_say = text(page, cls="call-script")
    assert "Zeg het op je eigen pagina." in to_say
    assert "http" not in to_say


# The pass-on list ---------------------------------------------------------------------------------


def test_the_pass_on_list_shows_dutch_and_arabic_side_by_side(world: World) -> None:
    person = client_of(world)
    send(world, [person])
    worker = world.client_for("social_worker")

    page = worker.get(reverse("messaging:pass_on"))

    blocks = language_blocks(page)
    assert [(b.attrs["lang"], b.attrs["dir"]) for b in blocks] == [("nl", "ltr"), ("ar", "rtl")]
    dutch_text, arabic = blocks[0].content, blocks[1].content
    assert dutch_text.startswith("Dag Amal,")
    assert "Praatcafé" in dutch_text
    assert arabic.startswith("دعوة:")  # the Arabic subject, then the Arabic text
    assert "مرحبا" in arabic
    # No Dutch inside the Arabic block: Dutch names and places are bidi isolates.
    outside = _outside_isolates(arabic)
    assert not any("a" <= c.lower() <= "z" for c in outside), outside
    assert "\u2068Praatcafé\u2069" in arabic
    # Each text has its own heading, in Dutch, outside the texts.
    headings = [e.content for e in elements(page) if e.tag == "h3"]
    assert headings[0] == dutch("In Dutch")
    assert "Arabisch" in headings[1]
    # The worker is told what to do, in plain words and outside both texts.
    main = text(page, tag="main")
    assert "Amal" in main.split(dutch_text)[0]


def test_the_pass_on_list_for_a_dutch_reader_shows_one_text(world: World) -> None:
    person = make_participant(
        world.org,
        name="Wout Werker",
        preferred_channel=Channel.SOCIAL_WORKER,
        phone="",
        social_worker=world.users["social_worker"],
    )
    message = send(world, [person])

    page = world.client_for("social_worker").get(reverse("messaging:pass_on"))

    blocks = language_blocks(page)
    assert [(b.attrs["lang"], b.attrs["dir"]) for b in blocks] == [("nl", "ltr")]
    assert blocks[0].content.startswith("Uitnodiging: Praatcafé Dag Wout,")
    assert "Dag Wout," in text(page, cls="card--plain")
    assert texts(page, tag="h2") == [f"Wout Werker: {message.title}"]


def test_passing_on_with_a_wrong_number_of_children_keeps_the_answer(world: World) -> None:
    person = client_of(world)
    send(world, [person])
    task = Delivery.objects.get(participant=person)
    worker = world.client_for("social_worker")

    response = worker.post(
        reverse("messaging:passed_on", args=[task.pk]), {"reply": "yes", "children": "99"}
    )

    assert response.status_code == 200
    assert text(response, id=f"pass-{task.pk}-children_error")
    assert by_id(response, f"pass-{task.pk}-children").attrs["value"] == "99"
    assert "checked" in by_id(response, f"pass-{task.pk}-reply_0").attrs
    task.refresh_from_db()
    assert task.status == Delivery.Status.TO_PASS_ON


def test_feedback_to_pass_on_asks_no_meeting_answer(world: World) -> None:
    person = client_of(world)
    send(world, [person], Kind.FEEDBACK)

    page = world.client_for("social_worker").get(reverse("messaging:pass_on"))

    assert 'name="reply"' not in page.content.decode()
    assert field_error(page, "reply") == ""
