"""Reach over the years: per profile question, each answer's share per year against the
clients' share of that year.

Each year's column is that year's reach table exactly as the reach page shows it for the
year (`reach.reach`, same scope), with its own small-cell and complementary suppression. So
the trend shows nothing a year's page does not, and the two can never be subtracted from
each other to find a hidden count. The trend shows no total over the years and no change
from one year to the next in people: the people of two years overlap, and a sum or a
difference of counts is where a hidden year's count would leak. Shares are compared, and a
share is shown only where the year's count is shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from inbreng.core.models import Organisation

from .models import Dimension
from .reach import MIN_SHOWN, Reach, population_by_year, reach

YEARS = 5


@dataclass
class TrendCell:
    year: int
    count: int | None  # None: hidden, or nobody took part that year
    share: int | None
    population_share: int | None
    under_represented: bool


@dataclass
class TrendRow:
    key: str
    label: str
    cells: list[TrendCell]


@dataclass
class TrendTable:
    dimension: str
    label: str
    years: list[int]
    rows: list[TrendRow]


@dataclass
class Trend:
    years: list[int]
    # People who took part per year; None when fewer than MIN_SHOWN (nothing is shown then).
    totals: list[int | None]
    tables: list[TrendTable]

    @property
    def shown(self) -> bool:
        return sum(1 for total in self.totals if total) >= 2


def trend(
    organisation: Organisation,
    year: int,
    group_id: int | None = None,
    trajectory_id: int | None = None,
    *,
    years: int = YEARS,
    this_year: Reach | None = None,
) -> Trend:
    """The last `years` years up to `year`. `this_year` is the reach already computed for
    `year` (the page has it), so that it is not computed twice."""
    span = list(range(year - years + 1, year + 1))
    population = population_by_year(organisation)
    found = [
        this_year
        if this_year is not None and y == year
        else reach(organisation, y, group_id, trajectory_id, population=population)
        for y in span
    ]
    usable = [r if r.total >= MIN_SHOWN else None for r in found]
    tables = []
    for dimension, label in Dimension.choices:
        rows: dict[str, TrendRow] = {}
        for y, result in zip(span, usable, strict=True):
            if result is None:
                continue
            table = next(t for t in result.tables if t.dimension == dimension)
            for row in table.rows:
                trend_row = rows.setdefault(row.key, TrendRow(row.key, row.label, []))
                trend_row.cells.append(
                    TrendCell(
                        year=y,
                        count=row.count,
                        share=row.share,
                        population_share=row.population_share,
                        under_represented=row.under_represented,
                    )
                )
        for trend_row in rows.values():
            have = {cell.year for cell in trend_row.cells}
            trend_row.cells += [
                TrendCell(y, None, None, None, False) for y in span if y not in have
            ]
            trend_row.cells.sort(key=lambda cell: cell.year)
        tables.append(TrendTable(dimension, str(label), span, list(rows.values())))
    totals: list[int | None] = [r.total if r is not None else None for r in usable]
    return Trend(years=span, totals=totals, tables=tables)
