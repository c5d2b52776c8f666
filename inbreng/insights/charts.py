"""Bar charts as plain SVG, drawn on the server: no script, readable in greyscale.

Two bars per answer: those who took part (solid dark) and the clients (light with a dark
outline), so the difference does not depend on colour. The numbers are in the table beside
the chart; the chart itself carries a title for screen readers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from .reach import ReachTable
from .trend import TrendTable

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


# Trend: one small line chart per answer ("small multiples"), share per year. Those who took
# part: a solid dark line with filled dots; the clients: a dashed line with open squares. A
# year whose count is hidden has no dot, and the line breaks there.
SMALL_WIDTH = 220
SMALL_HEIGHT = 130
PLOT_LEFT = 34
PLOT_RIGHT = 12
PLOT_TOP = 12
PLOT_BOTTOM = 40


@dataclass
class Point:
    x: int
    y: int


@dataclass
class SmallChart:
    id: str
    label: str
    top_label: str
    ours: list[str]  # polyline points of each segment between shown years: "x,y x,y"
    theirs: list[str]
    ours_points: list[Point]
    theirs_points: list[Point]
    years: list[tuple[int, str]]  # x, year


def _segments(points: list[Point | None]) -> list[str]:
    segments: list[list[Point]] = []
    current: list[Point] = []
    for point in points:
        if point is None:
            if len(current) > 1:
                segments.append(current)
            current = []
        else:
            current.append(point)
    if len(current) > 1:
        segments.append(current)
    return [" ".join(f"{p.x},{p.y}" for p in segment) for segment in segments]


def trend_charts(table: TrendTable) -> list[SmallChart]:
    """One small chart per answer of a trend table, all on the same scale."""
    values = [
        value
        for row in table.rows
        for cell in row.cells
        for value in (cell.share, cell.population_share)
        if value is not None
    ]
    top = max(10, min(100, 10 * math.ceil(max(values, default=0) * 1.1 / 10)))
    plot_width = SMALL_WIDTH - PLOT_LEFT - PLOT_RIGHT
    plot_height = SMALL_HEIGHT - PLOT_TOP - PLOT_BOTTOM
    count = len(table.years)
    xs = [
        PLOT_LEFT + (round(plot_width * i / (count - 1)) if count > 1 else plot_width // 2)
        for i in range(count)
    ]

    def y(share: int) -> int:
        return PLOT_TOP + plot_height - round(plot_height * min(share, top) / top)

    charts = []
    for index, row in enumerate(table.rows):
        ours = [
            Point(x, y(c.share)) if c.share is not None else None
            for x, c in zip(xs, row.cells, strict=True)
        ]
        theirs = [
            Point(x, y(c.population_share)) if c.population_share is not None else None
            for x, c in zip(xs, row.cells, strict=True)
        ]
        charts.append(
            SmallChart(
                id=f"{table.dimension}-{index}",
                label=row.label,
                top_label=f"{top}%",
                ours=_segments(ours),
                theirs=_segments(theirs),
                ours_points=[p for p in ours if p is not None],
                theirs_points=[p for p in theirs if p is not None],
                years=[(x, str(year)[2:]) for x, year in zip(xs, table.years, strict=True)],
            )
        )
    return charts


def trend_svg(chart: SmallChart) -> SafeString:
    """The small chart as SVG markup, written here rather than by a template: a city's page
    has some forty of them, and the template engine made them the slowest part of the page.
    Every text is escaped by format_html."""
    title = _(
        "Chart: %(label)s per year. Solid line: those who took part. Dashed line: our "
        "clients. The numbers are in the table."
    ) % {"label": chart.label}
    years = format_html_join(
        "",
        '<text x="{}" y="106" font-size="10" fill="#1a1a1a" text-anchor="middle">’{}</text>',
        chart.years,
    )
    theirs = format_html_join(
        "",
        '<polyline fill="none" stroke="#1a1a1a" stroke-width="1.5" stroke-dasharray="5 3" '
        'points="{}"/>',
        ((segment,) for segment in chart.theirs),
    )
    squares = format_html_join(
        "",
        '<rect x="{}" y="{}" width="6" height="6" fill="#ffffff" stroke="#1a1a1a"/>',
        ((p.x - 3, p.y - 3) for p in chart.theirs_points),
    )
    ours = format_html_join(
        "",
        '<polyline fill="none" stroke="#1a1a1a" stroke-width="2.5" points="{}"/>',
        ((segment,) for segment in chart.ours),
    )
    dots = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="3.5" fill="#1a1a1a"/>',
        ((p.x, p.y) for p in chart.ours_points),
    )
    label = chart.label if len(chart.label) <= 30 else chart.label[:29] + "…"
    return format_html(
        '<svg class="chart chart--small" role="img" aria-labelledby="trend-{id}-title" '
        'viewBox="0 0 {w} {h}" width="{w}" height="{h}" xmlns="http://www.w3.org/2000/svg">'
        '<title id="trend-{id}-title">{title}</title>'
        '<text x="34" y="9" font-size="11" fill="#1a1a1a">{label}</text>'
        '<line x1="34" y1="90" x2="208" y2="90" stroke="#1a1a1a"/>'
        '<line x1="34" y1="12" x2="208" y2="12" stroke="#bdbdbd" stroke-dasharray="2 3"/>'
        '<text x="0" y="94" font-size="10" fill="#1a1a1a">0%</text>'
        '<text x="0" y="16" font-size="10" fill="#1a1a1a">{top}</text>'
        "{years}{theirs}{squares}{ours}{dots}"
        '<line x1="34" y1="122" x2="50" y2="122" stroke="#1a1a1a" stroke-width="2.5"/>'
        '<text x="54" y="126" font-size="10" fill="#1a1a1a">{took_part}</text>'
        '<line x1="120" y1="122" x2="136" y2="122" stroke="#1a1a1a" stroke-width="1.5" '
        'stroke-dasharray="5 3"/>'
        '<text x="140" y="126" font-size="10" fill="#1a1a1a">{clients}</text></svg>',
        id=chart.id,
        w=SMALL_WIDTH,
        h=SMALL_HEIGHT,
        title=title,
        label=label,
        top=chart.top_label,
        years=years,
        theirs=theirs,
        squares=squares,
        ours=ours,
        dots=dots,
        took_part=_("Took part"),
        clients=_("Our clients"),
    )
