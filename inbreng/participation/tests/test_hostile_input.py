"""No input, however long or strange, gives a 500 or renders unescaped in the loop's pages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from conftest import World
from inbreng.participation import services
from inbreng.participation.models import Contribution, Invitation, Meeting, Question, Response
from inbreng.people.models import Participant

from .helpers import Build, at, day, open_personal_page

MARKUP = '<script>alert("x")</script><img src=x onerror=alert(1)>'
PAYLOADS = {
    "markup": MARKUP,
    "very-long": "Ā" * 6000,
    "right-to-left": "مركز الرعاية الاجتماعية يساعد العائلات",
    "emoji": "👩🏽‍👧 Zorg ❤️ 🏠",
    "nul-byte": "Tekst\x00met nul",
    "template-code": "{{ request.user }} {% debug %}",
    "bidi-override": "Dienst \u202etxet\u202c",
}
RAW_MARKUP = ("<script>alert", "<img src=x")


def assert_safe(html: str) -> None:
    for raw in RAW_MARKUP:
        assert raw not in html, "markup must be escaped"


@dataclass
class Scene:
    world: World
    meeting: Meeting
    upcoming: Meeting
    question: Question
    returned: Question
    contribution: Contribution
    response: Response
    invitation: Invitation
    person: Participant
    personal: Client


@pytest.fixture
def scene(world: World, build: Build) -> Scene:
    group = build.group()
    person = build.member(group, "Anouk T.")
    meeting = build.held(group)
    question = build.schedule(meeting, build.accepted())
    contribution = build.say(meeting, question, participant=person)
    response = build.answer(question, [contribution], "received", "")
    build.say(meeting, question, "Nog iets van de groep")
    upcoming = build.meeting(group, 10)
    services.meeting_invite_group(meeting=upcoming, by=build.coordinator)
    build.schedule(upcoming, question)
    returned = build.question("Terug te sturen")
    services.question_review(question=returned, by=build.coordinator, accept=False, reason="Vaag")
    link = services.link_issue(participant=person, by=None)
    personal = Client()
    open_personal_page(personal, services.link_path(link))
    return Scene(
        world,
        meeting,
        upcoming,
        question,
        returned,
        contribution,
        response,
        build.invitation(upcoming, person),
        person,
        personal,
    )


@dataclass
class Form:
    role: str  # "participant" posts from the personal page
    url: Callable[[Scene], str]
    data: Callable[[Scene, str], dict[str, Any]]
    shown_on: Callable[[Scene], str]
    shown_as: str = "coordinator"


def q(s: Scene) -> str:
    return reverse("participation:question", args=[s.question.pk])


def m(s: Scene) -> str:
    return reverse("participation:meeting", args=[s.meeting.pk])


FORMS: dict[str, Form] = {
    "trajectory": Form(
        "coordinator",
        lambda s: reverse("participation:trajectory_add"),
        lambda s, v: {
            "title": v,
            "purpose": v,
            "service": s.world.service.pk,
            "level": "consult",
            "group": "",
            "starts_on": day(0).isoformat(),
            "ends_on": "",
        },
        lambda s: reverse("participation:trajectories"),
    ),
    "question": Form(
        "service_contact",
        lambda s: reverse("participation:question_ask"),
        lambda s, v: {
            "title": v,
            "body": v,
            "service": s.world.service.pk,
            "level": "consult",
            "trajectory": "",
            "proposed_due_on": v,
        },
        lambda s: reverse("participation:questions"),
        "service_contact",
    ),
    "review": Form(
        "coordinator",
        lambda s: reverse("participation:question_review", args=[s.returned.pk]),
        lambda s, v: {"decision": "return", "reason": v},
        lambda s: reverse("participation:question", args=[s.returned.pk]),
    ),
    "resubmit": Form(
        "service_contact",
        lambda s: reverse("participation:question_resubmit", args=[s.returned.pk]),
        lambda s, v: {"title": v, "body": v, "proposed_due_on": ""},
        lambda s: reverse("participation:question", args=[s.returned.pk]),
        "service_contact",
    ),
    "answer": Form(
        "service_contact",
        lambda s: reverse("participation:response_add", args=[s.question.pk]),
        lambda s, v: {
            "contributions": [c.pk for c in services.answerable(s.question).filter(response=None)],
            "status": "not_adopted",
            "explanation": v,
            "decided_by": v,
            "decided_on": v,
            "expected_on": "",
        },
        q,
        "service_contact",
    ),
    "answer-edit": Form(
        "service_contact",
        lambda s: reverse("participation:response_edit", args=[s.response.pk]),
        lambda s, v: {
            "version": s.response.version,
            "status": "partly",
            "explanation": v,
            "decided_by": v,
            "decided_on": "",
            "expected_on": "",
        },
        q,
        "service_contact",
    ),
    "meeting": Form(
        "coordinator",
        lambda s: reverse("participation:meeting_add"),
        lambda s, v: {
            "group": s.meeting.group_id,
            "title": v,
            "starts_at": at(5).strftime("%Y-%m-%dT%H:%M"),
            "ends_at": at(5, 16).strftime("%Y-%m-%dT%H:%M"),
            "place": v,
            "place_details": v,
        },
        lambda s: reverse("participation:meetings"),
    ),
    "meeting-dates": Form(
        "coordinator",
        lambda s: reverse("participation:meeting_edit", args=[s.meeting.pk]),
        lambda s, v: {
            "group": v,
            "title": "Titel",
            "starts_at": v,
            "ends_at": v,
            "place": "Hier",
            "place_details": "",
        },
        m,
    ),
    "agenda": Form(
        "coordinator",
        lambda s: reverse("participation:agenda_add", args=[s.meeting.pk]),
        lambda s, v: {"question": "", "title": v},
        m,
    ),
    "agenda-question": Form(
        "coordinator",
        lambda s: reverse("participation:agenda_add", args=[s.meeting.pk]),
        lambda s, v: {"question": v, "title": ""},
        m,
    ),
    "reply": Form(
        "social_worker",
        lambda s: reverse("participation:reply", args=[s.invitation.pk]),
        lambda s, v: {"reply": "yes", "children": v, "interpreter_language": v},
        lambda s: reverse("participation:meeting", args=[s.upcoming.pk]),
    ),
    "reply-text": Form(
        "social_worker",
        lambda s: reverse("participation:reply", args=[s.invitation.pk]),
        lambda s, v: {"reply": "maybe", "children": "1", "interpreter_language": v},
        lambda s: reverse("participation:meeting", args=[s.upcoming.pk]),
    ),
    "attendance": Form(
        "coordinator",
        lambda s: reverse("participation:attendance", args=[s.meeting.pk]),
        lambda s, v: {"present": [v, str(s.person.pk)]},
        m,
    ),
    "minutes": Form(
        "coordinator",
        lambda s: reverse("participation:minutes", args=[s.meeting.pk]),
        lambda s, v: {"minutes": v},
        m,
        "social_worker",
    ),
    "contribution": Form(
        "coordinator",
        lambda s: reverse("participation:contributions", args=[s.meeting.pk]),
        lambda s, v: {
            "question": s.question.pk,
            "text": v,
            "participant": "",
            "agreed_count": v,
            "present_count": "",
        },
        lambda s: reverse("participation:meeting_feedback", args=[s.meeting.pk]),
    ),
    "contribution-text": Form(
        "coordinator",
        lambda s: reverse("participation:contributions", args=[s.meeting.pk]),
        lambda s, v: {
            "question": s.question.pk,
            "text": v,
            "participant": s.person.pk,
            "agreed_count": "",
            "present_count": "",
        },
        q,
        "service_contact",
    ),
    "feedback-record": Form(
        "coordinator",
        lambda s: reverse("participation:feedback_record", args=[s.person.pk]),
        lambda s, v: {"question": v, "channel": v},
        lambda s: reverse("participation:participant_loop", args=[s.person.pk]),
    ),
    "contribution-review": Form(
        "coordinator",
        lambda s: reverse("participation:contribution_review", args=[s.contribution.pk]),
        lambda s, v: {"decision": v},
        lambda s: reverse("participation:review_queue"),
    ),
    "my-input": Form(
        "participant",
        lambda s: reverse("participation:my_input", args=[s.question.pk]),
        lambda s, v: {"text": v},
        lambda s: reverse("participation:review_queue"),
    ),
}


@pytest.mark.parametrize("payload", PAYLOADS, ids=list(PAYLOADS))
@pytest.mark.parametrize("form", FORMS, ids=list(FORMS))
def test_it_never_fails_on_hostile_input(scene: Scene, form: str, payload: str) -> None:
    spec = FORMS[form]
    value = PAYLOADS[payload]
    client = scene.personal if spec.role == "participant" else scene.world.client_for(spec.role)
    response = client.post(spec.url(scene), spec.data(scene, value))
    assert response.status_code in (200, 302, 400), response.status_code
    assert_safe(response.content.decode())
    shown = scene.world.client_for(spec.shown_as).get(spec.shown_on(scene))
    assert shown.status_code == 200
    assert_safe(shown.content.decode())
    if (
        payload == "markup"
        and response.status_code == 302
        and form
        not in (
            "attendance",
            "agenda-question",
            "feedback-record",
            "contribution-review",
        )
    ):
        # The text was saved and is shown, escaped.
        assert "&lt;script&gt;" in shown.content.decode(), form


@pytest.mark.parametrize("payload", PAYLOADS, ids=list(PAYLOADS))
def test_it_shows_hostile_text_escaped_on_every_page(
    world: World, build: Build, payload: str
) -> None:
    # Stored text never holds NUL (forms refuse it, and PostgreSQL cannot store it), and
    # each value fits its column: the data is built the way the forms would let it in.
    text = PAYLOADS[payload].replace("\x00", "")
    value = text[:100]
    group = build.group(value or "x")
    person = build.member(group, value or "x")
    meeting = build.held(group, title=value or "x", place=value or "x")
    question = build.schedule(meeting, build.accepted(value or "x", body=text[:5000]))
    said = build.say(meeting, question, text[:5000], participant=person)
    build.answer(question, [said], "not_adopted", text[:5000])
    link = services.link_issue(participant=person, by=None)
    personal = Client()
    open_personal_page(personal, services.link_path(link))
    pages = [
        reverse("participation:question", args=[question.pk]),
        reverse("participation:questions"),
        reverse("participation:meeting", args=[meeting.pk]),
        reverse("participation:meetings"),
        reverse("participation:meeting_feedback", args=[meeting.pk]),
        reverse("participation:contributions", args=[meeting.pk]),
        reverse("participation:attendance", args=[meeting.pk]),
        reverse("participation:participant_loop", args=[person.pk]),
        reverse("participation:indicators"),
        reverse("participation:ics", args=[meeting.pk]),
        reverse("participation:letter", args=[person.pk]),
        reverse("core:home"),
    ]
    client = world.client_for("coordinator")
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        if response["Content-Type"].startswith("text/html"):
            assert_safe(response.content.decode())
    own = personal.get(reverse("participation:my_page"))
    assert own.status_code == 200
    assert_safe(own.content.decode())


@pytest.mark.parametrize(
    "path",
    [
        "/p/%3Cscript%3Ealert(1)%3C%2Fscript%3E/",
        "/p/" + "a" * 5000 + "/",
        "/p/%F0%9F%91%A9/",
        "/p/%D9%85%D8%B1%D9%83%D8%B2/",
        "/vragen/?status=%3Cscript%3Ealert(1)%3C/script%3E",
        "/vragen/?status=" + "x" * 5000,
    ],
)
def test_it_never_fails_on_a_hostile_address(world: World, path: str) -> None:
    for client in (Client(), world.client_for("coordinator")):
        response = client.get(path)
        assert response.status_code in (200, 302, 404)
        assert_safe(response.content.decode())
