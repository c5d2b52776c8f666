"""Numbers from URLs are bounded positive whole numbers, or nothing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inbreng.lib.numbers import INT_MAX, positive_int


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1", 1), ("42", 42), (str(INT_MAX), INT_MAX), ("0", None), ("-1", None), ("+1", None)],
)
def test_it_reads_plain_positive_numbers(text: str, expected: int | None) -> None:
    assert positive_int(text) == expected


@pytest.mark.parametrize("text", ["99999999999999999999999", str(INT_MAX + 1), " 1", "1_0", "١"])
def test_it_refuses_what_a_database_cannot_hold_or_we_never_wrote(text: str) -> None:
    assert positive_int(text) is None


@given(st.text(max_size=40))
def test_any_text_gives_a_number_in_range_or_nothing(text: str) -> None:
    value = positive_int(text, maximum=1000)
    assert value is None or 1 <= value <= 1000
