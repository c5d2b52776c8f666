"""Reach, the yearly report and the population import, checked with axe-core, charts included."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from .helpers import BrowserWorld, assert_accessible, click_and_load, login, visit

pytestmark = pytest.mark.browser


@pytest.fixture
def took_part(bworld: BrowserWorld) -> int:
    """Twelve people at a held meeting this year, and the clients' age bands."""
    from conftest import make_participant
    from inbreng.groups.models import ParticipationGroup
    from inbreng.insights.models import PopulationCount
    from inbreng.participation.models import Invitation, Meeting

    org = bworld.org
    now = timezone.now()
    group = ParticipationGroup.objects.create(organisation=org, name="Klankbord")
    meeting = Meeting.objects.create(
        organisation=org,
        group=group,
        title="Praatcafé",
        starts_at=now - timedelta(hours=3),
        ends_at=now - timedelta(hours=1),
        place="Buurthuis",
        status=Meeting.Status.HELD,
    )
    for n, band in enumerate(["u25"] * 3 + ["25_44"] * 6 + ["65p"] * 5 + ["prefer_not"] * 5):
        person = make_participant(org, name=f"Deelnemer {n}", age_band=band)
        Invitation.objects.create(
            organisation=org, meeting=meeting, participant=person, attended=True
        )
    year = timezone.localdate().year
    for band, count in (("u25", 400), ("25_44", 300), ("45_64", 200), ("65p", 100)):
        PopulationCount.objects.create(
            organisation=org, year=year, dimension="age_band", category=band, count=count
        )
    return year


def test_reach_page_with_its_charts(page: Any, bworld: BrowserWorld, took_part: int) -> None:
    login(page, bworld.users["policy_maker"])
    visit(page, "/")
    click_and_load(page, "nav.main-nav a[href='/inzicht/']")
    assert_accessible(page, "insights home")
    click_and_load(page, "main a[href='/inzicht/bereik/']")
    assert page.locator("svg.chart[role=img]").count() >= 1
    assert page.locator("section[aria-labelledby=reach-age_band] table").is_visible()
    assert_accessible(page, "reach with charts")
    # In greyscale the two series still differ: one solid, one light with an outline.
    fills = page.locator("section[aria-labelledby=reach-age_band] svg rect").evaluate_all(
        "rects => rects.map(r => r.getAttribute('fill'))"
    )
    assert "#1a1a1a" in fills and "#d9d9d9" in fills


def test_yearly_report_and_its_text(page: Any, bworld: BrowserWorld, took_part: int) -> None:
    login(page, bworld.users["coordinator"])
    visit(page, f"/inzicht/jaarverslag/{took_part}/")
    assert_accessible(page, "yearly report")
    visit(page, f"/inzicht/jaarverslag/{took_part}/tekst/")
    assert_accessible(page, "report text form")
    page.locator("#id_text").fill("Dit jaar kwamen er meer jongeren.")
    click_and_load(page, "main button[type=submit]")
    assert page.url.endswith(f"/inzicht/jaarverslag/{took_part}/")
    assert page.get_by_text("Dit jaar kwamen er meer jongeren.").is_visible()
    assert_accessible(page, "yearly report with the coordinator's text")


def test_population_import_with_errors(page: Any, bworld: BrowserWorld, tmp_path: Any) -> None:
    login(page, bworld.users["admin"])
    visit(page, "/inzicht/clienten/")
    assert_accessible(page, "population upload")
    upload = tmp_path / "clienten.csv"
    upload.write_text("jaar;vraag;antwoord;aantal\n2025;Leeftijd;Jonger dan 25;-3\n")
    page.locator("#id_file").set_input_files(str(upload))
    click_and_load(page, "main button[type=submit]")
    assert page.locator(".error-summary").is_visible()
    assert page.locator("button[name=save]").count() == 0
    assert_accessible(page, "population preview with errors")


def test_reach_over_the_years_per_trajectory_and_the_report_with_signals(
    page: Any, bworld: BrowserWorld, took_part: int
) -> None:
    """The trend's small charts, the trajectory filter and the report's signals part pass
    axe-core, on a wide screen and at 320 px."""
    from conftest import make_participant
    from inbreng.groups.models import ParticipationGroup
    from inbreng.participation.models import (
        AgendaItem,
        Invitation,
        Meeting,
        Question,
        Trajectory,
    )
    from inbreng.signals.models import Body, Result, Signal

    org = bworld.org
    group = ParticipationGroup.objects.get(organisation=org, name="Klankbord")
    last_year = timezone.now().replace(year=took_part - 1, month=6, day=15)
    before = Meeting.objects.create(
        organisation=org,
        group=group,
        title="Vorig jaar",
        starts_at=last_year,
        ends_at=last_year + timedelta(hours=2),
        place="Buurthuis",
        status=Meeting.Status.HELD,
    )
    for n, band in enumerate(["u25"] * 8 + ["65p"] * 7):
        person = make_participant(org, name=f"Vroeger {n}", age_band=band)
        Invitation.objects.create(
            organisation=org, meeting=before, participant=person, attended=True
        )
    from inbreng.core.models import Service

    service = Service.objects.create(organisation=org, name="Dienst Brieven")
    trajectory = Trajectory.objects.create(
        organisation=org,
        title="Duidelijke brieven",
        purpose="Brieven verbeteren",
        service=service,
        level="advise",
        group=group,
        starts_on=timezone.localdate(),
    )
    question = Question.objects.create(
        organisation=org, service=service, trajectory=trajectory, title="Is de brief duidelijk?"
    )
    meeting = Meeting.objects.get(organisation=org, title="Praatcafé")
    AgendaItem.objects.create(organisation=org, meeting=meeting, question=question)
    body = Body.objects.create(organisation=org, name="Vast bureau")
    Signal.objects.create(
        organisation=org,
        kind=Signal.Kind.ADVICE,
        title="Gratis bus naar de bijeenkomsten",
        text="De bus is te duur.",
        body=body,
        due_on=timezone.localdate() + timedelta(days=30),
    )
    Result.objects.create(
        organisation=org,
        title="Kortere brieven",
        meaning="De brieven zijn korter.",
        status=Result.Status.IN_PROGRESS,
        progress=30,
    )
    login(page, bworld.users["coordinator"])
    visit(page, f"/inzicht/bereik/?jaar={took_part}")
    assert page.locator("svg.chart--small[role=img]").count() >= 2
    assert page.locator("section[aria-labelledby=reach-trend] table").first.is_visible()
    assert_accessible(page, "reach with its trend")
    visit(page, f"/inzicht/bereik/?jaar={took_part}&traject={trajectory.pk}")
    assert "Duidelijke brieven" in page.locator("main h2").first.inner_text()
    assert_accessible(page, "reach of one trajectory")
    visit(page, f"/inzicht/jaarverslag/{took_part}/")
    assert page.get_by_text("Gratis bus naar de bijeenkomsten").is_visible()
    assert_accessible(page, "yearly report with signals and results")
    page.set_viewport_size({"width": 320, "height": 800})
    visit(page, f"/inzicht/bereik/?jaar={took_part}")
    assert_accessible(page, "reach with its trend at 320 px")
    visit(page, f"/inzicht/jaarverslag/{took_part}/")
    assert_accessible(page, "yearly report at 320 px")
