"""Feedback is counted honestly: a person "heard back" only when the answer reached them.

A letter counts once it is posted (with the day), a call once the caller ticks it, a message
passed on once the social worker ticks it, an e-mail or SMS once the provider accepted it
(and only for the answers it holds), the personal page once the person presses its button.
Making a letter's PDF or following a link counts nothing: a preview robot follows links too.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import World, make_participant
from inbreng.core.tests.helpers import dutch, field_error, messages_shown, text, texts
from inbreng.messaging import services as messaging
from inbreng.messaging.models import Delivery, Message
from inbreng.messaging.sms import MemoryGateway
from inbreng.participation import outreach, selectors, services
from inbreng.participation.models import FeedbackDelivery, Meeting, Question
from inbreng.people.models import Channel, Participant

from .helpers import Build, day, open_personal_page

SITE = "http://testserver"
HEARD_BACK = FeedbackDelivery.Channel


@dataclass
class Heard:
    """Last week five people spoke on two questions. The flyer has its final answer; the
    waiting room is still being studied. Each person wants news their own way."""

    meeting: Meeting
    flyer: Question
    hall: Question
    people: dict[str, Participant]


@pytest.fixture(autouse=True)
def sms_outbox() -> Iterator[list[dict[str, str]]]:
    MemoryGateway.outbox.clear()
    yield MemoryGateway.outbox
    MemoryGateway.outbox.clear()


@pytest.fixture
def heard(world: World, build: Build) -> Heard:
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
        "phone": make_participant(
            org, name="Fien Bel", preferred_channel=Channel.PHONE, phone="+3292345678"
        ),
        "worker": make_participant(
            org,
            name="Wout Werker",
            preferred_channel=Channel.SOCIAL_WORKER,
            phone="",
            social_worker=world.users["social_worker"],
        ),
        "sms": make_participant(
            org, name="Sam Sms", preferred_channel=Channel.SMS, phone="+32470111222"
        ),
        "email": make_participant(
            org,
            name="Eva Mail",
            preferred_channel=Channel.EMAIL,
            phone="",
            email="eva@example.org",
        ),
    }
    meeting = build.held(build.group())
    flyer = build.schedule(meeting, build.accepted("Is deze flyer duidelijk?"))
    hall = build.schedule(meeting, build.accepted("Hoe vind je de wachtzaal?"))
    on_flyer, on_hall = [], []
    for person in people.values():
        on_flyer.append(build.say(meeting, flyer, "De letters zijn te klein.", participant=person))
        on_hall.append(build.say(meeting, hall, "Te weinig stoelen.", participant=person))
    build.answer(flyer, on_flyer, "adopted", "We maken de letters groter.")
    build.answer(hall, on_hall, "studying", "We kijken het na.", expected_on=day(20))
    return Heard(meeting, flyer, hall, people)


def heard_back(world: World) -> int | None:
    """The figure on the indicators page: the share of contributors who heard back."""
    return selectors.indicators(world.member("coordinator")).fed_back_share


def rows() -> list[tuple[str, str, str]]:
    return sorted(
        FeedbackDelivery.objects.values_list("participant__name", "question__title", "channel")
    )


def send_feedback(world: World, heard: Heard, capture: Any) -> Message:
    with capture(execute=True):
        message = outreach.feedback_send(
            meeting=heard.meeting, by=world.users["coordinator"], site=SITE
        )
    assert message is not None
    return message


# Nothing counts without the person getting the answer ------------------------------------


def test_it_counts_nothing_for_a_letter_pdf_opened_twice_or_a_link_followed(
    world: World, heard: Heard, django_capture_on_commit_callbacks: Any
) -> None:
    before = heard_back(world)
    assert before == 0
    message = send_feedback(world, heard, django_capture_on_commit_callbacks)
    # The e-mail and SMS went out: those two people heard back. Take them as the start.
    start = rows()
    figure = heard_back(world)
    coordinator = world.client_for("coordinator")
    lea = heard.people["letter"]
    for _twice in range(2):
        own = coordinator.get(reverse("participation:letter", args=[lea.pk]))
        batch = coordinator.get(reverse("messaging:letters", args=[message.pk]))
        assert own.status_code == batch.status_code == 200
        assert own["Content-Type"] == batch["Content-Type"] == "application/pdf"
    # A robot, or the person, follows both forms of the link without pressing the button.
    link = services.current_link(lea)
    robot = Client()
    assert robot.get(services.link_path(link)).status_code == 200
    assert robot.get(services.link_short_path(link)).status_code == 200
    assert robot.head(services.link_short_path(link)).status_code == 200
    assert rows() == start
    assert heard_back(world) == figure


def test_it_counts_the_page_once_when_the_button_is_pressed(world: World, heard: Heard) -> None:
    lea = heard.people["letter"]
    link = services.current_link(lea)
    phone = Client()
    open_personal_page(phone, services.link_short_path(link))
    assert rows() == [("Lea Brief", "Is deze flyer duidelijk?", HEARD_BACK.PERSONAL_PAGE)]
    share = heard_back(world)
    assert share is not None and share > 0
    # Pressing again, reading again, another phone: still once.
    open_personal_page(phone, services.link_path(link))
    phone.get(reverse("participation:my_page"))
    open_personal_page(Client(), services.link_short_path(link))
    assert rows() == [("Lea Brief", "Is deze flyer duidelijk?", HEARD_BACK.PERSONAL_PAGE)]
    assert heard_back(world) == share


# Letters: when they are posted --------------------------------------------------------


def test_it_counts_each_letter_recipient_once_on_the_day_the_batch_was_posted(
    world: World, heard: Heard, django_capture_on_commit_callbacks: Any
) -> None:
    message = send_feedback(world, heard, django_capture_on_commit_callbacks)
    coordinator = world.client_for("coordinator")
    page = coordinator.get(reverse("messaging:message", args=[message.pk]))
    # The message page asks on which day the letters went in the post.
    assert dutch("Posted on") in texts(page, tag="label")
    assert not FeedbackDelivery.objects.filter(channel=HEARD_BACK.LETTER).exists()

    today = timezone.localdate()
    response = coordinator.post(
        reverse("messaging:letters_printed", args=[message.pk]), {"posted_on": today.isoformat()}
    )
    assert response.status_code == 302
    letters = FeedbackDelivery.objects.filter(channel=HEARD_BACK.LETTER)
    # Only the question with a final answer: "being studied" is not yet an answer.
    assert [(d.participant.name, d.question.title) for d in letters] == [
        ("Lea Brief", "Is deze flyer duidelijk?")
    ]
    assert timezone.localtime(letters[0].delivered_at).date() == today
    assert letters[0].recorded_by == world.users["coordinator"]
    # Posted again (a double click): nothing new.
    coordinator.post(
        reverse("messaging:letters_printed", args=[message.pk]), {"posted_on": today.isoformat()}
    )
    assert FeedbackDelivery.objects.filter(channel=HEARD_BACK.LETTER).count() == 1


def test_it_keeps_the_posting_day_of_a_batch_posted_yesterday(
    world: World, heard: Heard, django_capture_on_commit_callbacks: Any
) -> None:
    message = send_feedback(world, heard, django_capture_on_commit_callbacks)
    yesterday = timezone.localdate() - timedelta(days=1)
    Message.objects.filter(pk=message.pk).update(created_at=timezone.now() - timedelta(days=2))
    message.refresh_from_db()
    count = messaging.letters_printed(
        message=message, by=world.users["coordinator"], posted_on=yesterday
    )
    assert count == 1
    letter = FeedbackDelivery.objects.get(channel=HEARD_BACK.LETTER)
    assert timezone.localtime(letter.delivered_at).date() == yesterday


@pytest.mark.parametrize("when", ["future", "before", "missing"])
def test_it_refuses_a_posting_day_that_cannot_be_next_to_the_field(
    world: World, heard: Heard, django_capture_on_commit_callbacks: Any, when: str
) -> None:
    message = send_feedback(world, heard, django_capture_on_commit_callbacks)
    day_given = {
        "future": (timezone.localdate() + timedelta(days=1)).isoformat(),
        "before": (timezone.localdate() - timedelta(days=30)).isoformat(),
        "missing": "",
    }[when]
    response = world.client_for("coordinator").post(
        reverse("messaging:letters_printed", args=[message.pk]), {"posted_on": day_given}
    )
    assert response.status_code == 400
    error = field_error(response, "posted_on")
    expected = {
        "future": dutch("This date is in the future."),
        "before": dutch("The letters were made on %(day)s. Choose that day or later.").split("%")[
            0
        ],
        "missing": dutch("Say on which day the letters were posted."),
    }[when]
    assert error.startswith(expected)
    # What was typed stays in the field.
    assert f'value="{day_given}"' in response.content.decode() or not day_given
    assert not FeedbackDelivery.objects.filter(channel=HEARD_BACK.LETTER).exists()
    assert Delivery.objects.filter(status=Delivery.Status.TO_PRINT).count() == 1


def test_it_counts_the_persons_own_letter_when_staff_say_it_is_posted(
    world: World, heard: Heard
) -> None:
    lea = heard.people["letter"]
    # Lea has no social worker of her own: the coordinator makes and posts her letter.
    worker = world.client_for("coordinator")
    loop_url = reverse("participation:participant_loop", args=[lea.pk])
    worker.get(reverse("participation:letter", args=[lea.pk]))
    assert not FeedbackDelivery.objects.exists()
    future = (timezone.localdate() + timedelta(days=2)).isoformat()
    refused = worker.post(
        reverse("participation:letter_posted", args=[lea.pk]), {"posted_on": future}
    )
    assert refused.status_code == 400
    assert field_error(refused, "posted_on") == dutch("This date is in the future.")
    assert f'value="{future}"' in refused.content.decode()
    assert not FeedbackDelivery.objects.exists()

    posted = worker.post(
        reverse("participation:letter_posted", args=[lea.pk]),
        {"posted_on": timezone.localdate().isoformat()},
        follow=True,
    )
    assert posted.redirect_chain[-1][0] == loop_url
    assert dutch("Recorded: the letter is posted.") in messages_shown(posted)
    assert rows() == [("Lea Brief", "Is deze flyer duidelijk?", HEARD_BACK.LETTER)]
    assert dutch(str(HEARD_BACK.LETTER.label)) in text(posted, tag="main")


# Calls, passing on, e-mail and SMS ----------------------------------------------------


def test_it_counts_a_call_when_the_caller_ticks_it_and_a_message_when_it_is_passed_on(
    world: World, heard: Heard, django_capture_on_commit_callbacks: Any
) -> None:
    message = send_feedback(world, heard, django_capture_on_commit_callbacks)
    call = message.deliveries.get(channel=Channel.PHONE)
    passed = message.deliveries.get(channel=Channel.SOCIAL_WORKER)
    before = rows()
    messaging.delivery_handle(delivery=call, by=world.users["coordinator"])
    messaging.delivery_handle(delivery=passed, by=world.users["social_worker"])
    new = sorted(set(rows()) - set(before))
    assert new == [
        ("Fien Bel", "Is deze flyer duidelijk?", HEARD_BACK.PHONE),
        ("Wout Werker", "Is deze flyer duidelijk?", HEARD_BACK.SOCIAL_WORKER),
    ]
    told = FeedbackDelivery.objects.get(channel=HEARD_BACK.SOCIAL_WORKER)
    assert told.recorded_by == world.users["social_worker"]


def test_it_counts_an_email_and_an_sms_once_the_provider_accepted_them(
    world: World,
    heard: Heard,
    django_capture_on_commit_callbacks: Any,
    sms_outbox: list[dict[str, str]],
) -> None:
    send_feedback(world, heard, django_capture_on_commit_callbacks)
    # What they got holds the answer itself.
    assert len(mail.outbox) == 1 and len(sms_outbox) == 1
    answer_words = dutch("Yes, we do it.")
    assert answer_words in mail.outbox[0].body
    assert rows() == [
        ("Eva Mail", "Is deze flyer duidelijk?", HEARD_BACK.EMAIL),
        ("Sam Sms", "Is deze flyer duidelijk?", HEARD_BACK.SMS),
    ]


def test_it_counts_no_sms_that_does_not_hold_the_answer(
    world: World, heard: Heard, django_capture_on_commit_callbacks: Any
) -> None:
    # An own text without {uitkomst}: it only says that there is news.
    own = messaging.Text(
        "Nieuws",
        "Dag {naam}. Er is nieuws over {onderwerp}.",
        "Dag {naam}. Er is nieuws. {link}",
        "nl",
        reviewed=True,
        custom=True,
    )
    with django_capture_on_commit_callbacks(execute=True):
        outreach.feedback_send(
            meeting=heard.meeting, by=world.users["coordinator"], site=SITE, custom=own
        )
    # Both went out, but neither holds the answer.
    assert [t["text"].split(".")[0] for t in MemoryGateway.outbox] == ["Dag Sam"]
    assert len(mail.outbox) == 1
    channels = {c for _n, _q, c in rows()}
    assert HEARD_BACK.SMS not in channels and HEARD_BACK.EMAIL not in channels


def test_it_counts_no_sms_the_gateway_refused(
    world: World,
    heard: Heard,
    django_capture_on_commit_callbacks: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from inbreng.messaging.sms import MemoryGateway, SmsError

    def refuse(self: Any, *, to: str, text: str, key: str) -> None:
        raise SmsError("unknown number", permanent=True)

    monkeypatch.setattr(MemoryGateway, "send", refuse)
    send_feedback(world, heard, django_capture_on_commit_callbacks)
    assert HEARD_BACK.SMS not in {c for _n, _q, c in rows()}
