"""Without JavaScript everything still works: the register search is a plain form."""

from __future__ import annotations

from typing import Any

import pytest

from .helpers import BrowserWorld, login, visit

pytestmark = pytest.mark.browser


def test_register_search_without_javascript(new_page: Any, bworld: BrowserWorld) -> None:
    page = new_page(java_script_enabled=False)
    login(page, bworld.users["coordinator"])
    visit(page, "/deelnemers/")
    rows = page.locator("#results tbody tr")
    assert rows.count() == 2  # Anouk and Cas

    page.locator("#id_q").fill("Anouk")
    page.locator("#id_q").press("Enter")
    page.wait_for_url("**/deelnemers/?*q=Anouk*")
    assert rows.count() == 1
    assert rows.first.locator("a").inner_text() == "Anouk T."
    assert page.locator("#id_q").input_value() == "Anouk"

    # The filters and the Search button work the same way.
    page.locator("#id_q").fill("")
    page.locator("#id_need").select_option("needs_childcare")
    page.locator("form[role=search] button[type=submit]").click()
    page.wait_for_url("**need=needs_childcare*")
    assert rows.count() == 1
    assert rows.first.locator("a").inner_text() == "Anouk T."


def test_register_search_with_javascript_updates_as_you_type(
    page: Any, bworld: BrowserWorld
) -> None:
    from playwright.sync_api import expect

    login(page, bworld.users["coordinator"])
    visit(page, "/deelnemers/")
    rows = page.locator("#results tbody tr")
    assert rows.count() == 2
    page.locator("#id_q").press_sequentially("Cas")
    expect(rows).to_have_count(1)
    assert rows.first.locator("a").inner_text() == "Cas V."
    assert page.url.endswith("/deelnemers/"), "the search term stays out of the address"
