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


def test_on_a_phone_the_menu_folds_so_the_page_is_on_the_first_screen(
    new_page: Any, bworld: BrowserWorld
) -> None:
    """The administrator's menu has every item: open, it filled a 320 × 640 screen."""
    page = new_page(viewport={"width": WIDTH, "height": 640})
    login(page, bworld.users["admin"])
    visit(page, "/deelnemers/")
    register = page.locator("nav.main-nav a[href='/deelnemers/']")
    assert not register.is_visible()
    heading = page.locator("main h1").bounding_box()
    assert heading is not None and heading["y"] + heading["height"] <= 640
    page.locator("nav.main-nav summary").click()
    assert register.is_visible()
    assert_fits(page, "register with the menu open")
    # On a wide screen the menu is simply there, without a "Menu" to open.
    page.set_viewport_size({"width": 1280, "height": 800})
    assert register.is_visible()
    assert not page.locator("nav.main-nav summary").is_visible()


def test_without_javascript_the_menu_is_open_on_a_phone(
    new_page: Any, bworld: BrowserWorld
) -> None:
    page = new_page(viewport={"width": WIDTH, "height": 640}, java_script_enabled=False)
    login(page, bworld.users["coordinator"])
    visit(page, "/")
    assert page.locator("nav.main-nav a[href='/deelnemers/']").is_visible()


def test_on_a_phone_the_memorys_other_filters_fold_unless_one_is_in_use(
    new_page: Any, bworld: BrowserWorld
) -> None:
    """Ten filters pushed the results below two screens at 320 px: the words and "Where"
    stay, the rest fold behind "More filters", open again when one of them narrows."""
    page = new_page(viewport={"width": WIDTH, "height": 640})
    login(page, bworld.users["coordinator"])
    visit(page, "/geheugen/?q=huur")
    kind = page.locator("#id_kind")
    assert page.locator("#id_q").is_visible() and page.locator("#id_scope").is_visible()
    assert not kind.is_visible()
    top = "document.querySelector('.result-count').getBoundingClientRect().top + scrollY"
    folded = page.evaluate(top)
    assert_fits(page, "memory search, filters folded")
    page.locator(".filters__more summary").click()
    assert kind.is_visible()
    unfolded = page.evaluate(top)
    # Eight filters of about 90 px each no longer stand between the search and its results.
    assert unfolded - folded > 500
    visit(page, "/geheugen/?q=huur&kind=signal")
    assert kind.is_visible()
    page.set_viewport_size({"width": 1280, "height": 800})
    visit(page, "/geheugen/?q=huur")
    assert kind.is_visible()
    assert not page.locator(".filters__more summary").is_visible()
