"""Sending is deliberate, and indicators open their lists: in a real browser, with axe.

On a 320-pixel phone and with the keyboard only, the coordinator presses "Send the invitation
to 7 people", reads what would go out (per channel and language, who cannot be reached, who
gets Dutch, an example per channel) and only then sends it. A free message with an Arabic
text in Latin letters is refused next to its field. The indicators page opens the list behind
a figure. axe-core finds nothing on any of these pages. Everyone here is made up.
"""

from __future__ import annotations

from typing import Any

import pytest

from .helpers import (
    WIDTH,
    BrowserWorld,
    assert_accessible,
    assert_fits,
    login,
    tab_to,
    visit,
)
from .test_messaging import make_outreach, press_and_load

pytestmark = pytest.mark.browser


def test_the_send_preview_on_a_small_screen_with_the_keyboard(
    new_page: Any, live_server: Any, bworld: BrowserWorld
) -> None:
    from inbreng.messaging.models import Message

    outreach = make_outreach(bworld)
    meeting = outreach.meeting
    page = new_page(viewport={"width": WIDTH, "height": 640})
    login(page, bworld.users["coordinator"])
    visit(page, f"/bijeenkomsten/{meeting.pk}/")

    send = f"form[action='/bijeenkomsten/{meeting.pk}/uitnodigingen-versturen/'] button"
    tab_to(page, send, limit=120)
    press_and_load(page)

    # What would go out; nothing is sent yet.
    assert page.url == f"{live_server.url}/bijeenkomsten/{meeting.pk}/uitnodigingen-versturen/"
    assert not Message.objects.filter(organisation=bworld.org).exists()
    channels = page.locator("#preview-channels li")
    counts = {
        channels.nth(i).get_attribute("data-channel"): channels.nth(i).inner_text()
        for i in range(channels.count())
    }
    assert set(counts) == {"sms", "email", "letter", "social_worker", "phone"}
    assert counts["sms"].endswith(": 2")  # Sam, and Amal in Arabic
    languages = page.locator("#preview-languages li[data-language='ar']")
    assert languages.inner_text().endswith(": 1")
    assert "Niemand Nergens" in page.locator("#unreachable").inner_text()
    assert "Amal Haddad" in page.locator("#in-dutch").inner_text()
    assert page.locator("#examples section[data-channel]").count() == 5
    arabic = page.locator("#examples section[data-channel='sms'] [lang='ar']")
    assert arabic.get_attribute("dir") == "rtl"
    assert "7" in page.locator("#send").inner_text()
    assert_fits(page, "send preview")

    tab_to(page, "#send", limit=150)
    press_and_load(page)

    message = Message.objects.get(organisation=bworld.org)
    assert page.url == f"{live_server.url}/berichten/{message.pk}/"
    assert message.deliveries.count() == 7
    assert_fits(page, "the message after sending")


def test_a_free_message_with_a_wrong_script_is_refused_then_previewed(
    new_page: Any, live_server: Any, bworld: BrowserWorld
) -> None:
    from inbreng.messaging.models import Message

    outreach = make_outreach(bworld)
    page = new_page(viewport={"width": WIDTH, "height": 640})
    login(page, bworld.users["coordinator"])
    visit(page, f"/bijeenkomsten/{outreach.meeting.pk}/bericht/")
    assert_fits(page, "compose a message")

    tab_to(page, "#id_subject", limit=80)
    page.keyboard.type("Andere zaal")
    tab_to(page, "#id_body")
    page.keyboard.type("Dag {naam}. We zitten deze keer in zaal 2.")
    tab_to(page, "#id_subject_ar", limit=80)
    page.keyboard.type("Andere zaal")
    tab_to(page, "#id_body_ar")
    page.keyboard.type("Dag {naam}. We zitten in zaal 2.")
    tab_to(page, "#id_translated_by_ar", limit=80)
    page.keyboard.type("Tolk Karim")
    tab_to(page, "main form.form button[name='preview']", limit=80)
    press_and_load(page)

    # Refused next to the Arabic fields; everything typed is still there.
    assert page.locator(".error-summary").is_visible()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert page.locator("#id_body_ar_error").is_visible()
    assert page.locator("#id_body_ar").input_value() == "Dag {naam}. We zitten in zaal 2."
    assert page.locator("#id_body_ar").get_attribute("dir") == "rtl"
    assert page.locator("#id_translated_by_ar").input_value() == "Tolk Karim"
    assert_fits(page, "compose with a wrong script")

    # In Arabic, it goes to the preview.
    page.locator("#id_subject_ar").fill("تغيير القاعة")
    page.locator("#id_body_ar").fill("مرحبا {naam}. نحن في القاعة 2.")
    tab_to(page, "main form.form button[name='preview']", limit=80)
    press_and_load(page)
    assert page.locator("#send").is_visible()
    assert not Message.objects.filter(organisation=bworld.org).exists()
    assert_fits(page, "free message preview")


def test_the_list_behind_a_figure_passes_axe(
    new_page: Any, live_server: Any, bworld: BrowserWorld
) -> None:
    from inbreng.participation.tests.helpers import Build
    from inbreng.participation.tests.test_indicators import make_example

    make_example(bworld.world, Build(bworld.world))
    page = new_page()
    login(page, bworld.users["coordinator"])
    visit(page, "/inzichten/")
    assert page.locator(".status-badge--overdue").count() >= 1
    assert_accessible(page, "indicators")

    tab_to(page, "main a[href='/inzichten/lijst/op-tijd/']", limit=80)
    press_and_load(page)
    assert page.url == f"{live_server.url}/inzichten/lijst/op-tijd/"
    assert page.locator("main table tbody tr").count() == 3
    assert page.locator("main .status-badge").count() == 3
    assert_accessible(page, "indicator list: on time")

    for figure in ("dagen", "teruggekoppeld", "te-laat"):
        visit(page, f"/inzichten/lijst/{figure}/")
        assert_accessible(page, f"indicator list: {figure}")
    page.set_viewport_size({"width": WIDTH, "height": 640})
    visit(page, "/inzichten/")
    assert_fits(page, "indicators")
    visit(page, "/inzichten/lijst/teruggekoppeld/")
    assert_fits(page, "indicator list: heard back")

    # A service sees its own list, without names.
    service = new_page()
    login(service, bworld.users["service_contact"])
    visit(service, "/inzichten/lijst/teruggekoppeld/")
    assert service.locator("main table tbody tr").count() == 3
    assert_accessible(service, "indicator list for a service")


def test_the_send_preview_works_without_javascript(
    new_page: Any, live_server: Any, bworld: BrowserWorld
) -> None:
    from inbreng.messaging.models import Message

    outreach = make_outreach(bworld)
    page = new_page(java_script_enabled=False)
    login(page, bworld.users["coordinator"])
    visit(page, f"/bijeenkomsten/{outreach.meeting.pk}/bericht/")
    page.locator("#id_kind").select_option("reminder")
    with page.expect_navigation():
        page.locator("main form.form button[name='preview']").click()
    assert page.locator("#send").is_visible()
    assert not Message.objects.filter(organisation=bworld.org).exists()

    # Change the message, and back to the preview: the choice is kept.
    with page.expect_navigation():
        page.locator("main form.form button[name='edit']").click()
    assert page.locator("#id_kind").input_value() == "reminder"
    with page.expect_navigation():
        page.locator("main form.form button[name='preview']").click()
    with page.expect_navigation():
        page.locator("#send").click()
    message = Message.objects.get(organisation=bworld.org)
    assert message.kind == "reminder"
    assert page.url == f"{live_server.url}/berichten/{message.pk}/"
