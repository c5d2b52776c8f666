"""Sending is deliberate: "Send the invitation to 9 people" first shows what would go out.

How many by which channel and in which language, one example per channel, the SMS length
per language, who cannot be reached (with what to add) and who will get Dutch. Nothing is
written until the preview's own button is pressed; the send then does exactly what the
preview showed. A free message can carry translations; one in the wrong script is refused
next to its field.
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language_info

from conftest import World, make_participant
from inbreng.core.tests.helpers import dutch, dutch_count, field_error, messages_shown, text
from inbreng.groups import services as group_services
from inbreng.groups.models import GroupMembership
from inbreng.messaging.models import Delivery, Message
from inbreng.messaging.sms_length import measure
from inbreng.participation import sending, services
from inbreng.participation.models import Invitation, Meeting, PersonalLink, Question
from inbreng.people.models import Channel, Participant

from .helpers import Build

ADDRESS = {"street": "Kerkstraat 1", "postal_code": "9000", "city": "Gent"}
ARABIC_SUBJECT = "تغيير القاعة"
ARABIC_BODY = "مرحبا {naam}. نحن في القاعة 2 هذه المرة."


@dataclass
class Outreach:
    meeting: Meeting
    question: Question
    people: dict[str, Participant]


@pytest.fixture
def outreach(world: World, build: Build) -> Outreach:
    """A planned meeting with a question on its agenda; nine people, every channel, four
    languages, one of whom cannot be reached. Everyone is made up."""
    group = build.group("Praatgroep")
    meeting = build.meeting(group, 7, title="Praatcafé")
    question = build.schedule(meeting, build.accepted("Is de nieuwe folder duidelijk?"))
    worker = world.users["social_worker"]
    specs: dict[str, dict[str, Any]] = {
        "Sam Sms": {"phone": "+32470111222"},
        "Mila Mail": {"preferred_channel": Channel.EMAIL, "email": "m@example.be", "phone": ""},
        "Lea Brief": {"preferred_channel": Channel.LETTER, "phone": "", **ADDRESS},
        "Wout Werker": {
            "preferred_channel": Channel.SOCIAL_WORKER,
            "phone": "",
            "social_worker": worker,
            "language": "ar",
        },
        "Fien Bel": {"preferred_channel": Channel.PHONE, "phone": "+3292345678"},
        "Amal Haddad": {"phone": "+32470222333", "language": "ar"},
        "Omar Fall": {"phone": "+32470222444", "language": "fr"},
        "Ayse Kaya": {"phone": "+32470222555", "language": "tr"},
        "Niemand Nergens": {"phone": ""},
    }
    people = {}
    for name, fields in specs.items():
        person = make_participant(world.org, name=name, **fields)
        group_services.membership_add(
            group=group,
            participant=person,
            by=build.coordinator,
            stage=GroupMembership.Stage.MEMBER,
        )
        people[name] = person
    services.meeting_invite_group(meeting=meeting, by=build.coordinator)
    return Outreach(meeting, question, people)


class _Page(HTMLParser):
    """What the preview shows: its counts (by data attributes), and each example."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.channels: dict[str, int] = {}
        self.languages: dict[str, int] = {}
        self.examples: list[str] = []
        self.sms_languages: list[str] = []
        self._counting: tuple[dict[str, int], str] | None = None
        self._in_sms = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "section" and values.get("id") == "sms-length":
            self._in_sms = True
        elif tag == "li" and values.get("data-channel"):
            self._counting = (self.channels, values["data-channel"] or "")
        elif tag == "li" and values.get("data-language"):
            if self._in_sms:
                self.sms_languages.append(values["data-language"] or "")
            else:
                self._counting = (self.languages, values["data-language"] or "")
        elif tag == "section" and values.get("data-channel"):
            self.examples.append(values["data-channel"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "li":
            self._counting = None
        if tag == "section":
            self._in_sms = False

    def handle_data(self, data: str) -> None:
        if self._counting is not None and ":" in data:
            into, key = self._counting
            into[key] = int(data.rsplit(":", 1)[1])


def shown(response: Any) -> _Page:
    page = _Page()
    page.feed(response.content.decode())
    return page


def seen_in(response: Any) -> str:
    html = response.content.decode()
    start = html.index('name="seen" value="') + len('name="seen" value="')
    return html[start : html.index('"', start)]


def invite_url(outreach: Outreach) -> str:
    return reverse("participation:send_invitations", args=[outreach.meeting.pk])


def message_url(outreach: Outreach) -> str:
    return reverse("participation:meeting_message", args=[outreach.meeting.pk])


def nothing_written() -> tuple[int, int, int]:
    return Message.objects.count(), Delivery.objects.count(), PersonalLink.objects.count()


# The invitation ----------------------------------------------------------------------------


def test_the_send_button_first_shows_what_would_go_out_and_sends_nothing(
    world: World, outreach: Outreach
) -> None:
    coordinator = world.client_for("coordinator")
    before = nothing_written()

    preview = coordinator.post(invite_url(outreach))

    assert preview.status_code == 200
    assert nothing_written() == before
    assert not Invitation.objects.filter(invited_at__isnull=False).exists()
    page = shown(preview)
    assert page.channels == {
        Channel.SMS: 4,  # Sam, Amal, Omar, Ayse
        Channel.EMAIL: 1,
        Channel.LETTER: 1,
        Channel.SOCIAL_WORKER: 1,
        Channel.PHONE: 1,
    }
    # Ayse reads Turkish: there is no Turkish text, so she gets Dutch.
    assert page.languages == {"nl": 5, "ar": 2, "fr": 1}
    assert page.examples == [c.value for c in Channel]
    assert page.sms_languages == ["nl", "ar", "fr"]
    assert text(preview, id="send") == dutch_count(
        "Send the invitation to %(counter)s person", "Send the invitation to %(counter)s people", 9
    )
    unreachable = text(preview, id="unreachable")
    assert "Niemand Nergens" in unreachable
    assert dutch("prefers SMS: add a mobile number.") in unreachable
    in_dutch = text(preview, id="in-dutch")
    assert "Ayse Kaya" in in_dutch
    # The question on the agenda has no translation yet: who reads it in Dutch, per language.
    assert "Is de nieuwe folder duidelijk?" in in_dutch
    assert "Amal Haddad, Wout Werker" in in_dutch and "Omar Fall" in in_dutch
    translate = reverse("participation:question_translate", args=[outreach.question.pk, "ar"])
    assert f'href="{translate}"' in preview.content.decode()


def test_the_examples_show_each_channel_as_the_person_gets_it(
    world: World, outreach: Outreach
) -> None:
    preview = world.client_for("coordinator").post(invite_url(outreach))
    html = preview.content.decode()

    worker = html[html.index('id="example-social_worker"') :]
    worker = worker[: worker.index("</section>")]
    # The social worker sees the Arabic text and the Dutch one side by side, each in its
    # own language and direction.
    assert 'lang="ar" dir="rtl"' in worker and 'lang="nl" dir="ltr"' in worker
    assert "Wout" in worker
    phone = html[html.index('id="example-phone"') :]
    phone = phone[: phone.index("</section>")]
    assert "http" not in phone and "/k/" not in phone
    # No personal link is on the page: the examples say where it goes instead.
    assert "/k/?0" not in html and "/p/?t=" not in html


def test_confirming_sends_exactly_what_the_preview_showed(
    world: World, outreach: Outreach, django_capture_on_commit_callbacks: Any
) -> None:
    coordinator = world.client_for("coordinator")
    preview = coordinator.post(invite_url(outreach))
    page = shown(preview)

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(
            invite_url(outreach), {"confirm": "1", "seen": seen_in(preview)}
        )

    message = Message.objects.get()
    assert response["Location"] == reverse("messaging:message", args=[message.pk])
    deliveries = list(message.deliveries.all())
    assert len(deliveries) == 9
    by_channel = Counter(d.channel for d in deliveries if d.channel)
    by_language = Counter(d.language for d in deliveries if d.channel)
    assert dict(by_channel) == page.channels
    assert dict(by_language) == page.languages
    assert [d.participant.name for d in deliveries if not d.channel] == ["Niemand Nergens"]
    assert not Invitation.objects.filter(meeting=outreach.meeting, invited_at=None).exists()


def test_a_list_that_changed_since_the_preview_is_shown_again_and_not_sent(
    world: World, build: Build, outreach: Outreach
) -> None:
    coordinator = world.client_for("coordinator")
    preview = coordinator.post(invite_url(outreach))
    late = make_participant(world.org, name="Nora Nieuw", phone="+32470555666")
    services.meeting_invite(meeting=outreach.meeting, participant=late, by=build.coordinator)

    again = coordinator.post(invite_url(outreach), {"confirm": "1", "seen": seen_in(preview)})

    assert again.status_code == 200
    assert not Message.objects.exists()
    assert "De lijst met mensen is veranderd sinds je keek." in text(again, cls="warning")
    assert seen_in(again).startswith("10.")


def test_a_changed_channel_or_text_since_the_preview_is_shown_again_and_not_sent(
    world: World, outreach: Outreach
) -> None:
    from inbreng.messaging.services import default_text, template_save

    coordinator = world.client_for("coordinator")
    preview = coordinator.post(invite_url(outreach))
    # Sam lost his phone: he now gets a letter.
    Participant.objects.filter(pk=outreach.people["Sam Sms"].pk).update(
        phone="", preferred_channel=Channel.LETTER, **ADDRESS
    )
    moved = coordinator.post(invite_url(outreach), {"confirm": "1", "seen": seen_in(preview)})
    assert moved.status_code == 200 and not Message.objects.exists()
    assert shown(moved).channels[Channel.LETTER] == 2

    # Someone rewrote the Dutch invitation in the meantime.
    built_in = default_text("invitation", "nl")
    assert built_in is not None
    template_save(
        organisation=world.org,
        kind="invitation",
        language="nl",
        subject=built_in.subject,
        body=built_in.body + "\nTot dan.",
        sms=built_in.sms,
        reviewed=True,
        reviewed_by="",
        plain_override_reason="",
        by=world.users["coordinator"],
    )
    rewritten = coordinator.post(invite_url(outreach), {"confirm": "1", "seen": seen_in(moved)})
    assert rewritten.status_code == 200 and not Message.objects.exists()
    assert "De lijst met mensen is veranderd sinds je keek." in text(rewritten, cls="warning")


def test_a_forged_or_missing_fingerprint_sends_nothing(world: World, outreach: Outreach) -> None:
    coordinator = world.client_for("coordinator")
    for seen in ("", "abc", "9", "9." + "0" * 20, "x" * 5000):
        response = coordinator.post(invite_url(outreach), {"confirm": "1", "seen": seen})
        assert response.status_code == 200
    assert not Message.objects.exists()


def test_everyone_already_invited_says_so(world: World, outreach: Outreach) -> None:
    Invitation.objects.update(invited_at=outreach.meeting.starts_at)
    response = world.client_for("coordinator").post(invite_url(outreach), follow=True)
    assert dutch("Everyone on the list already got the invitation.") in messages_shown(response)


# Nobody reachable ------------------------------------------------------------------------


def test_an_invitation_that_reaches_nobody_is_refused_with_what_to_add(
    world: World, outreach: Outreach
) -> None:
    reachable = [p for name, p in outreach.people.items() if name != "Niemand Nergens"]
    Invitation.objects.filter(participant__in=reachable).delete()
    coordinator = world.client_for("coordinator")

    preview = coordinator.post(invite_url(outreach))
    # Even a send confirmed for exactly this preview is refused.
    current = sending.meeting_preview(
        meeting=outreach.meeting, kind="invitation", site="http://testserver"
    )
    assert current is not None
    forged = coordinator.post(
        invite_url(outreach), {"confirm": "1", "seen": current.preview.fingerprint}, follow=True
    )

    assert preview.status_code == 200
    refusal = text(preview, cls="error-summary")
    assert "We kunnen niemand op de lijst bereiken." in refusal
    assert 'name="confirm"' not in preview.content.decode()
    assert "Niemand Nergens" in text(preview, id="unreachable")
    assert "We kunnen niemand op de lijst bereiken." in messages_shown(forged)
    assert not Message.objects.exists()
    assert not Invitation.objects.filter(invited_at__isnull=False).exists()


def test_a_message_that_reaches_nobody_is_refused_next_to_the_kind(
    world: World, outreach: Outreach
) -> None:
    reachable = [p for name, p in outreach.people.items() if name != "Niemand Nergens"]
    Invitation.objects.filter(participant__in=reachable).delete()

    response = world.client_for("coordinator").post(
        message_url(outreach), {"kind": "reminder", "preview": "1"}
    )

    assert response.status_code == 200
    assert field_error(response, "kind").startswith("We kunnen niemand op de lijst bereiken.")
    assert '<option value="reminder" selected>' in response.content.decode()
    assert 'name="confirm"' not in response.content.decode()
    assert not Message.objects.exists()


# A free message, with translations -----------------------------------------------------------


def free(**extra: str) -> dict[str, str]:
    return {
        "kind": "free",
        "subject": "Andere zaal",
        "body": "Dag {naam}. We zitten deze keer in zaal 2.",
        **extra,
    }


def test_an_arabic_translation_in_latin_script_is_refused_next_to_the_field(
    world: World, outreach: Outreach
) -> None:
    typed = free(
        subject_ar="Andere zaal",
        body_ar="Dag {naam}. We zitten deze keer in zaal 2.",
        translated_by_ar="Tolk Karim",
        preview="1",
    )

    response = world.client_for("coordinator").post(message_url(outreach), typed)

    assert response.status_code == 200
    wrong = dutch(
        "This text is not written in %(language)s. Check that it is in the right box."
    ) % {"language": dutch("Arabic")}
    assert field_error(response, "body_ar") == wrong
    assert field_error(response, "subject_ar") == wrong
    html = response.content.decode()
    assert 'value="Tolk Karim"' in html and "Dag {naam}. We zitten deze keer in zaal 2." in html
    assert 'name="confirm"' not in html
    assert not Message.objects.exists()


def test_a_translation_needs_who_translated_it(world: World, outreach: Outreach) -> None:
    response = world.client_for("coordinator").post(
        message_url(outreach), free(subject_ar=ARABIC_SUBJECT, body_ar=ARABIC_BODY, preview="1")
    )
    assert field_error(response, "translated_by_ar") == dutch("Say who translated it.")


def test_a_free_message_goes_out_in_the_languages_it_was_translated_into(
    world: World, outreach: Outreach, django_capture_on_commit_callbacks: Any
) -> None:
    typed = free(
        subject_ar=ARABIC_SUBJECT,
        body_ar=ARABIC_BODY,
        translated_by_ar="Tolk Karim",
        reviewed_ar="on",
    )
    coordinator = world.client_for("coordinator")
    preview = coordinator.post(message_url(outreach), {**typed, "preview": "1"})
    page = shown(preview)
    # Arabic readers get Arabic; the French reader gets Dutch, and the preview says so.
    assert page.languages == {"nl": 6, "ar": 2}
    assert "Omar Fall" in text(preview, id="in-dutch")
    assert not Message.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        coordinator.post(message_url(outreach), {**typed, "confirm": "1", "seen": seen_in(preview)})

    message = Message.objects.get()
    assert message.translations == {"ar": {"translated_by": "Tolk Karim", "reviewed": True}}
    amal = message.deliveries.get(participant=outreach.people["Amal Haddad"])
    assert amal.language == "ar" and "القاعة 2" in amal.body and "Amal" in amal.body
    omar = message.deliveries.get(participant=outreach.people["Omar Fall"])
    assert omar.language == "nl" and omar.body.startswith("Dag Omar.")
    # The social worker passes on the Arabic text with the Dutch one beside it.
    wout = message.deliveries.get(participant=outreach.people["Wout Werker"])
    assert "القاعة 2" in wout.body and wout.body_nl.startswith("Dag Wout.")


def test_changing_the_message_after_the_preview_keeps_what_was_typed(
    world: World, outreach: Outreach
) -> None:
    response = world.client_for("coordinator").post(
        message_url(outreach), free(edit="1", sms="Kort sms'je {link}")
    )
    html = response.content.decode()
    assert 'name="confirm"' not in html
    assert "Dag {naam}. We zitten deze keer in zaal 2." in html
    assert "Kort sms&#x27;je {link}" in html
    assert not Message.objects.exists()


def test_translations_are_only_for_a_free_message(world: World, outreach: Outreach) -> None:
    response = world.client_for("coordinator").post(
        message_url(outreach),
        {"kind": "reminder", "body_ar": ARABIC_BODY, "preview": "1"},
    )
    assert field_error(response, "body_ar") == dutch(
        "Translations are for a free message. The other kinds use your own texts."
    )


LONG_SMS = " ".join(["Dag {naam}, dit is een heel lange sms over de nieuwe zaal."] * 6)


def test_an_sms_of_more_than_two_parts_needs_a_reason(
    world: World, outreach: Outreach, django_capture_on_commit_callbacks: Any
) -> None:
    coordinator = world.client_for("coordinator")

    refused = coordinator.post(message_url(outreach), free(sms=LONG_SMS, preview="1"))

    assert refused.status_code == 200
    parts = measure(world.org, LONG_SMS, "nl").parts
    assert parts > 2
    error = field_error(refused, "sms_reason")
    assert f" {parts} " in error
    with translation.override("nl"):
        assert str(get_language_info("nl")["name_translated"]) in error
    assert LONG_SMS in refused.content.decode()
    assert 'name="confirm"' not in refused.content.decode()

    reason = "De zaal verandert en dat moet iedereen weten."
    typed = free(sms=LONG_SMS, sms_reason=reason)
    preview = coordinator.post(message_url(outreach), {**typed, "preview": "1"})
    assert 'name="confirm"' in preview.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        coordinator.post(message_url(outreach), {**typed, "confirm": "1", "seen": seen_in(preview)})
    assert Message.objects.get().sms_reason == reason


def test_hard_dutch_is_refused_at_the_preview_as_it_would_be_at_the_send(
    world: World, outreach: Outreach
) -> None:
    hard = (
        "Overeenkomstig de bepalingen van het reglement betreffende de organisatie van "
        "participatietrajecten wordt u hierbij verzocht om uw aanwezigheid op de "
        "eerstvolgende bijeenkomst van de adviesraad schriftelijk te bevestigen."
    )
    response = world.client_for("coordinator").post(
        message_url(outreach), free(body=hard, preview="1")
    )
    assert field_error(response, "plain_override_reason")
    assert not Message.objects.exists()


# The preview reads a fixed number of times ---------------------------------------------------


def preview_queries(client: Client, url: str, data: dict[str, str]) -> int:
    client.post(url, data)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, data)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("kind", ["invitation", "reminder"])
def test_the_preview_keeps_within_its_query_budget(
    world: World, build: Build, outreach: Outreach, kind: str
) -> None:
    client = world.client_for("coordinator")
    url, data = (
        (invite_url(outreach), {})
        if kind == "invitation"
        else (message_url(outreach), {"kind": kind, "preview": "1"})
    )
    few = preview_queries(client, url, data)
    for n in range(12):
        person = make_participant(
            world.org, name=f"Extra{n} Persoon", phone=f"+324701000{n:02d}", language="ar"
        )
        services.meeting_invite(meeting=outreach.meeting, participant=person, by=build.coordinator)
    assert preview_queries(client, url, data) == few
    # The staff page's 4 and its menu's 2; the meeting, its agenda and invitations; the
    # people; the texts; the question's translations per language; the read audit.
    assert few <= 17


def test_nobody_is_invited_to_a_meeting_that_is_over(world: World, build: Build) -> None:
    from django.core.exceptions import ValidationError

    from inbreng.participation import sending

    group = build.group("Groep", members=2)
    meeting = build.held(group)
    with pytest.raises(ValidationError):
        sending.meeting_preview(meeting=meeting, kind="invitation", site="https://x.test")
    response = world.client_for("coordinator").post(
        reverse("participation:send_invitations", args=[meeting.pk]), follow=True
    )
    assert not Message.objects.filter(ref=f"meeting:{meeting.pk}").exists()
    shown = dutch("This meeting has already taken place. Nobody can be invited to it any more.")
    assert shown in response.content.decode()


def test_sms_longer_than_two_parts_need_a_reason_before_they_go(
    world: World, outreach: Outreach, django_capture_on_commit_callbacks: Any
) -> None:
    Meeting.objects.filter(pk=outreach.meeting.pk).update(
        place_details="Zaal 2 op de eerste verdieping, ingang langs de achterkant van het gebouw"
    )
    coordinator = world.client_for("coordinator")
    preview = coordinator.post(invite_url(outreach))
    assert 'name="sms_reason"' in preview.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        refused = coordinator.post(
            invite_url(outreach), {"confirm": "1", "seen": seen_in(preview)}, follow=True
        )
    assert not Message.objects.exists()
    assert dutch(str(sending.SMS_REASON_NEEDED)) in html.unescape(refused.content.decode())
    with django_capture_on_commit_callbacks(execute=True):
        coordinator.post(
            invite_url(outreach),
            {"confirm": "1", "seen": seen_in(preview), "sms_reason": "Het adres moet erbij."},
        )
    assert Message.objects.get().sms_reason == "Het adres moet erbij."
