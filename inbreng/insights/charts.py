"""Bar charts as plain SVG, drawn on the server: no script, readable in greyscale.

Two bars per answer: those who took part (solid dark) and the clients (light with a dark
outline), so the difference does not depend on colour. The numbers are in the table beside
the chart; the chart itself carries a title for screen readers.
"""

from __future__ import annotations

from dataclasses import dataclass

from .reach import ReachTable

LABEL_WIDTH = 220
BAR_WIDTH = 300
BAR_HEIGHT = 14
ROW_HEIGHT = 44
TOP = 34


@dataclass
class Bar:
    y: int
    width: int
    text_x: int
    text: str


@dataclass
class ChartRow:
    label: str
    label_y: int
    ours: Bar | None
    theirs: Bar | None


@dataclass
class Chart:
    width: int
    height: int
    label_width: int
    rows: list[ChartRow]


def _bar(y: int, share: int | None) -> Bar | None:
    if share is None:
        return None
    width = round(BAR_WIDTH * min(max(share, 0), 100) / 100)
    return Bar(y=y, width=width, text_x=LABEL_WIDTH + width + 6, text=f"{share}%")


def reach_chart(table: ReachTable) -> Chart:
    rows = []
    for index, row in enumerate(table.rows):
        top = TOP + index * ROW_HEIGHT
        rows.append(
            ChartRow(
                label=row.label,
                label_y=top + BAR_HEIGHT,
                ours=_bar(top, row.share),
                theirs=_bar(top + BAR_HEIGHT + 2, row.population_share),
            )
        )
    return Chart(
        width=LABEL_WIDTH + BAR_WIDTH + 60,
        height=TOP + len(rows) * ROW_HEIGHT + 4,
        label_width=LABEL_WIDTH,
        rows=rows,
    )
