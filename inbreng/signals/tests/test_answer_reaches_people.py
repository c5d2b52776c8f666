"""The body's answer to a signal reaches each person behind it, over their own channel."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from conftest import World, make_participant
from inbreng.core.tests.helpers import field_error
from inbreng.messaging.models import Delivery
from inbreng.messaging.sms import MemoryGateway
from inbreng.participation import outreach
from inbreng.participation.models import Contribution, Meeting, Question, Response
from inbreng.participation.tests.feedback_world import pdf_text
from inbreng.participation.tests.helpers import Build
from inbreng.people.models import Channel, Participant
from inbreng.signals.models import Signal, SignalAnswer

from .helpers import Desk

SITE = "http://testserver"
ANSWER = "Vanaf maart schrappen we de aanmaningskosten bij een eerste herinnering."
REASONS = "Een tweede herinnering blijft betalend: zo blijft de regeling betaalbaar."
SAID = {
    "letter": "De aanmaning kost meer dan de factuur zelf.",
    "sms": "Ik betaal elke maand extra kosten.",
    "email": "De brief komt pas na de vervaldag.",
    "worker": "Ik begrijp de brieven niet.",
}
GROUP_SAID = "De groep vraagt: geen kosten bij een eerste aanmaning."


@dataclass
class Behind:
    meeting: Meeting
    question: Question
    people: dict[str, Participant]
    inputs: list[Contribution]


@pytest.fixture
def behind(world: World, build: Build) -> Behind:
    org = world.org
    people = {
        "letter": make_participant(
            org,
            name="Lea Brief",
            preferred_channel=Channel.LETTER,
            phone="",
            street="Kerkstraat 1",
            postal_code="9000",
            city="Gent",
        ),
        "sms": make_participant(
            org, name="Sam Sms", preferred_channel=Channel.SMS, phone="+32470111222"
        ),
        "email": make_participant(
            org, name="Eva Mail", preferred_channel=Channel.EMAIL, phone="", email="eva@example.org"
        ),
        "worker": make_participant(
            org,
            name="Wout Werker",
            preferred_channel=Channel.SOCIAL_WORKER,
            phone="",
            social_worker=world.users["social_worker"],
        ),
    }
    meeting = build.held(build.group("Praatgroep Geld"))
    question = build.schedule(meeting, build.accepted("Hoe vind je de brieven over de factuur?"))
    inputs = [
        build.say(meeting, question, SAID[key], participant=person)
        for key, person in people.items()
    ]
    inputs.append(build.say(meeting, question, GROUP_SAID, agreed_count=6, present_count=7))
    return Behind(meeting, question, people, inputs)


def promote(world: World, desk: Desk, behind: Behind) -> Signal:
    body = desk.body()
    response = world.client_for("coordinator").post(
        reverse("signals:promote", args=[behind.question.pk]),
        {
            "kind": "advice",
            "title": "Aanmaningskosten",
            "text": "Wie te laat betaalt, krijgt meteen hoge kosten.",
            "recommendations": "Geen kosten bij een eerste aanmaning.",
            "on_behalf": "group",
            "group": behind.meeting.group_id,
            "body": body.pk,
            "contributions": [c.pk for c in behind.inputs],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return Signal.objects.get()


def answer(world: World, signal: Signal, **data: Any) -> Any:
    return world.client_for("policy_maker").post(reverse("signals:answer", args=[signal.pk]), data)


def test_the_body_sees_the_words_but_never_the_names(
    world: World, desk: Desk, behind: Behind
) -> None:
    signal = promote(world, desk, behind)
    page = world.client_for("policy_maker").get(reverse("signals:detail", args=[signal.pk]))
    html = page.content.decode()
    for key, words in SAID.items():
        assert words in html
        assert behind.people[key].name not in html
    assert GROUP_SAID in html
    # The link to the people behind it is kept in the system.
    assert set(signal.links.values_list("contribution_id", flat=True)) == {
        c.pk for c in behind.inputs
    }


def test_an_answer_without_reasons_is_refused_and_nothing_reaches_anyone(
    world: World, desk: Desk, behind: Behind
) -> None:
    signal = promote(world, desk, behind)
    refused = answer(world, signal, decision="not_followed", text=ANSWER)
    assert refused.status_code == 200
    assert field_error(refused, "reasons")
    # What was typed stays in the form.
    assert ANSWER in refused.content.decode()
    assert not SignalAnswer.objects.exists()
    assert not Response.objects.exists()


def test_the_answer_reaches_each_person_over_their_channel(
    world: World,
    desk: Desk,
    behind: Behind,
    django_capture_on_commit_callbacks: Any,
) -> None:
    signal = promote(world, desk, behind)
    done = answer(world, signal, decision="partly", text=ANSWER, reasons=REASONS)
    assert done.status_code == 302
    signal.refresh_from_db()
    assert signal.status == Signal.Status.ANSWERED
    # The loop's own answer, on the question the input belongs to, for all of it.
    loop_answer = Response.objects.get()
    assert loop_answer.question == behind.question
    assert loop_answer.status == Response.Status.PARTLY
    assert ANSWER in loop_answer.explanation and REASONS in loop_answer.explanation
    assert loop_answer.decided_by == signal.body.name
    assert {c.response_id for c in Contribution.objects.all()} == {loop_answer.pk}

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        message = outreach.feedback_send(
            meeting=behind.meeting, by=world.users["coordinator"], site=SITE
        )
    assert message is not None
    channels = dict(
        Delivery.objects.filter(message=message).values_list("participant_id", "channel")
    )
    people = behind.people
    assert channels[people["letter"].pk] == Channel.LETTER
    assert channels[people["sms"].pk] == Channel.SMS
    assert channels[people["email"].pk] == Channel.EMAIL
    assert channels[people["worker"].pk] == Channel.SOCIAL_WORKER
    # The e-mail holds the answer itself, next to what Eva said.
    eva = next(m for m in mail.outbox if "eva@example.org" in m.to)
    assert ANSWER in eva.body and SAID["email"] in eva.body
    # The SMS went to Sam's number.
    assert any(sms["to"] == "+32470111222" for sms in MemoryGateway.outbox)
    # The social worker's pass-on text holds the answer for Wout.
    wout = Delivery.objects.get(message=message, participant=people["worker"])
    assert ANSWER in wout.body
    # Lea gets paper: her letter holds the answer itself, with what she said.
    letter = world.client_for("coordinator").get(
        reverse("participation:letter", args=[people["letter"].pk])
    )
    assert letter.status_code == 200
    words = pdf_text(letter.content)
    assert ANSWER in words
    assert SAID["letter"] in words


def test_a_new_version_of_the_answer_updates_the_same_loop_answer(
    world: World, desk: Desk, behind: Behind
) -> None:
    signal = promote(world, desk, behind)
    from inbreng.participation.tests.helpers import day

    first = answer(
        world,
        signal,
        decision="studying",
        text="We bekijken het met de financiële dienst.",
        expected_on=day(30).isoformat(),
    )
    assert first.status_code == 302
    signal.refresh_from_db()
    assert signal.status == Signal.Status.STUDYING
    studying = Response.objects.get()
    assert studying.status == Response.Status.STUDYING
    assert studying.expected_on == day(30)
    assert answer(world, signal, decision="followed", text=ANSWER).status_code == 302
    final = Response.objects.get()
    assert final.pk == studying.pk and final.version == 2
    assert final.status == Response.Status.ADOPTED
    assert ANSWER in final.explanation
    assert list(signal.answers.values_list("version", flat=True)) == [2, 1]
    page = world.client_for("coordinator").get(reverse("signals:detail", args=[signal.pk]))
    assert ANSWER in page.content.decode()
