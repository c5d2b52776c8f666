"""A table of counts that never shows a cell below five (Django-free).

Primary suppression hides every cell, row total, column total and grand total under the
threshold. Complementary suppression then hides more cells until no row or column (with its
total) has exactly one hidden cell, because that one could be worked out by subtraction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

THRESHOLD = 5

# How many years back the report goes.
YEARS_BACK = 5


@dataclass(frozen=True)
class Period:
    """A fixed block of time: a calendar quarter or a calendar year.

    The report only counts fixed, ended blocks. With free dates, two reports a day apart
    differ by one case; with a block that has not ended, the same report a week later does.
    """

    year: int
    quarter: int | None = None  # 1 to 4; None: the whole year

    @property
    def since(self) -> date:
        return date(self.year, 3 * (self.quarter or 1) - 2, 1)

    @property
    def until(self) -> date:
        if self.quarter is None or self.quarter == 4:
            return date(self.year, 12, 31)
        return date(self.year, 3 * self.quarter + 1, 1) - timedelta(days=1)

    @property
    def key(self) -> str:
        """As it stands in the URL: 2026 or 2026-3."""
        return f"{self.year}" if self.quarter is None else f"{self.year}-{self.quarter}"

    def quarters(self) -> list[Period]:
        if self.quarter is not None:
            return [self]
        return [Period(self.year, q) for q in range(1, 5)]


def ended_periods(today: date) -> list[Period]:
    """The blocks that have ended, newest first: each year followed by its quarters."""
    periods: list[Period] = []
    for year in range(today.year, today.year - YEARS_BACK - 1, -1):
        if year < today.year:
            periods.append(Period(year))
        periods.extend(p for q in range(4, 0, -1) if (p := Period(year, q)).until < today)
    return periods


@dataclass(frozen=True)
class Table:
    """Counts with their totals. `hidden` holds (row, column) positions that are not shown;
    row index len(rows) is the totals row, column index len(columns) the totals column."""

    counts: list[list[int]]
    hidden: frozenset[tuple[int, int]]

    def shown(self, row: int, column: int) -> int | None:
        return None if (row, column) in self.hidden else self.counts[row][column]


def with_totals(cells: Sequence[Sequence[int]]) -> list[list[int]]:
    """The cells with a total at the end of each row and a totals row at the bottom."""
    rows = [[*row, sum(row)] for row in cells]
    width = len(rows[0]) if rows else 1
    rows.append([sum(row[c] for row in rows) for c in range(width)])
    return rows


def _relations(height: int, width: int) -> list[list[tuple[int, int]]]:
    """Each row and each column of the table with totals: its cells add up to its total."""
    return [[(r, c) for c in range(width)] for r in range(height)] + [
        [(r, c) for r in range(height)] for c in range(width)
    ]


def suppress(
    cells: Sequence[Sequence[int]],
    threshold: int = THRESHOLD,
    also_hidden: Iterable[tuple[int, int]] = (),
) -> Table:
    """`also_hidden`: positions to hide whatever their count, e.g. for a year, every
    position hidden in one of its quarters, so that the year minus the shown quarters
    never gives away a hidden quarter."""
    counts = with_totals(cells)
    height, width = len(counts), len(counts[0])
    hidden = {(r, c) for r in range(height) for c in range(width) if counts[r][c] < threshold}
    hidden |= set(also_hidden)
    relations = _relations(height, width)
    changed = True
    while changed:
        changed = False
        for relation in relations:
            gone = [p for p in relation if p in hidden]
            if len(gone) != 1:
                continue
            # Hide the smallest other cell, an inner cell before a total, so that as much
            # as possible stays readable.
            others = sorted(
                (p for p in relation if p not in hidden),
                key=lambda p: (p[0] == height - 1 or p[1] == width - 1, counts[p[0]][p[1]]),
            )
            if others:
                hidden.add(others[0])
                changed = True
    return Table(counts=counts, hidden=frozenset(hidden))
