"""Answers past their date show on the start page, and the service gets a weekly reminder."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from conftest import World
from inbreng.core.models import Membership, Service, User
from inbreng.core.tests.helpers import dutch, dutch_count, text
from inbreng.participation import services
from inbreng.participation.models import Contribution, Question
from inbreng.participation.tasks import send_overdue_reminders

from .helpers import Build, day


def overdue(build: Build, title: str = "Is deze flyer duidelijk?") -> tuple[Question, Contribution]:
    _group, meeting, question, people = build.discussed(title=title)
    said = build.say(meeting, question, participant=people[0])
    Question.objects.filter(pk=question.pk).update(answer_due_on=day(-1))
    question.refresh_from_db()
    return question, said


def panel(world: World, role: str) -> str:
    response = world.client_for(role).get(reverse("core:home"))
    assert response.status_code == 200
    return text(response, cls="card--attention")


@pytest.mark.parametrize("role", ["coordinator", "admin", "service_contact"])
def test_it_shows_an_overdue_question_on_the_start_page(
    world: World, build: Build, role: str
) -> None:
    question, _said = overdue(build)
    shown = panel(world, role)
    assert question.title in shown
    assert (
        dutch_count(
            "%(counter)s question is past its answer date:",
            "%(counter)s questions are past their answer date:",
            1,
        )
        in shown
    )


@pytest.mark.parametrize("role", ["social_worker", "policy_maker", "partner_worker"])
def test_it_shows_no_loop_panel_to_other_roles(world: World, build: Build, role: str) -> None:
    overdue(build)
    assert panel(world, role) == ""


def test_it_drops_the_question_from_the_start_page_once_answered(
    world: World, build: Build
) -> None:
    question, said = overdue(build)
    build.answer(question, [said])
    for role in ("coordinator", "service_contact"):
        shown = panel(world, role)
        assert question.title not in shown
        assert dutch("No answers are overdue.") in shown


@pytest.mark.parametrize("days", [0, 3])
def test_it_does_not_call_a_question_overdue_on_or_before_its_date(
    world: World, build: Build, days: int
) -> None:
    question, _said = overdue(build)
    Question.objects.filter(pk=question.pk).update(answer_due_on=day(days))
    assert dutch("No answers are overdue.") in panel(world, "coordinator")


def test_it_keeps_a_question_overdue_while_part_of_the_input_waits(
    world: World, build: Build
) -> None:
    question, said = overdue(build)
    build.answer(question, [said], status="studying", explanation="", expected_on=day(10))
    assert question.title in panel(world, "service_contact")


def test_it_shows_a_service_contact_only_their_services_overdue_questions(
    world: World, build: Build
) -> None:
    question, _said = overdue(build)
    other = Service.objects.create(organisation=world.org, name="Schuldhulp")
    Membership.objects.filter(user=world.users["service_contact"]).update(service=other)
    assert question.title not in panel(world, "service_contact")


def test_it_lists_the_input_waiting_for_the_services_answer(world: World, build: Build) -> None:
    _group, meeting, question, _people = build.discussed(title="Wacht op antwoord")
    build.say(meeting, question)
    shown = panel(world, "service_contact")
    assert dutch("Input waiting for your answer:") in shown
    assert "Wacht op antwoord" in shown
    assert dutch("No answers are overdue.") in shown


def test_it_counts_what_the_coordinator_must_review(world: World, build: Build) -> None:
    build.question("Nieuw 1")
    build.question("Nieuw 2")
    shown = panel(world, "coordinator")
    assert (
        dutch_count("%(counter)s new question to review", "%(counter)s new questions to review", 2)
        in shown
    )


# Reminders ----------------------------------------------------------------------------


@pytest.fixture
def addresses(world: World) -> None:
    User.objects.filter(pk=world.users["service_contact"].pk).update(email="contact@testdorp.be")
    world.service.email = "huisvesting@testdorp.be"
    world.service.save()


def run() -> int:
    result = send_overdue_reminders.enqueue()
    return int(result.return_value)  # type: ignore[arg-type]


@pytest.mark.usefixtures("addresses")
def test_it_reminds_the_service_once_a_week(world: World, build: Build) -> None:
    question, _said = overdue(build, "Over de flyer")
    assert run() == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["contact@testdorp.be", "huisvesting@testdorp.be"]
    assert "Over de flyer" in message.body
    assert day(-1).strftime("%d/%m/%Y") in message.body
    assert message.subject == dutch("Reminder: the participants are waiting for your answer")
    assert run() == 0
    assert len(mail.outbox) == 1
    Question.objects.filter(pk=question.pk).update(
        last_reminded_at=timezone.now() - timedelta(days=6, hours=23)
    )
    assert run() == 0
    Question.objects.filter(pk=question.pk).update(
        last_reminded_at=timezone.now() - timedelta(days=7, minutes=1)
    )
    assert run() == 1
    assert len(mail.outbox) == 2


@pytest.mark.usefixtures("addresses")
def test_it_sends_no_reminder_once_answered(build: Build) -> None:
    question, said = overdue(build)
    build.answer(question, [said])
    assert run() == 0
    assert mail.outbox == []


@pytest.mark.usefixtures("addresses")
@pytest.mark.parametrize("what", ["pending", "withdrawn", "rejected"])
def test_it_sends_no_reminder_for_input_the_service_cannot_see(
    world: World, build: Build, what: str
) -> None:
    group = build.group()
    person = build.member(group, "Zelf Schrijver")
    meeting = build.meeting(group, 3)
    services.meeting_invite_group(meeting=meeting, by=build.coordinator)
    question = build.schedule(meeting, build.accepted())
    contribution = services.contribution_submit(participant=person, question=question, text="Ja")
    if what == "withdrawn":
        services.contribution_review(contribution=contribution, approve=True, by=build.coordinator)
        services.contribution_withdraw(contribution=contribution)
    elif what == "rejected":
        services.contribution_review(contribution=contribution, approve=False, by=build.coordinator)
    Question.objects.filter(pk=question.pk).update(answer_due_on=day(-2))
    assert run() == 0
    assert mail.outbox == []
    assert question.title not in panel(world, "service_contact")


@pytest.mark.usefixtures("addresses")
def test_it_sends_no_reminder_before_the_date(build: Build) -> None:
    question, _said = overdue(build)
    Question.objects.filter(pk=question.pk).update(answer_due_on=day(0))
    assert run() == 0


def test_it_skips_a_service_nobody_can_be_mailed_at(world: World, build: Build) -> None:
    question, _said = overdue(build)
    assert run() == 0
    assert mail.outbox == []
    question.refresh_from_db()
    assert question.last_reminded_at is None


@pytest.mark.usefixtures("addresses")
def test_it_does_not_mail_an_inactive_contact(world: World, build: Build) -> None:
    overdue(build)
    Membership.objects.filter(user=world.users["service_contact"]).update(is_active=False)
    run()
    assert mail.outbox[0].to == ["huisvesting@testdorp.be"]
