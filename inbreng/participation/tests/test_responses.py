"""The service answers the input: a status, plain reasons, and no silent overwrites."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import World
from inbreng.core.models import Membership, Service
from inbreng.core.tests.helpers import dutch, field_error, messages_shown, text
from inbreng.participation import services
from inbreng.participation.models import AgendaItem, Contribution, Question, Response

from .helpers import Build, day

Status = Response.Status
FINAL = [Status.ADOPTED, Status.PARTLY, Status.NOT_ADOPTED, Status.DONE]
NOT_FINAL = [Status.RECEIVED, Status.STUDYING]


def answer_post(contributions: list[Contribution], **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "contributions": [c.pk for c in contributions],
        "status": Status.ADOPTED,
        "explanation": "We maken de letters groter.",
        "decided_by": "",
        "decided_on": "",
        "expected_on": "",
    }
    data.update(overrides)
    return data


def with_input(build: Build, count: int = 2) -> tuple[Question, list[Contribution]]:
    _group, meeting, question, people = build.discussed(members=max(count, 1))
    said = [
        build.say(meeting, question, f"Opmerking {n}", participant=people[n]) for n in range(count)
    ]
    return question, said


@pytest.mark.parametrize("status", FINAL + NOT_FINAL)
def test_it_saves_an_answer_with_every_status(world: World, build: Build, status: str) -> None:
    question, said = with_input(build, 1)
    response = world.client_for("service_contact").post(
        reverse("participation:response_add", args=[question.pk]),
        answer_post(
            said,
            status=status,
            explanation="Zo doen we het.",
            expected_on=day(20).isoformat(),
            decided_by="Het college",
            decided_on=day(0).isoformat(),
        ),
        follow=True,
    )
    assert messages_shown(response) == dutch("Your answer is saved. The participants will hear it.")
    answer = Response.objects.get()
    assert (answer.status, answer.explanation, answer.decided_by) == (
        status,
        "Zo doen we het.",
        "Het college",
    )
    assert answer.responded_by == world.users["service_contact"]
    assert list(answer.contributions.all()) == said
    assert services.question_is_answered(question) is (status in FINAL)
    status_shown = text(response, cls="status-badge--yes") if status in FINAL else ""
    assert (dutch("Answered") in status_shown) is (status in FINAL)


@pytest.mark.parametrize("status", [Status.NOT_ADOPTED, Status.PARTLY])
@pytest.mark.parametrize("explanation", ["", "   "])
def test_it_wants_an_explanation_when_input_is_not_or_partly_adopted(
    world: World, build: Build, status: str, explanation: str
) -> None:
    question, said = with_input(build, 1)
    response = world.client_for("service_contact").post(
        reverse("participation:response_add", args=[question.pk]),
        answer_post(said, status=status, explanation=explanation, decided_by="Mijn getypte naam"),
    )
    assert response.status_code == 200
    assert field_error(response, "explanation") == dutch(
        "Explain in plain words why the input is not or only partly adopted."
    )
    assert field_error(response, "explanation").startswith("Leg ")  # it is Dutch
    assert 'value="Mijn getypte naam"' in response.content.decode()
    assert not Response.objects.exists()


def test_it_wants_a_date_when_input_is_being_studied(world: World, build: Build) -> None:
    question, said = with_input(build, 1)
    response = world.client_for("service_contact").post(
        reverse("participation:response_add", args=[question.pk]),
        answer_post(said, status=Status.STUDYING, explanation="We bekijken het."),
    )
    assert field_error(response, "expected_on") == dutch("Say when a decision is expected.")
    assert "We bekijken het." in response.content.decode()
    assert not Response.objects.exists()


def test_it_refuses_a_decision_dated_in_the_future(world: World, build: Build) -> None:
    question, said = with_input(build, 1)
    response = world.client_for("service_contact").post(
        reverse("participation:response_add", args=[question.pk]),
        answer_post(said, decided_on=day(2).isoformat()),
    )
    assert field_error(response, "decided_on") == dutch("This date is in the future.")
    assert not Response.objects.exists()


def test_it_counts_a_question_answered_only_when_all_input_has_a_final_answer(
    build: Build,
) -> None:
    question, said = with_input(build, 3)
    assert not services.question_is_answered(question)
    build.answer(question, [said[0]], Status.ADOPTED)
    build.answer(question, [said[1]], Status.STUDYING, expected_on=day(30))
    assert not services.question_is_answered(question)
    build.answer(question, [said[2]], Status.NOT_ADOPTED, explanation="Te duur.")
    assert not services.question_is_answered(question)
    studying = Response.objects.get(status=Status.STUDYING)
    services.response_update(
        response=studying,
        version=studying.version,
        status=Status.DONE,
        explanation="Gedaan.",
        by=build.service_contact,
    )
    assert services.question_is_answered(question)


def test_it_does_not_count_a_question_without_input_as_answered(build: Build) -> None:
    _group, _meeting, question, _people = build.discussed()
    assert not services.question_is_answered(question)


def test_it_answers_several_contributions_at_once(build: Build) -> None:
    question, said = with_input(build, 3)
    answer = build.answer(question, said, Status.PARTLY, explanation="Twee van de drie.")
    assert set(answer.contributions.all()) == set(said)
    assert services.question_is_answered(question)


def test_it_refuses_input_of_another_question(build: Build) -> None:
    question, said = with_input(build, 1)
    other = build.accepted("Andere vraag")
    with pytest.raises(ValidationError):
        build.answer(other, said)
    with pytest.raises(ValidationError):
        build.answer(question, [])


def test_it_lets_only_the_asking_service_answer(world: World, build: Build) -> None:
    question, said = with_input(build, 1)
    other = Service.objects.create(organisation=world.org, name="Schuldhulp")
    Membership.objects.filter(user=world.users["service_contact"]).update(service=other)
    response = world.client_for("service_contact").post(
        reverse("participation:response_add", args=[question.pk]), answer_post(said)
    )
    assert response.status_code == 404
    assert not Response.objects.exists()


# Feedback on the next meeting's agenda ---------------------------------------------------


def feedback_items(meeting_pk: int) -> list[int | None]:
    return list(
        AgendaItem.objects.filter(meeting_id=meeting_pk, kind=AgendaItem.Kind.FEEDBACK)
        .order_by("pk")
        .values_list("question_id", flat=True)
    )


def test_it_puts_the_answer_on_the_groups_next_meeting(world: World, build: Build) -> None:
    group, meeting, question, people = build.discussed()
    later = build.meeting(group, 40, title="Later")
    next_one = build.meeting(group, 10, title="Eerstvolgende")
    other_group = build.group("Andere groep")
    elsewhere = build.meeting(other_group, 5)
    said = build.say(meeting, question, participant=people[0])
    build.answer(question, [said], Status.STUDYING, expected_on=day(20))
    assert feedback_items(next_one.pk) == []
    build.answer(question, [build.say(meeting, question)], Status.ADOPTED)
    assert feedback_items(next_one.pk) == []  # the first input is still being studied
    studying = Response.objects.get(status=Status.STUDYING)
    services.response_update(
        response=studying,
        version=studying.version,
        status=Status.ADOPTED,
        explanation="Ja.",
        by=build.service_contact,
    )
    assert feedback_items(next_one.pk) == [question.pk]
    assert feedback_items(later.pk) == []
    assert feedback_items(elsewhere.pk) == []
    page = world.client_for("coordinator").get(reverse("participation:meeting", args=[next_one.pk]))
    assert dutch("Feedback:") in text(page, tag="ol")
    assert question.title in text(page, tag="ol")


def test_it_gives_a_new_meeting_the_feedback_still_to_give(build: Build) -> None:
    group, meeting, question, people = build.discussed()
    build.answer(question, [build.say(meeting, question, participant=people[0])])
    unanswered = build.schedule(meeting, build.accepted("Nog open"))
    build.say(meeting, unanswered)
    new = build.meeting(group, 14)
    assert feedback_items(new.pk) == [question.pk]
    # Once planned, it is not planned again.
    assert feedback_items(build.meeting(group, 21).pk) == []


def test_it_gives_no_feedback_item_to_a_recorded_past_meeting(build: Build) -> None:
    group, meeting, question, people = build.discussed()
    build.answer(question, [build.say(meeting, question, participant=people[0])])
    past = build.meeting(group, -3, record_past=True)
    assert feedback_items(past.pk) == []


# Two people editing the same answer ------------------------------------------------------


def edit_post(version: int, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "version": version,
        "status": Status.ADOPTED,
        "explanation": "",
        "decided_by": "",
        "decided_on": "",
        "expected_on": "",
    }
    data.update(overrides)
    return data


def test_it_refuses_a_stale_save_and_keeps_both_texts(world: World, build: Build) -> None:
    question, said = with_input(build, 1)
    answer = build.answer(question, said, Status.RECEIVED, explanation="Ontvangen.")
    url = reverse("participation:response_edit", args=[answer.pk])
    service = world.client_for("service_contact")
    coordinator = world.client_for("coordinator")
    # Both open the form and see version 1.
    assert 'name="version" value="1"' in service.get(url).content.decode()
    assert 'name="version" value="1"' in coordinator.get(url).content.decode()
    first = service.post(
        url, edit_post(1, status=Status.ADOPTED, explanation="We doen het."), follow=True
    )
    assert messages_shown(first) == dutch("The answer is changed.")
    second = coordinator.post(
        url,
        edit_post(1, status=Status.NOT_ADOPTED, explanation="Mijn eigen lange uitleg."),
    )
    assert second.status_code == 200
    assert dutch(
        "Someone else changed this answer while you were writing. Check their version."
    ) in text(second, cls="error-summary")
    warning = text(second, cls="warning")
    assert "We doen het." in warning
    assert "Mijn eigen lange uitleg." in text(second, id="id_explanation")
    answer.refresh_from_db()
    assert (answer.status, answer.explanation, answer.version) == (
        Status.ADOPTED,
        "We doen het.",
        2,
    )
    # Having read the other version, the second person can save theirs on purpose.
    assert 'name="version" value="2"' in second.content.decode()
    third = coordinator.post(
        url,
        edit_post(2, status=Status.PARTLY, explanation="Mijn eigen lange uitleg."),
        follow=True,
    )
    assert messages_shown(third) == dutch("The answer is changed.")
    answer.refresh_from_db()
    assert (answer.status, answer.explanation, answer.version) == (
        Status.PARTLY,
        "Mijn eigen lange uitleg.",
        3,
    )


def test_its_service_refuses_a_stale_version(build: Build) -> None:
    question, said = with_input(build, 1)
    answer = build.answer(question, said, Status.RECEIVED, explanation="")
    services.response_update(
        response=answer, version=1, status=Status.DONE, explanation="Klaar.", by=build.coordinator
    )
    stale = Response.objects.get(pk=answer.pk)
    stale.version = 1
    with pytest.raises(services.ConflictError):
        services.response_update(
            response=stale, version=1, status=Status.RECEIVED, explanation="", by=build.coordinator
        )
    answer.refresh_from_db()
    assert (answer.status, answer.explanation) == (Status.DONE, "Klaar.")


def test_it_checks_the_explanation_when_an_answer_is_changed(world: World, build: Build) -> None:
    question, said = with_input(build, 1)
    answer = build.answer(question, said, Status.RECEIVED, explanation="")
    response = world.client_for("service_contact").post(
        reverse("participation:response_edit", args=[answer.pk]),
        edit_post(1, status=Status.NOT_ADOPTED),
    )
    assert field_error(response, "explanation") == dutch(
        "Explain in plain words why the input is not or only partly adopted."
    )
    answer.refresh_from_db()
    assert (answer.status, answer.version) == (Status.RECEIVED, 1)
