"""The SMS webhook under bad input: deep JSON, large bodies and replayed calls are answered
without a 500, and a reply posted again is recorded and confirmed once."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from inbreng.core.models import AuditEvent
from inbreng.messaging import replies
from inbreng.messaging.models import Delivery, InboundSms
from inbreng.messaging.tests import test_sms_webhook as base
from inbreng.messaging.tests.test_sms_webhook import (
    AUTH,
    PHONE,
    URL,
    invite_by_sms,
    post_form,
    post_json,
    reply_of,
)
from inbreng.participation.models import Invitation
from inbreng.participation.tests.helpers import Build

# The webhook tests' own fixtures: a planned meeting and sending its invitations.
build = base.build
send = base.send


def test_deeply_nested_json_is_a_400_not_a_500(build: Build, send: Any) -> None:
    invitation = invite_by_sms(build, send)
    for depth in (2000, 100_000):
        body = "[" * depth + "]" * depth
        response = Client().post(URL, body, content_type="application/json", headers=AUTH)
        assert response.status_code in (400, 413), depth
    nested = '{"from": "0470 12 34 56", "text": ' + "[" * 2000 + "]" * 2000 + "}"
    assert post_json(nested).status_code == 400
    assert reply_of(invitation)[0] == Invitation.Reply.UNKNOWN


def test_a_body_larger_than_one_text_is_refused_unread(build: Build, send: Any) -> None:
    invitation = invite_by_sms(build, send)
    response = post_json({"from": "0470 12 34 56", "text": "ja" + " " * 10_000})
    assert response.status_code == 413
    assert reply_of(invitation)[0] == Invitation.Reply.UNKNOWN


def test_a_reply_replayed_five_times_is_recorded_and_confirmed_once(
    build: Build,
    send: Any,
    sms_outbox: list[dict[str, str]],
    django_capture_on_commit_callbacks: Any,
) -> None:
    invitation = invite_by_sms(build, send)
    sms_outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        answers = [post_form("ja 2 kinderen").json() for _ in range(5)]

    assert answers == [{"matched": True}] + [{"matched": False}] * 4
    assert reply_of(invitation) == (Invitation.Reply.YES, 2, False)
    assert len(sms_outbox) == 1
    delivery = Delivery.objects.get(participant=invitation.participant)
    assert AuditEvent.objects.filter(action="update", object_id=str(delivery.pk)).count() == 1


def test_the_providers_message_id_makes_a_replay_count_once(
    build: Build,
    send: Any,
    sms_outbox: list[dict[str, str]],
    django_capture_on_commit_callbacks: Any,
) -> None:
    invitation = invite_by_sms(build, send)
    sms_outbox.clear()
    body = {"from": "0470 12 34 56", "text": "nee", "id": "abc-1"}

    with django_capture_on_commit_callbacks(execute=True):
        assert post_json(body).json() == {"matched": True}
        assert post_json(body).json() == {"matched": False}
        # A new SMS with the same words has a new id: it counts.
        assert post_json({**body, "id": "abc-2", "text": "ja"}).json() == {"matched": True}

    assert reply_of(invitation)[0] == Invitation.Reply.YES
    assert len(sms_outbox) == 2


def test_the_same_words_later_count_again(build: Build, send: Any) -> None:
    invitation = invite_by_sms(build, send)
    assert post_form("ja").json() == {"matched": True}
    assert post_form("nee").json() == {"matched": True}
    # Twenty minutes later the same words are a new answer, not a replay.
    InboundSms.objects.update(received_at=timezone.now() - timedelta(minutes=20))
    later = timezone.now() + timedelta(minutes=20)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: later)
        assert post_form("ja").json() == {"matched": True}
    assert reply_of(invitation)[0] == Invitation.Reply.YES


def test_what_is_remembered_reveals_neither_number_nor_text(build: Build, send: Any) -> None:
    invite_by_sms(build, send)
    post_form("ja 2 kinderen")
    keys = list(InboundSms.objects.values_list("key", flat=True))
    assert len(keys) == 1
    # The key is a digest: neither the number (as stored or as typed) nor the words are in it.
    for form in (PHONE, PHONE.lstrip("+"), "0" + PHONE.removeprefix("+32")):
        assert form not in keys[0]
    assert "ja" not in keys[0].removeprefix("text:")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=300),
        st.dictionaries(
            st.sampled_from(["from", "text", "id", "message_id", "x"]), json_values
        ).map(lambda d: __import__("json").dumps(d).encode()),
    )
)
def test_any_webhook_body_gives_a_reply_or_a_clear_error(body: bytes) -> None:
    try:
        inbound = replies.read_webhook("application/json", body, {})
    except replies.WebhookError as error:
        assert str(error)
    else:
        assert inbound.sender and inbound.text
        assert len(inbound.sender) <= 32 and len(inbound.text) <= 480


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=600))
def test_any_sms_text_gives_an_answer_or_none(text: str) -> None:
    answer = replies.parse_reply(text)
    if answer is not None:
        assert answer.reply in ("yes", "no", "maybe")
        assert 0 <= answer.children < 20
