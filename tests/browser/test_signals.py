"""Signals and advice in the browser: register, the desk, answer; axe-clean, also at 320 px."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from .helpers import (
    WIDTH,
    BrowserWorld,
    assert_accessible,
    assert_fits,
    click_and_load,
    login,
    visit,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def signals_world(bworld: BrowserWorld) -> Any:
    from inbreng.signals import services
    from inbreng.signals.models import Body, Signal

    users = bworld.users
    body = services.body_save(
        organisation=bworld.org,
        by=users["coordinator"],
        name="College van burgemeester en schepenen",
        kind=Body.Kind.COLLEGE,
        reply_days=60,
        policy_makers=[users["policy_maker"]],
    )
    late = services.signal_register(
        organisation=bworld.org,
        by=users["coordinator"],
        kind=Signal.Kind.ADVICE,
        title="Eén loket voor alle premies",
        text="Voor elke premie moeten mensen naar een ander loket.",
        recommendations="Maak één loket voor alle premies.",
        on_behalf=Signal.OnBehalf.ORGANISATION,
        body=body,
    )
    Signal.objects.filter(pk=late.pk).update(due_on=timezone.localdate() - timedelta(days=5))
    return late


def test_register_a_signal_with_an_error_then_read_it(
    page: Any, bworld: BrowserWorld, signals_world: Any
) -> None:
    login(page, bworld.users["coordinator"])
    visit(page, "/")
    click_and_load(page, "nav.main-nav a[href='/signalen/']")
    assert_accessible(page, "signal list")
    click_and_load(page, "main a[href='/signalen/nieuw/']")
    page.fill("#id_title", "Lange wachttijd aan het loket")
    page.fill("#id_text", "Bel 0470 12 34 56 voor meer uitleg.")
    click_and_load(page, "main form.form button[type=submit]")
    # Refused at the field, with what was typed kept.
    assert page.locator("#id_text_error").is_visible()
    assert page.locator("#id_body_error").is_visible()
    assert page.input_value("#id_title") == "Lange wachttijd aan het loket"
    assert_accessible(page, "signal form with errors")
    page.fill("#id_text", "Mensen wachten meer dan een uur aan het loket.")
    page.select_option("#id_body", label="College van burgemeester en schepenen")
    page.check("input[name=on_behalf][value=organisation]")
    click_and_load(page, "main form.form button[type=submit]")
    assert "Lange wachttijd aan het loket" in page.locator("h1").inner_text()
    assert_accessible(page, "signal detail")


def test_the_policy_makers_desk_and_answer_at_320_pixels(
    new_page: Any, bworld: BrowserWorld, signals_world: Any
) -> None:
    page = new_page(viewport={"width": WIDTH, "height": 640})
    login(page, bworld.users["policy_maker"])
    visit(page, "/")
    assert "Eén loket voor alle premies" in page.locator("#card-signals").locator("..").inner_text()
    assert_fits(page, "policy maker's desk")
    visit(page, "/signalen/")
    assert_fits(page, "signal list")
    visit(page, f"/signalen/{signals_world.pk}/")
    assert_fits(page, "signal detail")
    click_and_load(page, f"main a[href='/signalen/{signals_world.pk}/antwoorden/']")
    assert_fits(page, "answer form")
    page.check("input[name=decision][value=not_followed]")
    page.fill("#id_text", "We maken geen nieuw loket.")
    click_and_load(page, "main form.form button[type=submit]")
    assert page.locator("#id_reasons_error").is_visible()
    assert_fits(page, "answer form with errors")
    page.fill("#id_reasons", "Het budget is voor dit jaar al verdeeld.")
    click_and_load(page, "main form.form button[type=submit]")
    assert "We maken geen nieuw loket." in page.locator("main").inner_text()
    assert_fits(page, "signal detail with its answer")


def test_bodies_and_themes_pages(new_page: Any, bworld: BrowserWorld, signals_world: Any) -> None:
    page = new_page(viewport={"width": WIDTH, "height": 640})
    login(page, bworld.users["coordinator"])
    for label, url in [
        ("bodies", "/signalen/organen/"),
        ("body form", "/signalen/organen/nieuw/"),
        ("theme form", "/signalen/themas/nieuw/"),
    ]:
        visit(page, url)
        assert_fits(page, label)
