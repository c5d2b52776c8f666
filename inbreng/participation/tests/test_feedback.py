"""What happened with the input: the overview for the next meeting, and the letter on paper."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from conftest import World
from inbreng.core.dates import long_date
from inbreng.core.models import AuditEvent
from inbreng.core.tests.helpers import dutch, text, texts
from inbreng.participation import services
from inbreng.participation.models import FeedbackDelivery, Meeting, PersonalLink, Question
from inbreng.people.models import Participant

from .helpers import Build, day, said_to_participants


@pytest.fixture
def told(build: Build) -> tuple[Meeting, Question, Question, list[Participant]]:
    """Last week two questions were discussed; one is answered, one still open."""
    _group, meeting, flyer, people = build.discussed(title="Is deze flyer duidelijk?")
    waiting = build.schedule(meeting, build.accepted("Hoe vind je de wachtzaal?"))
    mine = build.say(meeting, flyer, "De letters zijn te klein.", participant=people[0])
    ours = build.say(meeting, flyer, "Zet er een foto op.", agreed_count=2, present_count=3)
    build.answer(flyer, [mine], "adopted", "We maken de letters groter.")
    build.answer(flyer, [ours], "partly", "Een kleine foto, op de achterkant.")
    build.say(meeting, waiting, "Te weinig stoelen.")
    return meeting, flyer, waiting, people


def test_it_lists_each_question_with_what_was_said_and_the_answer(
    world: World, told: tuple[Meeting, Question, Question, list[Participant]]
) -> None:
    meeting, flyer, waiting, people = told
    response = world.client_for("coordinator").get(
        reverse("participation:meeting_feedback", args=[meeting.pk])
    )
    assert response.status_code == 200
    answered = text(response, id=f"fb-{flyer.pk}")
    assert answered == flyer.title
    sections = texts(response, tag="section")
    flyer_section = next(s for s in sections if s.startswith(flyer.title))
    assert "De letters zijn te klein." in flyer_section
    assert "Zet er een foto op." in flyer_section
    assert dutch("%(agreed)s of %(present)s agreed") % {"agreed": 2, "present": 3} in flyer_section
    assert "We maken de letters groter." in flyer_section
    assert "Een kleine foto, op de achterkant." in flyer_section
    assert said_to_participants("partly") in flyer_section
    waiting_section = next(s for s in sections if s.startswith(waiting.title))
    assert "Te weinig stoelen." in waiting_section
    assert waiting.answer_due_on is not None
    with translation.override("nl"):
        # Written as every participant text writes a day: with its weekday.
        due = long_date(waiting.answer_due_on)
    assert (
        dutch("No answer yet. The service promised an answer by %(day)s.") % {"day": due}
        in waiting_section
    )
    # An overview to present in the group: it names nobody.
    for person in people:
        assert person.name not in response.content.decode()


def test_it_leaves_out_input_given_at_another_meeting(
    build: Build, world: World, told: tuple[Meeting, Question, Question, list[Participant]]
) -> None:
    meeting, flyer, _waiting, _people = told
    later = build.held(meeting.group, -1, title="Tweede keer")
    build.schedule(later, flyer)
    build.say(later, flyer, "Gezegd op de tweede bijeenkomst.")
    first = world.client_for("coordinator").get(
        reverse("participation:meeting_feedback", args=[meeting.pk])
    )
    assert "Gezegd op de tweede bijeenkomst." not in first.content.decode()
    second = world.client_for("coordinator").get(
        reverse("participation:meeting_feedback", args=[later.pk])
    )
    assert "Gezegd op de tweede bijeenkomst." in second.content.decode()
    assert "De letters zijn te klein." not in second.content.decode()


def test_it_shows_an_empty_overview_for_a_meeting_without_questions(
    world: World, build: Build
) -> None:
    meeting = build.meeting(build.group(), 5)
    response = world.client_for("social_worker").get(
        reverse("participation:meeting_feedback", args=[meeting.pk])
    )
    assert dutch("No questions were discussed at this meeting.") in text(response, tag="main")


# The letter ---------------------------------------------------------------------------


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_it_prints_a_letter_with_the_answer(
    world: World, told: tuple[Meeting, Question, Question, list[Participant]]
) -> None:
    _meeting, flyer, waiting, people = told
    person = people[0]
    response = world.client_for("coordinator").get(
        reverse("participation:letter", args=[person.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    content = response.content
    assert content.startswith(b"%PDF-")
    words = pdf_text(content)
    assert person.name in words
    assert "De letters zijn te klein." in words
    assert "We maken de letters groter." in words
    assert "Een kleine foto, op de achterkant." in words
    # The person's current link in its short form, also as a QR code.
    link = PersonalLink.objects.get(participant=person)
    assert "http://testserver" + services.link_short_path(link) in words
    # Making the PDF is not posting it: nobody heard back yet (see test_honest_counting).
    assert not FeedbackDelivery.objects.filter(question__in=[flyer, waiting]).exists()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).count() == 1


def test_it_prints_the_same_link_again_without_revoking_it(
    world: World, told: tuple[Meeting, Question, Question, list[Participant]]
) -> None:
    person = told[3][0]
    client = world.client_for("coordinator")
    first = pdf_text(client.get(reverse("participation:letter", args=[person.pk])).content)
    second = pdf_text(client.get(reverse("participation:letter", args=[person.pk])).content)
    link = PersonalLink.objects.get(participant=person)
    assert link.revoked_at is None
    token_line = [w for w in first.split() if "/k/?" in w]
    assert token_line and token_line == [w for w in second.split() if "/k/?" in w]


def test_it_prints_a_letter_for_someone_without_input(world: World) -> None:
    response = world.client_for("coordinator").get(
        reverse("participation:letter", args=[world.participant.pk])
    )
    assert response.status_code == 200
    assert dutch("You have not given input yet.") in pdf_text(response.content)
    assert not FeedbackDelivery.objects.exists()


def test_it_puts_upcoming_meetings_in_the_letter(
    world: World, build: Build, told: tuple[Meeting, Question, Question, list[Participant]]
) -> None:
    meeting, _flyer, _waiting, people = told
    upcoming = build.meeting(meeting.group, 12, place="Zaal Zonneschijn")
    from inbreng.participation.services import meeting_invite_group

    meeting_invite_group(meeting=upcoming, by=build.coordinator)
    words = pdf_text(
        world.client_for("coordinator")
        .get(reverse("participation:letter", args=[people[0].pk]))
        .content
    )
    assert "Zaal Zonneschijn" in words
    assert day(12).strftime("%-d") in words
