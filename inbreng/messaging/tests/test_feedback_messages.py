"""Feedback through messaging: every channel carries each input with its own answer.

The letter in the outbox holds the answers themselves (nothing depends on opening a link),
the SMS holds them in short, the call script reads them out, and the social worker sees the
Dutch text beside the person's language.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from conftest import World
from inbreng.core.models import Organisation
from inbreng.core.tests.helpers import dutch
from inbreng.lib import gsm
from inbreng.messaging.models import Delivery, Kind, Message, MessageTemplate
from inbreng.participation import outreach
from inbreng.participation.tests.feedback_world import (
    ANSWER_GROUP_1,
    ANSWER_MINE_1,
    ANSWER_SHARED,
    ARABIC_ANSWER,
    ARABIC_TITLE,
    DECIDED_BY,
    GROUP_1,
    GROUP_2,
    MINE_1,
    MINE_2,
    Answered,
    answered,
    in_arabic,
    pdf_text,
    shows,
    squeezed,
    status_words,
)
from inbreng.participation.tests.helpers import Build, count_queries
from inbreng.people.models import Channel, Participant

PHONE = "09 123 45 67"
HOURS = "maandag tot vrijdag, 9 tot 12 uur"


@pytest.fixture
def build(world: World) -> Build:
    return Build(world)


@pytest.fixture
def found(world: World, build: Build) -> Answered:
    Organisation.objects.filter(pk=world.org.pk).update(contact_phone=PHONE, contact_hours=HOURS)
    world.org.refresh_from_db()
    result = answered(world, build)
    result.meeting.organisation = world.org
    return result


def send(found: Answered, build: Build, capture: Any) -> Message:
    with capture(execute=True):
        message = outreach.meeting_send(
            meeting=found.meeting, kind=Kind.FEEDBACK, by=build.coordinator, site="https://x.be"
        )
    assert message is not None
    return message


def letters_of(world: World, message: Message) -> str:
    response = world.client_for("coordinator").get(reverse("messaging:letters", args=[message.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return pdf_text(response.content)


def sentences(words: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", words) if s.strip()]


def test_the_feedback_letter_holds_each_answer_under_its_own_input(
    world: World, build: Build, found: Answered, django_capture_on_commit_callbacks: Any
) -> None:
    message = send(found, build, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get(message=message, participant=found.anouk)
    assert (delivery.channel, delivery.status) == (Channel.LETTER, Delivery.Status.TO_PRINT)

    words = letters_of(world, message)

    order = [
        words.index(t) for t in (MINE_1, ANSWER_MINE_1, GROUP_1, ANSWER_GROUP_1, MINE_2, GROUP_2)
    ]
    assert order == sorted(order), "each answer comes right after what it answers"
    assert words.index(ANSWER_SHARED) > words.index(GROUP_2)
    for status in ("adopted", "not_adopted", "studying"):
        assert status_words(status) in words, status
    assert DECIDED_BY in words
    assert dutch("This answer is about what you said and about what the group said.") in words
    # Whom to call, on paper: the number, the hours and the social worker.
    assert PHONE in words and HOURS in words
    assert world.users["social_worker"].display_name() in words
    # No date, hour and place box: feedback is not an invitation.
    start = found.meeting.starts_at.astimezone().strftime("%H:%M")
    assert start not in words
    # The page is an extra: no sentence sends the person there to read the answer.
    scan = dutch("Scan for your page")
    for sentence in sentences(words.replace(scan, "")):
        if "pagina" in sentence or "http" in sentence:
            assert " ook " in f" {sentence} ", sentence
    assert "Lees het op je eigen pagina" not in words


def test_an_own_text_without_the_answers_still_prints_them(
    world: World, build: Build, found: Answered, django_capture_on_commit_callbacks: Any
) -> None:
    MessageTemplate.objects.create(
        organisation=world.org,
        kind=Kind.FEEDBACK,
        language="nl",
        subject="Er is een antwoord",
        body="Dag {naam},\n\nEr is een antwoord op wat je zei.",
        sms="Dag {naam}. Er is een antwoord. {link}",
    )
    words = letters_of(world, send(found, build, django_capture_on_commit_callbacks))
    assert "Er is een antwoord op wat je zei." in words
    assert words.index("Er is een antwoord op wat je zei.") < words.index(MINE_1)
    for answer in (ANSWER_MINE_1, ANSWER_GROUP_1, ANSWER_SHARED):
        assert answer in words


def test_only_people_whose_input_was_answered_hear_back(
    world: World, build: Build, found: Answered, django_capture_on_commit_callbacks: Any
) -> None:
    message = send(found, build, django_capture_on_commit_callbacks)
    people = set(Delivery.objects.filter(message=message).values_list("participant", flat=True))
    # Bram was invited but not there: the group's input is not his.
    assert people == {found.anouk.pk}
    # A meeting whose input has no answer yet has nobody to tell.
    other = build.held(found.meeting.group, -3, title="Nog niets beslist")
    question = build.schedule(other, build.accepted("Wat vind je van de website?"))
    build.say(other, question, "Te veel tekst.")
    assert (
        outreach.meeting_send(meeting=other, kind=Kind.FEEDBACK, by=build.coordinator, site="")
        is None
    )


def test_someone_who_was_there_hears_what_the_group_said_and_its_answer(
    world: World, build: Build, found: Answered, django_capture_on_commit_callbacks: Any
) -> None:
    listener = build.member(found.meeting.group, "Chris Luisteraar")
    from inbreng.participation import services

    services.meeting_invite(meeting=found.meeting, participant=listener, by=build.coordinator)
    services.attendance_record(
        meeting=found.meeting, present_ids=[found.anouk.pk, listener.pk], by=build.coordinator
    )
    message = send(found, build, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get(message=message, participant=listener)
    said = [(i["said"], i["said_by"]) for i in delivery.items]
    assert said == [(GROUP_1, "group"), (GROUP_2, "group")]
    # Anouk's own words are hers: they are not in Chris's message.
    assert MINE_1 not in delivery.body and MINE_1 not in delivery.sms
    assert ANSWER_GROUP_1 in delivery.body


def test_the_items_are_stored_as_the_design_describes(
    build: Build, found: Answered, django_capture_on_commit_callbacks: Any
) -> None:
    message = send(found, build, django_capture_on_commit_callbacks)
    items = Delivery.objects.get(message=message, participant=found.anouk).items
    assert [(i["said"], i["said_by"], i["answer"], i["shared"]) for i in items] == [
        (MINE_1, "me", found.answer_mine_1.pk, False),
        (GROUP_1, "group", found.answer_group_1.pk, False),
        (MINE_2, "me", found.shared.pk, True),
        (GROUP_2, "group", found.shared.pk, True),
    ]
    first = items[0]
    assert first["question"] == found.flyer.pk
    assert first["question_title"] == found.flyer.title
    assert first["status"] == "adopted"
    assert first["status_text"] == status_words("adopted")
    assert first["reasons"] == ANSWER_MINE_1
    assert first["decided_by"] == DECIDED_BY
    assert first["decided_on"] == found.answer_mine_1.decided_on.isoformat()  # type: ignore[union-attr]
    assert items[2]["expected_on"] == found.shared.expected_on.isoformat()  # type: ignore[union-attr]
    assert "contribution" not in first  # what only the personal page needs stays there


def test_the_sms_holds_the_answers_in_short_within_two_parts(
    world: World, build: Build, found: Answered, django_capture_on_commit_callbacks: Any
) -> None:
    Participant.objects.filter(pk=found.anouk.pk).update(
        preferred_channel=Channel.SMS, phone="+32470123456"
    )
    message = send(found, build, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get(message=message, participant=found.anouk)
    assert delivery.channel == Channel.SMS
    sms = delivery.sms
    assert status_words("adopted") in sms
    assert status_words("not_adopted") in sms
    assert found.flyer.title in sms
    assert PHONE in sms
    count = gsm.count(sms)
    assert (count.encoding, count.parts) == (gsm.GSM7, 2), (count, sms)


def test_the_call_script_reads_out_each_answer_without_a_web_address(
    world: World, build: Build, found: Answered, django_capture_on_commit_callbacks: Any
) -> None:
    Participant.objects.filter(pk=found.anouk.pk).update(
        preferred_channel=Channel.PHONE, phone="+3292123456"
    )
    message = send(found, build, django_capture_on_commit_callbacks)
    script = Delivery.objects.get(message=message, participant=found.anouk).script
    order = [script.index(t) for t in (MINE_1, ANSWER_MINE_1, GROUP_1, ANSWER_GROUP_1)]
    assert order == sorted(order)
    assert ANSWER_SHARED in script
    assert "http" not in script and "/k/" not in script and "/p/" not in script
    assert PHONE in script


def test_an_arabic_speaker_gets_the_translation_and_the_worker_the_dutch(
    world: World, build: Build, found: Answered, django_capture_on_commit_callbacks: Any
) -> None:
    in_arabic(world, found)
    Participant.objects.filter(pk=found.anouk.pk).update(preferred_channel=Channel.LETTER)
    message = send(found, build, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get(message=message, participant=found.anouk)
    assert delivery.language == "ar"
    assert ARABIC_ANSWER in delivery.body
    assert ARABIC_TITLE in delivery.body
    assert delivery.items[0]["reasons_nl"] == ANSWER_MINE_1
    # The Dutch text beside it, for the social worker and the caller: the original answers.
    assert ANSWER_MINE_1 in delivery.body_nl and ARABIC_ANSWER not in delivery.body_nl
    words = letters_of(world, message)
    assert shows(words, ARABIC_TITLE)
    assert shows(words, ARABIC_ANSWER)
    assert shows(words, status_words("adopted", "ar"))
    assert squeezed(ANSWER_MINE_1) in squeezed(words)  # the Dutch original, kept on paper
    assert squeezed(ANSWER_GROUP_1) in squeezed(words)  # not translated: as it was written


def test_the_letters_read_the_same_whatever_the_number_of_people(
    world: World, build: Build, found: Answered, django_capture_on_commit_callbacks: Any
) -> None:
    def more(count: int) -> None:
        from inbreng.participation import services

        for n in range(count):
            person = build.member(found.meeting.group, f"Lezer{n} Achternaam")
            Participant.objects.filter(pk=person.pk).update(
                preferred_channel=Channel.LETTER,
                phone="",
                street=f"Kerkstraat {n}",
                postal_code="9000",
                city="Gent",
                social_worker=world.users["social_worker"],
            )
            services.meeting_invite(meeting=found.meeting, participant=person, by=build.coordinator)
            said = build.say(found.meeting, found.flyer, f"Opmerking {n}.", participant=person)
            build.answer(found.flyer, [said], "done", f"Gedaan {n}.")

    client = world.client_for("coordinator")
    one = send(found, build, django_capture_on_commit_callbacks)
    few = count_queries(client, reverse("messaging:letters", args=[one.pk]))
    more(6)
    seven = send(found, build, django_capture_on_commit_callbacks)
    assert Delivery.objects.filter(message=seven, channel=Channel.LETTER).count() == 7
    assert count_queries(client, reverse("messaging:letters", args=[seven.pk])) == few


def test_the_short_answers_name_what_fits_and_count_the_rest() -> None:
    from django.utils import translation

    from inbreng.messaging.items import items_short

    items = [
        {
            "question": n,
            "question_title": f"Vraag nummer {n} over de openingsuren van het loket?",
            "said": "Iets.",
            "said_by": "me",
            "answer": 100 + n,
            "status": "adopted",
            "status_text": status_words("adopted"),
        }
        for n in range(5)
    ]
    with translation.override("nl"):
        short = items_short(items, limit=100)
        more = translation.ngettext(
            "And %(count)d more answer.", "And %(count)d more answers.", 4
        ) % {"count": 4}
    assert short.startswith("Vraag nummer 0")
    assert status_words("adopted") in short
    assert short.endswith(more)
    assert len(short) <= 100 + len(more)


def test_the_feedback_letter_is_plain_dutch(
    world: World, build: Build, found: Answered, django_capture_on_commit_callbacks: Any
) -> None:
    from inbreng import plainlanguage

    words = letters_of(world, send(found, build, django_capture_on_commit_callbacks))
    # The personal link is one long "word": leave it out of the count.
    text = re.sub(r"https?://\S+", "", words)
    report = plainlanguage.check(text)
    assert not report.long_sentences, report.long_sentences
    assert report.average_sentence_length <= 12, report.average_sentence_length
