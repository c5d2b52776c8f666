"""Importing the client population: preview, errors per line, all or nothing."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from conftest import World
from inbreng.core.models import AuditEvent
from inbreng.insights.models import PopulationCount
from inbreng.insights.population import parse_population, whole_number

GOOD = (
    "jaar;vraag;antwoord;aantal\n"
    "2025;Leeftijd;Jonger dan 25;420\n"
    "2025;age_band;25_44;1.310\n"
    "2025;Taal thuis;Arabisch;95\n"
    "2025;Buurt;Rabot;300\n"
)


def upload(client: Any, name: str, content: bytes) -> Any:
    return client.post(reverse("insights:population"), {"file": SimpleUploadedFile(name, content)})


def test_it_reads_codes_and_dutch_words() -> None:
    rows = parse_population("p.csv", GOOD.encode())
    assert [(r.year, r.dimension, r.category, r.count, r.errors) for r in rows] == [
        (2025, "age_band", "u25", 420, []),
        (2025, "age_band", "25_44", 1310, []),
        (2025, "home_language", "ar", 95, []),
        (2025, "neighbourhood", "Rabot", 300, []),
    ]


def test_it_names_each_wrong_line_and_why() -> None:
    content = (
        b"jaar;vraag;antwoord;aantal\n"
        b"2025;Leeftijd;Jonger dan 25;420\n"
        b"2025;Schoenmaat;42;3\n"  # unknown question
        b"2025;Leeftijd;Marsmannetje;3\n"  # unknown answer
        b"2025;Leeftijd;25 tot 44;-4\n"  # negative
        b"2025;Leeftijd;45 tot 64;veel\n"  # not a number
        b"2025;Leeftijd;jonger dan 25;10\n"  # duplicate of line 2
        b";Leeftijd;65 of ouder;10\n"  # missing year
    )
    rows = {r.line: r.errors for r in parse_population("p.csv", content)}
    assert rows[2] == []
    assert all(rows[line] for line in range(3, 9))
    assert "2" in rows[7][0]  # names the line it repeats


def test_it_reads_excel_files() -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Jaar", "Vraag", "Antwoord", "Aantal"])
    sheet.append([2025, "Gezin", "Alleen wonend", 800])
    sheet.append([2025.0, "income_situation", "leefloon", 12.0])
    data = io.BytesIO()
    book.save(data)
    rows = parse_population("p.xlsx", data.getvalue())
    assert [(r.year, r.dimension, r.category, r.count) for r in rows] == [
        (2025, "household_type", "single", 800),
        (2025, "income_situation", "integration_income", 12),
    ]
    assert all(not r.errors for r in rows)


@pytest.mark.parametrize(
    ("text", "number"), [("12", 12), ("1.234", 1234), ("1 234", 1234), ("7.0", 7), ("1,5", None)]
)
def test_it_reads_counts_as_people_write_them(text: str, number: int | None) -> None:
    assert whole_number(text) == number


def test_a_file_with_one_wrong_line_stores_nothing(world: World) -> None:
    client = world.client_for("admin")
    bad = (GOOD + "2025;Leeftijd;65 of ouder;-1\n").encode()
    response = upload(client, "p.csv", bad)
    assert response.status_code == 302
    page = client.get(reverse("insights:population_preview"))
    text = page.content.decode()
    assert "Regel 6" in text or "Line 6" in text
    # The save button is not offered; a forged save stores nothing either.
    assert 'name="save"' not in text
    client.post(reverse("insights:population_preview"), {"save": "1"})
    assert not PopulationCount.objects.exists()


def test_a_good_file_is_stored_after_the_preview_and_replaces_that_year(world: World) -> None:
    PopulationCount.objects.create(
        organisation=world.org, year=2025, dimension="age_band", category="65p", count=99
    )
    client = world.client_for("admin")
    upload(client, "p.csv", GOOD.encode())
    assert PopulationCount.objects.count() == 1  # nothing yet: only a preview
    response = client.post(reverse("insights:population_preview"), {"save": "1"})
    assert response.status_code == 302, response.content.decode()[-3000:]
    stored = set(
        PopulationCount.objects.filter(organisation=world.org).values_list(
            "dimension", "category", "count"
        )
    )
    assert stored == {
        ("age_band", "u25", 420),
        ("age_band", "25_44", 1310),
        ("home_language", "ar", 95),
        ("neighbourhood", "Rabot", 300),
    }
    assert AuditEvent.objects.filter(action=AuditEvent.Action.IMPORT).exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("p.csv", b""),
        ("p.csv", b"naam;telefoon\nJan;0470\n"),
        ("p.xlsx", b"not a zip"),
        ("p.csv", b"jaar;vraag;antwoord;aantal\n" + b"2025;Buurt;X;1\n" * 2500),
        ("p.pdf", b"%PDF"),
    ],
)
def test_unusable_files_are_refused_with_a_message(world: World, name: str, content: bytes) -> None:
    response = upload(world.client_for("admin"), name, content)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not PopulationCount.objects.exists()


def test_a_file_checked_for_another_organisation_is_not_saved_here(world: World) -> None:
    client = world.client_for("admin")
    upload(client, "p.csv", GOOD.encode())
    session = client.session
    session["insights_population"]["organisation"] = world.other_org.pk
    session.save()
    response = client.post(reverse("insights:population_preview"), {"save": "1"})
    assert response.status_code == 302
    assert not PopulationCount.objects.exists()
