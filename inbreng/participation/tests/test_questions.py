"""A service asks a question; the coordinator accepts it or sends it back, then schedules it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import World
from inbreng.core.models import Membership, Service
from inbreng.core.tests.helpers import dutch, field_error, messages_shown, text
from inbreng.participation import services
from inbreng.participation.models import (
    MAX_ATTACHMENT_BYTES,
    AgendaItem,
    Level,
    Question,
    QuestionAttachment,
    Trajectory,
)

from .helpers import Build, day

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 32


def ask_post(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "Is deze flyer duidelijk?",
        "body": "We kunnen de tekst nog aanpassen.",
        "level": Level.CONSULT,
        "proposed_due_on": "",
        "trajectory": "",
    }
    data.update(overrides)
    return data


def ask(world: World, role: str = "service_contact", **overrides: Any) -> Any:
    data = ask_post(**{"service": world.service.pk, **overrides})
    return world.client_for(role).post(reverse("participation:question_ask"), data)


# Asking ---------------------------------------------------------------------------------


def test_it_sends_a_new_question_to_the_coordinator(world: World) -> None:
    response = ask(world, proposed_due_on=day(30).isoformat())
    question = Question.objects.get()
    assert response["Location"] == reverse("participation:question", args=[question.pk])
    assert (question.status, question.service, question.asked_by) == (
        Question.Status.SUBMITTED,
        world.service,
        world.users["service_contact"],
    )
    assert question.proposed_due_on == day(30)
    assert question.answer_due_on is None


def test_it_refuses_a_proposed_answer_date_in_the_past(world: World) -> None:
    response = ask(world, proposed_due_on=day(-1).isoformat(), title="Mijn getypte vraag")
    assert response.status_code == 200
    assert field_error(response, "proposed_due_on") == dutch("This date is in the past.")
    assert 'value="Mijn getypte vraag"' in response.content.decode()
    assert not Question.objects.exists()


def test_it_accepts_today_as_the_proposed_answer_date(world: World) -> None:
    ask(world, proposed_due_on=day(0).isoformat())
    assert Question.objects.get().proposed_due_on == day(0)


def test_its_service_also_refuses_a_past_answer_date(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        services.question_ask(
            organisation=world.org,
            by=world.users["service_contact"],
            service=world.service,
            title="Vraag",
            body="",
            level=Level.CONSULT,
            proposed_due_on=day(-10),
        )
    assert "proposed_due_on" in error.value.message_dict
    assert not Question.objects.exists()


def test_it_takes_the_level_of_the_trajectory(world: World, build: Build) -> None:
    trajectory = services.trajectory_save(
        organisation=world.org,
        by=world.users["coordinator"],
        title="Brieven",
        purpose="Duidelijke brieven",
        service=world.service,
        level=Level.CODECIDE,
        starts_on=day(0),
    )
    ask(world, trajectory=trajectory.pk, level=Level.INFORM)
    question = Question.objects.get()
    assert question.level == Level.CODECIDE
    page = world.client_for("service_contact").get(
        reverse("participation:question", args=[question.pk])
    )
    assert dutch("You decide together with us.") in text(page, cls="promise")


def test_it_offers_a_service_contact_only_their_own_service(world: World) -> None:
    other = Service.objects.create(organisation=world.org, name="Schuldhulp")
    response = ask(world, service=other.pk)
    assert response.status_code == 200
    assert field_error(response, "service")
    assert not Question.objects.exists()


# Attachments ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("flyer.pdf", PDF, "application/pdf"),
        ("foto.png", PNG, "image/png"),
        ("foto.jpg", JPEG, "image/jpeg"),
        # The content decides, not the name the browser sends.
        ("scan", JPEG, "image/jpeg"),
        ("brief.txt", PDF, "application/pdf"),
    ],
)
def test_it_accepts_a_pdf_or_an_image_by_its_content(
    world: World, name: str, content: bytes, content_type: str
) -> None:
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    response = ask(world, attachments=[upload])
    assert response.status_code == 302
    attachment = QuestionAttachment.objects.get()
    assert (attachment.content_type, attachment.size, attachment.name) == (
        content_type,
        len(content),
        name,
    )
    # The stored name is random: the uploader's file name may hold a person's name.
    assert name not in attachment.file.name
    download = world.client_for("coordinator").get(
        reverse("participation:attachment", args=[attachment.pk])
    )
    assert download["Content-Type"] == content_type
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == content  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("flyer.pdf", EXE, content_type="application/pdf"),
            "“%(name)s” is not a PDF or an image.",
        ),
        (
            SimpleUploadedFile("notities.pdf", b"Gewone tekst", content_type="application/pdf"),
            "“%(name)s” is not a PDF or an image.",
        ),
        (
            SimpleUploadedFile(
                "groot.pdf", PDF + b"0" * MAX_ATTACHMENT_BYTES, content_type="application/pdf"
            ),
            "“%(name)s” is larger than 10 MB.",
        ),
    ],
    ids=["exe-named-pdf", "text-named-pdf", "over-10-mb"],
)
def test_it_refuses_a_bad_attachment_and_saves_nothing(
    world: World, upload: SimpleUploadedFile, message: str
) -> None:
    good = SimpleUploadedFile("goed.png", PNG, content_type="image/png")
    name = upload.name
    response = ask(world, attachments=[good, upload], title="Mijn vraag blijft staan")
    assert response.status_code == 200
    assert field_error(response, "attachments") == dutch(message) % {"name": name}
    assert 'value="Mijn vraag blijft staan"' in response.content.decode()
    assert not Question.objects.exists()
    assert not QuestionAttachment.objects.exists()


def test_it_accepts_an_attachment_of_exactly_10_mb(world: World) -> None:
    content = PDF + b"0" * (MAX_ATTACHMENT_BYTES - len(PDF))
    response = ask(world, attachments=[SimpleUploadedFile("precies.pdf", content)])
    assert response.status_code == 302
    assert QuestionAttachment.objects.get().size == MAX_ATTACHMENT_BYTES


def test_it_hides_another_services_attachment(world: World, build: Build) -> None:
    question = build.question()
    attachment = QuestionAttachment.objects.create(
        organisation=world.org,
        question=question,
        file=SimpleUploadedFile("x.pdf", PDF),
        name="x.pdf",
        content_type="application/pdf",
        size=len(PDF),
    )
    other = Service.objects.create(organisation=world.org, name="Schuldhulp")
    Membership.objects.filter(user=world.users["service_contact"]).update(service=other)
    response = world.client_for("service_contact").get(
        reverse("participation:attachment", args=[attachment.pk])
    )
    assert response.status_code == 404


# Review ----------------------------------------------------------------------------------


def review(world: World, question: Question, **data: str) -> Any:
    return world.client_for("coordinator").post(
        reverse("participation:question_review", args=[question.pk]), data, follow=True
    )


def test_it_lets_the_coordinator_accept_a_question(world: World, build: Build) -> None:
    question = build.question()
    response = review(world, question, decision="accept", reason="")
    assert messages_shown(response) == dutch("The decision is saved.")
    question.refresh_from_db()
    assert question.status == Question.Status.ACCEPTED


def test_it_sends_a_question_back_with_the_reason(world: World, build: Build) -> None:
    question = build.question()
    review(world, question, decision="return", reason="  Wat kan er nog veranderen?  ")
    question.refresh_from_db()
    assert (question.status, question.return_reason) == (
        Question.Status.RETURNED,
        "Wat kan er nog veranderen?",
    )
    page = world.client_for("service_contact").get(
        reverse("participation:question", args=[question.pk])
    )
    assert "Wat kan er nog veranderen?" in text(page, cls="warning")


@pytest.mark.parametrize("reason", ["", "   "])
def test_it_wants_a_reason_to_send_a_question_back(world: World, build: Build, reason: str) -> None:
    question = build.question()
    response = review(world, question, decision="return", reason=reason)
    assert field_error(response, "reason") == dutch("Say why you send the question back.")
    question.refresh_from_db()
    assert question.status == Question.Status.SUBMITTED


def test_it_refuses_to_review_a_scheduled_question_again(world: World, build: Build) -> None:
    question = build.accepted()
    build.schedule(build.meeting(build.group()), question)
    response = review(world, question, decision="return", reason="Toch niet")
    assert dutch("This question was already reviewed.") in text(response, cls="error-summary")
    question.refresh_from_db()
    assert question.status == Question.Status.SCHEDULED


def test_it_lets_the_service_rewrite_a_returned_question(world: World, build: Build) -> None:
    question = build.question()
    services.question_review(
        question=question, by=world.users["coordinator"], accept=False, reason="Te vaag"
    )
    client = world.client_for("service_contact")
    url = reverse("participation:question_resubmit", args=[question.pk])
    assert "Te vaag" in text(client.get(url), cls="warning")
    response = client.post(
        url,
        {"title": "Zijn de letters groot genoeg?", "body": "Nieuwe uitleg", "proposed_due_on": ""},
        follow=True,
    )
    assert messages_shown(response) == dutch("Your question is sent to the coordinator again.")
    question.refresh_from_db()
    assert (question.status, question.title, question.body) == (
        Question.Status.SUBMITTED,
        "Zijn de letters groot genoeg?",
        "Nieuwe uitleg",
    )


def test_it_refuses_a_past_date_on_the_rewritten_question(world: World, build: Build) -> None:
    question = build.question()
    services.question_review(
        question=question, by=world.users["coordinator"], accept=False, reason="Te vaag"
    )
    response = world.client_for("service_contact").post(
        reverse("participation:question_resubmit", args=[question.pk]),
        {"title": "Nieuw", "body": "", "proposed_due_on": day(-3).isoformat()},
    )
    assert field_error(response, "proposed_due_on") == dutch("This date is in the past.")
    question.refresh_from_db()
    assert (question.status, question.title) == (
        Question.Status.RETURNED,
        "Is deze flyer duidelijk?",
    )


def test_it_only_lets_a_returned_question_be_rewritten(world: World, build: Build) -> None:
    question = build.question()
    response = world.client_for("service_contact").post(
        reverse("participation:question_resubmit", args=[question.pk]),
        {"title": "Stiekem anders", "body": "", "proposed_due_on": ""},
    )
    assert response.status_code == 403
    question.refresh_from_db()
    assert question.title == "Is deze flyer duidelijk?"


# Scheduling ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("proposed", "answer_weeks", "expected"),
    [
        (None, 6, lambda meeting_day: meeting_day + timedelta(weeks=6)),
        (None, 4, lambda meeting_day: meeting_day + timedelta(weeks=4)),
        (30, 6, lambda meeting_day: day(30)),
    ],
    ids=["default-six-weeks", "organisation-four-weeks", "proposed-date"],
)
def test_it_fixes_the_answer_date_when_scheduling(
    world: World, build: Build, proposed: int | None, answer_weeks: int, expected: Any
) -> None:
    world.org.answer_weeks = answer_weeks
    world.org.save()
    question = build.accepted(proposed_due_on=day(proposed) if proposed is not None else None)
    meeting = build.meeting(build.group(), days=10)
    world.client_for("coordinator").post(
        reverse("participation:agenda_add", args=[meeting.pk]), {"question": question.pk}
    )
    question.refresh_from_db()
    assert question.status == Question.Status.SCHEDULED
    assert question.answer_due_on == expected(day(10))
    page = world.client_for("coordinator").get(reverse("participation:meeting", args=[meeting.pk]))
    assert question.title in page.content.decode()


def test_it_keeps_the_answer_date_when_a_question_comes_back_on_a_later_agenda(
    build: Build,
) -> None:
    group = build.group()
    question = build.schedule(build.meeting(group, days=3), build.accepted())
    due = question.answer_due_on
    question = build.schedule(build.meeting(group, days=40), question)
    assert question.answer_due_on == due


@pytest.mark.parametrize("status", [Question.Status.SUBMITTED, Question.Status.RETURNED])
def test_it_refuses_to_schedule_a_question_not_accepted(
    world: World, build: Build, status: str
) -> None:
    question = build.question()
    if status == Question.Status.RETURNED:
        services.question_review(
            question=question, by=world.users["coordinator"], accept=False, reason="Te vaag"
        )
    meeting = build.meeting(build.group())
    with pytest.raises(ValidationError):
        services.agenda_add_question(meeting=meeting, question=question, by=build.coordinator)
    response = world.client_for("coordinator").post(
        reverse("participation:agenda_add", args=[meeting.pk]),
        {"question": question.pk},
        follow=True,
    )
    assert dutch("Choose a question or write another agenda item.") in messages_shown(response)
    question.refresh_from_db()
    assert (question.status, question.answer_due_on) == (status, None)
    assert not AgendaItem.objects.exists()


def test_it_refuses_a_question_twice_on_one_agenda(build: Build) -> None:
    meeting = build.meeting(build.group())
    question = build.schedule(meeting, build.accepted())
    with pytest.raises(ValidationError):
        services.agenda_add_question(meeting=meeting, question=question, by=build.coordinator)
    assert meeting.agenda_items.count() == 1


def test_it_adds_another_agenda_item_by_title(world: World, build: Build) -> None:
    meeting = build.meeting(build.group())
    world.client_for("coordinator").post(
        reverse("participation:agenda_add", args=[meeting.pk]),
        {"question": "", "title": "Koffie en kennismaking"},
    )
    page = world.client_for("coordinator").get(reverse("participation:meeting", args=[meeting.pk]))
    assert "Koffie en kennismaking" in text(page, tag="ol")


# Who sees which question -----------------------------------------------------------------


def test_it_shows_a_service_contact_only_their_services_questions(
    world: World, build: Build
) -> None:
    mine = build.question("Onze vraag")
    other_service = Service.objects.create(organisation=world.org, name="Schuldhulp")
    theirs = services.question_ask(
        organisation=world.org,
        by=world.users["coordinator"],
        service=other_service,
        title="Hun vraag",
        body="",
        level=Level.CONSULT,
    )
    client = world.client_for("service_contact")
    listing = client.get(reverse("participation:questions")).content.decode()
    assert "Onze vraag" in listing and "Hun vraag" not in listing
    assert client.get(reverse("participation:question", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("participation:question", args=[mine.pk])).status_code == 200


def test_it_filters_the_question_list_by_status(world: World, build: Build) -> None:
    build.question("Nieuwe vraag")
    build.accepted("Aanvaarde vraag")
    listing = world.client_for("coordinator").get(
        reverse("participation:questions"), {"status": "accepted"}
    )
    html = listing.content.decode()
    assert "Aanvaarde vraag" in html and "Nieuwe vraag" not in html


def test_it_lists_a_trajectory_with_its_questions(world: World, build: Build) -> None:
    trajectory = Trajectory.objects.create(
        organisation=world.org,
        title="Flyers",
        purpose="Betere flyers",
        service=world.service,
        level=Level.ADVISE,
        starts_on=day(0),
    )
    build.question("Over de flyer", trajectory=trajectory)
    page = world.client_for("policy_maker").get(
        reverse("participation:trajectory", args=[trajectory.pk])
    )
    assert "Over de flyer" in page.content.decode()
    assert dutch("Your advice weighs. If we do not follow it, we explain why.") in text(
        page, cls="promise"
    )


def test_it_refuses_a_trajectory_that_ends_before_it_starts(world: World) -> None:
    response = world.client_for("coordinator").post(
        reverse("participation:trajectory_add"),
        {
            "title": "Brieven",
            "purpose": "Duidelijk",
            "service": world.service.pk,
            "level": Level.ADVISE,
            "group": "",
            "starts_on": day(10).isoformat(),
            "ends_on": day(5).isoformat(),
        },
    )
    assert field_error(response, "ends_on") == dutch("The end comes before the start.")
    assert not Trajectory.objects.exists()
