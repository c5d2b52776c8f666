"""Two-step login for real: set up with the key from the page, recovery codes, log in again."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

from .helpers import (
    BrowserWorld,
    assert_accessible,
    click_and_load,
    submit_login,
    totp_from_secret,
)

pytestmark = pytest.mark.browser


def test_setting_up_two_step_login_and_using_a_recovery_code(
    page: Any, live_server: Any, bworld: BrowserWorld
) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    worker = bworld.users["social_worker"]
    TOTPDevice.objects.filter(user=worker).delete()

    submit_login(page, worker.username)
    assert urlsplit(page.url).path == "/account/tweestaps/instellen/"
    # The QR code is there for the phone; a test cannot scan, so it reads the typed key.
    assert page.locator(".qr svg").count() == 1
    assert page.locator(".qr[role=img][aria-label]").count() == 1
    assert_accessible(page, "two-step set-up")
    secret = page.locator("code.secret").inner_text()

    page.locator("#id_token").fill("000000" if totp_from_secret(secret) != "000000" else "111111")
    click_and_load(page, "main button[type=submit]")
    assert page.locator(".error-summary").is_visible()
    # The error is announced and tied to the field.
    describedby = page.locator("#id_token").get_attribute("aria-describedby") or ""
    assert "id_token_error" in describedby.split()
    assert page.locator("#id_token_error").is_visible()
    assert_accessible(page, "two-step set-up with a wrong code")
    # django-otp refuses a new try for a second after a wrong one; a person takes longer
    # than that to retype, a test does not. Let that second pass without waiting for it.
    TOTPDevice.objects.filter(user=worker).update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )

    page.locator("#id_token").fill(totp_from_secret(secret))
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/account/tweestaps/herstelcodes/**")
    codes = page.locator(".codes code").all_inner_texts()
    assert len(codes) == 10
    assert TOTPDevice.objects.get(user=worker).confirmed
    assert_accessible(page, "recovery codes")

    page.locator("main a.button").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("nav.main-nav").is_visible()

    # Lost phone: log out, log in with a recovery code instead.
    page.locator("form[action='/account/afmelden/'] button").click()
    page.wait_for_url("**/account/aanmelden/")
    submit_login(page, worker.username)
    assert urlsplit(page.url).path == "/account/tweestaps/"
    page.locator("#id_token").fill(codes[0])
    page.locator("main button[type=submit]").click()
    page.wait_for_url(lambda url: "/account/" not in url)
    assert page.locator("nav.main-nav").is_visible()
