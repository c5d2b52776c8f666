"""What a hostile reviewer found in the last metre: who may reach a person's letter and link,
old links that must stop, open pages that must close, and "heard back" that must be true.

Each test reads back what a user would notice: the page refused, the field's error, the
figure behind "heard back", the page that closes on the person's phone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from conftest import World, make_participant, verified_login
from inbreng.core.models import Membership, User
from inbreng.core.tests.helpers import dutch, field_error
from inbreng.messaging import services as messaging
from inbreng.messaging.models import Delivery, Kind
from inbreng.messaging.sms import MemoryGateway
from inbreng.participation import outreach, services
from inbreng.participation.models import FeedbackDelivery, PersonalLink, Response
from inbreng.people.models import Participant

from .feedback_world import Answered, answered
from .helpers import Build, open_personal_page

SITE = "http://testserver"
PAGE = reverse("participation:my_page")


@pytest.fixture(autouse=True)
def sms_outbox() -> Iterator[list[dict[str, str]]]:
    MemoryGateway.outbox.clear()
    yield MemoryGateway.outbox
    MemoryGateway.outbox.clear()


@pytest.fixture
def found(world: World, build: Build) -> Answered:
    return answered(world, build)


def another_social_worker(world: World) -> Client:
    """A social worker of the same organisation who is not the person's own."""
    user = User.objects.create_user(username="sw2", password="a-long-test-password")
    Membership.objects.create(organisation=world.org, user=user, is_social_worker=True)
    return verified_login(Client(), user)


def heard(person: Participant) -> list[tuple[str, str]]:
    return sorted(
        FeedbackDelivery.objects.filter(participant=person).values_list(
            "question__title", "channel"
        )
    )


# 1. Who may open a person's letter and give them a new link --------------------------------


def test_only_the_persons_own_social_worker_and_the_coordinators_reach_their_letter_and_link(
    world: World, found: Answered
) -> None:
    anouk = found.anouk
    stranger = another_social_worker(world)
    today = timezone.localdate().isoformat()
    letter = reverse("participation:letter", args=[anouk.pk])
    reissue = reverse("participation:link_reissue", args=[anouk.pk])
    posted = reverse("participation:letter_posted", args=[anouk.pk])
    record = reverse("participation:feedback_record", args=[anouk.pk])
    link = services.current_link(anouk)

    assert stranger.get(letter).status_code == 403
    assert stranger.get(reissue).status_code == 403
    assert stranger.post(reissue, {"reason": "lost", "old_link": "stop"}).status_code == 403
    assert stranger.post(posted, {"posted_on": today}).status_code == 403
    question = found.flyer.pk
    assert stranger.post(record, {"question": question, "channel": "phone"}).status_code == 403
    # Nothing happened: the same link works, nothing counts.
    assert services.link_resolve(services.link_token(link)) == link
    assert heard(anouk) == []
    # The page about the person shows them no button to the letter or a new link.
    loop = stranger.get(reverse("participation:participant_loop", args=[anouk.pk]))
    assert loop.status_code == 200
    assert letter not in loop.content.decode()
    assert reissue not in loop.content.decode()

    # Her own social worker and the coordinator may.
    for role in ("social_worker", "coordinator"):
        client = world.client_for(role)
        page = client.get(reverse("participation:participant_loop", args=[anouk.pk]))
        assert letter in page.content.decode() and reissue in page.content.decode()
        assert client.get(letter).status_code == 200
        assert client.get(reissue).status_code == 200


def test_staff_who_open_the_persons_page_to_look_count_nothing(
    world: World, found: Answered
) -> None:
    anouk = found.anouk
    path = services.link_short_path(services.current_link(anouk))
    coordinator = world.client_for("coordinator")
    opened = open_personal_page(coordinator, path)
    assert opened["Location"] == PAGE
    assert coordinator.get(PAGE).status_code == 200
    assert heard(anouk) == []
    # The person herself, on her phone, counts once.
    open_personal_page(Client(), path)
    assert heard(anouk) == [(found.flyer.title, FeedbackDelivery.Channel.PERSONAL_PAGE)]


# 2. A lost or misused link stops now; a kept one works a month at most ----------------------


@pytest.mark.parametrize("reason", ["lost", "someone_else"])
def test_a_lost_or_misused_link_cannot_keep_working(
    world: World, found: Answered, reason: str
) -> None:
    anouk = found.anouk
    old = services.current_link(anouk)
    until = (timezone.localdate() + timedelta(days=7)).isoformat()
    response = world.client_for("coordinator").post(
        reverse("participation:link_reissue", args=[anouk.pk]),
        {"reason": reason, "old_link": "keep", "keep_until": until},
    )
    assert response.status_code == 400
    assert field_error(response, "old_link") == dutch(
        "Someone else may have the old link. It must stop working now. "
        "Choose: it stops working now."
    )
    html = response.content.decode()
    # What was chosen stays chosen.
    assert re.search(rf'<input type="radio" name="reason" value="{reason}"[^>]*checked', html)
    assert re.search(r'<input type="radio" name="old_link" value="keep"[^>]*checked', html)
    assert f'value="{until}"' in html
    # Nothing changed: one link, still working.
    assert list(PersonalLink.objects.filter(participant=anouk)) == [old]
    # Without a day, the form says the same, and does not ask for a day it cannot keep.
    no_day = world.client_for("coordinator").post(
        reverse("participation:link_reissue", args=[anouk.pk]),
        {"reason": reason, "old_link": "keep"},
    )
    assert field_error(no_day, "old_link") == field_error(response, "old_link")
    assert 'id="id_keep_until_error"' not in no_day.content.decode()
    # The rule holds in the service too, whoever calls it.
    with pytest.raises(ValidationError):
        services.link_issue(
            participant=anouk,
            by=world.users["coordinator"],
            reason=reason,
            keep_old_until=timezone.localdate() + timedelta(days=1),
        )
    with pytest.raises(ValidationError):
        services.link_issue(
            participant=anouk,
            by=world.users["coordinator"],
            reason="Nieuwe brief",
            keep_old_until=timezone.localdate() + timedelta(days=31),
        )
    assert list(PersonalLink.objects.filter(participant=anouk)) == [old]


# 5. A new link closes the pages that are still open -----------------------------------------


def test_a_new_link_closes_a_page_still_open_also_when_the_old_link_is_kept(
    world: World, found: Answered
) -> None:
    anouk = found.anouk
    old = services.current_link(anouk)
    phone = Client()
    open_personal_page(phone, services.link_short_path(old))
    assert phone.get(PAGE).status_code == 200
    # Letters with the old link are on their way: it keeps working for two weeks.
    response = world.client_for("coordinator").post(
        reverse("participation:link_reissue", args=[anouk.pk]),
        {
            "reason": "other",
            "other_reason": "Nieuwe brief",
            "old_link": "keep",
            "keep_until": (timezone.localdate() + timedelta(days=14)).isoformat(),
        },
    )
    assert response.status_code == 302
    # The page that was open on the phone is closed ...
    closed = phone.get(PAGE)
    assert closed.status_code == 403
    assert "Anouk" not in closed.content.decode()
    # ... while the kept link still opens it again for whoever holds the letter.
    assert open_personal_page(Client(), services.link_short_path(old))["Location"] == PAGE


# 3a. An SMS that names some answers counts for those only -------------------------------


LONG_1 = "Wat vind je van de nieuwe openingsuren van het loket in het gemeentehuis?"
LONG_2 = "Hoe kunnen we de brieven over de energiepremie duidelijker maken voor iedereen?"


def test_an_sms_with_room_for_one_answer_counts_for_that_one_only(
    world: World, build: Build, django_capture_on_commit_callbacks: Any
) -> None:
    group = build.group("Praatgroep")
    sam = build.member(group, "Sam Sms")
    meeting = build.held(group)
    first = build.schedule(meeting, build.accepted(LONG_1))
    second = build.schedule(meeting, build.accepted(LONG_2))
    build.answer(first, [build.say(meeting, first, "Later open.", participant=sam)])
    build.answer(second, [build.say(meeting, second, "Kortere zinnen.", participant=sam)])
    with django_capture_on_commit_callbacks(execute=True):
        message = outreach.feedback_send(meeting=meeting, by=build.coordinator, site=SITE)
    assert message is not None
    sms = MemoryGateway.outbox[0]["text"]
    # Both answers are "Yes, we do it", but only one fits: the other is counted.
    assert sms.count(dutch("Yes, we do it.")) == 1
    with translation.override("nl"):
        more = ngettext("And %(count)d more answer.", "And %(count)d more answers.", 1)
    assert more % {"count": 1} in sms
    # Heard back by SMS: the one answer the SMS holds, not the one it only counted.
    assert [channel for _title, channel in heard(sam)] == [FeedbackDelivery.Channel.SMS]
    # The delivery marks which answers its SMS holds.
    delivery = Delivery.objects.get(message=message, participant=sam)
    told = [item["question"] for item in delivery.items if item.get("included")]
    assert len(told) == 1 and len(delivery.items) == 2
    titles = {first.pk: first.title, second.pk: second.title}
    assert heard(sam) == [(titles[told[0]], FeedbackDelivery.Channel.SMS)]


# 3b. Staff record by hand only what leaves no trace, and only answered questions ------------


@pytest.mark.parametrize("channel", ["sms", "email", "page"])
def test_staff_cannot_record_by_hand_what_counts_itself(
    world: World, found: Answered, channel: str
) -> None:
    response = world.client_for("coordinator").post(
        reverse("participation:feedback_record", args=[found.anouk.pk]),
        {"question": found.flyer.pk, "channel": channel},
    )
    assert response.status_code == 302
    assert heard(found.anouk) == []
    page = world.client_for("coordinator").get(
        reverse("participation:participant_loop", args=[found.anouk.pk])
    )
    offered = page.content.decode()
    assert f'<option value="{channel}"' not in offered
    assert '<option value="phone"' in offered


def test_staff_cannot_record_that_someone_heard_an_answer_that_does_not_exist_yet(
    world: World, found: Answered
) -> None:
    # The waiting room is still being studied: there is nothing to have heard.
    assert found.shared.status == Response.Status.STUDYING
    client = world.client_for("coordinator")
    client.post(
        reverse("participation:feedback_record", args=[found.anouk.pk]),
        {"question": found.waiting_room.pk, "channel": "phone"},
    )
    assert heard(found.anouk) == []
    page = client.get(reverse("participation:participant_loop", args=[found.anouk.pk]))
    assert f'<option value="{found.waiting_room.pk}"' not in page.content.decode()
    assert f'<option value="{found.flyer.pk}"' in page.content.decode()


# 3c. A letter cannot have been posted before its answer existed -----------------------------


def test_a_letter_posted_before_its_answer_is_refused_next_to_the_field(
    world: World, found: Answered
) -> None:
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = world.client_for("coordinator").post(
        reverse("participation:letter_posted", args=[found.anouk.pk]), {"posted_on": yesterday}
    )
    assert response.status_code == 400
    error = field_error(response, "posted_on")
    refused = dutch(
        "On that day there was no answer yet. The first answer is from %(day)s. "
        "Choose that day or later."
    )
    assert error.startswith(refused.split("%")[0])
    assert f'value="{yesterday}"' in response.content.decode()
    assert heard(found.anouk) == []
    # On the day of the answer, it counts.
    world.client_for("coordinator").post(
        reverse("participation:letter_posted", args=[found.anouk.pk]),
        {"posted_on": timezone.localdate().isoformat()},
    )
    assert heard(found.anouk) == [(found.flyer.title, FeedbackDelivery.Channel.LETTER)]


# 4. The preview's fingerprint covers all that goes out -------------------------------------


def _preview(world: World, recipients: list[messaging.Recipient], custom: Any) -> str:
    return messaging.message_preview(
        organisation=world.org,
        kind=Kind.FEEDBACK,
        recipients=recipients,
        context={"onderwerp": "Praatgroep"},
        custom=custom,
        plain_override_reason="test",
    ).fingerprint


def _text(body: str, *, phone: str = "", language: str = "nl") -> messaging.Text:
    return messaging.Text(
        "Nieuws", body, "Dag {naam}. Er is nieuws.", language, True, True, phone=phone
    )


def test_the_preview_fingerprint_changes_with_the_script_the_dutch_text_and_the_items(
    world: World,
) -> None:
    lea = make_participant(world.org, name="Lea Brief", language="fr", preferred_channel="phone")
    item = {"question": 1, "answer": 2, "status": "adopted", "status_text": "Oui."}
    plain = [messaging.Recipient(participant=lea, items=[item])]
    texts = {"nl": _text("Dag {naam}. Er is nieuws."), "fr": _text("Bonjour {naam}.")}
    seen = _preview(world, plain, texts)
    assert _preview(world, plain, texts) == seen
    # The call script, read to her on the phone.
    spoken = {**texts, "fr": _text("Bonjour {naam}.", phone="Bonjour {naam}. Au revoir.")}
    assert _preview(world, plain, spoken) != seen
    # The Dutch text beside hers, for the caller and the social worker.
    dutch_changed = {**texts, "nl": _text("Dag {naam}. Er is ander nieuws.")}
    assert _preview(world, plain, dutch_changed) != seen
    # The items: what the letter prints and what "heard back" counts.
    other = [messaging.Recipient(participant=lea, items=[{**item, "status": "not_adopted"}])]
    assert _preview(world, other, texts) != seen


# 6. A provider taken off a case gets no more reminders --------------------------------------


def test_a_provider_taken_off_the_case_gets_no_more_reminders(world: World) -> None:
    from inbreng.casework import services as casework
    from inbreng.casework.models import Agreement
    from inbreng.casework.tests.factories import open_case

    made = open_case(world)
    partner = world.users["partner_worker"]
    partner.email = "partner@example.org"
    partner.save()
    coordinator = made.case.coordinator
    assert coordinator is not None
    coordinator.email = "lco@example.org"
    coordinator.save()
    casework.provider_remove(provider=made.provider, by=coordinator)
    Agreement.objects.filter(pk=made.agreement.pk).update(
        due_on=timezone.localdate() + timedelta(days=2)
    )
    assert casework.agreement_reminders() == 1
    assert [m.to for m in mail.outbox] == [["lco@example.org"]]


def test_a_closed_account_gets_no_overdue_reminders(world: World, build: Build) -> None:
    from inbreng.participation.tasks import send_overdue_reminders

    contact = world.users["service_contact"]
    contact.email = "dienst@example.org"
    contact.is_active = False
    contact.save()
    group = build.group()
    person = build.member(group, "Lid Een")
    meeting = build.held(group)
    question = build.schedule(meeting, build.accepted("Is deze flyer duidelijk?"))
    build.say(meeting, question, "Te klein.", participant=person)
    type(question).objects.filter(pk=question.pk).update(
        answer_due_on=timezone.localdate() - timedelta(days=1)
    )
    send_overdue_reminders.call()
    assert all("dienst@example.org" not in m.to for m in mail.outbox)
