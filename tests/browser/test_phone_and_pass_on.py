"""The phone list and the pass-on list in a real browser, at 320 px and with the keyboard only.

The coordinator works through the phone list on a small phone: reads what to say (for an
Arabic speaker: Arabic and Dutch side by side), saves a call without an answer by mistake,
is sent to the error next to the question with what was chosen kept, then answers. The social
worker passes an invitation on to an Arabic reader: the Dutch and the Arabic text each in
their own direction. In the template editor, the SMS count follows the typing, and an SMS of
three text messages needs a reason. axe-core checks every state. Everyone here is made up.
"""

from __future__ import annotations

from typing import Any

import pytest

from .helpers import WIDTH, BrowserWorld, assert_fits, login, tab_to, visit

pytestmark = pytest.mark.browser


def send(bworld: BrowserWorld, people: list[Any], site: str) -> Any:
    """Invites these people to a meeting of their group, the way the meeting page does."""
    from inbreng.groups import services as group_services
    from inbreng.groups.models import GroupMembership
    from inbreng.messaging.models import Kind
    from inbreng.participation import outreach, services
    from inbreng.participation.tests.helpers import Build

    bworld.org.contact_phone = "09 123 45 67"
    bworld.org.contact_hours = "maandag tot vrijdag, 9 tot 12 uur"
    bworld.org.save()
    build = Build(bworld.world)
    group = build.group("Praatgroep")
    meeting = build.meeting(group, 7, title="Praatcafé", place="Sociaal Huis, Kerkstraat 12")
    for member in people:
        group_services.membership_add(
            group=group,
            participant=member,
            by=build.coordinator,
            stage=GroupMembership.Stage.MEMBER,
        )
    services.meeting_invite_group(meeting=meeting, by=build.coordinator)
    message = outreach.meeting_send(
        meeting=meeting, kind=Kind.INVITATION, by=build.coordinator, site=site
    )
    assert message is not None
    return message


def person(bworld: BrowserWorld, name: str, **fields: Any) -> Any:
    from conftest import make_participant

    return make_participant(bworld.org, name=name, **fields)


def press_and_load(page: Any, key: str = "Enter") -> None:
    with page.expect_navigation():
        page.keyboard.press(key)


def test_the_phone_list_on_a_small_phone_with_the_keyboard_only(
    new_page: Any, live_server: Any, bworld: BrowserWorld
) -> None:
    from inbreng.messaging.models import Delivery
    from inbreng.people.models import Channel

    fien = person(bworld, "Fien Bel", preferred_channel=Channel.PHONE, phone="+3292345678")
    amal = person(
        bworld,
        "Amal Haddad",
        preferred_channel=Channel.PHONE,
        phone="+32470222333",
        language="ar",
    )
    message = send(bworld, [fien, amal], live_server.url)
    fien_call = message.deliveries.get(participant=fien)
    amal_call = message.deliveries.get(participant=amal)
    page = new_page(viewport={"width": WIDTH, "height": 700})
    login(page, bworld.users["coordinator"])

    visit(page, f"/berichten/{message.pk}/bellen/")
    assert page.locator("main section.card--plain").count() == 2
    assert_fits(page, "phone list")

    # Amal's card: open "what to say" with the keyboard; Arabic and Dutch side by side.
    amal_card = page.locator(f"section[aria-labelledby='call-{amal_call.pk}']")
    tab_to(page, f"section[aria-labelledby='call-{amal_call.pk}'] summary")
    page.keyboard.press("Enter")
    arabic = amal_card.locator("div.spoken[lang='ar']")
    dutch = amal_card.locator("div.spoken[lang='nl']")
    assert arabic.is_visible() and dutch.is_visible()
    assert arabic.get_attribute("dir") == "rtl" and dutch.get_attribute("dir") == "ltr"
    assert arabic.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert "http" not in arabic.inner_text() + dutch.inner_text()
    assert "09 123 45 67" in arabic.inner_text()
    assert_fits(page, "phone list with the Arabic script open")

    # Fien's card: a need is typed, but Save is pressed before the answer is chosen.
    fien_card = f"section[aria-labelledby='call-{fien_call.pk}']"
    tab_to(page, f"{fien_card} summary")
    page.keyboard.press("Enter")
    assert "Kom je? Ja, nee of misschien?" in page.locator(f"{fien_card} .spoken").inner_text()
    tab_to(page, f"#call-{fien_call.pk}-children")
    page.keyboard.press("Control+A")
    page.keyboard.type("2")
    tab_to(page, f"#call-{fien_call.pk}-needs_transport")
    page.keyboard.press("Space")
    tab_to(page, f"{fien_card} button[type=submit]")
    press_and_load(page)

    # Refused: the error is next to the question, and what was chosen is still there.
    assert page.locator(f"#call-{fien_call.pk}-reply_error").is_visible()
    assert page.locator(f"#call-{fien_call.pk}-children").input_value() == "2"
    assert page.locator(f"#call-{fien_call.pk}-needs_transport").is_checked()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert_fits(page, "phone list with an error")
    fien_call.refresh_from_db()
    assert fien_call.status == Delivery.Status.TO_CALL

    # The summary's link leads to the question; the answer is chosen with the keyboard.
    tab_to(page, f".error-summary a[href='#call-{fien_call.pk}-reply_0']")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == f"call-{fien_call.pk}-reply_0"
    page.keyboard.press("Space")
    assert page.locator(f"#call-{fien_call.pk}-reply_0").is_checked()
    tab_to(page, f"{fien_card} button[type=submit]")
    press_and_load(page)

    assert page.url == f"{live_server.url}/berichten/{message.pk}/bellen/"
    assert page.locator("main section.card--plain").count() == 1
    fien_call.refresh_from_db()
    assert (fien_call.status, fien_call.answer) == (Delivery.Status.DONE, "yes")
    assert_fits(page, "phone list after saving")


def test_the_pass_on_list_in_arabic_on_a_small_phone(
    new_page: Any, live_server: Any, bworld: BrowserWorld
) -> None:
    from inbreng.messaging.models import Delivery
    from inbreng.people.models import Channel

    amal = person(
        bworld,
        "Amal Haddad",
        preferred_channel=Channel.SOCIAL_WORKER,
        phone="",
        social_worker=bworld.users["social_worker"],
        language="ar",
    )
    message = send(bworld, [amal], live_server.url)
    task = message.deliveries.get(participant=amal)
    page = new_page(viewport={"width": WIDTH, "height": 700})
    login(page, bworld.users["social_worker"])

    visit(page, "/berichten/door-te-geven/")

    card = page.locator(f"section[aria-labelledby='pass-{task.pk}']")
    dutch = card.locator("div[lang='nl']")
    arabic = card.locator("div[lang='ar']")
    assert dutch.get_attribute("dir") == "ltr"
    assert arabic.get_attribute("dir") == "rtl"
    assert arabic.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert dutch.inner_text().startswith("Dag Amal,")
    assert arabic.inner_text().startswith("دعوة")
    # The Arabic block is laid out right to left: its text starts at the right edge.
    first_line = arabic.locator("p").first
    box, line = (
        arabic.bounding_box(),
        first_line.evaluate(
            "el => { const r = document.createRange(); r.selectNodeContents(el);"
            " const b = r.getBoundingClientRect(); return {left: b.left, right: b.right}; }"
        ),
    )
    assert box is not None
    assert abs((box["x"] + box["width"]) - line["right"]) < 2
    # The instruction for the worker is Dutch, outside the Arabic block.
    instruction = card.locator("> p").first
    assert "Amal" in instruction.inner_text()
    assert instruction.evaluate("el => el.closest('[lang=ar]') === null")
    assert_fits(page, "pass-on list in Arabic")

    # Tick it off with the keyboard, with her answer.
    tab_to(page, f"#pass-{task.pk}-reply_0")
    page.keyboard.press("Space")
    tab_to(page, f"section[aria-labelledby='pass-{task.pk}'] button[type=submit]")
    press_and_load(page)
    assert page.url == f"{live_server.url}/berichten/door-te-geven/"
    task.refresh_from_db()
    assert (task.status, task.answer) == (Delivery.Status.DONE, "yes")
    assert_fits(page, "pass-on list, done")


def test_the_sms_count_follows_the_typing_and_a_long_sms_needs_a_reason(
    new_page: Any, live_server: Any, bworld: BrowserWorld
) -> None:
    from inbreng.messaging import sms_length
    from inbreng.messaging.models import MessageTemplate

    long_sms = (
        "Dag {naam}. We nodigen je uit voor {onderwerp} op {datum} om {uur} in {plaats}. "
        "Er is koffie en iets te eten, en er is opvang voor de kinderen als je dat vraagt. "
        "Breng {meebrengen} mee. Kom je? Antwoord met JA, NEE of MISSCHIEN. "
        "Je kan ook bellen of langskomen bij het onthaal. Alles staat op je pagina: {link}"
    )
    found = sms_length.measure(bworld.org, long_sms, "nl")
    assert found.parts == 3
    page = new_page(viewport={"width": WIDTH, "height": 700})
    login(page, bworld.users["coordinator"])
    visit(page, "/berichten/teksten/reminder/nl/")
    count = page.locator("#sms-count-sms")
    assert count.get_attribute("aria-live") == "polite"
    assert_fits(page, "template editor")

    tab_to(page, "#id_sms")
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type(long_sms)
    # The count under the field follows the typing (htmx), filled in as people get it.
    page.locator("#sms-count-sms .sms-count--long", has_text=str(found.characters)).wait_for()
    assert_fits(page, "template editor with a long SMS")

    tab_to(page, "main form.form button[type=submit]")
    press_and_load(page)
    assert page.locator("#id_sms_reason_error").is_visible()
    assert page.locator("#id_sms").input_value() == long_sms
    assert page.locator("#sms-count-sms .sms-count--long").is_visible()
    assert not MessageTemplate.objects.filter(organisation=bworld.org).exists()
    assert_fits(page, "template editor with an error")

    tab_to(page, "#id_sms_reason")
    page.keyboard.type("De raad wil alle uitleg in de sms.")
    tab_to(page, "main form.form button[type=submit]")
    press_and_load(page)
    assert page.url == f"{live_server.url}/berichten/teksten/"
    saved = MessageTemplate.objects.get(organisation=bworld.org, kind="reminder", language="nl")
    assert (saved.sms, saved.sms_reason) == (long_sms, "De raad wil alle uitleg in de sms.")
