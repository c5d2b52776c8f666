"""Forms in their other states: with errors, with warnings, after saving. All checked with axe."""

from __future__ import annotations

from typing import Any

import pytest

from .helpers import BrowserWorld, assert_accessible, click_and_load, login, visit

pytestmark = pytest.mark.browser


def submit(page: Any, form: str = "main form.form") -> None:
    click_and_load(page, f"{form} button[type=submit]")


def assert_error_summary_has_focus(page: Any) -> None:
    assert page.locator(".error-summary").is_visible()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")


def test_participant_form_errors_and_duplicate_warning(page: Any, bworld: BrowserWorld) -> None:
    from inbreng.people.models import Participant

    login(page, bworld.users["coordinator"])
    visit(page, "/deelnemers/nieuw/")
    submit(page)
    assert_error_summary_has_focus(page)
    assert page.locator("#id_name").get_attribute("aria-invalid") == "true"
    assert_accessible(page, "participant form with errors")

    # The summary links to the field.
    page.locator(".error-summary a[href='#id_name']").click()
    assert page.evaluate("document.activeElement.id") == "id_name"

    # Same phone as Anouk: a warning, and nothing is saved until the person confirms.
    page.locator("#id_name").fill("Anouk Tweede")
    page.locator("#id_preferred_channel").select_option("sms")
    page.locator("#id_phone").fill(bworld.participant.phone)
    submit(page)
    assert page.locator(".warning").is_visible()
    assert page.locator("#id_name").input_value() == "Anouk Tweede"
    assert not Participant.objects.filter(name="Anouk Tweede").exists()
    assert_accessible(page, "participant form with a possible duplicate")

    page.locator("#id_not_a_duplicate").check()
    submit(page)
    assert Participant.objects.filter(name="Anouk Tweede").exists()
    assert page.locator(".messages").is_visible()
    assert_accessible(page, "participant detail after saving")

    # Consent recorded from the detail page, with its message.
    click_and_load(page, "form[action$='/toestemming/'] button[type=submit]")
    assert page.locator("#consent-heading ~ table tbody tr").count() == 1
    assert_accessible(page, "participant detail with a consent")


def test_import_preview_with_warnings_and_errors(page: Any, bworld: BrowserWorld) -> None:
    from inbreng.people.models import Participant

    login(page, bworld.users["coordinator"])
    visit(page, "/deelnemers/importeren/")
    upload = page.locator("input[type=file]")

    upload.set_input_files({"name": "lijst.txt", "mimeType": "text/plain", "buffer": b"naam\n"})
    submit(page)
    assert_error_summary_has_focus(page)
    assert_accessible(page, "import with a wrong file")

    bad = "naam;telefoon;kanaal\nEva Proef;12;sms\n"
    upload = page.locator("input[type=file]")
    upload.set_input_files({"name": "fout.csv", "mimeType": "text/csv", "buffer": bad.encode()})
    submit(page)
    page.wait_for_url("**/importeren/controle/")
    assert page.locator(".error-summary").is_visible()
    assert_accessible(page, "import preview with errors")
    page.locator("button[name=cancel]").click()
    page.wait_for_url("**/deelnemers/")

    visit(page, "/deelnemers/importeren/")
    good = (
        "naam;telefoon;kanaal\n"
        "Eva Proef;0470 22 33 44;sms\n"
        f"Anouk T.;{bworld.participant.phone};sms\n"
    )
    upload = page.locator("input[type=file]")
    upload.set_input_files({"name": "lijst.csv", "mimeType": "text/csv", "buffer": good.encode()})
    submit(page)
    page.wait_for_url("**/importeren/controle/")
    assert page.locator(".warning").is_visible()
    assert_accessible(page, "import preview with a possible duplicate")
    page.locator("button[name=confirm]").click()
    page.wait_for_url("**/deelnemers/")
    assert Participant.objects.filter(name="Eva Proef").exists()
    assert Participant.objects.filter(name="Anouk T.").count() == 1
    assert_accessible(page, "register after an import")


def test_administration_forms_with_errors(page: Any, bworld: BrowserWorld) -> None:
    login(page, bworld.users["admin"])
    for label, url in [
        ("staff form", "/beheer/medewerkers/nieuw/"),
        ("service form", "/beheer/diensten/nieuw/"),
        ("partner form", "/beheer/partners/nieuw/"),
    ]:
        visit(page, url)
        submit(page)
        assert_error_summary_has_focus(page)
        assert_accessible(page, f"{label} with errors")

    visit(page, "/account/wachtwoord/")
    page.locator("#id_old_password").fill("wrong")
    submit(page, "main form")
    assert_error_summary_has_focus(page)
    assert_accessible(page, "password change with errors")

    # Audit log filters, with a result page.
    visit(page, "/beheer/auditlog/?action=view")
    assert_accessible(page, "audit log filtered")
