"""Personal links in a real browser: the "open my page" button, and a new link made with care.

At 320 px wide, with the keyboard only, axe-core on every page. Everyone here is made up.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from .helpers import (
    WIDTH,
    BrowserWorld,
    assert_fits,
    focused,
    login,
    tab_to,
    visit,
)

pytestmark = pytest.mark.browser

BUTTON = "main form[action='/p/'] button[type=submit]"


def type_date(page: Any, selector: str, day: date) -> None:
    """Types a day into the focused date field, as a person does: digit by digit. The order
    of day and month follows the browser's own language, so both orders are tried."""
    for order in ("%d%m%Y", "%m%d%Y"):
        page.keyboard.type(day.strftime(order))
        if page.locator(selector).input_value() == day.isoformat():
            return
        # Back from the year to the first part of the field.
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Shift+Tab")
    pytest.fail(f"could not type {day} into {selector}")


def press(page: Any, key: str = "Enter") -> None:
    with page.expect_navigation():
        page.keyboard.press(key)


@pytest.mark.parametrize(("language", "direction"), [("nl", "ltr"), ("ar", "rtl")])
def test_a_link_shows_one_button_that_opens_the_page(
    new_page: Any, live_server: Any, bworld: BrowserWorld, language: str, direction: str
) -> None:
    from inbreng.participation import services
    from inbreng.participation.models import FeedbackDelivery

    person = bworld.participant
    person.language = language
    person.save(update_fields=["language"])
    link = services.link_issue(participant=person, by=None)

    phone = new_page(viewport={"width": WIDTH, "height": 640})
    visit(phone, services.link_short_path(link))
    html = phone.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == (language, direction)
    # Nothing about the person before the button is pressed.
    assert person.first_name not in phone.locator("body").inner_text()
    assert phone.locator("main button").count() == 1
    assert_fits(phone, f"the link's button page ({language})")
    tab_to(phone, BUTTON)
    press(phone)
    assert phone.url == f"{live_server.url}/mijn/"
    assert person.first_name in phone.locator("h1").inner_text()
    assert not FeedbackDelivery.objects.exists()  # nothing was answered yet: nothing to count


def test_the_button_works_without_javascript(
    new_page: Any, live_server: Any, bworld: BrowserWorld
) -> None:
    from inbreng.participation import services

    link = services.link_issue(participant=bworld.participant, by=None)
    phone = new_page(java_script_enabled=False)
    visit(phone, services.link_path(link))
    with phone.expect_navigation():
        phone.locator(BUTTON).click()
    assert phone.url == f"{live_server.url}/mijn/"


def test_a_new_link_is_made_with_care_at_320px_with_the_keyboard_only(
    new_page: Any, live_server: Any, bworld: BrowserWorld
) -> None:
    from django.utils import timezone

    from inbreng.core.models import AuditEvent
    from inbreng.participation import services
    from inbreng.participation.models import PersonalLink

    person = bworld.participant
    old = services.link_issue(participant=person, by=None)
    # A letter with this link was printed yesterday.
    AuditEvent.objects.create(
        organisation=bworld.org,
        actor=bworld.users["coordinator"],
        action=AuditEvent.Action.EXPORT,
        object_type="people.participant",
        object_id=str(person.pk),
        detail={"letter": True},
    )
    page = new_page(viewport={"width": WIDTH, "height": 700})
    login(page, bworld.users["coordinator"])
    visit(page, f"/deelname/{person.pk}/")
    tab_to(page, f"main a[href='/deelname/{person.pk}/link/']")
    press(page)
    assert page.url == f"{live_server.url}/deelname/{person.pk}/link/"
    warning = page.locator("main .warning").inner_text()
    assert "1 geprinte brief" in warning or "1 printed letter" in warning, warning
    assert_fits(page, "new link: what stops working")

    # "Someone else used the link": the second reason, chosen with the arrow keys.
    tab_to(page, "main input[name=reason]")
    page.keyboard.press("ArrowDown")
    assert page.locator("input[name=reason][value=someone_else]").is_checked()
    # Keep the old link working a week: not for a link someone else used.
    tab_to(page, "main input[name=old_link]")
    page.keyboard.press("ArrowDown")
    assert page.locator("input[name=old_link][value=keep]").is_checked()
    week = timezone.localdate() + timedelta(days=7)
    tab_to(page, "#id_keep_until")
    type_date(page, "#id_keep_until", week)
    press(page)
    error = page.locator("#id_old_link_error").inner_text()
    assert error.startswith(("Misschien heeft iemand anders", "Someone else may have")), error
    # What was chosen is still chosen.
    assert page.locator("input[name=reason][value=someone_else]").is_checked()
    assert page.locator("input[name=old_link][value=keep]").is_checked()
    assert_fits(page, "new link: a misused link cannot keep working")
    assert PersonalLink.objects.filter(participant=person).count() == 1

    # Another reason: letters with the old link are still on their way.
    tab_to(page, "main input[name=reason][value=someone_else]")
    page.keyboard.press("ArrowDown")
    assert page.locator("input[name=reason][value=other]").is_checked()
    tab_to(page, "#id_other_reason")
    page.keyboard.type("Brieven onderweg")
    # A day in the past first, by mistake.
    tab_to(page, "#id_keep_until")
    yesterday = timezone.localdate() - timedelta(days=1)
    type_date(page, "#id_keep_until", yesterday)
    # Enter in the field sends the form, as it does in any form field.
    press(page)
    error = page.locator("#id_keep_until_error").inner_text()
    assert error == "Deze datum ligt in het verleden." or "past" in error, error
    # What was chosen and typed is still there.
    assert page.locator("input[name=reason][value=other]").is_checked()
    assert page.locator("input[name=old_link][value=keep]").is_checked()
    assert page.locator("#id_other_reason").input_value() == "Brieven onderweg"
    assert_fits(page, "new link: a day in the past")
    assert PersonalLink.objects.filter(participant=person).count() == 1

    # A week from now, typed over the wrong day.
    tab_to(page, "#id_keep_until")
    type_date(page, "#id_keep_until", week)
    press(page)
    assert page.url == f"{live_server.url}/deelname/{person.pk}/", (
        page.locator("#id_keep_until").input_value(),
        page.locator(".error-summary").all_inner_texts(),
    )
    new = page.locator("code.secret").inner_text().strip()
    assert "/k/?" in new
    assert_fits(page, "the loop page with the new link")
    old.refresh_from_db()
    assert old.revoked_at is None and old.replaced_reason == "Brieven onderweg"
    assert timezone.localtime(old.expires_at).date() == week + timedelta(days=1)
    info = focused(page)
    assert info is None or info["visible"]


def test_marking_letters_posted_asks_the_day_and_refuses_one_before_the_letters(
    new_page: Any, live_server: Any, bworld: BrowserWorld
) -> None:
    from tests.test_authorization_matrix import sent_message

    message = sent_message(bworld.world)
    page = new_page(viewport={"width": WIDTH, "height": 700})
    login(page, bworld.users["coordinator"])
    visit(page, f"/berichten/{message.pk}/")
    assert_fits(page, "message with letters to post")
    tab_to(page, "#posted-on")
    type_date(page, "#posted-on", date(2020, 1, 1))
    press(page)
    assert page.url == f"{live_server.url}/berichten/{message.pk}/brieven-verstuurd/"
    assert "2020" not in page.locator("#id_posted_on_error").inner_text()
    assert page.locator("#id_posted_on").input_value() == "2020-01-01"
    assert_fits(page, "letters posted: a day before the letters were made")
    # Today, the day the field started with.
    from django.utils import timezone

    tab_to(page, "#id_posted_on")
    type_date(page, "#id_posted_on", timezone.localdate())
    press(page)
    assert page.url == f"{live_server.url}/berichten/{message.pk}/"
    assert message.deliveries.filter(status="to_print").count() == 0
