"""What participants said: recorded for a person or the group, and who may see their names."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import World
from inbreng.core.models import AuditEvent
from inbreng.core.tests.helpers import dutch, field_error, messages_shown, texts
from inbreng.participation import services
from inbreng.participation.models import Contribution, Question

from .helpers import Build


def record(world: World, meeting_pk: int, **data: Any) -> Any:
    return world.client_for("coordinator").post(
        reverse("participation:contributions", args=[meeting_pk]), data, follow=True
    )


def question_page(world: World, role: str, question: Question) -> str:
    response = world.client_for(role).get(reverse("participation:question", args=[question.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_it_records_what_a_named_person_said(world: World, build: Build) -> None:
    _group, meeting, question, people = build.discussed()
    response = record(
        world,
        meeting.pk,
        question=question.pk,
        text="De letters zijn te klein.",
        participant=people[0].pk,
        agreed_count="",
        present_count="",
    )
    assert messages_shown(response) == dutch("The input is saved. Add the next one.")
    contribution = Contribution.objects.get()
    assert (contribution.participant, contribution.meeting, contribution.text) == (
        people[0],
        meeting,
        "De letters zijn te klein.",
    )
    assert contribution.review == Contribution.Review.APPROVED
    assert "De letters zijn te klein." in response.content.decode()


def test_it_records_what_the_group_said_with_how_many_agreed(world: World, build: Build) -> None:
    _group, meeting, question, _people = build.discussed(members=8)
    response = record(
        world,
        meeting.pk,
        question=question.pk,
        text="Zet er een foto van het loket op.",
        participant="",
        agreed_count="6",
        present_count="8",
    )
    contribution = Contribution.objects.get()
    assert contribution.is_group
    assert (contribution.agreed_count, contribution.present_count) == (6, 8)
    shown = " ".join(texts(response, cls="contribution__meta"))
    assert dutch("The group") in shown
    assert dutch("%(agreed)s of %(present)s agreed") % {"agreed": 6, "present": 8} in shown


def test_it_counts_everyone_present_when_the_group_spoke_without_a_number(
    build: Build,
) -> None:
    _group, meeting, question, _people = build.discussed(members=5)
    contribution = build.say(meeting, question, agreed_count=4)
    assert (contribution.agreed_count, contribution.present_count) == (4, 5)


@pytest.mark.parametrize(("agreed", "present"), [("9", "8"), ("6", "")])
def test_it_refuses_more_people_agreeing_than_were_there(
    world: World, build: Build, agreed: str, present: str
) -> None:
    _group, meeting, question, _people = build.discussed(members=5)
    response = record(
        world,
        meeting.pk,
        question=question.pk,
        text="Mijn genoteerde tekst",
        participant="",
        agreed_count=agreed,
        present_count=present,
    )
    assert field_error(response, "agreed_count") == dutch(
        "More people agreed than were there. Check the numbers."
    )
    assert "Mijn genoteerde tekst" in response.content.decode()
    assert not Contribution.objects.exists()


def test_it_refuses_input_on_a_question_not_on_the_agenda(build: Build) -> None:
    _group, meeting, _question, _people = build.discussed()
    elsewhere = build.accepted("Andere vraag")
    with pytest.raises(ValidationError):
        build.say(meeting, elsewhere)
    assert not Contribution.objects.exists()


def test_it_refuses_a_person_of_another_organisation(world: World, build: Build) -> None:
    _group, meeting, question, _people = build.discussed()
    with pytest.raises(ValidationError) as error:
        build.say(meeting, question, participant=world.other_participant)
    assert "participant" in error.value.message_dict


# Names stay with the coordinator -----------------------------------------------------


def spoken(build: Build) -> tuple[Question, list[Any]]:
    _group, meeting, question, people = build.discussed()
    build.say(meeting, question, "Te veel moeilijke woorden.", participant=people[0])
    build.say(meeting, question, "Het loket is niet open op zaterdag.", participant=people[1])
    build.say(meeting, question, "Nog iets van de eerste.", participant=people[0])
    build.say(meeting, question, "Iedereen vond de kleur mooi.", agreed_count=3)
    return question, people


@pytest.mark.parametrize("role", ["service_contact", "policy_maker"])
def test_it_never_shows_a_service_the_names(world: World, build: Build, role: str) -> None:
    question, people = spoken(build)
    html = question_page(world, role, question)
    for person in people:
        assert person.name not in html
        assert person.name.split()[0] not in html
    authors = texts(html, cls="contribution__meta")
    assert [a.split(" · ")[0] for a in authors] == [
        dutch("Participant %(letter)s") % {"letter": "A"},
        dutch("Participant %(letter)s") % {"letter": "B"},
        dutch("Participant %(letter)s") % {"letter": "A"},
        dutch("The group"),
    ]
    assert "Deelnemer A" in html and "De groep" in html


def test_it_shows_the_coordinator_who_said_what(world: World, build: Build) -> None:
    question, people = spoken(build)
    html = question_page(world, "coordinator", question)
    assert people[0].name in html and people[1].name in html


def test_it_never_shows_a_service_the_names_on_the_answer_form(world: World, build: Build) -> None:
    question, people = spoken(build)
    response = world.client_for("service_contact").get(
        reverse("participation:response_add", args=[question.pk])
    )
    html = response.content.decode()
    assert "Deelnemer A" in html
    for person in people:
        assert person.name not in html


# Input from the participant's own page ---------------------------------------------------


def own_input(build: Build) -> tuple[Question, Contribution]:
    group = build.group()
    person = build.member(group, "Zelf Schrijver")
    meeting = build.meeting(group, 7)
    services.meeting_invite_group(meeting=meeting, by=build.coordinator)
    question = build.schedule(meeting, build.accepted())
    contribution = services.contribution_submit(
        participant=person, question=question, text="  Ik kon niet komen, maar dit vind ik.  "
    )
    return question, contribution


def test_it_holds_a_participants_own_input_for_review(world: World, build: Build) -> None:
    question, contribution = own_input(build)
    assert (contribution.review, contribution.source, contribution.text) == (
        Contribution.Review.PENDING,
        Contribution.Source.PARTICIPANT,
        "Ik kon niet komen, maar dit vind ik.",
    )
    assert "Ik kon niet komen" not in question_page(world, "service_contact", question)
    queue = world.client_for("coordinator").get(reverse("participation:review_queue"))
    assert "Zelf Schrijver" in queue.content.decode()
    assert "Ik kon niet komen" in queue.content.decode()
    # Input waiting for review does not make the question unanswered.
    assert not services.question_is_answered(question)
    assert not services.answerable(question).exists()


@pytest.mark.parametrize(("decision", "seen"), [("approve", True), ("reject", False)])
def test_it_passes_reviewed_input_on_to_the_service(
    world: World, build: Build, decision: str, seen: bool
) -> None:
    question, contribution = own_input(build)
    response = world.client_for("coordinator").post(
        reverse("participation:contribution_review", args=[contribution.pk]),
        {"decision": decision},
        follow=True,
    )
    assert messages_shown(response) == dutch("The input is reviewed.")
    html = question_page(world, "service_contact", question)
    assert ("Ik kon niet komen" in html) is seen
    assert "Zelf Schrijver" not in html
    again = world.client_for("coordinator").post(
        reverse("participation:contribution_review", args=[contribution.pk]),
        {"decision": "approve"},
        follow=True,
    )
    assert messages_shown(again) == dutch("This input was already reviewed.")
    contribution.refresh_from_db()
    assert contribution.review == {"approve": "approved", "reject": "rejected"}[decision]


def test_it_refuses_empty_own_input(build: Build) -> None:
    group = build.group()
    person = build.member(group, "Leeg")
    question = build.accepted()
    with pytest.raises(ValidationError):
        services.contribution_submit(participant=person, question=question, text="   ")
    assert not Contribution.objects.exists()


def test_it_refuses_own_input_on_another_organisations_question(world: World, build: Build) -> None:
    question = build.accepted()
    with pytest.raises(ValidationError):
        services.contribution_submit(
            participant=world.other_participant, question=question, text="Hallo"
        )


# Withdrawing -------------------------------------------------------------------------------


def test_it_hides_withdrawn_input_from_the_service(world: World, build: Build) -> None:
    question, _people = spoken(build)
    withdrawn = Contribution.objects.get(text="Te veel moeilijke woorden.")
    response = world.client_for("coordinator").post(
        reverse("participation:contribution_withdraw", args=[withdrawn.pk]), follow=True
    )
    assert messages_shown(response) == dutch("The input is withdrawn. Services no longer see it.")
    html = question_page(world, "service_contact", question)
    assert "Te veel moeilijke woorden." not in html
    assert "Het loket is niet open op zaterdag." in html
    withdrawn.refresh_from_db()
    assert withdrawn.withdrawn_at is not None
    assert withdrawn not in services.answerable(question)


def test_withdrawing_shows_what_goes_first_and_changes_nothing_until_confirmed(
    world: World, build: Build
) -> None:
    question, _people = spoken(build)
    said = Contribution.objects.get(text="Te veel moeilijke woorden.")
    client = world.client_for("coordinator")
    url = reverse("participation:contribution_withdraw", args=[said.pk])
    page = client.get(url).content.decode()
    assert "Te veel moeilijke woorden." in page
    assert said.participant.name in page  # type: ignore[union-attr]
    assert question.title in page
    said.refresh_from_db()
    assert said.withdrawn_at is None
    # The question page links to it, one plain link per person's input; no form per row.
    html = question_page(world, "coordinator", question)
    assert f'<a href="{url}">' in html
    # Each link names whose input it is for a screen reader's list of links.
    assert f"({said.participant.name})</span></a>" in html  # type: ignore[union-attr]
    assert f'action="{url}"' not in html
    assert "no-store" in client.get(url)["Cache-Control"]
    # Once withdrawn, the link leads back with a note instead of a second withdrawal.
    client.post(url, follow=True)
    events = AuditEvent.objects.filter(
        object_type="participation.contribution", object_id=str(said.pk)
    )
    # Each look at the confirmation page is a read (a name and their words); the
    # withdrawal itself is one change, by the coordinator.
    assert events.filter(action=AuditEvent.Action.VIEW).count() == 2
    event = events.get(action=AuditEvent.Action.UPDATE)
    assert event.actor == world.users["coordinator"]
    assert event.detail == {"withdrawn_by": "staff"}
    again = client.get(url, follow=True)
    assert messages_shown(again) == dutch("This input was already withdrawn.")


def test_withdrawing_answered_input_warns_that_its_answer_goes_out_of_sight(
    world: World, build: Build
) -> None:
    _group, meeting, question, people = build.discussed()
    said = build.say(meeting, question, "Al beantwoord", participant=people[0])
    build.answer(question, [said])
    url = reverse("participation:contribution_withdraw", args=[said.pk])
    page = world.client_for("coordinator").get(url).content.decode()
    assert "Deze inbreng heeft al een antwoord" in page
    assert "krijgt geen antwoord" not in page


def test_a_groups_input_cannot_be_withdrawn_as_a_persons(world: World, build: Build) -> None:
    _group, meeting, question, _people = build.discussed()
    together = build.say(meeting, question, "Samen gezegd")
    url = reverse("participation:contribution_withdraw", args=[together.pk])
    client = world.client_for("coordinator")
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    together.refresh_from_db()
    assert together.withdrawn_at is None


def test_it_answers_a_question_without_the_withdrawn_input(build: Build) -> None:
    _group, meeting, question, people = build.discussed()
    kept = build.say(meeting, question, "Blijft", participant=people[0])
    gone = build.say(meeting, question, "Weg", participant=people[1])
    build.answer(question, [kept])
    assert not services.question_is_answered(question)
    services.contribution_withdraw(contribution=gone)
    assert services.question_is_answered(question)


def test_a_withdrawal_reads_the_input_once_with_its_organisation(
    world: World, build: Build
) -> None:
    """The locked read brings the organisation for the audit event: no query of its own.
    (The rest is the kept state of the question and the indicators, and the audit event.)"""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    spoken(build)
    said = Contribution.objects.get(text="Te veel moeilijke woorden.")
    with CaptureQueriesContext(connection) as captured:
        services.contribution_withdraw(contribution=said, by=world.users["coordinator"])
    reads = [q["sql"] for q in captured if q["sql"].startswith("SELECT")]
    assert not [sql for sql in reads if 'FROM "core_organisation"' in sql]
    assert len([sql for sql in reads if 'FROM "participation_contribution"' in sql]) == 2
    assert len(captured) <= 12
    event = AuditEvent.objects.get(object_type="participation.contribution", object_id=said.pk)
    assert event.organisation == world.org


def test_input_answered_while_the_person_takes_it_back_stays(world: World, build: Build) -> None:
    """The person's page read the input unanswered; an answer was saved before the
    withdrawal got its lock. The withdrawal looks again under the lock and leaves it."""
    question, _people = spoken(build)
    said = Contribution.objects.get(text="Te veel moeilijke woorden.")
    assert said.response_id is None  # what the person's page read
    build.answer(question, [Contribution.objects.get(pk=said.pk)], explanation="We passen het aan.")
    with pytest.raises(ValidationError) as refused:
        services.contribution_withdraw(contribution=said, unanswered_only=True)
    assert refused.value.messages == [
        dutch("What you said has an answer now. It stays on your page.")
    ]
    said.refresh_from_db()
    assert said.withdrawn_at is None and said.response_id is not None
