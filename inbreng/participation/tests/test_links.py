"""Personal links that stay: short links for SMS, a button before the page opens, nothing
stored that opens a page, letters that carry the current link, and a reissue with care."""

from __future__ import annotations

import io
import re
from datetime import datetime, time, timedelta
from typing import Any
from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone, translation
from pypdf import PdfReader

from conftest import World, make_participant
from inbreng.core.models import AuditEvent
from inbreng.core.tests.helpers import dutch, dutch_count, field_error, messages_shown, text
from inbreng.messaging.models import Delivery, Kind
from inbreng.messaging.services import Recipient, letters_printed, message_send
from inbreng.messaging.sms import MemoryGateway
from inbreng.participation import outreach, services
from inbreng.participation.models import PersonalLink
from inbreng.participation.views.personal import SESSION_KEY
from inbreng.people.models import Channel, Participant

from .helpers import Build, count_queries, open_personal_page

SITE = "http://testserver"
PAGE = reverse("participation:my_page")


@pytest.fixture(autouse=True)
def empty_sms_outbox() -> None:
    MemoryGateway.outbox.clear()


@pytest.fixture
def lea(world: World) -> Participant:
    """Lea gets her news by letter, in French."""
    return make_participant(
        world.org,
        name="Lea Brief",
        language="fr",
        preferred_channel=Channel.LETTER,
        phone="",
        street="Kerkstraat 1",
        postal_code="9000",
        city="Gent",
    )


def pdf_words(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)


def pdf_link_text(content: bytes) -> str:
    """The letter's text as one string, for finding which link it carries: a long address
    wraps over lines, and the letter's hyphenation may put a hyphen (U+2010) at the break."""
    return pdf_words(content).replace(" ", "").replace("\u2010", "")


# Short links ---------------------------------------------------------------------------


def test_it_makes_a_short_code_of_60_bits_stored_only_as_its_hash(lea: Participant) -> None:
    link = services.link_issue(participant=lea, by=None)
    code = services.link_short_code(link)
    assert len(code) == 12 and set(code) <= set(services.SHORT_ALPHABET)
    assert len(services.SHORT_ALPHABET) == 32  # 12 × 5 = 60 bits
    stored = PersonalLink.objects.filter(pk=link.pk).values().get()
    assert code not in {str(v) for v in stored.values()}
    # Derived again from the salt: the same code on every letter, as with the token.
    assert services.link_short_code(PersonalLink.objects.get(pk=link.pk)) == code
    assert services.link_short_path(link) == f"/k/?{code}"
    # Codes differ per link.
    other = services.link_issue(participant=make_participant(lea.organisation), by=None)
    assert services.link_short_code(other) != code


def test_the_short_link_opens_the_same_button_and_the_same_page(lea: Participant) -> None:
    link = services.link_issue(participant=lea, by=None)
    for path in (services.link_short_path(link), services.link_path(link)):
        phone = Client()
        shown = phone.get(path)
        assert shown.status_code == 200
        assert SESSION_KEY not in phone.session
        # In the person's language, with one button and nothing about the person.
        assert shown["Content-Language"] == "fr"
        assert "Lea" not in shown.content.decode()
        assert len(re.findall(r'<button type="submit"', shown.content.decode())) == 1
        response = open_personal_page(phone, path)
        assert response["Location"] == PAGE
        assert phone.session[SESSION_KEY] == {"participant": lea.pk, "version": link.pk}
        assert "Lea" in phone.get(PAGE).content.decode()


@pytest.mark.parametrize(
    "typed", ["upper", "dashes", "read-as"], ids=["capitals", "with-dashes", "o-for-0"]
)
def test_it_reads_a_short_code_typed_from_paper(lea: Participant, typed: str) -> None:
    link = services.link_issue(participant=lea, by=None)
    code = services.link_short_code(link)
    written = {
        "upper": code.upper(),
        "dashes": f"{code[:4]}-{code[4:8]}-{code[8:]}",
        "read-as": code.replace("0", "O").replace("1", "l"),
    }[typed]
    assert services.link_resolve_short(written) == link


@pytest.mark.parametrize("how", ["unknown", "too-short", "revoked"])
def test_a_short_link_that_does_not_work_gets_the_friendly_page(lea: Participant, how: str) -> None:
    link = services.link_issue(participant=lea, by=None)
    path = {
        "unknown": "/k/?zzzzzzzzzzzz",
        "too-short": "/k/?abc",
        "revoked": services.link_short_path(link),
    }[how]
    if how == "revoked":
        services.link_issue(participant=lea, by=None)
    response = Client().get(path)
    assert response.status_code == 404
    assert text(response, tag="h1") == dutch("This link does not work")
    # Pressing a button copied from an old page does not open anything either.
    code = path.split("?", 1)[1]
    pressed = Client().post(reverse("participation:open_link"), {"k": code})
    assert pressed.status_code == 404


def test_the_button_is_protected_against_forged_requests(lea: Participant) -> None:
    link = services.link_issue(participant=lea, by=None)
    phone = Client(enforce_csrf_checks=True)
    forged = phone.post(reverse("participation:open_link"), {"t": services.link_token(link)})
    assert forged.status_code == 403
    assert SESSION_KEY not in phone.session
    shown = phone.get(services.link_path(link))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', shown.content.decode())
    assert token
    pressed = phone.post(
        reverse("participation:open_link"),
        {"t": services.link_token(link), "csrfmiddlewaretoken": token[1]},
    )
    assert pressed.status_code == 302


def test_the_button_page_stays_within_its_query_budget(build: Build, lea: Participant) -> None:
    link = services.link_issue(participant=lea, by=None)
    assert count_queries(Client(), services.link_short_path(link)) <= 2


# Nothing stored opens a page; what goes out holds the current link -----------------------


def openers(value: str) -> list[PersonalLink]:
    """Every link that a string would open: a token (?t=) or a short code (/k/?)."""
    found = []
    for token in re.findall(r"t=([A-Za-z0-9_-]{20,})", value):
        found.append(services.link_resolve(token))
    for code in re.findall(r"/k/\?([0-9A-Za-z-]{12,16})", value):
        found.append(services.link_resolve_short(code))
    return [link for link in found if link is not None]


def test_no_stored_delivery_holds_a_live_link(
    world: World, build: Build, lea: Participant, django_capture_on_commit_callbacks: Any
) -> None:
    people = [
        lea,
        make_participant(world.org, name="Sam Sms", phone="+32470111222"),
        make_participant(
            world.org,
            name="Eva Mail",
            preferred_channel=Channel.EMAIL,
            email="eva@example.org",
            phone="",
        ),
        make_participant(
            world.org,
            name="Wout Werker",
            preferred_channel=Channel.SOCIAL_WORKER,
            phone="",
            social_worker=world.users["social_worker"],
        ),
        make_participant(
            world.org, name="Fien Bel", preferred_channel=Channel.PHONE, phone="+3292345678"
        ),
    ]
    group = build.group()
    meeting = build.meeting(group, 10)
    for person in people:
        services.meeting_invite(meeting=meeting, participant=person, by=build.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        outreach.meeting_send(
            meeting=meeting, kind=Kind.INVITATION, by=build.coordinator, site=SITE
        )
    deliveries = list(Delivery.objects.all())
    assert {d.channel for d in deliveries} == set(Channel.values)
    for delivery in deliveries:
        for field in ("subject", "body", "sms", "script", "body_nl", "link", "items"):
            value = str(getattr(delivery, field))
            assert not openers(value), (delivery.channel, field, value)
        assert delivery.link in ("", SITE)
    # The e-mail and SMS that went out do hold the person's working link.
    sms = MemoryGateway.outbox[0]["text"]
    assert [link.participant.name for link in openers(sms)] == ["Sam Sms"]
    assert [link.participant.name for link in openers(mail.outbox[0].body)] == ["Eva Mail"]
    # Staff pages show no live link: the outbox, the phone list and the pass-on list.
    message = deliveries[0].message
    pages = [
        world.client_for("coordinator").get(reverse("messaging:message", args=[message.pk])),
        world.client_for("coordinator").get(reverse("messaging:phone_list", args=[message.pk])),
        world.client_for("social_worker").get(reverse("messaging:pass_on")),
    ]
    for page in pages:
        assert page.status_code == 200
        assert not openers(page.content.decode())
    assert "Wout" in pages[2].content.decode()


def test_a_letter_printed_after_a_new_link_carries_the_new_link(
    world: World, lea: Participant
) -> None:
    message = message_send(
        organisation=world.org,
        kind=Kind.INVITATION,
        title="Praatcafé",
        recipients=outreach_recipients([lea]),
        context={"onderwerp": "Praatcafé"},
        by=world.users["coordinator"],
    )
    old = services.current_link(lea)
    new = services.link_issue(participant=lea, by=world.users["coordinator"], reason="lost")
    coordinator = world.client_for("coordinator")
    words = pdf_link_text(coordinator.get(reverse("messaging:letters", args=[message.pk])).content)
    assert SITE + services.link_short_path(new) in words
    assert services.link_short_code(old) not in words
    own = pdf_link_text(coordinator.get(reverse("participation:letter", args=[lea.pk])).content)
    assert SITE + services.link_short_path(new) in own


def outreach_recipients(people: list[Participant]) -> list[Recipient]:
    links = outreach.personal_links(people, SITE)
    return [Recipient(p, link=links[p.pk]) for p in people]


# Reissuing with care --------------------------------------------------------------------


def reissue_url(person: Participant) -> str:
    return reverse("participation:link_reissue", args=[person.pk])


def test_the_confirmation_says_which_letters_stop_working(world: World, lea: Participant) -> None:
    message = message_send(
        organisation=world.org,
        kind=Kind.INVITATION,
        title="Praatcafé",
        recipients=outreach_recipients([lea]),
        context={},
        by=world.users["coordinator"],
    )
    letters_printed(message=message, by=world.users["coordinator"], posted_on=timezone.localdate())
    coordinator = world.client_for("coordinator")
    coordinator.get(reverse("participation:letter", args=[lea.pk]))
    link = services.current_link(lea)

    page = coordinator.get(reissue_url(lea))

    assert page.status_code == 200
    main = text(page, tag="main")
    assert (
        dutch_count(
            "%(counter)s printed letter with this link and its QR code stops working.",
            "%(counter)s printed letters with this link and their QR codes stop working.",
            2,
        )
        in main
    )
    assert timezone.localdate().strftime("%Y") in main
    # Nothing changed yet: the link works until staff confirm.
    assert services.link_resolve_short(services.link_short_code(link)) == link
    for reason in ("The phone or the letter is lost", "Someone else used the link"):
        assert dutch(reason) in main
    # Reading the page is audited: it names the person.
    assert AuditEvent.objects.filter(detail__page="link", object_id=str(lea.pk)).exists()


def test_a_reissue_can_keep_the_old_link_working_until_a_chosen_day(
    world: World, lea: Participant
) -> None:
    old = services.current_link(lea)
    until = timezone.localdate() + timedelta(days=14)
    reason = "Nieuwe brief met QR-code op komst"
    response = world.client_for("coordinator").post(
        reissue_url(lea),
        {
            "reason": "other",
            "other_reason": reason,
            "old_link": "keep",
            "keep_until": until.isoformat(),
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse(
        "participation:participant_loop", args=[lea.pk]
    )
    assert str(until.day) in messages_shown(response)
    old.refresh_from_db()
    assert old.revoked_at is None
    assert old.replaced_reason == reason
    end = timezone.make_aware(datetime.combine(until + timedelta(days=1), time.min))
    assert old.expires_at == end
    new = services.current_link(lea)
    assert new != old
    # Both open the page now; the old one until the end of the chosen day, not after.
    for link in (old, new):
        assert open_personal_page(Client(), services.link_short_path(link)).status_code == 302
    late_evening = end - timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=late_evening):
        assert services.link_resolve_short(services.link_short_code(old)) == old
    with mock.patch("django.utils.timezone.now", return_value=end + timedelta(minutes=1)):
        assert services.link_resolve_short(services.link_short_code(old)) is None
        assert services.link_resolve_short(services.link_short_code(new)) == new
    # The new link is shown once, right after it was made.
    assert services.link_short_code(new) in text(response, cls="secret")


@pytest.mark.parametrize("when", ["past", "beyond", "month"])
def test_a_reissue_refuses_a_day_it_cannot_keep_next_to_the_field(
    world: World, lea: Participant, when: str
) -> None:
    old = services.current_link(lea)
    if when == "beyond":
        # The old link stops in ten days anyway.
        old.expires_at = timezone.now() + timedelta(days=10)
        old.save(update_fields=["expires_at"])
    given = {
        "past": timezone.localdate() - timedelta(days=1),
        "beyond": timezone.localdate() + timedelta(days=20),
        "month": timezone.localdate() + timedelta(days=31),
    }[when]
    response = world.client_for("coordinator").post(
        reissue_url(lea),
        {
            "reason": "other",
            "other_reason": "Brief kwijt bij verhuis",
            "old_link": "keep",
            "keep_until": given.isoformat(),
        },
    )
    assert response.status_code == 400
    error = field_error(response, "keep_until")
    if when == "past":
        assert error == dutch("This date is in the past.")
    elif when == "beyond":
        assert error.startswith(
            dutch("The old link stops on %(day)s anyway. Choose an earlier day.").split("%")[0]
        )
    else:
        # A kept link works a month at most.
        with translation.override("nl"):
            last = formats.date_format(timezone.localdate() + timedelta(days=30), "j F Y")
        assert error == dutch(
            "The old link works %(days)d days at most. Choose %(day)s or earlier."
        ) % {"days": 30, "day": last}
    html = response.content.decode()
    # What was chosen and typed is kept.
    assert re.search(r'<input type="radio" name="reason" value="other"[^>]*checked', html)
    assert re.search(r'<input type="radio" name="old_link" value="keep"[^>]*checked', html)
    assert 'value="Brief kwijt bij verhuis"' in html
    assert f'value="{given.isoformat()}"' in html
    # Nothing changed.
    assert list(PersonalLink.objects.filter(participant=lea)) == [old]
    old.refresh_from_db()
    assert old.revoked_at is None and old.replaced_reason == ""


def test_a_reissue_needs_a_reason(world: World, lea: Participant) -> None:
    services.current_link(lea)
    client = world.client_for("coordinator")
    missing = client.post(reissue_url(lea), {"old_link": "stop"})
    assert missing.status_code == 400
    assert field_error(missing, "reason") == dutch("Choose why the person needs a new link.")
    other = client.post(reissue_url(lea), {"reason": "other", "old_link": "stop"})
    assert field_error(other, "other_reason") == dutch("Write the reason.")
    assert PersonalLink.objects.filter(participant=lea).count() == 1


def test_a_reissue_that_stops_the_old_link_keeps_the_reason(world: World, lea: Participant) -> None:
    old = services.current_link(lea)
    client = world.client_for("coordinator")
    client.post(reissue_url(lea), {"reason": "lost", "old_link": "stop"})
    old.refresh_from_db()
    assert old.revoked_at is not None and old.replaced_reason == "lost"
    assert Client().get(services.link_short_path(old)).status_code == 404
    loop = client.get(reverse("participation:participant_loop", args=[lea.pk]))
    assert dutch("The phone or the letter is lost") in text(loop, tag="main")


def test_another_organisation_cannot_reissue(world: World) -> None:
    other = world.other_participant
    client = world.client_for("coordinator")
    assert client.get(reissue_url(other)).status_code == 404
    posted = client.post(reissue_url(other), {"reason": "lost", "old_link": "stop"})
    assert posted.status_code == 404
    letter = client.post(
        reverse("participation:letter_posted", args=[other.pk]),
        {"posted_on": timezone.localdate().isoformat()},
    )
    assert letter.status_code == 404
    assert not PersonalLink.objects.filter(participant=other).exists()
