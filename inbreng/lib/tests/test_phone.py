"""Phone numbers as staff type them: Belgian by default, international with + or 00."""

from __future__ import annotations

import pytest

from inbreng.lib.phone import InvalidPhoneNumber, can_receive_sms, format_phone, normalise_phone


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0470 12 34 56", "+32470123456"),
        ("0470/12.34.56", "+32470123456"),
        ("  0470123456  ", "+32470123456"),
        ("+32 470 12 34 56", "+32470123456"),
        ("+32 (0)470 12 34 56", "+32470123456"),
        ("0032470123456", "+32470123456"),
        ("09 234 56 78", "+3292345678"),
        ("+31 6 12345678", "+31612345678"),
        ("0031612345678", "+31612345678"),
        ("+33 6 12 34 56 78", "+33612345678"),
        ("٠٤٧٠١٢٣٤٥٦", "+32470123456"),  # typed with Arabic-Indic digits
    ],
)
def test_it_stores_a_number_in_one_international_form(typed: str, stored: str) -> None:
    assert normalise_phone(typed) == stored


@pytest.mark.parametrize("typed", ["", "   "])
def test_it_leaves_an_empty_number_empty(typed: str) -> None:
    assert normalise_phone(typed) == ""


@pytest.mark.parametrize(
    "typed",
    ["abc", "123", "0470", "0470 12 34 567", "+999 123", "+", "00", "<script>", "0" * 200],
)
def test_it_refuses_what_cannot_be_a_phone_number(typed: str) -> None:
    with pytest.raises(InvalidPhoneNumber):
        normalise_phone(typed)


def test_it_reads_a_number_for_another_region() -> None:
    assert normalise_phone("06 12345678", region="NL") == "+31612345678"


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("+32470123456", "0470 12 34 56"),
        ("+3292345678", "09 234 56 78"),
        ("+31612345678", "+31 6 12345678"),
        ("", ""),
        ("not a number", "not a number"),
    ],
)
def test_it_shows_a_number_as_people_write_it(stored: str, shown: str) -> None:
    assert format_phone(stored) == shown


@pytest.mark.parametrize(
    ("stored", "sms"),
    [
        ("+32470123456", True),
        ("+31612345678", True),
        ("+3292345678", False),  # a landline
        ("", False),
        ("garbage", False),
    ],
)
def test_it_knows_which_numbers_can_receive_an_sms(stored: str, sms: bool) -> None:
    assert can_receive_sms(stored) is sms


def test_it_round_trips_a_typed_number() -> None:
    assert normalise_phone(format_phone(normalise_phone("0470 12 34 56"))) == "+32470123456"
