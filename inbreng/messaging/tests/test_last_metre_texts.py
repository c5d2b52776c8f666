"""What a participant and the person who calls or visits them read: read back as they get it.

A day promised in a text that is over by the time the text is read says the answer is late;
"what to bring" is in the person's language; the caller says who they are and sees which
language to speak; the QR code on a letter has a text alternative; the SMS count in the editor
is not lower than the SMS that really goes out.
"""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from conftest import World, make_participant
from inbreng.core import dates
from inbreng.core.tests.helpers import text
from inbreng.groups import services as group_services
from inbreng.groups.models import GroupMembership
from inbreng.lib import gsm
from inbreng.messaging import services, sms_length
from inbreng.messaging.defaults import DEFAULTS
from inbreng.messaging.items import answer_late, decision_late, items_text
from inbreng.messaging.models import Delivery, Kind, Message
from inbreng.messaging.services import Recipient
from inbreng.messaging.tests.test_letters import Letters, letters, pdf_pages, shows  # noqa: F401
from inbreng.participation import outreach
from inbreng.participation import services as participation
from inbreng.participation.tests.helpers import Build
from inbreng.people.models import Channel, Participant

LINK = "https://inbreng.example.be/k/?abcdefghijkl"
CONTEXT = {
    "onderwerp": "Praatcafé",
    "datum": datetime(2026, 12, 4, 14, 0, tzinfo=ZoneInfo("Europe/Brussels")),
    "uur": "14:00 - 16:00",
    "plaats": "Sociaal Huis, Kerkstraat 12",
    "meebrengen": "",
    "belofte": "",
}
TITLE = "Is de nieuwe flyer duidelijk?"
LATE_ANSWER = "The answer is late. We will let you know as soon as possible."
LATE_DECISION = "The decision is late. We will let you know as soon as possible."


def in_language(language: str, message: str) -> str:
    with translation.override(language):
        return translation.gettext(message)


def waiting(due_on: date) -> dict[str, Any]:
    """Input that waits for its answer, due on `due_on`."""
    return {
        "question": 1,
        "question_title": TITLE,
        "said": "De letters zijn te klein.",
        "said_by": "me",
        "answer": None,
        "due_on": due_on.isoformat(),
    }


def studying(expected_on: date) -> dict[str, Any]:
    """An answer that says the service studies it and decides by `expected_on`."""
    return {
        "question": 2,
        "question_title": "Hoe vind je de wachtzaal?",
        "said": "Te weinig stoelen.",
        "said_by": "me",
        "answer": 7,
        "status": "studying",
        "status_text": "We bekijken het.",
        "reasons": "We zoeken stoelen.",
        "expected_on": expected_on.isoformat(),
    }


def yesterday() -> date:
    return timezone.localdate() - timedelta(days=1)


def promised(language: str, due_on: date, *, fmt: str = dates.LONG_DATE) -> str:
    """The promise an older text made, in the date format it was written in."""
    from django.utils import formats

    with translation.override(language):
        return translation.gettext("No answer yet. You get an answer by %(day)s.") % {
            "day": formats.date_format(due_on, fmt)
        }


# 2. A day that is over is not promised -----------------------------------------------------


@pytest.mark.parametrize("language", ["nl", "fr", "ar"])
def test_a_text_says_the_answer_is_late_once_the_day_is_over(language: str) -> None:
    over = yesterday()
    with translation.override(language):
        said = items_text([waiting(over), studying(over)])
        late_answer, late_decision = answer_late(), decision_late()
        day = dates.long_date(over)

    assert late_answer in said
    assert late_decision in said
    # No day that is over is promised.
    assert day not in said


def test_a_day_still_to_come_is_promised_with_its_weekday() -> None:
    soon = timezone.localdate() + timedelta(days=10)
    with translation.override("nl"):
        said = items_text([waiting(soon)])
        weekday = dates.long_date(soon).split()[0]

    assert promised("nl", soon) in said
    assert weekday in said  # "donderdag 3 december 2026"
    assert str(soon.year) in said


def feedback_to(world: World, person: Participant, due_on: date) -> Message:
    """Feedback sent while `due_on` was still to come: its text promises that day (written
    the way texts were written then, without the weekday)."""
    items = [waiting(due_on), studying(due_on)]
    values = {}
    for language in {"nl", person.language}:
        with translation.override(language):
            promise = promised(language, due_on, fmt="j F Y")
            decide = translation.gettext("We decide by %(day)s.") % {
                "day": date_format(due_on, "j F Y")
            }
            plain = items_text(items).replace(answer_late(), promise)
            plain = plain.replace(decision_late(), decide)
            plain = plain.replace(dates.long_date(due_on), date_format(due_on, "j F Y"))
        values[language] = {"antwoorden": plain}
    message = services.message_send(
        organisation=world.org,
        kind=Kind.FEEDBACK,
        title="Praatcafé · terugkoppeling",
        recipients=[Recipient(person, link=LINK, items=items, values=values)],
        context=CONTEXT,
        by=world.users["coordinator"],
    )
    script = Delivery.objects.get(participant=person).script
    assert promised(person.language, due_on, fmt="j F Y") in script  # as it was sent
    return message


def date_format(value: date, fmt: str) -> str:
    from django.utils import formats

    return formats.date_format(value, fmt)


@pytest.mark.parametrize("language", ["nl", "ar"])
def test_the_call_script_says_late_for_a_day_that_passed_since_sending(
    world: World, language: str
) -> None:
    person = make_participant(
        world.org,
        name="Fien Bel",
        preferred_channel=Channel.PHONE,
        phone="+3292345678",
        language=language,
    )
    over = yesterday()
    message = feedback_to(world, person, over)

    page = world.client_for("coordinator").get(reverse("messaging:phone_list", args=[message.pk]))

    to_say = text(page, cls="call-script")
    assert " ".join(in_language(language, LATE_ANSWER).split()) in to_say
    assert promised(language, over, fmt="j F Y") not in to_say
    if language != "nl":
        # The Dutch text beside it says so too.
        assert in_language("nl", LATE_ANSWER) in to_say


def test_the_pass_on_text_says_late_for_a_day_that_passed_since_sending(world: World) -> None:
    person = make_participant(
        world.org,
        name="Amal Haddad",
        preferred_channel=Channel.SOCIAL_WORKER,
        phone="",
        social_worker=world.users["social_worker"],
        language="ar",
    )
    over = yesterday()
    feedback_to(world, person, over)

    page = world.client_for("social_worker").get(reverse("messaging:pass_on"))

    main = text(page, tag="main")
    for language in ("nl", "ar"):
        assert in_language(language, LATE_ANSWER) in main
        assert promised(language, over, fmt="j F Y") not in main


def test_the_letter_says_late_and_prints_each_answer_once(world: World) -> None:
    person = make_participant(
        world.org,
        name="Lea Peeters",
        preferred_channel=Channel.LETTER,
        phone="",
        street="Kerkstraat 1",
        postal_code="9000",
        city="Gent",
    )
    over = yesterday()
    message = feedback_to(world, person, over)

    [page] = pdf_pages(
        world.client_for("coordinator").get(reverse("messaging:letters", args=[message.pk]))
    )

    flat = " ".join(page.split())
    assert shows(flat, in_language("nl", LATE_ANSWER))
    assert shows(flat, in_language("nl", LATE_DECISION))
    assert date_format(over, "j F Y") not in flat
    # The answers are printed once, not once in the text and once more after it.
    assert flat.count(TITLE) == 1


def test_a_letter_written_with_the_older_date_format_prints_each_answer_once(
    world: World,
) -> None:
    person = make_participant(
        world.org,
        name="Lea Peeters",
        preferred_channel=Channel.LETTER,
        phone="",
        street="Kerkstraat 1",
        postal_code="9000",
        city="Gent",
    )
    soon = timezone.localdate() + timedelta(days=10)
    message = feedback_to(world, person, soon)

    [page] = pdf_pages(
        world.client_for("coordinator").get(reverse("messaging:letters", args=[message.pk]))
    )

    flat = " ".join(page.split())
    assert flat.count(TITLE) == 1
    with translation.override("nl"):
        assert shows(flat, promised("nl", soon))


# 3. "What to bring" in the person's language ------------------------------------------------


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_nothing_to_bring_is_said_in_the_persons_language(
    letters: Letters,  # noqa: F811
    language: str,
) -> None:
    """The meeting names nothing to bring: the French and Arabic invitation say so in French
    and in Arabic, not in Dutch. (Needs the French and Arabic catalogues.)"""
    delivery = Delivery.objects.get(participant=letters.people[language])
    dutch = in_language("nl", "nothing special")

    assert dutch not in delivery.body
    assert dutch not in delivery.script
    with translation.override(language):
        own = str(outreach.NOTHING_TO_BRING)
    assert own in delivery.body


# 5. The phone list: which language, an interpreter, and who calls ----------------------------


def test_the_phone_list_shows_the_language_and_whether_an_interpreter_is_needed(
    world: World,
) -> None:
    people = {
        "nl": make_participant(
            world.org, name="Fien Bel", preferred_channel=Channel.PHONE, phone="+3292345678"
        ),
        "tr": make_participant(
            world.org,
            name="Ayse Kaya",
            preferred_channel=Channel.PHONE,
            phone="+3292345679",
            language="tr",
        ),
        "ar": make_participant(
            world.org,
            name="Amal Haddad",
            preferred_channel=Channel.PHONE,
            phone="+3292345670",
            language="ar",
            needs_interpreter=True,
        ),
    }
    message = services.message_send(
        organisation=world.org,
        kind=Kind.INVITATION,
        title="Praatcafé",
        recipients=[Recipient(p, link=LINK) for p in people.values()],
        context=CONTEXT,
        by=world.users["coordinator"],
    )

    page = world.client_for("coordinator").get(reverse("messaging:phone_list", args=[message.pk]))

    def line(person: Participant) -> str:
        delivery = Delivery.objects.get(participant=person)
        return text(page, id=f"call-{delivery.pk}-language")

    with translation.override("nl"):
        names = {code: str(p.get_language_display()) for code, p in people.items()}
    ask, needs = in_language("nl", "Interpreter needed?"), in_language("nl", "Needs an interpreter")
    assert names["nl"] in line(people["nl"])
    assert ask not in line(people["nl"]) and needs not in line(people["nl"])
    assert names["tr"] in line(people["tr"])
    assert ask in line(people["tr"])
    assert names["ar"] in line(people["ar"])
    assert needs in line(people["ar"])


def test_the_call_script_says_who_calls_right_after_the_greeting(world: World) -> None:
    person = make_participant(
        world.org, name="Fien Bel", preferred_channel=Channel.PHONE, phone="+3292345678"
    )
    message = services.message_send(
        organisation=world.org,
        kind=Kind.INVITATION,
        title="Praatcafé",
        recipients=[Recipient(person, link=LINK)],
        context=CONTEXT,
        by=world.users["coordinator"],
    )
    caller = world.users["coordinator"]
    name = caller.first_name or caller.display_name()

    page = world.client_for("coordinator").get(reverse("messaging:phone_list", args=[message.pk]))

    to_say = text(page, cls="call-script")
    introduction = f"Je spreekt met {name} van {world.org.name}."
    assert introduction in to_say
    # Said right after the greeting, before what the call is about.
    assert to_say.index("Dag Fien.") < to_say.index(introduction)
    assert to_say.index(introduction) < to_say.index("Ik bel je over Praatcafé.")


# 6. The QR code on a letter has a text alternative in the letter's language ------------------


def alternative_texts(content: bytes) -> list[str]:
    """Every /Alt in the PDF's structure tree: what a screen reader says for a figure."""
    reader = PdfReader(io.BytesIO(content))
    found: list[str] = []
    seen: set[int] = set()

    def walk(node: Any) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if id(node) in seen:
            return
        seen.add(id(node))
        if isinstance(node, dict):
            if "/Alt" in node:
                found.append(str(node["/Alt"]))
            kids = node.get("/K")
            if kids is not None:
                walk(kids)
        elif isinstance(node, list):
            for kid in node:
                walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def test_the_qr_code_on_each_letter_has_a_text_in_the_letters_language(
    world: World,
    letters: Letters,  # noqa: F811
) -> None:
    response = world.client_for("coordinator").get(
        reverse("messaging:letters", args=[letters.message.pk])
    )

    found = alternative_texts(response.content)
    for language in ("nl", "fr", "ar"):
        assert in_language(language, "QR code: scan it to open your own page.") in found


def test_the_qr_code_on_the_personal_letter_has_a_text(world: World) -> None:
    person = world.participant
    response = world.client_for("coordinator").get(
        reverse("participation:letter", args=[person.pk])
    )

    assert response.status_code == 200
    assert in_language("nl", "QR code: scan it to open your own page.") in alternative_texts(
        response.content
    )


# 7. The SMS count in the editor is honest --------------------------------------------------


def test_the_editor_never_counts_an_invitation_shorter_than_it_goes_out(
    world: World, django_capture_on_commit_callbacks: Any, sms_outbox: list[Any]
) -> None:
    """A real invitation whose place has its details filled in, to a long first name: the
    count the editor shows for the built-in text is at least what goes out."""
    world.org.contact_phone = "09 123 45 67"
    world.org.contact_hours = "maandag tot vrijdag, 9 tot 12 uur"
    world.org.save()
    build = Build(world)
    group = build.group("Sms-groep")
    person = make_participant(world.org, name="Jean-Christophe Peeters", phone="+32470111222")
    group_services.membership_add(
        group=group, participant=person, by=build.coordinator, stage=GroupMembership.Stage.MEMBER
    )
    meeting = build.meeting(
        group,
        10,
        title="Maandelijkse bijeenkomst",
        place="Sociaal Huis, Kerkstraat 12",
        place_details="zaal 2, eerste verdieping",
    )
    participation.meeting_invite_group(meeting=meeting, by=build.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        outreach.meeting_send(
            meeting=meeting,
            kind=Kind.INVITATION,
            by=build.coordinator,
            site="https://inbreng.example.be",
        )
    [sent] = sms_outbox
    real = gsm.count(sent["text"])

    counted = sms_length.measure(world.org, DEFAULTS["invitation"]["nl"].sms, "nl")

    assert "zaal 2, eerste verdieping" in sent["text"]
    assert counted.characters >= real.characters, (counted, real, sent["text"])
    assert counted.parts >= real.parts
