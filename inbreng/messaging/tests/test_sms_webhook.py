"""Answers by SMS: the provider posts each incoming text to /sms/inkomend/ and the reply lands
on the right invitation, and nowhere else."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from conftest import World, make_participant
from inbreng.core.tests.helpers import dutch, text
from inbreng.groups import services as group_services
from inbreng.groups.models import GroupMembership, ParticipationGroup
from inbreng.messaging.models import Delivery, Kind
from inbreng.participation import outreach
from inbreng.participation import services as participation
from inbreng.participation.models import Invitation, Meeting
from inbreng.participation.tests.helpers import Build, at
from inbreng.people.models import Participant

URL = "/sms/inkomend/"
TOKEN = "test-sms-webhook-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
PHONE = "+32470123456"
AS_TYPED = "0470 12 34 56"


@pytest.fixture
def build(world: World) -> Build:
    return Build(world)


def invite_by_sms(
    build: Build,
    send: Any,
    *,
    name: str = "Sam Sms",
    phone: str = PHONE,
    language: str = "nl",
    days: int = 7,
) -> Invitation:
    """A planned meeting with one member, whose invitation went out by SMS."""
    group = build.group(f"Groep van {name}")
    person = make_participant(build.world.org, name=name, phone=phone, language=language)
    group_services.membership_add(
        group=group, participant=person, by=build.coordinator, stage=GroupMembership.Stage.MEMBER
    )
    meeting = build.meeting(group, days, title="Praatcafé")
    participation.meeting_invite_group(meeting=meeting, by=build.coordinator)
    send(meeting)
    return Invitation.objects.get(meeting=meeting, participant=person)


@pytest.fixture
def send(django_capture_on_commit_callbacks: Any, world: World) -> Any:
    def _send(meeting: Meeting, kind: str = Kind.INVITATION) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return outreach.meeting_send(
                meeting=meeting,
                kind=kind,
                by=world.users["coordinator"],
                site="https://inbreng.test",
            )

    return _send


def post_form(text: str, sender: str = AS_TYPED, **headers: str) -> Any:
    return Client().post(URL, {"from": sender, "text": text}, headers=headers or AUTH)


def post_json(body: Any, **headers: str) -> Any:
    raw = body if isinstance(body, str | bytes) else json.dumps(body)
    return Client().post(URL, raw, content_type="application/json", headers=headers or AUTH)


def reply_of(invitation: Invitation) -> tuple[str, int, bool]:
    invitation.refresh_from_db()
    return invitation.reply, invitation.children, invitation.needs_transport


def test_the_webhook_is_the_url_the_provider_is_given() -> None:
    assert reverse("messaging:sms_inbound") == URL


def test_a_yes_with_children_by_form_post_lands_on_the_invitation(
    build: Build, send: Any, world: World, sms_outbox: list[dict[str, str]]
) -> None:
    invitation = invite_by_sms(build, send)
    assert [t["to"] for t in sms_outbox] == [PHONE]

    response = post_form("ja 2 kinderen")

    assert response.status_code == 200
    assert response.json() == {"matched": True}
    assert reply_of(invitation) == (Invitation.Reply.YES, 2, False)
    delivery = Delivery.objects.get(participant=invitation.participant)
    assert delivery.answer == "yes"
    # The coordinator sees it in the meeting's totals.
    page = world.client_for("coordinator").get(
        reverse("participation:meeting", args=[invitation.meeting_id])
    )
    totals = text(page, cls="totals")
    assert dutch("Coming: %(n)s") % {"n": 1} in totals
    assert dutch("Children for childcare: %(n)s") % {"n": 2} in totals


def test_a_yes_as_json_lands_on_the_invitation(build: Build, send: Any) -> None:
    invitation = invite_by_sms(build, send)

    response = post_json({"from": AS_TYPED, "text": "ja 2 kinderen"})

    assert response.json() == {"matched": True}
    assert reply_of(invitation) == (Invitation.Reply.YES, 2, False)


@pytest.mark.parametrize(
    ("sms", "expected"),
    [
        ("NEE", (Invitation.Reply.NO, 0, False)),
        ("Nee, sorry", (Invitation.Reply.NO, 0, False)),
        ("misschien", (Invitation.Reply.MAYBE, 0, False)),
        ("Ja, 1 kind, vervoer", (Invitation.Reply.YES, 1, True)),
        ("  JA.  ", (Invitation.Reply.YES, 0, False)),
    ],
)
def test_it_reads_the_usual_answers(
    build: Build, send: Any, sms: str, expected: tuple[str, int, bool]
) -> None:
    invitation = invite_by_sms(build, send)

    assert post_form(sms).json() == {"matched": True}

    assert reply_of(invitation) == expected


def test_a_later_no_changes_an_earlier_yes(build: Build, send: Any) -> None:
    invitation = invite_by_sms(build, send)
    post_form("ja 2 kinderen")

    post_form("nee")

    assert reply_of(invitation) == (Invitation.Reply.NO, 0, False)


@pytest.mark.parametrize(
    ("language", "sms"),
    [("fr", "oui"), ("fr", "Oui 2 enfants"), ("ar", "نعم"), ("en", "yes")],
)
def test_it_understands_yes_in_each_message_language(
    build: Build, send: Any, sms_outbox: list[dict[str, str]], language: str, sms: str
) -> None:
    invitation = invite_by_sms(build, send, language=language)
    assert Delivery.objects.get(participant=invitation.participant).language == language

    assert post_json({"from": "+32 470 12 34 56", "text": sms}).json() == {"matched": True}

    assert invitation.participant.language == language
    reply, _children, _transport = reply_of(invitation)
    assert reply == Invitation.Reply.YES


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong-token"},
        {"Authorization": TOKEN},
        {"Authorization": "Bearer "},
        {"Authorization": f"Basic {TOKEN}"},
    ],
    ids=["missing", "wrong", "no-scheme", "empty", "basic"],
)
def test_a_wrong_or_missing_token_is_refused_and_changes_nothing(
    build: Build, send: Any, headers: dict[str, str]
) -> None:
    invitation = invite_by_sms(build, send)

    client = Client()
    form = client.post(URL, {"from": AS_TYPED, "text": "ja"}, headers=headers)
    as_json = client.post(
        URL,
        json.dumps({"from": AS_TYPED, "text": "ja"}),
        content_type="application/json",
        headers=headers,
    )

    assert (form.status_code, as_json.status_code) == (401, 401)
    assert reply_of(invitation) == (Invitation.Reply.UNKNOWN, 0, False)
    assert Delivery.objects.get(participant=invitation.participant).answer == ""


def test_without_a_configured_token_nothing_gets_in(build: Build, send: Any, settings: Any) -> None:
    invitation = invite_by_sms(build, send)
    settings.SMS_WEBHOOK_TOKEN = ""

    assert post_form("ja", Authorization="Bearer ").status_code == 401
    assert post_form("ja", Authorization="Bearer").status_code == 401
    assert reply_of(invitation)[0] == Invitation.Reply.UNKNOWN


def test_an_unknown_number_matches_nothing(build: Build, send: Any) -> None:
    invitation = invite_by_sms(build, send)

    response = post_form("ja", sender="0499 88 77 66")

    assert (response.status_code, response.json()) == (200, {"matched": False})
    assert reply_of(invitation)[0] == Invitation.Reply.UNKNOWN


@pytest.mark.parametrize("sender", ["not a number", "123", "+999 1"])
def test_an_impossible_number_matches_nothing(build: Build, send: Any, sender: str) -> None:
    invitation = invite_by_sms(build, send)

    response = post_form("ja", sender=sender)

    assert (response.status_code, response.json()) == (200, {"matched": False})
    assert reply_of(invitation)[0] == Invitation.Reply.UNKNOWN


def test_a_text_that_is_no_answer_matches_nothing(build: Build, send: Any) -> None:
    invitation = invite_by_sms(build, send)

    assert post_form("Hallo, wie is dit?").json() == {"matched": False}
    assert reply_of(invitation)[0] == Invitation.Reply.UNKNOWN


@pytest.mark.parametrize(
    "body",
    [
        "{not json",
        b"\xff\xfe",
        "[1, 2]",
        '"ja"',
        "null",
    ],
    ids=["broken", "not-utf8", "list", "string", "null"],
)
def test_malformed_json_is_a_400(build: Build, send: Any, body: str | bytes) -> None:
    invitation = invite_by_sms(build, send)

    response = post_json(body)

    assert response.status_code == 400
    assert "error" in response.json()
    assert reply_of(invitation)[0] == Invitation.Reply.UNKNOWN


@pytest.mark.parametrize(
    "body",
    [{}, {"from": AS_TYPED}, {"text": "ja"}, {"from": "", "text": "ja"}],
    ids=["empty", "no-text", "no-sender", "empty-sender"],
)
def test_a_message_without_sender_or_text_is_a_400(build: Build, send: Any, body: Any) -> None:
    invitation = invite_by_sms(build, send)

    assert post_json(body).status_code == 400
    assert Client().post(URL, body, headers=AUTH).status_code == 400
    assert reply_of(invitation)[0] == Invitation.Reply.UNKNOWN


def test_odd_values_never_break_the_webhook(build: Build, send: Any) -> None:
    invite_by_sms(build, send)

    for body in [
        {"from": 470123456, "text": "ja"},
        {"from": ["0470123456"], "text": {"a": 1}},
        {"from": AS_TYPED, "text": "ja " * 10000},
        {"from": "0" * 10000, "text": "ja"},
        {"from": AS_TYPED, "text": "ja 99999999999999999999 kinderen"},
    ]:
        response = post_json(body)
        assert response.status_code in (200, 400, 413), body


def test_only_a_post_is_accepted() -> None:
    assert Client().get(URL, headers=AUTH).status_code == 405


def test_a_reply_for_a_meeting_that_is_over_changes_nothing(build: Build, send: Any) -> None:
    invitation = invite_by_sms(build, send)
    Meeting.objects.filter(pk=invitation.meeting_id).update(starts_at=at(-1), ends_at=at(-1, 16))

    response = post_form("ja")

    assert response.json() == {"matched": False}
    assert reply_of(invitation)[0] == Invitation.Reply.UNKNOWN
    assert Delivery.objects.get(participant=invitation.participant).answer == ""


def test_a_participant_of_another_organisation_is_never_touched(
    build: Build, send: Any, world: World, django_capture_on_commit_callbacks: Any
) -> None:
    ours = invite_by_sms(build, send)
    theirs = _invited_elsewhere(world, django_capture_on_commit_callbacks)

    assert post_form("ja 2 kinderen").json() == {"matched": True}
    assert post_form("nee", sender="0499 88 77 66").json() == {"matched": False}

    assert reply_of(ours) == (Invitation.Reply.YES, 2, False)
    assert reply_of(theirs) == (Invitation.Reply.UNKNOWN, 0, False)
    assert Delivery.objects.get(participant=theirs.participant).answer == ""


def test_the_other_organisations_participant_answers_only_their_own(
    build: Build, send: Any, world: World, django_capture_on_commit_callbacks: Any
) -> None:
    ours = invite_by_sms(build, send)
    theirs = _invited_elsewhere(world, django_capture_on_commit_callbacks)

    assert post_form("nee", sender="0470 99 98 88").json() == {"matched": True}

    assert reply_of(theirs)[0] == Invitation.Reply.NO
    assert reply_of(ours)[0] == Invitation.Reply.UNKNOWN


def _invited_elsewhere(world: World, capture: Any) -> Invitation:
    """The other organisation's participant (+32470999888), invited by SMS to their meeting."""
    group = group_services.group_save(
        organisation=world.other_org, by=world.other_user, name="Elders"
    )
    assert isinstance(group, ParticipationGroup)
    meeting = participation.meeting_save(
        organisation=world.other_org,
        by=world.other_user,
        group=group,
        title="Elders praten",
        place="Elders",
        starts_at=at(5),
        ends_at=at(5, 16),
    )
    person: Participant = world.other_participant
    invitation = participation.meeting_invite(
        meeting=meeting, participant=person, by=world.other_user
    )
    with capture(execute=True):
        outreach.meeting_send(
            meeting=meeting, kind=Kind.INVITATION, by=world.other_user, site="https://x.test"
        )
    assert Delivery.objects.get(participant=person).status == Delivery.Status.SENT
    return invitation


def test_the_answer_goes_to_the_latest_meeting_the_number_was_invited_to(
    build: Build, send: Any
) -> None:
    first = invite_by_sms(build, send, days=3)
    second_meeting = build.meeting(
        Invitation.objects.get(pk=first.pk).meeting.group, 10, title="Volgende keer"
    )
    participation.meeting_invite(
        meeting=second_meeting, participant=first.participant, by=build.coordinator
    )
    send(second_meeting)
    second = Invitation.objects.get(meeting=second_meeting)

    assert post_form("nee").json() == {"matched": True}

    assert reply_of(second)[0] == Invitation.Reply.NO
    assert reply_of(first)[0] == Invitation.Reply.UNKNOWN


def test_an_answer_to_an_old_text_is_not_recorded(build: Build, send: Any) -> None:
    """Texts older than 60 days are no longer matched: the number may have changed hands."""
    invitation = invite_by_sms(build, send)
    Delivery.objects.update(sent_at=at(-61))

    assert post_form("ja").json() == {"matched": False}
    assert reply_of(invitation)[0] == Invitation.Reply.UNKNOWN


def test_a_thank_you_text_takes_no_answer_but_the_invitation_still_does(
    build: Build, send: Any
) -> None:
    invitation = invite_by_sms(build, send)
    Invitation.objects.filter(pk=invitation.pk).update(attended=True)
    send(invitation.meeting, Kind.THANKS)
    assert Delivery.objects.filter(participant=invitation.participant).count() == 2

    assert post_form("ja").json() == {"matched": True}

    assert reply_of(invitation)[0] == Invitation.Reply.YES


@pytest.mark.parametrize("sms", ["JA!", "نعم، سآتي"])
def test_punctuation_after_the_answer_is_understood(build: Build, send: Any, sms: str) -> None:
    invitation = invite_by_sms(build, send)

    assert post_form(sms).json() == {"matched": True}
    assert reply_of(invitation)[0] == Invitation.Reply.YES


def test_the_reply_shows_on_the_message_page(build: Build, send: Any, world: World) -> None:
    invitation = invite_by_sms(build, send)
    post_form("NEE")

    message = Delivery.objects.get(participant=invitation.participant).message
    page = world.client_for("coordinator").get(reverse("messaging:message", args=[message.pk]))

    assert f"{dutch('Answer:')} {dutch('No, does not come')}" in text(page, tag="tbody")


def test_the_webhook_is_open_only_to_the_provider_not_to_staff_sessions(
    build: Build, send: Any, world: World
) -> None:
    invitation = invite_by_sms(build, send)
    staff = world.client_for("coordinator")

    response = staff.post(URL, {"from": AS_TYPED, "text": "ja"})

    assert response.status_code == 401
    assert reply_of(invitation)[0] == Invitation.Reply.UNKNOWN


def test_it_keeps_the_window_of_sixty_days(build: Build, send: Any) -> None:
    invitation = invite_by_sms(build, send)
    Delivery.objects.update(sent_at=at(-59))

    assert post_form("ja").json() == {"matched": True}
    assert reply_of(invitation)[0] == Invitation.Reply.YES


# The confirmation back to the sender ----------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "sms", "said"),
    [("nl", "ja", "yes"), ("fr", "non", "no"), ("ar", "نعم", "yes"), ("nl", "misschien", "maybe")],
)
def test_a_recorded_answer_is_confirmed_by_sms_in_the_persons_language(
    build: Build,
    send: Any,
    sms_outbox: list[dict[str, str]],
    django_capture_on_commit_callbacks: Any,
    language: str,
    sms: str,
    said: str,
) -> None:
    invite_by_sms(build, send, language=language)
    sms_outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert post_form(sms).json() == {"matched": True}

    with translation.override(language):
        expected = translation.gettext("Thank you. We got your answer: %(answer)s.") % {
            "answer": translation.gettext(said)
        }
    assert sms_outbox == [{"to": PHONE, "text": expected, "key": sms_outbox[0]["key"]}]


def test_nothing_is_confirmed_when_nothing_was_recorded(
    build: Build,
    send: Any,
    sms_outbox: list[dict[str, str]],
    django_capture_on_commit_callbacks: Any,
) -> None:
    invitation = invite_by_sms(build, send)
    Meeting.objects.filter(pk=invitation.meeting_id).update(starts_at=at(-1), ends_at=at(-1, 16))
    sms_outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        post_form("ja")
        post_form("Hallo?")
        post_form("ja", sender="0499 88 77 66")
        post_form("ja", Authorization="Bearer wrong")

    assert sms_outbox == []


def test_an_answer_is_kept_when_the_confirmation_cannot_be_sent(
    build: Build,
    send: Any,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from inbreng.messaging.sms import MemoryGateway, SmsError

    invitation = invite_by_sms(build, send)

    def fail(self: Any, **kwargs: Any) -> None:
        raise SmsError("gateway unreachable")

    monkeypatch.setattr(MemoryGateway, "send", fail)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_form("ja")

    assert response.json() == {"matched": True}
    assert reply_of(invitation)[0] == Invitation.Reply.YES
