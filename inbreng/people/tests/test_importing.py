"""Importing the coordinators' own lists: checked per line, added all at once or not at all."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import Workbook

from conftest import World, make_participant
from inbreng.core.models import AuditEvent
from inbreng.people.importing import ImportFileError, parse_import
from inbreng.people.models import Channel, Participant

from .helpers import Page, in_english

UPLOAD = reverse("people:import")
PREVIEW = reverse("people:import_preview")

HEADER = ["Naam", "GSM", "E-mail", "Straat", "Postcode", "Gemeente", "Taal", "Kinderopvang"]


def csv_bytes(rows: list[list[str]], sep: str = ",", encoding: str = "utf-8") -> bytes:
    lines = [sep.join(f'"{v}"' if sep in v else v for v in row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def xlsx_bytes(rows: list[list[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def parse(world: World, content: bytes, name: str = "lijst.csv") -> list[Any]:
    return parse_import(world.member("coordinator"), name, content)


def people_count(world: World) -> int:
    return Participant.objects.filter(organisation=world.org).count()


def upload(client: Client, content: bytes, name: str = "lijst.csv") -> Any:
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, content)})


GOOD = [
    HEADER,
    ["Fatima", "0470 11 22 33", "", "", "", "", "arabisch", "ja"],
    ["Jan Peeters", "", "jan@example.be", "", "", "", "", "nee"],
    ["Zoë", "", "", "Kerkstraat 1, bus 2", "9000", "Gent", "Frans", ""],
]


# Reading files ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sep", "encoding"),
    [(",", "utf-8"), (";", "utf-8"), (";", "utf-8-sig"), (",", "utf-8-sig"), (";", "cp1252")],
)
def test_it_reads_csv_with_commas_or_semicolons_in_the_usual_encodings(
    world: World, sep: str, encoding: str
) -> None:
    rows = parse(world, csv_bytes(GOOD, sep, encoding))

    assert [r.errors for r in rows] == [[], [], []]
    assert [r.line for r in rows] == [2, 3, 4]
    fatima, jan, zoe = (r.data for r in rows)
    assert fatima["name"] == "Fatima"
    assert fatima["phone"] == "+32470112233"
    assert fatima["language"] == "ar"
    assert fatima["needs_childcare"] is True
    assert fatima["preferred_channel"] == Channel.SMS
    assert jan["email"] == "jan@example.be"
    assert jan["preferred_channel"] == Channel.EMAIL
    assert jan["needs_childcare"] is False
    assert zoe["name"] == "Zoë"
    assert zoe["street"] == "Kerkstraat 1, bus 2"
    assert zoe["language"] == "fr"
    assert zoe["preferred_channel"] == Channel.LETTER


def test_it_reads_an_excel_file_with_numbers_in_number_cells(world: World) -> None:
    content = xlsx_bytes(
        [
            ["naam", "telefoon", "postcode", "gemeente", "straat", "vervoer"],
            ["Fatima", 470112233, 9000, "Gent", "Kerkstraat 1", "x"],
            [None, None, None, None, None, None],
            ["Jan", "+31 6 12345678", None, None, None, None],
        ]
    )

    rows = parse(world, content, "lijst.xlsx")

    assert [r.errors for r in rows] == [[], []]
    assert [r.line for r in rows] == [2, 4]
    assert rows[0].data["phone"] == "+32470112233"
    assert rows[0].data["postal_code"] == "9000"
    assert rows[0].data["needs_transport"] is True
    assert rows[1].data["phone"] == "+31612345678"


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Roepnaam", "name"),
        ("  NAAM  ", "name"),
        ("Naam op brieven", "postal_name"),
        ("Tel", "phone"),
        ("Mail", "email"),
        ("Adres", "street"),
        ("Woonplaats", "city"),
        ("Eenvoudige taal", "needs_easy_read"),
        ("Grote letters", "needs_large_print"),
        ("Rolstoel", "needs_wheelchair_access"),
        ("Tolk", "needs_interpreter"),
    ],
)
def test_it_maps_the_column_names_coordinators_use(world: World, header: str, field: str) -> None:
    value = "ja" if field.startswith("needs_") else "Kerkstraat 1"
    if field in ("name", "postal_name"):
        value = "Fatima"
    elif field == "phone":
        value = "0470 11 22 33"
    elif field == "email":
        value = "f@example.be"
    rows = [["Naam", "GSM", header], ["Fatima", "0470 11 22 34", value]]
    if field == "name":
        rows = [[header, "GSM"], ["Fatima", "0470 11 22 34"]]

    [row] = parse(world, csv_bytes(rows))

    expected: Any = True if field.startswith("needs_") else value
    if field == "phone":
        expected = "+32470112234"  # the first phone column counts
    assert row.data[field] == expected


def test_it_ignores_columns_it_does_not_know(world: World) -> None:
    [row] = parse(
        world, csv_bytes([["Naam", "GSM", "Rijksregisternummer"], ["An", "0470112233", "85"]])
    )

    assert row.errors == []
    assert "85" not in row.data.values()


# Errors per line ---------------------------------------------------------------------------


def test_it_reports_each_error_with_its_line_number_in_dutch(world: World) -> None:
    rows = [
        HEADER,
        ["Goed", "0470 11 22 33", "", "", "", "", "", ""],
        ["Slecht nummer", "0470 12", "", "", "", "", "", ""],
        ["Slecht adres", "", "jan@", "", "", "", "", ""],
        ["Slechte postcode", "0470 11 22 44", "", "", "900", "", "", ""],
        ["", "0470 11 22 55", "", "", "", "", "", ""],
        ["Onbekende taal", "0470 11 22 66", "", "", "", "", "Klingon", ""],
        ["Geen ja of nee", "0470 11 22 77", "", "", "", "", "", "misschien"],
    ]

    with translation.override("nl"):
        checked = parse(world, csv_bytes(rows))
        expected = {
            3: gettext("Phone: “%(value)s” is not a valid number.") % {"value": "0470 12"},
            4: gettext("E-mail: “%(value)s” is not a valid address.") % {"value": "jan@"},
            5: gettext("Postal code: “%(value)s” does not have four digits.") % {"value": "900"},
            6: gettext("The name is empty."),
            7: gettext("Language: “%(value)s” is not a language we know.") % {"value": "Klingon"},
            8: gettext("%(column)s: write yes or no, not “%(value)s”.")
            % {"column": gettext("childcare"), "value": "misschien"},
        }

    errors = {row.line: row.errors for row in checked if row.errors}
    assert errors == {line: [message] for line, message in expected.items()}


@pytest.mark.parametrize(
    ("extra_header", "values", "fragment"),
    [
        (["Kanaal"], ["Fatima", "", "sms"], "phone number"),
        (["Kanaal"], ["Fatima", "", "e-mail"], "e-mail address"),
        (["Kanaal"], ["Fatima", "", "brief"], "full address"),
        (["Kanaal"], ["Fatima", "", "postduif"], "sms, e-mail"),
        (["Kanaal"], ["Fatima", "09 266 11 11", "sms"], "cannot receive SMS"),
        ([], ["Fatima", ""], "no way to reach"),
    ],
)
def test_it_refuses_a_line_whose_channel_cannot_reach_the_person(
    world: World, extra_header: list[str], values: list[str], fragment: str
) -> None:
    with translation.override("en"):
        [row] = parse(world, csv_bytes([["Naam", "GSM", *extra_header], values]))

    assert len(row.errors) == 1
    assert fragment in row.errors[0]


def test_it_chooses_a_phone_call_for_a_landline_when_the_list_names_no_channel(
    world: World,
) -> None:
    [row] = parse(world, csv_bytes([["Naam", "Telefoon"], ["Fatima", "09 266 11 11"]]))

    assert row.errors == []
    assert row.data["preferred_channel"] == Channel.PHONE


@pytest.mark.parametrize("postal_code", ["٩٠٠٠", "0900", "90000", "9 000"])
def test_it_refuses_postal_codes_that_only_look_like_four_digits(
    world: World, postal_code: str
) -> None:
    [row] = parse(
        world,
        csv_bytes([["Naam", "GSM", "Postcode"], ["Fatima", "0470112233", postal_code]]),
    )

    assert len(row.errors) == 1


@pytest.mark.parametrize(
    ("column", "value"),
    [("Naam", "x" * 101), ("Straat", "y" * 151), ("E-mail", "a" * 250 + "@example.be")],
)
def test_it_refuses_overlong_values_per_line(world: World, column: str, value: str) -> None:
    header = ["Naam", "GSM", column] if column != "Naam" else ["Naam", "GSM"]
    values = ["Fatima", "0470112233", value] if column != "Naam" else [value, "0470112233"]

    [row] = parse(world, csv_bytes([header, values]))

    assert len(row.errors) == 1


def test_it_drops_nul_characters_that_the_database_cannot_store(world: World) -> None:
    [row] = parse(world, b"Naam,GSM\r\nFa\x00tima,0470112233\r\n")

    assert row.data["name"] == "Fatima"


# Duplicates --------------------------------------------------------------------------------


def test_it_flags_likely_duplicates_in_the_register_and_within_the_file(world: World) -> None:
    known = make_participant(
        world.org, name="Jan Peeters", phone="", email="jan@example.be", postal_code="9000"
    )
    make_participant(world.other_org, name="Elders", phone="+32470998877")
    rows = parse(
        world,
        csv_bytes(
            [
                ["Naam", "GSM", "E-mail", "Postcode", "Straat", "Gemeente"],
                ["Anouk", "0470 12 34 56", "", "", "", ""],
                ["Iemand", "", "JAN@example.be", "", "", ""],
                ["jan peeters", "", "", "9000", "Kerkstraat 1", "Gent"],
                ["Nieuw", "0470 55 55 55", "", "", "", ""],
                ["Nieuw ook", "0470 55 55 55", "", "", "", ""],
                ["Elders", "0470 99 88 77", "", "", "", ""],
            ]
        ),
    )

    flags = {r.line: (r.duplicate_of, r.same_as_line) for r in rows}
    assert flags == {
        2: ([world.participant.pk], None),
        3: ([known.pk], None),
        4: ([known.pk], None),
        5: ([], None),
        6: ([], 5),
        7: ([], None),
    }


# Files that cannot be used -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("leeg.csv", b"   \r\n\r\n"),
        ("kop.csv", b"Naam;GSM\r\n"),
        ("kop.csv", b"Naam;GSM\r\n;\r\n;\r\n"),
        ("geen-naam.csv", b"Voornaam van de hond;Kleur\r\nRex;bruin\r\n"),
        ("afbeelding.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x81\x8d\x8f\x90\x9d"),
        ("kapot.xlsx", b"PK\x03\x04 dit is geen excel"),
        ("groot.csv", b"Naam\r\n" + b"a" * 200_000 + b"\r\n"),
        ("leeg.xlsx", None),
    ],
)
def test_it_refuses_an_unusable_file_with_a_message(
    world: World, name: str, content: bytes | None
) -> None:
    if content is None:
        content = xlsx_bytes([])

    with pytest.raises(ImportFileError) as refused:
        parse(world, content, name)

    assert str(refused.value)


def test_it_refuses_a_file_with_more_people_than_it_can_check(world: World) -> None:
    rows = [["Naam", "GSM"]] + [[f"P{n}", ""] for n in range(5001)]

    with pytest.raises(ImportFileError):
        parse(world, csv_bytes(rows))


# The pages ---------------------------------------------------------------------------------


def test_it_previews_an_upload_before_adding_anyone(world: World, coordinator: Client) -> None:
    before = people_count(world)

    response = upload(coordinator, csv_bytes(GOOD, ";"))
    preview = coordinator.get(PREVIEW)

    assert response.status_code == 302
    assert response["Location"] == PREVIEW
    assert Page(preview).table_column(1) == ["Fatima", "Jan Peeters", "Zoë"]
    assert people_count(world) == before


def test_it_adds_everyone_on_confirm_and_audits_the_import(
    world: World, coordinator: Client
) -> None:
    before = people_count(world)
    upload(coordinator, csv_bytes(GOOD))

    response = coordinator.post(PREVIEW, {"confirm": "1"}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("people:register")
    assert people_count(world) == before + 3
    assert "3" in Page(response).messages
    fatima = Participant.objects.get(organisation=world.org, name="Fatima")
    assert fatima.referred_by_user == world.users["coordinator"]
    assert fatima.needs_childcare
    [event] = AuditEvent.objects.filter(action=AuditEvent.Action.IMPORT)
    assert event.detail == {"count": 3}
    # The import is done: going back to the preview starts again.
    assert coordinator.get(PREVIEW)["Location"] == UPLOAD


def test_it_shows_the_lines_with_errors_and_offers_no_way_to_add_them(
    world: World, coordinator: Client
) -> None:
    before = people_count(world)
    content = csv_bytes([HEADER, GOOD[1], ["Fout", "0470 12", "", "", "", "", "", ""]])
    upload(in_english(coordinator), content)

    preview = coordinator.get(PREVIEW)
    forced = coordinator.post(PREVIEW, {"confirm": "1"})

    summary = Page(preview).one(cls="error-summary")
    assert summary is not None
    assert "Line 3:" in summary.text
    assert "0470 12" in summary.text
    assert Page(preview).one("button", name="confirm") is None
    assert forced.status_code == 200
    assert people_count(world) == before


def test_it_shows_likely_duplicates_and_skips_them_when_asked(
    world: World, coordinator: Client
) -> None:
    before = people_count(world)
    content = csv_bytes(
        [
            ["Naam", "GSM"],
            ["Anouk", "0470 12 34 56"],
            ["Nieuw", "0470 55 55 55"],
            ["Nieuw ook", "0470 55 55 55"],
        ]
    )
    upload(in_english(coordinator), content)

    preview = Page(coordinator.get(PREVIEW))
    coordinator.post(PREVIEW, {"confirm": "1", "skip_duplicates": "1"})

    warning = preview.one(cls="warning")
    assert warning is not None
    assert "Line 2: Anouk" in warning.text
    assert "same as line 3" in warning.text
    assert preview.value("skip_duplicates") is True
    assert people_count(world) == before + 1
    assert Participant.objects.filter(organisation=world.org, name="Nieuw").exists()


def test_it_previews_and_adds_strange_names_escaped(world: World, coordinator: Client) -> None:
    names = ["<script>alert(1)</script>", "محمد العربي", "Zoë 😀", "=cmd|' /C calc'!A0"]
    content = csv_bytes(
        [["Naam", "GSM"], *[[name, f"0470 11 22 3{n}"] for n, name in enumerate(names)]]
    )
    upload(coordinator, content)

    preview = coordinator.get(PREVIEW)
    coordinator.post(PREVIEW, {"confirm": "1"})

    assert preview.status_code == 200
    assert "<script>alert(1)</script>" not in preview.content.decode()
    assert Page(preview).table_column(1) == names
    stored = set(Participant.objects.filter(organisation=world.org).values_list("name", flat=True))
    assert set(names) <= stored


def test_it_adds_likely_duplicates_too_when_the_coordinator_unticks_skipping(
    world: World, coordinator: Client
) -> None:
    before = people_count(world)
    upload(coordinator, csv_bytes([["Naam", "GSM"], ["Anouk", "0470 12 34 56"]]))

    coordinator.post(PREVIEW, {"confirm": "1"})

    assert people_count(world) == before + 1


def test_it_adds_nothing_when_the_import_is_cancelled(world: World, coordinator: Client) -> None:
    before = people_count(world)
    upload(coordinator, csv_bytes(GOOD))

    response = coordinator.post(PREVIEW, {"cancel": "1"}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("people:register")
    assert people_count(world) == before
    assert coordinator.get(PREVIEW)["Location"] == UPLOAD


def test_it_adds_nothing_when_a_checked_row_fails_at_the_last_moment(
    world: World, coordinator: Client
) -> None:
    before = people_count(world)
    upload(coordinator, csv_bytes(GOOD))
    # The session holds the checked rows; spoil one as a stale or tampered session could.
    session = coordinator.session
    session["people_import"]["rows"][2]["data"]["email"] = "geen-adres"
    session.save()

    response = coordinator.post(PREVIEW, {"confirm": "1"})

    assert response.status_code == 200
    assert Page(response).messages != ""
    assert people_count(world) == before


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("leeg.csv", b"", "The submitted file is empty."),
        ("kop.csv", b"Naam;GSM\r\n", "The file has no people in it, only a header row."),
        ("foto.png", b"\x89PNG\r\n", "Choose a CSV or .xlsx file."),
        ("oud.xls", b"\xd0\xcf\x11\xe0", "Choose a CSV or .xlsx file."),
        ("kapot.xlsx", b"geen zip", "This Excel file cannot be read."),
        ("groot.csv", b"Naam\r\n" + b"a" * (5 * 1024 * 1024), "The file is larger than 5 MB."),
    ],
)
def test_it_explains_why_a_file_cannot_be_imported_and_never_fails(
    world: World, coordinator: Client, name: str, content: bytes, message: str
) -> None:
    before = people_count(world)

    response = upload(in_english(coordinator), content, name)

    assert response.status_code == 200
    assert Page(response).error("file") == message
    assert Page(response).is_invalid("file")
    assert people_count(world) == before


def test_it_explains_a_file_problem_in_dutch_by_default(coordinator: Client) -> None:
    response = upload(coordinator, b"Naam;GSM\r\n")

    with translation.override("nl"):
        expected = gettext("The file has no people in it, only a header row.")
    assert Page(response).error("file") == expected


@pytest.mark.parametrize("role", ["social_worker", "partner_worker"])
def test_it_lets_only_admins_and_coordinators_import(world: World, role: str) -> None:
    client = world.client_for(role)
    before = people_count(world)

    response = upload(client, csv_bytes(GOOD))

    assert response.status_code == 403
    assert people_count(world) == before


def test_it_never_saves_an_import_checked_in_another_organisation(world: World) -> None:
    # The coordinator also works for a second organisation, checks a list in the first and
    # then switches: the rows were checked against the first register only.
    from conftest import verified_login
    from inbreng.core.models import Membership

    coordinator = world.users["coordinator"]
    Membership.objects.create(organisation=world.other_org, user=coordinator, is_coordinator=True)
    client = verified_login(Client(), coordinator)
    client.post(reverse("core:switch_organisation"), {"organisation": world.org.pk})
    assert upload(client, csv_bytes(GOOD)).status_code == 302

    client.post(reverse("core:switch_organisation"), {"organisation": world.other_org.pk})
    response = client.post(PREVIEW, {"confirm": "1"})

    assert response.status_code == 302
    assert response["Location"] == UPLOAD
    assert not Participant.objects.filter(organisation=world.other_org, name="Fatima").exists()
    assert not Participant.objects.filter(name="Fatima").exists()
