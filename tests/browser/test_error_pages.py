"""The pages people land on when something is wrong: login errors, lockout, 404 and 403."""

from __future__ import annotations

from typing import Any

import pytest

from .helpers import BrowserWorld, assert_accessible, login, submit_login, visit

pytestmark = pytest.mark.browser


def test_login_with_a_wrong_password_and_the_lockout_page(
    page: Any, bworld: BrowserWorld, settings: Any
) -> None:
    username = bworld.users["coordinator"].username
    submit_login(page, username, "not-the-password")
    assert page.url.endswith("/account/aanmelden/")
    assert page.locator(".error-summary[role=alert]").is_visible()
    # What was typed stays; the password does not.
    assert page.locator("#id_username").input_value() == username
    assert page.locator("#id_password").input_value() == ""
    assert_accessible(page, "login with a wrong password")

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        submit_login(page, username, "not-the-password")
    assert page.locator("#id_username").count() == 0, "expected the lockout page"
    assert_accessible(page, "lockout")
    # Locked for real: the right password does not help either.
    submit_login(page, username)
    assert page.locator("#id_username").count() == 0


def test_page_not_found_for_anyone(page: Any, bworld: BrowserWorld) -> None:
    visit(page, "/bestaat-niet/", 404)
    assert_accessible(page, "404 signed out")


def test_error_pages_for_signed_in_staff(page: Any, bworld: BrowserWorld) -> None:
    login(page, bworld.users["policy_maker"])
    visit(page, "/deelnemers/", 403)
    assert page.locator("nav.main-nav").is_visible()
    assert_accessible(page, "403")

    visit(page, f"/beheer/diensten/{bworld.world.service.pk}/", 403)
    assert_accessible(page, "403 on a record")
    visit(page, "/bestaat-niet/", 404)
    assert_accessible(page, "404 signed in")


def test_privacy_notice_signed_out_in_demo_mode(
    page: Any, bworld: BrowserWorld, settings: Any
) -> None:
    settings.INBRENG_DEMO = True
    visit(page, f"/privacy/{bworld.org.pk}/")
    assert page.locator(".demo-banner").is_visible()
    assert page.locator("[data-print]").is_visible()
    assert_accessible(page, "privacy notice signed out, with the demo banner")
