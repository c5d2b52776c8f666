"""Results, councils and hearings: axe-core clean and nothing sideways at 320 px, also with
form errors, and the participant's page with a result under an answer."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from inbreng.signals.tests import routes_results as rows

from .helpers import (
    WIDTH,
    BrowserWorld,
    assert_fits,
    click_and_load,
    login,
    open_personal_link,
    visit,
)

pytestmark = pytest.mark.browser


def _data(bworld: BrowserWorld) -> dict[str, Any]:
    from conftest import Loop
    from inbreng.groups.models import GroupMembership, ParticipationGroup
    from inbreng.participation.models import Contribution, Level, Question, Response

    world = bworld.world
    org = world.org
    group = ParticipationGroup.objects.create(organisation=org, name="Klankbord")
    GroupMembership.objects.create(
        organisation=org, group=group, participant=world.participant, stage="member"
    )
    question = Question.objects.create(
        organisation=org,
        service=world.service,
        title="Is deze brief duidelijk?",
        level=Level.ADVISE,
        status=Question.Status.SCHEDULED,
    )
    response = Response.objects.create(
        organisation=org, question=question, status=Response.Status.ADOPTED, explanation="Ja."
    )
    Contribution.objects.create(
        organisation=org,
        question=question,
        text="Te lang.",
        participant=world.participant,
        response=response,
    )
    loop: Any = Loop(group, None, None, question, None, None, None, None, response, None)
    result = rows.result(world, loop)
    result.due_on = timezone.localdate() - timedelta(days=1)
    result.stalled = True
    result.save()
    return {
        "result": result.pk,
        "milestone": rows.milestone(world, loop),
        "seat": rows.seat(world, loop)["pk"],
        "item": rows.item(world, loop)["pk"],
        "hearing": rows.hearing(world, loop)["pk"],
    }


def test_result_council_and_hearing_pages_at_320_pixels(
    new_page: Any, bworld: BrowserWorld
) -> None:
    ids = _data(bworld)
    page = new_page(viewport={"width": WIDTH, "height": 640})
    login(page, bworld.users["coordinator"])
    r, m = ids["result"], ids["milestone"]
    for label, url in [
        ("start page with a stalled result", "/"),
        ("results", "/signalen/resultaten/"),
        ("results filtered", "/signalen/resultaten/?stalled=1&status=planned"),
        ("result", f"/signalen/resultaten/{r}/"),
        ("result update", f"/signalen/resultaten/{r}/bijwerken/"),
        ("new result", "/signalen/resultaten/nieuw/"),
        ("milestone", f"/signalen/resultaten/{r}/mijlpaal/{m['milestone_pk']}/"),
        ("translate", f"/signalen/resultaten/{r}/vertalen/"),
        ("councils", "/signalen/adviesraden/"),
        ("seat", f"/signalen/adviesraden/zetel/{ids['seat']}/"),
        ("item", f"/signalen/adviesraden/agendapunt/{ids['item']}/"),
        ("hearings", "/signalen/hoorzittingen/"),
        ("new hearing", "/signalen/hoorzittingen/nieuw/"),
        ("hearing", f"/signalen/hoorzittingen/{ids['hearing']}/"),
    ]:
        visit(page, url)
        assert_fits(page, label)
    for label, url in [
        ("new result with errors", "/signalen/resultaten/nieuw/"),
        ("new milestone with errors", f"/signalen/resultaten/{r}/mijlpaal/"),
        ("new seat with errors", "/signalen/adviesraden/zetel/"),
        ("new hearing with errors", "/signalen/hoorzittingen/nieuw/"),
    ]:
        visit(page, url)
        click_and_load(page, "main form.form button[type=submit]")
        assert page.locator(".error-summary").is_visible(), label
        assert_fits(page, label)


def test_the_personal_page_with_a_result_at_320_pixels(new_page: Any, bworld: BrowserWorld) -> None:
    from inbreng.participation import services

    _data(bworld)
    link = services.link_issue(participant=bworld.participant, by=None)
    page = new_page(viewport={"width": WIDTH, "height": 640})
    open_personal_link(page, services.link_path(link))
    assert "De nieuwe brief wordt gedrukt." in page.content()
    assert_fits(page, "personal page with a result")
