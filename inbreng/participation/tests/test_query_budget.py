"""Each page of the loop reads the database a fixed number of times, however much was said."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from conftest import World
from inbreng.groups.models import ParticipationGroup
from inbreng.participation import services
from inbreng.participation.models import FeedbackDelivery, Meeting, Question
from inbreng.people.models import Participant

from .helpers import Build, count_queries, open_personal_page


@dataclass
class Loop:
    group: ParticipationGroup
    meeting: Meeting
    next_meeting: Meeting
    questions: tuple[Question, Question]
    person: Participant
    said: int = 0

    @property
    def question(self) -> Question:
        return self.questions[0]


def start(build: Build) -> Loop:
    """A held meeting on two questions; the next meeting is planned."""
    group = build.group()
    meeting = build.meeting(group, -7, record_past=True)
    first = build.schedule(meeting, build.accepted("Eerste vraag"))
    second = build.schedule(meeting, build.accepted("Tweede vraag"))
    next_meeting = build.meeting(group, 14)
    build.schedule(next_meeting, build.accepted("Open vraag"))
    person = build.member(group, "Gemeten Persoon")
    loop = Loop(group, meeting, next_meeting, (first, second), person)
    for target in (meeting, next_meeting):
        services.meeting_invite(meeting=target, participant=person, by=build.coordinator)
    services.attendance_record(meeting=meeting, present_ids=[person.pk], by=build.coordinator)
    # Own input waiting for review, from the person whose pages are measured.
    services.contribution_submit(participant=person, question=first, text="Nog iets")
    return loop


def add(build: Build, loop: Loop, count: int) -> Loop:
    """`count` more things said at the meeting, each answered and fed back.

    Every other contribution is the group's; the rest come from new members, so people,
    invitations, responses and feedback records all grow with `count`.
    """
    for _ in range(count):
        n = loop.said
        question = loop.questions[n % 2]
        speaker = None
        if n == 1:
            speaker = loop.person
        elif n % 2:
            speaker = build.member(loop.group, f"Spreker{n} Achternaam")
        for target in (loop.meeting, loop.next_meeting):
            if speaker is not None:
                services.meeting_invite(meeting=target, participant=speaker, by=build.coordinator)
        if speaker is not None:
            services.attendance_record(
                meeting=loop.meeting,
                present_ids=loop.meeting.invitations.values_list("participant_id", flat=True),
                by=build.coordinator,
            )
        contribution = build.say(
            loop.meeting,
            question,
            f"Opmerking {n}",
            participant=speaker,
            agreed_count=1 if speaker is None else None,
        )
        build.answer(question, [contribution], ("adopted", "partly", "done")[n % 3], "Uitleg")
        for person in [speaker or loop.person]:
            services.feedback_record(
                participant=person,
                question=question,
                channel=FeedbackDelivery.Channel.MEETING,
                by=build.coordinator,
            )
        loop.said += 1
    return loop


Page = tuple[str, Callable[[Loop], str], int]

# Every staff page reads the session, the user, the two-step device and the active
# membership (4), then its own data, then the permissions its menu shows (2). Measured on
# SQLite; the budgets are what the pages need today, so any new query shows up here.
PAGES: dict[str, Page] = {
    "meeting": (
        "coordinator",
        lambda loop: reverse("participation:meeting", args=[loop.meeting.pk]),
        13,
    ),
    # The question page shows its input and its answers a page at a time (a page and a count
    # for the answers; the input's count is kept on the question), asks whether input waits
    # for an answer, and records the read in the audit log. A service also reads who spoke
    # first, for the pseudonyms that stay the same from page to page.
    "question-coordinator": (
        "coordinator",
        lambda loop: reverse("participation:question", args=[loop.question.pk]),
        14,
    ),
    "question-service": (
        "service_contact",
        lambda loop: reverse("participation:question", args=[loop.question.pk]),
        15,
    ),
    # The answer form records the read of what people said in the audit log.
    "response-form": (
        "service_contact",
        lambda loop: reverse("participation:response_add", args=[loop.question.pk]),
        9,
    ),
    "meeting-feedback": (
        "coordinator",
        lambda loop: reverse("participation:meeting_feedback", args=[loop.meeting.pk]),
        10,
    ),
    "contributions": (
        "coordinator",
        lambda loop: reverse("participation:contributions", args=[loop.meeting.pk]),
        14,
    ),
    "attendance": (
        "coordinator",
        lambda loop: reverse("participation:attendance", args=[loop.meeting.pk]),
        10,
    ),
    "indicators": ("coordinator", lambda loop: reverse("participation:indicators"), 13),
    "indicators-service": (
        "service_contact",
        lambda loop: reverse("participation:indicators"),
        12,
    ),
    "questions": ("coordinator", lambda loop: reverse("participation:questions"), 7),
    "meetings": ("coordinator", lambda loop: reverse("participation:meetings"), 9),
    "review-queue": ("coordinator", lambda loop: reverse("participation:review_queue"), 8),
    # Three of them say which links the person had and where the current one went out.
    "participant-loop": (
        "coordinator",
        lambda loop: reverse("participation:participant_loop", args=[loop.person.pk]),
        14,
    ),
    "link-reissue": (
        "coordinator",
        lambda loop: reverse("participation:link_reissue", args=[loop.person.pk]),
        11,
    ),
    # The messaging panel adds two: messages to pass on, and the outbox work per status.
    "home-coordinator": ("coordinator", lambda loop: reverse("core:home"), 12),
    "home-service": ("service_contact", lambda loop: reverse("core:home"), 8),
}


@pytest.mark.parametrize("page", PAGES, ids=list(PAGES))
def test_it_keeps_the_page_within_its_query_budget(world: World, build: Build, page: str) -> None:
    role, url, budget = PAGES[page]
    loop = add(build, start(build), 2)
    client = world.client_for(role)
    few = count_queries(client, url(loop))
    many = count_queries(client, url(add(build, loop, 18)))
    assert (few, many) == (few, few), "the page reads more when more was said"
    assert few <= budget


def test_it_keeps_the_personal_page_within_its_query_budget(build: Build) -> None:
    loop = add(build, start(build), 2)
    link = services.link_issue(participant=loop.person, by=None)
    client = Client()
    open_personal_page(client, services.link_path(link))
    url = reverse("participation:my_page")
    few = count_queries(client, url)
    # More answers, and more meetings to come, each with its own answer form.
    add(build, loop, 18)
    for days in (21, 28, 35):
        meeting = build.meeting(loop.group, days)
        services.meeting_invite(meeting=meeting, participant=loop.person, by=build.coordinator)
        services.invitation_answer(
            invitation=build.invitation(meeting, loop.person),
            reply="yes",
            children=2,
            interpreter_language="Arabisch",
        )
    many = count_queries(client, url)
    assert few == many
    # One of them reads the results registered to the answers (signals, through core's hook);
    # four page the questions before their input is read: the meetings the person attended,
    # the questions in order, when the person last heard back, the latest inputs' ids.
    assert few <= 12


def test_it_reads_the_meeting_pages_in_the_same_queries_for_more_questions(
    world: World, build: Build
) -> None:
    loop = add(build, start(build), 4)
    client = world.client_for("coordinator")
    urls = [
        reverse(name, args=[loop.meeting.pk])
        for name in (
            "participation:meeting",
            "participation:meeting_feedback",
            "participation:contributions",
        )
    ]
    before = [count_queries(client, url) for url in urls]
    for n in range(5):
        question = build.schedule(loop.meeting, build.accepted(f"Extra vraag {n}"))
        build.answer(question, [build.say(loop.meeting, question, f"Extra {n}")])
    assert [count_queries(client, url) for url in urls] == before


def test_it_reads_the_indicators_in_the_same_queries_for_more_groups_and_services(
    world: World, build: Build
) -> None:
    from inbreng.core.models import Service

    add(build, start(build), 4)
    client = world.client_for("policy_maker")
    url = reverse("participation:indicators")
    before = count_queries(client, url)
    for n in range(4):
        Service.objects.create(organisation=world.org, name=f"Dienst {n}")
        group = build.group(f"Groep {n}", members=1)
        meeting = build.held(group)
        question = build.schedule(meeting, build.accepted(f"Vraag {n}"))
        build.say(meeting, question)
    assert count_queries(client, url) == before
