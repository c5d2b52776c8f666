"""The yearly report: its figures on the page and in a tagged Dutch PDF for the council."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from conftest import Loop, World, make_participant
from inbreng.insights.models import ReportText, Snapshot
from inbreng.participation.models import Invitation, Question


@pytest.fixture
def year(world: World, loop: Loop) -> int:
    """Six people took part; two questions were due (one on time); one answer adopted."""
    year = loop.meeting.starts_at.astimezone(timezone.get_current_timezone()).year
    for n in range(5):
        person = make_participant(world.org, name=f"Deelnemer {n}")
        Invitation.objects.create(
            organisation=world.org, meeting=loop.meeting, participant=person, attended=True
        )
    for n in range(7):
        person = make_participant(world.org, name=f"Niet gekomen {n}")
        Invitation.objects.create(
            organisation=world.org, meeting=loop.meeting, participant=person, attended=False
        )
    Question.objects.filter(pk=loop.question.pk).update(
        asked_on=date(year, 1, 10),
        answer_due_on=date(year, 1, 31),
        answered_on=date(year, 1, 20),
        live_inputs=2,
        open_inputs=0,
    )
    late = Question.objects.create(
        organisation=world.org,
        service=world.service,
        title="Te laat",
        answer_due_on=date(year, 1, 5),
    )
    Question.objects.filter(pk=late.pk).update(
        asked_on=date(year, 1, 2), live_inputs=1, open_inputs=1
    )
    return year


def figures(html: str) -> dict[str, str]:
    import re

    rows = re.findall(r'<th scope="row">(?:<a [^>]*>)?([^<]+)(?:</a>)?</th><td>([^<]+)</td>', html)
    return {label.strip(): value.strip() for label, value in rows}


def test_the_page_holds_the_years_figures(world: World, loop: Loop, year: int) -> None:
    response = world.client_for("policy_maker").get(reverse("insights:report", args=[year]))
    assert response.status_code == 200
    report = response.context["report"]
    assert report.meetings_held == 1
    assert report.groups_met == 1
    assert report.reached == 6
    assert report.invited_not_reached == 7
    assert report.questions_due == 2
    assert report.answered_on_time == 1
    assert report.on_time_share == 50
    assert report.adopted == 1
    assert loop.question.title in report.adopted_questions
    values = list(figures(response.content.decode()).values())
    assert values[:4] == ["1", "1", "6", "7"]
    assert "1 (50%)" in values


def test_few_people_are_shown_as_fewer_than_five(world: World, loop: Loop) -> None:
    year = loop.meeting.starts_at.astimezone(timezone.get_current_timezone()).year
    response = world.client_for("coordinator").get(reverse("insights:report", args=[year]))
    assert response.context["report"].reached is None  # only Anouk came
    people = list(figures(response.content.decode()).values())[2]
    assert people != "1" and "5" in people


def test_the_coordinator_writes_the_text_and_it_is_in_the_pdf(
    world: World, loop: Loop, year: int
) -> None:
    coordinator = world.client_for("coordinator")
    response = coordinator.post(
        reverse("insights:report_text", args=[year]),
        {"text": "Dit jaar kwamen er meer jongeren. Één vraag bleef te lang open."},
    )
    assert response.status_code == 302
    assert ReportText.objects.get(organisation=world.org, year=year).text.startswith("Dit jaar")
    pdf = world.client_for("policy_maker").get(reverse("insights:report_pdf", args=[year]))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(pdf.content))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root, "the PDF is not tagged"
    assert root["/Lang"] == "nl"
    text = " ".join(page.extract_text() for page in reader.pages)
    assert str(year) in text
    assert "Één vraag bleef te lang open." in text
    assert "50%" in text
    assert loop.question.title in text
    assert world.org.name in text


def test_too_long_a_text_is_refused_and_kept(world: World, year: int) -> None:
    response = world.client_for("coordinator").post(
        reverse("insights:report_text", args=[year]), {"text": "x" * 5001}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["text"]
    assert not ReportText.objects.exists()


def test_a_year_out_of_range_is_not_found(world: World) -> None:
    response = world.client_for("coordinator").get(reverse("insights:report", args=[1900]))
    assert response.status_code == 404


def test_another_organisations_text_is_never_shown(world: World, loop: Loop, year: int) -> None:
    ReportText.objects.create(organisation=world.other_org, year=year, text="Geheim elders")
    response = world.client_for("coordinator").get(reverse("insights:report", args=[year]))
    assert "Geheim elders" not in response.content.decode()


def test_figures_link_only_to_lists_the_reader_may_open(world: World, year: int) -> None:
    url = reverse("insights:report", args=[year])
    policy = world.client_for("policy_maker").get(url).content.decode()
    coordinator = world.client_for("coordinator").get(url).content.decode()
    meetings = reverse("participation:meetings")
    assert f'href="{meetings}"' in coordinator
    assert f'href="{meetings}"' not in policy
    assert f'href="{reverse("participation:questions")}"' in policy


def test_the_report_needs_the_same_queries_however_much_happened(
    world: World, loop: Loop, year: int, django_assert_max_num_queries: object
) -> None:
    client = world.client_for("coordinator")
    url = reverse("insights:report", args=[year])
    client.get(url)
    for n in range(30):
        person = make_participant(world.org, name=f"Extra {n}")
        Invitation.objects.create(
            organisation=world.org, meeting=loop.meeting, participant=person, attended=n % 2 == 0
        )
    # Computed again (the kept figures are older than kept.MAX_AGE), and stored.
    Snapshot.objects.all().delete()
    with django_assert_max_num_queries(24):  # type: ignore[operator]
        response = client.get(url)
    assert response.context["report"].reached == 6 + 15
