"""A case conference in a real browser: from the request to the agreements and their follow-up.

A social worker requests a lokaal cliëntoverleg (first refused: too few providers and life
domains), the LCO coordinator accepts it, records consent, invites a partner worker, who
accepts the ground rules; the client's agenda, the conference, its report and agreements
follow, and the partner worker marks their agreement done. axe-core checks every page on
the way, and the main pages at 320 px. Everyone here is made up.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from .helpers import WIDTH, BrowserWorld, assert_accessible, assert_fits, click_and_load, login

pytestmark = pytest.mark.browser

SEND = "main form.form button[type=submit]"


def local_input(moment: Any) -> str:
    from django.utils import timezone

    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def checked(page: Any, label: str) -> None:
    assert "Server Error" not in page.title(), label
    assert_accessible(page, label)


def test_a_case_conference_from_request_to_follow_up(bworld: BrowserWorld, new_page: Any) -> None:
    from django.utils import timezone

    from inbreng.casework.models import Agreement, CaseConference
    from inbreng.core.models import Membership

    world = bworld.world
    Membership.objects.filter(organisation=world.org, user=world.users["coordinator"]).update(
        is_case_coordinator=True
    )

    # The social worker requests a case conference; too little is refused with the reason.
    worker = new_page()
    login(worker, world.users["social_worker"])
    worker.goto("/clientoverleg/aanvragen/")
    checked(worker, "request form")
    worker.locator("#id_client").select_option(str(bworld.participant.pk))
    worker.locator("#id_client_agrees").check()
    worker.locator("input[name=life_domains][value=income]").check()
    worker.locator("#id_requester_provider").fill("Sociale dienst – budget")
    worker.locator("#id_providers").fill("CAW Test – wonen")
    worker.locator("#id_note").fill("Veel brieven, weinig rust.")
    worker.locator("#id_ground_rules").check()
    click_and_load(worker, SEND)
    assert worker.locator("#id_life_domains_error").is_visible()
    assert worker.locator("#id_providers").input_value() == "CAW Test – wonen"
    checked(worker, "request refused")
    worker.locator("input[name=life_domains][value=housing]").check()
    worker.locator("input[name=life_domains][value=health]").check()
    click_and_load(worker, SEND)
    case = CaseConference.objects.get()
    assert f"/clientoverleg/{case.pk}/" in worker.url
    checked(worker, "request sent")

    # The LCO coordinator accepts it and coordinates it.
    lco = new_page()
    login(lco, world.users["coordinator"])
    lco.goto("/clientoverleg/")
    checked(lco, "case list")
    click_and_load(lco, f"main a[href='/clientoverleg/{case.pk}/']")
    click_and_load(lco, f"a[href='/clientoverleg/{case.pk}/beslissen/']")
    checked(lco, "decision")
    lco.locator("input[name=decision][value=accept]").check()
    lco.locator("#id_coordinator").select_option(str(world.member("coordinator").pk))
    click_and_load(lco, SEND)
    checked(lco, "accepted case")

    # Consent first.
    click_and_load(lco, f"main a[href='/clientoverleg/{case.pk}/toestemming/']")
    checked(lco, "consent form")
    lco.locator("#id_scope").fill("Wonen, schulden en gezondheid.")
    lco.locator("input[name=how][value=signed]").check()
    click_and_load(lco, SEND)

    # The partner worker is invited to this case only.
    click_and_load(lco, f"a[href='/clientoverleg/{case.pk}/zorgverleners/']")
    checked(lco, "invite")
    provider_row = case.providers.get(name="CAW Test – wonen")
    lco.locator("#id_provider").select_option(str(provider_row.pk))
    lco.locator("#id_user").select_option(str(world.member("partner_worker").pk))
    lco.locator("#id_may_share").fill("De huursituatie")
    click_and_load(lco, SEND)

    partner = new_page()
    login(partner, world.users["partner_worker"])
    partner.goto("/clientoverleg/")
    click_and_load(partner, f"a[href='/clientoverleg/{case.pk}/basisregels/']")
    checked(partner, "ground rules")
    partner.locator("#id_accept").check()
    click_and_load(partner, SEND)
    assert f"/clientoverleg/{case.pk}/" in partner.url
    assert bworld.participant.name in partner.locator("main").inner_text()

    # Key worker, the client's agenda, and the conference.
    click_and_load(lco, f"a[href='/clientoverleg/{case.pk}/spilfiguur/']")
    lco.locator("#id_provider").select_option(str(provider_row.pk))
    click_and_load(lco, SEND)
    click_and_load(lco, f"a[href='/clientoverleg/{case.pk}/agenda/']")
    checked(lco, "client's agenda")
    lco.locator("#id_agenda_matters").fill("Dat mijn kinderen warm wonen.")
    lco.locator("#id_agenda_going_well").fill("De school loopt goed.")
    lco.locator("#id_agenda_change").fill("Minder brieven die ik niet begrijp.")
    lco.locator("#id_trusted_person").fill("Mijn zus")
    click_and_load(lco, SEND)
    click_and_load(lco, f"a[href='/clientoverleg/{case.pk}/overleg/']")
    checked(lco, "plan a conference")
    starts = timezone.now() - timedelta(minutes=30)
    assert lco.locator("#id_kind").input_value() == "first"
    lco.locator("#id_starts_at").fill(local_input(starts))
    lco.locator("#id_ends_at").fill(local_input(starts + timedelta(hours=1)))
    lco.locator("#id_place").fill("Sociaal Huis, zaal 2")
    click_and_load(lco, SEND)
    meeting = case.meetings.get()
    click_and_load(lco, f"a[href='/clientoverleg/{case.pk}/overleg/{meeting.pk}/verslag/']")
    checked(lco, "report")
    lco.locator("#id_report").fill("We zaten samen. We maken een plan voor de huur.")
    click_and_load(lco, SEND)

    # Agreements: who does what by when; without a date it is refused.
    lco.locator("#id_what").fill("Huurachterstand bespreken met de verhuurder")
    lco.locator("#id_owner").select_option(str(provider_row.pk))
    click_and_load(lco, "form[action$='/afspraken/'] button[type=submit]")
    assert lco.locator("#id_due_on_error").is_visible()
    checked(lco, "agreement refused")
    lco.locator("#id_due_on").fill((timezone.localdate() + timedelta(days=10)).isoformat())
    click_and_load(lco, SEND)
    lco.locator("#id_what").fill("Brieven van de verhuurder meebrengen")
    lco.locator("#id_owner").select_option("client")
    lco.locator("#id_due_on").fill((timezone.localdate() + timedelta(days=5)).isoformat())
    click_and_load(lco, "form[action$='/afspraken/'] button[type=submit]")
    assert case.agreements.count() == 2
    checked(lco, "case with agreements")

    # Follow-up: the partner worker marks their own agreement done.
    own = case.agreements.get(owner=provider_row)
    partner.goto(f"/clientoverleg/{case.pk}/")
    partner.locator(f"#status-{own.pk}").select_option("done")
    click_and_load(partner, f"form[action$='/afspraken/{own.pk}/'] button[type=submit]")
    own.refresh_from_db()
    assert own.status == Agreement.Status.DONE
    checked(partner, "case as provider")

    # Every other page of the case and of the signals, as the coordinator.
    for path in (
        "toestemming/intrekken/",
        "coordinator/",
        "evaluatie/",
        "afsluiten/",
        "documenten/",
        "signaal/",
    ):
        lco.goto(f"/clientoverleg/{case.pk}/{path}")
        checked(lco, path)
    for path in ("/clientoverleg/signalen/", "/clientoverleg/signalen/rapport/"):
        lco.goto(path)
        checked(lco, path)
    # A signal with a phone number in it is refused, next to the field, and keeps the text.
    lco.goto(f"/clientoverleg/{case.pk}/signaal/")
    lco.locator("#id_kind").select_option("waiting_list")
    lco.locator("#id_life_domain").select_option("housing")
    lco.locator("#id_concerns").fill("Sociaal verhuurkantoor")
    lco.locator("#id_description").fill("Bel haar op 0470 12 34 56 voor meer uitleg.")
    click_and_load(lco, SEND)
    assert lco.locator("#id_description_error").is_visible()
    checked(lco, "signal refused")

    # The main pages on a small screen.
    small = new_page(viewport={"width": WIDTH, "height": 700})
    login(small, world.users["coordinator"])
    for path in (f"/clientoverleg/{case.pk}/", "/clientoverleg/", "/clientoverleg/aanvragen/"):
        small.goto(path)
        assert_fits(small, path)
