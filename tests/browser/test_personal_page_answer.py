"""A participant who reads Arabic answers an invitation on their page, with the keyboard only.

Right to left, at 320 CSS pixels, and axe-core on the page, the error page and the answer.
Everyone here is made up.
"""

from __future__ import annotations

from typing import Any

import pytest

from .helpers import (
    WIDTH,
    BrowserWorld,
    assert_accessible,
    assert_fits,
    open_personal_link,
    tab_to,
)
from .test_participation_journey import make_personal

pytestmark = pytest.mark.browser


def test_answering_an_invitation_in_arabic_with_the_keyboard(
    new_page: Any, live_server: Any, bworld: BrowserWorld
) -> None:
    from inbreng.participation.models import Invitation
    from inbreng.people.models import Participant

    mine = make_personal(bworld)
    Participant.objects.filter(pk=mine.anouk.pk).update(language="ar")
    invitation = Invitation.objects.get(participant=mine.anouk, meeting=mine.next_meeting)
    form = f"form[action='/mijn/antwoord/{invitation.pk}/']"
    page = new_page()
    page.set_viewport_size({"width": WIDTH, "height": 800})
    open_personal_link(page, mine.path)
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert_fits(page, "participant's page in Arabic")

    # Yes, with two children: but 40 is typed by mistake.
    tab_to(page, f"{form} input[name=reply]")
    page.keyboard.press("Space")
    tab_to(page, f"{form} input[name=childcare]")
    page.keyboard.press("Space")
    tab_to(page, f"{form} input[name=children]")
    page.keyboard.type("40")
    tab_to(page, f"{form} button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "اكتب رقماً من 1 إلى 10." in page.locator(".error-summary").inner_text()
    assert page.locator("input[name=children]").input_value() == "40"
    assert_fits(page, "answer with a mistake, in Arabic")

    page.locator("input[name=children]").fill("2")
    tab_to(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "شكراً. نحن ننتظرك." in page.locator(".messages").inner_text()
    invitation.refresh_from_db()
    assert (invitation.reply, invitation.children) == ("yes", 2)
    assert page.locator(".my-answer").count() == 1
    assert_accessible(page, "participant's page with the answer, in Arabic")
