"""At 320 CSS pixels wide (a small phone, or 400 % zoom) nothing scrolls sideways (WCAG 1.4.10)."""

from __future__ import annotations

from typing import Any

import pytest

from .helpers import WIDTH, BrowserWorld, assert_fits, click_and_load, login, visit

pytestmark = pytest.mark.browser


def test_pages_fit_a_320_pixel_screen(new_page: Any, bworld: BrowserWorld) -> None:
    page = new_page(viewport={"width": WIDTH, "height": 640})
    visit(page, "/account/aanmelden/")
    assert_fits(page, "login")
    visit(page, f"/privacy/{bworld.org.pk}/")
    assert_fits(page, "privacy notice")

    # The administrator has the widest header: two organisations and every menu item.
    login(page, bworld.users["admin"])
    person = bworld.participant.pk
    for label, url in [
        ("start page", "/"),
        ("register", "/deelnemers/"),
        ("participant form", "/deelnemers/nieuw/"),
        ("participant detail", f"/deelnemers/{person}/"),
        ("participant edit", f"/deelnemers/{person}/bewerken/"),
        ("yearly review", "/deelnemers/jaarlijkse-controle/"),
        ("staff", "/beheer/medewerkers/"),
        ("audit log", "/beheer/auditlog/"),
        ("privacy notice signed in", f"/privacy/{bworld.org.pk}/"),
    ]:
        visit(page, url)
        assert_fits(page, label)

    # A form with errors, too: the error summary and the messages must wrap.
    visit(page, "/deelnemers/nieuw/")
    click_and_load(page, "main form.form button[type=submit]")
    assert page.locator(".error-summary").is_visible()
    assert_fits(page, "participant form with errors")


def test_stacked_table_cells_name_their_column(new_page: Any, bworld: BrowserWorld) -> None:
    # On a phone the register's rows stack; every cell says which column it belongs to.
    page = new_page(viewport={"width": WIDTH, "height": 640})
    login(page, bworld.users["coordinator"])
    visit(page, "/deelnemers/")
    headers = page.locator("table.table thead th").all_inner_texts()
    first_row = page.locator("table.table tbody tr").first.locator("td")
    labels = [first_row.nth(i).get_attribute("data-label") for i in range(first_row.count())]
    assert labels == [h.strip() for h in headers]
    before = page.evaluate(
        "getComputedStyle(document.querySelector('table.table tbody td'), '::before').content"
    )
    assert headers[0].strip() in before
