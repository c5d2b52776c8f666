"""Messages to participants in a real browser: send, follow, call, pass on, write the texts.

The coordinator sends a meeting's invitations from the meeting page with the keyboard, follows
them on the message page and in the outbox, and rewrites the Dutch invitation: the live
plain-language check reacts while typing (htmx), and without JavaScript after submitting. A hard
text needs a reason. axe-core checks every page, the Arabic editor and the participant's page in
Arabic (right to left) included; the widest pages fit 320 px.

Strings of the new pages may still be untranslated: the tests assert structure, ids and data,
not Dutch wording. Everyone here is made up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from .helpers import (
    WIDTH,
    BrowserWorld,
    assert_accessible,
    assert_fits,
    click_and_load,
    login,
    open_personal_link,
    tab_to,
    visit,
)

pytestmark = pytest.mark.browser

HARD = (
    "Overeenkomstig de bepalingen van het reglement betreffende de organisatie van "
    "participatietrajecten wordt u hierbij verzocht om uw aanwezigheid op de eerstvolgende "
    "bijeenkomst van de adviesraad schriftelijk te bevestigen."
)
REASON = "De adviesraad vraagt deze formele zin letterlijk."
ADDRESS = {"street": "Kerkstraat 1", "postal_code": "9000", "city": "Testdorp"}
SAVE = "main form.form button[type=submit]"
EDITOR_NL = "/berichten/teksten/invitation/nl/"
EDITOR_AR = "/berichten/teksten/invitation/ar/"


def checked(page: Any, label: str) -> None:
    """axe on the page as it is now, and no server error."""
    assert "Server Error" not in page.title(), label
    assert_accessible(page, label)


def press_and_load(page: Any, key: str = "Enter") -> None:
    with page.expect_navigation():
        page.keyboard.press(key)


def main_text(page: Any) -> str:
    text: str = page.locator("main").inner_text()
    return text


# Data ------------------------------------------------------------------------------------


@dataclass
class Outreach:
    """A planned meeting of a group whose members each want another channel."""

    group: Any
    meeting: Any
    question: Any
    by_sms: Any
    by_mail: Any
    by_letter: Any
    via_worker: Any
    by_phone: Any
    unreachable: Any
    in_arabic: Any

    @property
    def everyone(self) -> list[Any]:
        return [
            self.by_sms,
            self.by_mail,
            self.by_letter,
            self.via_worker,
            self.by_phone,
            self.unreachable,
            self.in_arabic,
        ]


def make_outreach(bworld: BrowserWorld) -> Outreach:
    """The group, its next meeting with a question on the agenda, everyone on the list."""
    from conftest import make_participant
    from inbreng.groups import services as group_services
    from inbreng.groups.models import GroupMembership
    from inbreng.participation import services
    from inbreng.participation.tests.helpers import Build
    from inbreng.people.models import Channel

    build = Build(bworld.world)
    group = build.group("Praatgroep")
    meeting = build.meeting(group, 7, title="Praatcafé", bring="je identiteitskaart")
    question = build.schedule(meeting, build.accepted("Is de nieuwe folder duidelijk?"))

    def join(name: str, **fields: Any) -> Any:
        person = make_participant(bworld.org, name=name, **fields)
        group_services.membership_add(
            group=group,
            participant=person,
            by=build.coordinator,
            stage=GroupMembership.Stage.MEMBER,
        )
        return person

    people = Outreach(
        group=group,
        meeting=meeting,
        question=question,
        by_sms=join("Sam Sms", phone="+32470111222"),
        by_mail=join(
            "Mila Mail", preferred_channel=Channel.EMAIL, email="mila@example.be", phone=""
        ),
        by_letter=join("Lea Brief", preferred_channel=Channel.LETTER, phone="", **ADDRESS),
        via_worker=join(
            "Wout Werker",
            preferred_channel=Channel.SOCIAL_WORKER,
            phone="",
            social_worker=bworld.users["social_worker"],
        ),
        by_phone=join("Fien Bel", preferred_channel=Channel.PHONE, phone="+3292345678"),
        unreachable=join("Niemand Nergens", phone=""),
        in_arabic=join("Amal Haddad", phone="+32470222333", language="ar"),
    )
    services.meeting_invite_group(meeting=meeting, by=build.coordinator)
    return people


def send_invitations(bworld: BrowserWorld, outreach: Outreach, site: str) -> Any:
    """Sends the invitations the way the meeting page's button does."""
    from inbreng.messaging.models import Kind
    from inbreng.participation import outreach as meeting_outreach

    message = meeting_outreach.meeting_send(
        meeting=outreach.meeting, kind=Kind.INVITATION, by=bworld.users["coordinator"], site=site
    )
    assert message is not None
    return message


def expected_check(bworld: BrowserWorld, text: str) -> tuple[str, str]:
    """The reading score and the longest sentence's length as the check shows them."""
    from django.template.defaultfilters import floatformat
    from django.utils import translation

    from inbreng.messaging import services

    check = services.plain_check(bworld.org, text)
    assert not check.passes, "the hard text passes the check: choose a harder one"
    with translation.override("nl"):
        score = str(floatformat(check.report.flesch_douma, 0))
    return score, str(check.report.longest_sentence_length)


def assert_hard_check_shown(page: Any, bworld: BrowserWorld, text: str) -> None:
    """The check under the text field calls the text hard, with its score and long sentence."""
    check = page.locator("#plain-check-body .plain-check")
    assert check.count() == 1, page.locator("#plain-check-body").inner_html()
    assert "plain-check--hard" in (check.get_attribute("class") or "")
    shown = " ".join(check.inner_text().split())
    score, longest = expected_check(bworld, text)
    assert score in shown and longest in shown, shown
    assert check.locator("li", has_text="Overeenkomstig de bepalingen").count() == 1, shown


# 1. The coordinator's journey, with the keyboard ---------------------------------------------


def test_sending_invitations_and_rewriting_the_text_with_the_keyboard(
    new_page: Any, live_server: Any, bworld: BrowserWorld
) -> None:
    from inbreng.messaging.models import Delivery, Message, MessageTemplate

    outreach = make_outreach(bworld)
    meeting = outreach.meeting
    page = new_page()
    login(page, bworld.users["coordinator"])

    # The meeting page offers the invitation to the 7 people on the list.
    visit(page, f"/bijeenkomsten/{meeting.pk}/")
    send = f"form[action='/bijeenkomsten/{meeting.pk}/uitnodigingen-versturen/'] button"
    assert "7" in page.locator(send).inner_text()
    checked(page, "meeting with people to invite")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    tab_to(page, send, limit=80)
    press_and_load(page)

    # First what would go out (see test_send_preview.py); its own button sends.
    assert not Message.objects.filter(organisation=bworld.org).exists()
    tab_to(page, "#send", limit=120)
    press_and_load(page)

    # The message page: how far it got, and every person with channel and status.
    message = Message.objects.get(organisation=bworld.org)
    assert page.url == f"{live_server.url}/berichten/{message.pk}/"
    assert page.locator(".messages").is_visible()
    deliveries = {d.participant_id: d for d in message.deliveries.all()}
    assert set(deliveries) == {p.pk for p in outreach.everyone}
    status = {p.name: deliveries[p.pk].status for p in outreach.everyone}
    assert status == {
        "Sam Sms": Delivery.Status.SENT,
        "Mila Mail": Delivery.Status.SENT,
        "Lea Brief": Delivery.Status.TO_PRINT,
        "Wout Werker": Delivery.Status.TO_PASS_ON,
        "Fien Bel": Delivery.Status.TO_CALL,
        "Niemand Nergens": Delivery.Status.NO_CHANNEL,
        "Amal Haddad": Delivery.Status.SENT,
    }
    assert deliveries[outreach.in_arabic.pk].language == "ar"
    bar = page.locator("#progress progress")
    assert bar.get_attribute("max") == "7"
    assert bar.get_attribute("value") == "3"
    assert bar.get_attribute("aria-labelledby") == "message-progress-label"
    label = page.locator("#message-progress-label").inner_text()
    assert "3" in label and "7" in label, label
    rows = page.locator("main table tbody tr")
    assert rows.count() == 7
    for person in outreach.everyone:
        row = rows.filter(has=page.locator(f"a[href='/deelnemers/{person.pk}/']"))
        assert row.count() == 1, person.name
    unreachable = rows.filter(has_text="Niemand Nergens").locator(".status")
    assert "status--overdue" in (unreachable.get_attribute("class") or "")
    # Work for people: the letters and the phone list.
    assert page.locator(f"main a[href='/berichten/{message.pk}/brieven.pdf']").count() == 1
    assert page.locator(f"main a[href='/berichten/{message.pk}/bellen/']").count() == 1
    checked(page, "message detail")

    # To the outbox through the main menu.
    tab_to(page, "nav a[href='/berichten/']")
    press_and_load(page)
    assert page.url == f"{live_server.url}/berichten/"
    outbox_row = page.locator("main table tbody tr")
    assert outbox_row.count() == 1
    assert (
        outbox_row.locator(f"a[href='/berichten/{message.pk}/']")
        .inner_text()
        .startswith("Praatcafé")
    )
    assert outbox_row.locator("progress").get_attribute("max") == "7"
    checked(page, "outbox")

    # The texts, and the Dutch invitation.
    tab_to(page, "main a[href='/berichten/teksten/']")
    press_and_load(page)
    assert page.url == f"{live_server.url}/berichten/teksten/"
    assert page.locator(f"main table a[href='{EDITOR_AR}']").count() == 1
    checked(page, "template list")
    tab_to(page, f"main table a[href='{EDITOR_NL}']")
    press_and_load(page)
    assert page.url == f"{live_server.url}{EDITOR_NL}"
    # The texts carry their language and direction; the Dutch labels around them do not.
    body = page.locator("#id_body")
    assert body.get_attribute("lang") == "nl" and body.get_attribute("dir") == "ltr"
    assert page.locator("#plain-check-body").get_attribute("aria-live") == "polite"
    assert "{onderwerp}" in page.locator("#id_body").input_value()
    checked(page, "template editor (nl)")

    # Typing a long, bureaucratic sentence: the check under the field reacts (htmx).
    assert page.locator("#plain-check-body .plain-check").count() == 0
    tab_to(page, "#id_body")
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type(HARD)
    # Wait for the swap that checked the whole sentence (an earlier one may have checked a part).
    page.locator("#plain-check-body li", has_text="schriftelijk te bevestigen.").wait_for()
    assert_hard_check_shown(page, bworld, HARD)
    checked(page, "template editor with the live check")

    # Saving without a reason is refused; what was typed stays.
    tab_to(page, SAVE)
    press_and_load(page)
    assert page.url == f"{live_server.url}{EDITOR_NL}"
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert summary.locator("a[href='#id_plain_override_reason']").count() == 1
    assert page.locator("#id_plain_override_reason_error").is_visible()
    assert page.locator("#id_body").input_value() == HARD
    assert_hard_check_shown(page, bworld, HARD)
    assert not MessageTemplate.objects.filter(organisation=bworld.org).exists()
    checked(page, "template editor with errors")

    # With a reason, it saves.
    tab_to(page, "#id_plain_override_reason")
    page.keyboard.type(REASON)
    tab_to(page, SAVE)
    press_and_load(page)
    assert page.url == f"{live_server.url}/berichten/teksten/", main_text(page)
    assert page.locator(".messages").is_visible()
    saved = MessageTemplate.objects.get(organisation=bworld.org, kind="invitation", language="nl")
    assert saved.body == HARD and saved.plain_override_reason == REASON
    assert saved.updated_by == bworld.users["coordinator"]
    checked(page, "template list after saving")


# 2. The rest of the pages: axe, and 320 px ---------------------------------------------------


def test_every_messaging_page_passes_axe_and_the_widest_fit_320px(
    new_page: Any, live_server: Any, bworld: BrowserWorld
) -> None:
    outreach = make_outreach(bworld)
    message = send_invitations(bworld, outreach, live_server.url)
    meeting = outreach.meeting
    page = new_page()
    login(page, bworld.users["coordinator"])

    # The meeting lists the message and offers another one.
    visit(page, f"/bijeenkomsten/{meeting.pk}/")
    assert page.locator(f"main a[href='/berichten/{message.pk}/']").count() == 1
    assert page.locator(f"main a[href='/bijeenkomsten/{meeting.pk}/bericht/']").count() == 1
    assert page.locator("form[action$='/uitnodigingen-versturen/']").count() == 0
    checked(page, "meeting with a message sent")

    # The Arabic editor writes right to left, in each text field; its labels stay Dutch.
    visit(page, EDITOR_AR)
    for field in ("#id_subject", "#id_body", "#id_sms", "#id_phone"):
        text_field = page.locator(field)
        assert text_field.get_attribute("lang") == "ar", field
        assert text_field.get_attribute("dir") == "rtl", field
    assert page.locator("main form.form").get_attribute("lang") is None
    assert page.locator("html").get_attribute("dir") == "ltr"
    checked(page, "template editor (ar)")

    visit(page, "/berichten/moeilijke-woorden/")
    assert page.locator("main table tbody tr").count() > 0
    checked(page, "difficult words")

    # The phone list: Fien wants a call.
    visit(page, f"/berichten/{message.pk}/bellen/")
    calls = page.locator("main section")
    assert calls.count() == 1
    assert "Fien Bel" in calls.locator("h2").inner_text()
    assert calls.locator("a[href^='tel:']").count() == 1
    assert calls.locator("input[type=radio][name=reply]").count() == 3
    checked(page, "phone list")

    # Another message about the meeting; sent empty, the errors pass too.
    visit(page, f"/bijeenkomsten/{meeting.pk}/bericht/")
    assert page.locator("#plain-check-body").count() == 1
    checked(page, "meeting message form")
    page.locator("#id_kind").select_option("free")
    click_and_load(page, SAVE)
    assert page.locator(".error-summary").is_visible()
    assert page.locator("#id_body_error").is_visible()
    checked(page, "meeting message form with errors")

    # The widest pages on a small phone.
    page.set_viewport_size({"width": WIDTH, "height": 640})
    for label, url in [
        ("outbox", "/berichten/"),
        ("message detail", f"/berichten/{message.pk}/"),
        ("phone list", f"/berichten/{message.pk}/bellen/"),
    ]:
        visit(page, url)
        assert_fits(page, label)

    # The social worker passes Wout's invitation on.
    worker = new_page()
    login(worker, bworld.users["social_worker"])
    visit(worker, "/berichten/door-te-geven/")
    delivery = message.deliveries.get(participant=outreach.via_worker)
    section = worker.locator(f"main section[aria-labelledby='pass-{delivery.pk}']")
    assert "Wout Werker" in section.locator("h2").inner_text()
    assert worker.locator("main section").count() == 1
    checked(worker, "messages to pass on (social worker)")


# 3. Without JavaScript -----------------------------------------------------------------------


def test_the_template_editor_checks_the_text_without_javascript(
    new_page: Any, live_server: Any, bworld: BrowserWorld
) -> None:
    from inbreng.messaging.models import MessageTemplate

    page = new_page(java_script_enabled=False)
    login(page, bworld.users["coordinator"])
    visit(page, EDITOR_NL)
    assert page.locator("#plain-check-body .plain-check").count() == 0
    page.locator("#id_body").fill(HARD)
    click_and_load(page, SAVE)

    assert page.url == f"{live_server.url}{EDITOR_NL}"
    assert page.locator(".error-summary").is_visible()
    assert page.locator("#id_body").input_value() == HARD
    assert_hard_check_shown(page, bworld, HARD)
    assert not MessageTemplate.objects.filter(organisation=bworld.org).exists()

    page.locator("#id_plain_override_reason").fill(REASON)
    click_and_load(page, SAVE)
    assert page.url == f"{live_server.url}/berichten/teksten/"
    saved = MessageTemplate.objects.get(organisation=bworld.org, kind="invitation", language="nl")
    assert saved.body == HARD


# 4. The participant's page in Dutch and in Arabic --------------------------------------------


@pytest.mark.parametrize(("language", "direction"), [("nl", "ltr"), ("ar", "rtl")])
def test_the_participants_page_in_their_language_passes_axe_and_fits_320px(
    new_page: Any, live_server: Any, bworld: BrowserWorld, language: str, direction: str
) -> None:
    from inbreng.participation import services

    outreach = make_outreach(bworld)
    person = outreach.in_arabic if language == "ar" else outreach.by_sms
    assert person.language == language
    link = services.link_issue(participant=person, by=None)

    page = new_page()
    open_personal_link(page, services.link_path(link))
    assert page.url == f"{live_server.url}/mijn/"
    html = page.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == (language, direction)
    assert outreach.meeting.place in main_text(page)
    checked(page, f"participant's page ({language})")
    page.set_viewport_size({"width": WIDTH, "height": 640})
    assert_fits(page, f"participant's page ({language})")
