"""Sending a message: channel per person, language, placeholders, delivery and retries."""

from __future__ import annotations

import smtplib
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from conftest import World, make_participant
from inbreng.messaging import services
from inbreng.messaging.models import Delivery, Kind, MessageTemplate
from inbreng.messaging.services import Recipient, Text
from inbreng.people.models import Channel

CONTEXT = {
    "onderwerp": "Praatcafé",
    "datum": timezone.make_aware(timezone.datetime(2026, 12, 4, 14, 0)),
    "uur": "14:00 – 16:00",
    "plaats": "Buurthuis De Linde",
    "meebrengen": "niets speciaals",
    "belofte": "We vragen je mening.",
}


@pytest.fixture
def send(django_capture_on_commit_callbacks: Any) -> Any:
    """Sends as a view would: delivery starts when the transaction commits."""

    def _send(world: World, people: list[Any], kind: str = Kind.INVITATION, **kwargs: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return services.message_send(
                organisation=world.org,
                kind=kind,
                title="Praatcafé",
                recipients=[Recipient(p, link=f"https://inbreng.test/p/?t={p.pk}") for p in people],
                context=CONTEXT,
                by=world.users["coordinator"],
                **kwargs,
            )

    return _send


def current_link_path(person: Any) -> str:
    from inbreng.participation import services as participation

    return participation.link_short_path(participation.current_link(person))


def delivery_of(person: Any) -> Delivery:
    return Delivery.objects.get(participant=person)


def test_it_sends_over_each_persons_preferred_channel(
    send: Any, world: World, sms_outbox: list[Any]
) -> None:
    by_mail = make_participant(
        world.org, name="Mila", preferred_channel=Channel.EMAIL, email="mila@example.be"
    )
    by_sms = make_participant(
        world.org, name="Sam", preferred_channel=Channel.SMS, phone="+32470111222"
    )
    by_letter = make_participant(
        world.org,
        name="Lea",
        preferred_channel=Channel.LETTER,
        phone="",
        street="Kerkstraat 1",
        postal_code="9000",
        city="Gent",
    )
    by_worker = make_participant(
        world.org,
        name="Wout",
        preferred_channel=Channel.SOCIAL_WORKER,
        phone="",
        social_worker=world.users["social_worker"],
    )
    by_phone = make_participant(
        world.org, name="Fien", preferred_channel=Channel.PHONE, phone="+3292345678"
    )

    send(world, [by_mail, by_sms, by_letter, by_worker, by_phone])

    assert [m.to for m in mail.outbox] == [["mila@example.be"]]
    assert [t["to"] for t in sms_outbox] == ["+32470111222"]
    assert delivery_of(by_mail).status == Delivery.Status.SENT
    assert delivery_of(by_sms).status == Delivery.Status.SENT
    assert delivery_of(by_letter).status == Delivery.Status.TO_PRINT
    worker_task = delivery_of(by_worker)
    assert (worker_task.status, worker_task.assignee) == (
        Delivery.Status.TO_PASS_ON,
        world.users["social_worker"],
    )
    assert delivery_of(by_phone).status == Delivery.Status.TO_CALL


def test_it_fills_placeholders_per_person(send: Any, world: World, sms_outbox: list[Any]) -> None:
    person = make_participant(
        world.org, name="Mila Peeters", preferred_channel=Channel.EMAIL, email="m@example.be"
    )
    send(world, [person])
    body = mail.outbox[0].body
    assert body.startswith("Dag Mila,")
    assert "Praatcafé" in mail.outbox[0].subject
    assert "vrijdag 4 december 2026 om 14:00 – 16:00" in body
    assert "Buurthuis De Linde" in body
    # The person's current link, filled in when the e-mail went out; the stored text holds
    # only a marker (see participation/tests/test_links.py).
    assert f"https://inbreng.test{current_link_path(person)}" in body
    assert "{" not in body


def test_it_writes_in_the_persons_language_or_falls_back_to_dutch(
    send: Any, world: World, sms_outbox: list[Any]
) -> None:
    arabic = make_participant(world.org, name="Samira", language="ar", phone="+32470000001")
    french = make_participant(world.org, name="Chloé", language="fr", phone="+32470000002")
    turkish = make_participant(world.org, name="Emre", language="tr", phone="+32470000003")
    send(world, [arabic, french, turkish])
    # Right-to-left texts hold their filled-in values as bidi isolates (FSI … PDI).
    texts = {t["to"]: t["text"].replace("\u2068", "").replace("\u2069", "") for t in sms_outbox}
    assert texts["+32470000001"].startswith("Samira،")
    assert "ديسمبر" in texts["+32470000001"]  # the date in Arabic
    assert texts["+32470000002"].startswith("Bonjour Chloé")
    assert "vendredi 4 décembre 2026" in texts["+32470000002"]
    assert texts["+32470000003"].startswith("Dag Emre")
    assert delivery_of(turkish).language == "nl"


def test_a_landline_falls_back_to_the_next_channel(
    send: Any, world: World, sms_outbox: list[Any]
) -> None:
    person = make_participant(
        world.org,
        name="Jos",
        preferred_channel=Channel.SMS,
        phone="+3292345678",
        email="jos@example.be",
    )
    send(world, [person])
    assert sms_outbox == []
    assert delivery_of(person).channel == Channel.EMAIL
    assert mail.outbox[0].to == ["jos@example.be"]


def test_a_person_without_any_channel_is_listed_not_skipped(send: Any, world: World) -> None:
    person = make_participant(world.org, name="Niemand", phone="")
    message = send(world, [person])
    assert message.total == 1
    assert delivery_of(person).status == Delivery.Status.NO_CHANNEL


def test_an_unknown_placeholder_is_refused_before_sending_and_named(
    send: Any, world: World
) -> None:
    MessageTemplate.objects.create(
        organisation=world.org,
        kind=Kind.INVITATION,
        language="nl",
        subject="Kom",
        body="Dag {naam}, kom naar {zaal}.",
        sms="Kom {naam}",
    )
    with pytest.raises(ValidationError) as error:
        send(world, [world.participant])
    assert "{zaal}" in str(error.value)
    assert not Delivery.objects.exists()


def test_the_placeholder_check_names_broken_braces() -> None:
    assert services.placeholder_errors("Dag {naam}") == []
    assert "{adres}" in services.placeholder_errors("Dag {adres}")[0]
    assert services.placeholder_errors("Dag {naam")
    assert services.placeholder_errors("Dag {naam.__class__}")


def test_each_email_carries_the_delivery_key_as_message_id(send: Any, world: World) -> None:
    person = make_participant(
        world.org, name="Mila", preferred_channel=Channel.EMAIL, email="m@example.be"
    )
    send(world, [person])
    delivery = delivery_of(person)
    assert mail.outbox[0].extra_headers["Message-ID"] == f"<{delivery.key}@inbreng.test>"


def test_delivering_again_sends_nothing_twice(send: Any, world: World) -> None:
    people = [
        make_participant(
            world.org, name=f"P{n}", preferred_channel=Channel.EMAIL, email=f"p{n}@example.be"
        )
        for n in range(5)
    ]
    message = send(world, people)
    assert len(mail.outbox) == 5
    assert services.deliver_due(message.pk) == 0
    assert len(mail.outbox) == 5


def test_a_failure_is_retried_with_back_off_then_shown(
    send: Any, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    person = make_participant(
        world.org, name="Mila", preferred_channel=Channel.EMAIL, email="m@example.be", phone=""
    )

    def refuse(self: Any, messages: Any) -> int:
        raise smtplib.SMTPServerDisconnected("gone")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    message = send(world, [person])
    delivery = delivery_of(person)
    assert delivery.status == Delivery.Status.QUEUED
    assert delivery.attempts == 1
    assert delivery.next_attempt_at is not None
    assert delivery.next_attempt_at > timezone.now()
    for attempt in range(2, services.MAX_ATTEMPTS + 1):
        Delivery.objects.filter(pk=delivery.pk).update(
            next_attempt_at=timezone.now() - timedelta(seconds=1)
        )
        services.deliver_due(message.pk)
        delivery.refresh_from_db()
        assert delivery.attempts == attempt
    assert delivery.status == Delivery.Status.FAILED
    assert "SMTPServerDisconnected" in delivery.last_error


def test_a_refused_address_falls_back_to_a_letter(
    send: Any, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    person = make_participant(
        world.org,
        name="Mila",
        preferred_channel=Channel.EMAIL,
        email="m@example.be",
        phone="",
        street="Kerkstraat 1",
        postal_code="9000",
        city="Gent",
    )

    def refuse(self: Any, messages: Any) -> int:
        raise smtplib.SMTPRecipientsRefused({"m@example.be": (550, b"no such user")})

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    send(world, [person])
    delivery = delivery_of(person)
    assert (delivery.channel, delivery.status) == (Channel.LETTER, Delivery.Status.TO_PRINT)


def test_a_failed_sms_is_retried_later(
    send: Any, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from inbreng.messaging.sms import MemoryGateway, SmsError

    def fail(self: Any, **kwargs: Any) -> None:
        raise SmsError("gateway unreachable")

    monkeypatch.setattr(MemoryGateway, "send", fail)
    send(world, [world.participant])
    delivery = delivery_of(world.participant)
    assert (delivery.status, delivery.attempts) == (Delivery.Status.QUEUED, 1)


def test_retry_failed_puts_them_back_in_the_queue(
    send: Any, world: World, sms_outbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    message = send(world, [world.participant])
    Delivery.objects.filter(message=message).update(status=Delivery.Status.FAILED, attempts=5)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.retry_failed(message=message, by=world.users["coordinator"]) == 1
    assert delivery_of(world.participant).status == Delivery.Status.SENT
    assert len(sms_outbox) == 2


def test_a_free_message_that_is_hard_to_read_needs_a_reason(send: Any, world: World) -> None:
    hard = Text(
        "Mededeling",
        "Overeenkomstig de bepalingen van het reglement betreffende de organisatie van "
        "participatietrajecten wordt u hierbij verzocht om uw aanwezigheid op de "
        "eerstvolgende bijeenkomst van de adviesraad schriftelijk te bevestigen.",
        "Bevestig uw aanwezigheid.",
        "nl",
        reviewed=True,
        custom=True,
    )
    with pytest.raises(ValidationError) as error:
        send(world, [world.participant], kind=Kind.FREE, custom=hard)
    assert "plain_override_reason" in error.value.message_dict
    message = send(
        world,
        [world.participant],
        kind=Kind.FREE,
        custom=hard,
        plain_override_reason="Juridische tekst, letterlijk over te nemen.",
    )
    assert message.plain_override_reason.startswith("Juridische")


def test_the_built_in_dutch_texts_pass_the_checker(world: World) -> None:
    from inbreng.messaging.defaults import DEFAULTS

    for kind, texts in DEFAULTS.items():
        report = services.plain_report(world.org, texts["nl"].body)
        assert report.passes(world.org.plain_language_min_score), (kind, report)
        assert report.average_sentence_length <= 12, kind


def test_every_built_in_text_uses_known_placeholders_only() -> None:
    from inbreng.messaging.defaults import DEFAULTS

    for texts in DEFAULTS.values():
        for text in texts.values():
            for part in text:
                assert services.placeholder_errors(part) == []


def test_every_built_in_text_exists_in_every_message_language() -> None:
    from inbreng.messaging.defaults import DEFAULTS

    for kind in Kind:
        if kind != Kind.FREE:
            assert set(DEFAULTS[kind]) == set(services.message_languages()), kind


def test_unreviewed_translations_are_marked(world: World) -> None:
    texts = services.template_texts(world.org, Kind.INVITATION)
    assert texts["nl"].reviewed
    assert not texts["ar"].reviewed


def test_a_mail_server_that_goes_away_mid_batch_leaves_the_rest_queued(
    send: Any, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    people = [
        make_participant(
            world.org, name=f"P{n}", preferred_channel=Channel.EMAIL, email=f"p{n}@example.be"
        )
        for n in range(3)
    ]
    opened = {"count": 0}

    def open_once(self: Any) -> bool:
        opened["count"] += 1
        if opened["count"] > 1:
            raise ConnectionRefusedError("the server is down")
        return True

    def disconnect(self: Any, messages: Any) -> int:
        raise smtplib.SMTPServerDisconnected("gone")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.open", open_once)
    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", disconnect)
    send(world, people)
    deliveries = Delivery.objects.order_by("id")
    assert [d.status for d in deliveries] == [Delivery.Status.QUEUED] * 3
    assert [d.attempts for d in deliveries] == [1, 1, 1]
    assert "SMTPServerDisconnected" in deliveries[0].last_error
    assert "ConnectionRefusedError" in deliveries[1].last_error
