"""A social worker logs in and adds a participant with the keyboard only: no mouse, no clicks."""

from __future__ import annotations

import re
from typing import Any

import pytest

from .helpers import PASSWORD, BrowserWorld, tab_to, totp_now, visit

pytestmark = pytest.mark.browser


def test_adding_a_participant_with_the_keyboard_only(
    page: Any, live_server: Any, bworld: BrowserWorld
) -> None:
    from inbreng.people.models import Participant

    worker = bworld.users["social_worker"]
    visit(page, "/account/aanmelden/")
    # The login name has the focus from the start.
    assert page.evaluate("document.activeElement.id") == "id_username"
    page.keyboard.type(worker.username)
    tab_to(page, "#id_password")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/account/tweestaps/**")

    tab_to(page, "#id_token")
    page.keyboard.type(totp_now(worker.totpdevice_set.get()))
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/")

    # The first Tab reaches the skip link; it jumps past the header and menu.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    tab_to(page, "main a[href='/deelnemers/nieuw/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/deelnemers/nieuw/")

    tab_to(page, "#id_name")
    page.keyboard.type("Dirk Voorbeeld")
    tab_to(page, "#id_preferred_channel")
    # Typing a letter picks the first choice that starts with it, without opening the list.
    page.keyboard.type("s")
    assert page.locator("#id_preferred_channel").input_value() == "sms"
    tab_to(page, "#id_phone")
    page.keyboard.type("0470 11 22 33")
    tab_to(page, "#id_needs_transport")
    page.keyboard.press("Space")
    assert page.locator("#id_needs_transport").is_checked()
    # Oops, the wrong need: go back with Shift+Tab and fix it.
    tab_to(page, "#id_needs_childcare", back=True)
    page.keyboard.press("Space")
    tab_to(page, "#id_needs_transport")
    page.keyboard.press("Space")
    assert page.locator("#id_needs_childcare").is_checked()
    assert not page.locator("#id_needs_transport").is_checked()
    tab_to(page, "main form.form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/deelnemers/\d+/$"))

    person = Participant.objects.get(organisation=bworld.org, name="Dirk Voorbeeld")
    assert page.url == f"{live_server.url}/deelnemers/{person.pk}/"
    assert page.locator("h1").inner_text() == "Dirk Voorbeeld"
    assert person.preferred_channel == "sms"
    assert person.phone == "+32470112233"
    assert person.needs_childcare and not person.needs_transport
