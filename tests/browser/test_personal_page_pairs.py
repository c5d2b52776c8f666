"""The personal page with each input and its own answer, in Arabic, at 320 CSS pixels.

The keyboard alone opens the page and the Dutch original of a translated answer; axe-core
checks the page before and after. Everyone here is made up.
"""

from __future__ import annotations

from typing import Any

import pytest

from .helpers import WIDTH, BrowserWorld, assert_accessible, assert_fits, tab_to, visit

pytestmark = pytest.mark.browser


def test_reading_each_answer_under_its_input_in_arabic_with_the_keyboard(
    new_page: Any, live_server: Any, bworld: BrowserWorld
) -> None:
    from inbreng.core.models import Organisation
    from inbreng.participation import services
    from inbreng.participation.tests.feedback_world import (
        ANSWER_MINE_1,
        ARABIC_ANSWER,
        GROUP_1,
        MINE_1,
        answered,
        in_arabic,
    )
    from inbreng.participation.tests.helpers import Build

    world = bworld.world
    Organisation.objects.filter(pk=world.org.pk).update(
        contact_phone="09 123 45 67", contact_hours="maandag tot vrijdag, 9 tot 12 uur"
    )
    found = answered(world, Build(world))
    anouk = in_arabic(world, found)
    link = services.link_issue(participant=anouk, by=None)

    page = new_page()
    page.set_viewport_size({"width": WIDTH, "height": 800})
    visit(page, services.link_path(link))
    # Following the link may first show one "open my page" button (link-preview robots).
    opener = page.locator("main form[action='/p/'] button[type=submit]")
    if opener.count():
        tab_to(page, "main form[action='/p/'] button[type=submit]")
        with page.expect_navigation():
            page.keyboard.press("Enter")
    assert page.url.endswith("/mijn/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert_fits(page, "personal page with answers, in Arabic")

    # Each answer right under its own input.
    main = page.locator("main").inner_text()
    assert main.index(MINE_1) < main.index(ARABIC_ANSWER) < main.index(GROUP_1)
    answer = page.locator(f"p[lang=ar]:has-text('{ARABIC_ANSWER}')")
    assert answer.get_attribute("dir") == "rtl"

    # The Dutch original is one key press away.
    # (Only Anouk's first answer is translated, so it is the one answer with an original.)
    original = page.locator(".pair__answer details.original")
    assert original.count() == 1
    assert not original.locator("p[lang=nl]").is_visible()
    tab_to(page, ".pair__answer details.original summary")
    page.keyboard.press("Enter")
    assert original.locator("p[lang=nl]").inner_text() == ANSWER_MINE_1
    assert original.locator("p[lang=nl]").get_attribute("dir") == "ltr"
    assert_fits(page, "personal page with the Dutch original open")
    assert "09 123 45 67" in page.locator(".call-us").inner_text()
    assert_accessible(page, "personal page with answers, in Arabic")
