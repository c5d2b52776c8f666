"""An import file cannot take the site down: rows, columns, unpacked size and time are
bounded before and while it is read, and any file gives rows or a clear message."""

from __future__ import annotations

import io
import time
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from conftest import World
from inbreng.core.tests.helpers import dutch
from inbreng.people import importing
from inbreng.people.importing import ImportFileError, parse_import
from inbreng.people.models import Participant

from .test_importing import csv_bytes, xlsx_bytes


def sheet_that_claims_everything() -> bytes:
    """1.6 KB that declares A1:XFD1048576, with a value in the first and the last row."""
    book = Workbook()
    sheet = book.active
    sheet.append(["Naam", "GSM"])
    sheet.cell(row=1_048_576, column=16_384, value="x")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_sheet_that_claims_a_million_rows_and_all_columns_is_refused_quickly(
    world: World,
) -> None:
    content = sheet_that_claims_everything()
    assert len(content) < 10_000

    started = time.monotonic()
    with pytest.raises(ImportFileError) as refused:
        parse_import(world.member("coordinator"), "lijst.xlsx", content)

    assert time.monotonic() - started < 5
    assert "10000" in str(refused.value)


def test_the_upload_page_says_so_and_adds_no_one(world: World) -> None:
    coordinator = world.client_for("coordinator")
    before = Participant.objects.filter(organisation=world.org).count()
    response = coordinator.post(
        reverse("people:import"),
        {"file": SimpleUploadedFile("lijst.xlsx", sheet_that_claims_everything())},
    )
    assert response.status_code == 200
    assert (
        dutch("The file has more than %(max)d lines. Split it.") % {"max": 10000}
        in response.content.decode()
    )
    assert Participant.objects.filter(organisation=world.org).count() == before


def test_a_zip_that_unpacks_to_more_than_the_limit_is_refused_before_reading(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = xlsx_bytes([["Naam"], ["Mila"]])
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        unpacked = sum(m.file_size for m in archive.infolist())
    monkeypatch.setattr(importing, "MAX_UNPACKED_BYTES", unpacked - 1)
    with pytest.raises(ImportFileError):
        parse_import(world.member("coordinator"), "lijst.xlsx", content)


def test_a_very_wide_line_is_read_to_its_first_hundred_cells(world: World) -> None:
    header = ["Naam", *[f"kolom {n}" for n in range(5000)]]
    rows = parse_import(
        world.member("coordinator"),
        "lijst.csv",
        csv_bytes([header, ["Mila", *(["x"] * 5000)]], sep=";"),
    )
    assert [row.data["name"] for row in rows] == ["Mila"]


def test_a_file_that_takes_too_long_is_stopped_with_a_message(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importing, "TIME_LIMIT", -1.0)
    with pytest.raises(ImportFileError):
        parse_import(world.member("coordinator"), "lijst.csv", csv_bytes([["Naam"], ["Mila"]]))


cells = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\r\n"), max_size=12)
# A spreadsheet cannot hold control characters at all.
sheet_cells = st.text(alphabet=st.characters(exclude_categories=("Cc", "Cs")), max_size=12)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.one_of(
        st.binary(max_size=400),
        st.lists(st.lists(cells, max_size=6), max_size=8).map(
            lambda rows: csv_bytes([["Naam", "GSM", "Taal"], *rows], sep=";")
        ),
    )
)
def test_any_csv_gives_checked_rows_or_a_clear_message(world: World, content: bytes) -> None:
    try:
        rows = parse_import(world.member("coordinator"), "lijst.csv", content)
    except ImportFileError as error:
        assert str(error)
    else:
        assert all(row.line >= 2 and isinstance(row.errors, list) for row in rows)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.lists(st.one_of(sheet_cells, st.integers(), st.none()), max_size=5), max_size=5))
def test_any_sheet_gives_checked_rows_or_a_clear_message(world: World, rows: list[Any]) -> None:
    content = xlsx_bytes([["Naam", "GSM"], *rows])
    try:
        result = parse_import(world.member("coordinator"), "lijst.xlsx", content)
    except ImportFileError as error:
        assert str(error)
    else:
        assert all(row.line >= 2 for row in result)
