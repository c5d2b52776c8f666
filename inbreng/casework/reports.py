"""A table of counts that never shows a cell below five (Django-free).

Primary suppression hides every cell, row total, column total and grand total under the
threshold. Complementary suppression then hides more cells until no row or column (with its
total) has exactly one hidden cell, because that one could be worked out by subtraction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

THRESHOLD = 5


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


def suppress(cells: Sequence[Sequence[int]], threshold: int = THRESHOLD) -> Table:
    counts = with_totals(cells)
    height, width = len(counts), len(counts[0])
    hidden = {(r, c) for r in range(height) for c in range(width) if counts[r][c] < threshold}
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
