"""Telling whether a word lies inside a placeholder, an address or a jargon term."""

from __future__ import annotations

import pytest

from inbreng.plainlanguage.spans import Spans

SPANS = Spans([(20, 25), (0, 5), (10, 15)])


@pytest.mark.parametrize(
    ("start", "end", "overlaps"),
    [
        (0, 1, True),
        (4, 6, True),
        (5, 10, False),  # spans are half-open: 5 and 10 are outside
        (6, 8, False),
        (9, 11, True),
        (14, 30, True),
        (2, 3, True),
        (25, 26, False),
        (30, 40, False),
        (-5, 0, False),
        (3, 22, True),
    ],
)
def test_it_tells_whether_a_stretch_touches_a_span(start: int, end: int, overlaps: bool) -> None:
    assert SPANS.overlaps(start, end) is overlaps


def test_it_finds_nothing_in_no_spans() -> None:
    assert not Spans([]).overlaps(0, 100)
