"""Exports open in Excel (XLSX, and CSV with BOM and `;`), and no cell runs as a formula."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from typing import Any

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from conftest import Loop, World, make_participant
from inbreng.core.models import AuditEvent
from inbreng.insights.exports import FORMULA_START, csv_cell, csv_lines, safe_text, xlsx_file
from inbreng.participation.models import Contribution, Question


def download(client: Any, name: str, fmt: str) -> bytes:
    response = client.get(reverse(name, kwargs={"fmt": fmt}))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    if response.streaming:
        return b"".join(response.streaming_content)
    return b"".join(response) if hasattr(response, "file_to_stream") else response.content


def csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def xlsx_rows(content: bytes) -> list[list[Any]]:
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    return [[c.value for c in row] for row in sheet.iter_rows()]


PRINTABLE = st.text(
    st.characters(blacklist_categories=("Cc", "Cs")) | st.sampled_from("=+-@\t\r\n")
)


@given(st.text())
def test_it_never_lets_a_csv_cell_start_like_a_formula(value: str) -> None:
    assert not safe_text(value).startswith(FORMULA_START)


@given(PRINTABLE)
def test_it_keeps_the_text_and_guards_only_what_could_run(value: str) -> None:
    cell = safe_text(value)
    if value.startswith(FORMULA_START):
        assert cell == "'" + value
    else:
        assert cell == value


@settings(deadline=None, max_examples=40)
@given(st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1).map(lambda s: "=" + s))
def test_it_stores_every_formula_looking_text_as_text_in_xlsx(value: str) -> None:
    sheet = load_workbook(xlsx_file("t", ["h"], [[value]])).worksheets[0]
    cell = sheet.cell(row=2, column=1)
    assert cell.data_type == "s"
    assert cell.value == value


def test_it_writes_dutch_dates_and_decimal_commas() -> None:
    assert csv_cell(date(2026, 3, 7)) == "07-03-2026"
    assert csv_cell(1.5) == "1,5"
    assert csv_cell(None) == ""
    lines = list(csv_lines(["Vraag"], [["=SUM(A1)"], ["-2+3"], ["@cmd"], ["gewoon"]]))
    assert lines[0].startswith("\ufeff")
    assert [line.strip() for line in lines[1:]] == ["'=SUM(A1)", "'-2+3", "'@cmd", "gewoon"]


@pytest.fixture
def tricky(world: World, loop: Loop) -> Question:
    question = Question.objects.create(
        organisation=world.org,
        service=world.service,
        title='=HYPERLINK("http://x") Één brief voor Ölçer?',
        status=Question.Status.ACCEPTED,
        answer_due_on=date(2026, 3, 7),
    )
    return question


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_it_exports_questions_readable_in_excel(world: World, tricky: Question, fmt: str) -> None:
    content = download(world.client_for("coordinator"), "insights:export_questions", fmt)
    rows = csv_rows(content) if fmt == "csv" else xlsx_rows(content)
    assert rows[0][0] in ("Vraag", "Question")
    found = [r for r in rows if "Ölçer" in str(r[0])]
    assert len(found) == 1
    title = found[0][0]
    if fmt == "csv":
        assert title == "'" + tricky.title
        assert "07-03-2026" in found[0]
    else:
        assert title == tricky.title  # stored as a text cell, checked below
        assert found[0][5] == datetime(2026, 3, 7)  # noqa: DTZ001 (Excel dates are naive)
        sheet = load_workbook(io.BytesIO(content)).worksheets[0]
        cells = [c for row in sheet.iter_rows() for c in row if c.value == tricky.title]
        assert cells[0].data_type == "s"


def test_other_organisations_questions_are_never_exported(world: World, loop: Loop) -> None:
    rows = csv_rows(download(world.client_for("coordinator"), "insights:export_questions", "csv"))
    other = world.client_for("other_org")
    other_rows = csv_rows(download(other, "insights:export_questions", "csv"))
    assert any(loop.question.title in r for r in rows)
    assert not any(loop.question.title in r for r in other_rows)


def add_input(world: World, loop: Loop, participant: Any, text: str) -> Contribution:
    return Contribution.objects.create(
        organisation=world.org,
        question=loop.question,
        meeting=loop.meeting,
        text=text,
        participant=participant,
        response=loop.response,
    )


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_it_exports_input_with_its_answer_and_names_only_for_coordinators(
    world: World, loop: Loop, fmt: str
) -> None:
    Contribution.objects.all().delete()
    zoe = make_participant(world.org, name="Zoë Ğünther")
    add_input(world, loop, world.participant, "+32 is te duur")
    add_input(world, loop, zoe, "De brief is te lang")
    add_input(world, loop, None, "Wij willen een voorbeeld")
    read = csv_rows if fmt == "csv" else xlsx_rows
    as_coordinator = read(download(world.client_for("coordinator"), "insights:export_input", fmt))
    as_service = read(download(world.client_for("service_contact"), "insights:export_input", fmt))
    coordinator_who = [r[3] for r in as_coordinator[1:]]
    assert coordinator_who[:2] == ["Anouk T.", "Zoë Ğünther"]
    service_text = " ".join(str(c) for r in as_service for c in r)
    assert "Anouk" not in service_text and "Zoë" not in service_text
    service_who = [r[3] for r in as_service[1:]]
    assert service_who[0].endswith(" A") and service_who[1].endswith(" B")
    assert service_who[0] != service_who[1]
    # The answer travels with the input, and the "+32..." text cannot run.
    first = as_service[1]
    assert "We passen de brief aan." in first
    assert first[4] == ("'+32 is te duur" if fmt == "csv" else "+32 is te duur")
    assert (
        AuditEvent.objects.filter(
            organisation=world.org,
            action=AuditEvent.Action.EXPORT,
            object_type="participation.contribution",
        ).count()
        == 2
    )


def test_a_policy_maker_sees_pseudonyms_too(world: World, loop: Loop) -> None:
    rows = csv_rows(download(world.client_for("policy_maker"), "insights:export_input", "csv"))
    assert "Anouk T." not in " ".join(" ".join(r) for r in rows)
    assert len(rows) > 1


def test_it_exports_meetings_with_attendance_counts(world: World, loop: Loop) -> None:
    from inbreng.participation.models import Invitation

    for n in range(3):
        person = make_participant(world.org, name=f"Persoon {n}")
        Invitation.objects.create(
            organisation=world.org,
            meeting=loop.meeting,
            participant=person,
            reply=Invitation.Reply.YES,
            attended=n == 0,
        )
    rows = xlsx_rows(download(world.client_for("policy_maker"), "insights:export_meetings", "xlsx"))
    row = next(r for r in rows[1:] if r[0] == loop.meeting.title)
    assert row[1] == loop.group.name
    assert row[4:] == [4, 3, 2]


def test_the_input_export_needs_the_same_queries_for_many_rows(
    world: World, loop: Loop, django_assert_max_num_queries: Any
) -> None:
    client = world.client_for("service_contact")
    people = [make_participant(world.org, name=f"P{n}") for n in range(40)]
    for person in people:
        add_input(world, loop, person, "tekst")
    with django_assert_max_num_queries(25):
        content = download(client, "insights:export_input", "csv")
    assert len(csv_rows(content)) >= 41


def test_an_unknown_format_is_not_found(world: World) -> None:
    response = world.client_for("coordinator").get("/inzicht/export/vragen.exe")
    assert response.status_code == 404


def test_the_reach_export_hides_what_the_page_hides(world: World, loop: Loop, crafted: int) -> None:
    client = world.client_for("policy_maker")
    url = reverse("insights:export_reach", kwargs={"fmt": "csv"})
    rows = csv_rows(b"".join(client.get(url, {"jaar": crafted}).streaming_content))
    age = [r for r in rows[1:] if r[0] == rows[1][0]]
    counts = [r[2] for r in age]
    assert "8" in counts
    assert "3" not in counts and "6" not in counts
    assert sum(1 for c in counts if not c.isdigit()) >= 2  # the hidden ones say so


def test_the_yearly_figures_export(world: World, loop: Loop) -> None:
    year = loop.meeting.starts_at.year
    url = reverse("insights:export_report", kwargs={"year": year, "fmt": "xlsx"})
    rows = xlsx_rows(b"".join(world.client_for("coordinator").get(url)))
    assert rows[1][1] == 1  # one meeting held
    assert not str(rows[3][1]).isdigit()  # one person took part: "fewer than 5"
