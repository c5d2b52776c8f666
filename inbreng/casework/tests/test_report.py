"""The signals report: counts per life domain and kind, never a cell below five."""

from __future__ import annotations

import re
from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import World
from inbreng.casework.models import Signal
from inbreng.casework.reports import THRESHOLD, suppress

tables = st.integers(min_value=1, max_value=6).flatmap(
    lambda width: st.lists(
        st.lists(st.integers(min_value=0, max_value=30), min_size=width, max_size=width),
        min_size=1,
        max_size=6,
    )
)


@settings(max_examples=300)
@given(tables)
def test_no_shown_cell_is_below_five(cells: list[list[int]]) -> None:
    table = suppress(cells)
    for r, row in enumerate(table.counts):
        for c, value in enumerate(row):
            shown = table.shown(r, c)
            assert shown is None or (shown == value and shown >= THRESHOLD)


@settings(max_examples=300)
@given(tables)
def test_no_hidden_cell_can_be_worked_out_from_a_total(cells: list[list[int]]) -> None:
    """In every row and column (with its total) zero or at least two cells are hidden."""
    table = suppress(cells)
    height, width = len(table.counts), len(table.counts[0])
    lines = [[(r, c) for c in range(width)] for r in range(height)]
    lines += [[(r, c) for r in range(height)] for c in range(width)]
    for line in lines:
        assert sum(1 for p in line if p in table.hidden) != 1, (cells, sorted(table.hidden))


@settings(max_examples=100)
@given(tables)
def test_the_totals_add_up(cells: list[list[int]]) -> None:
    table = suppress(cells)
    assert table.counts[-1][-1] == sum(map(sum, cells))


def test_large_counts_stay_visible() -> None:
    table = suppress([[10, 20], [30, 40]])
    assert table.hidden == frozenset()


def _signals(world: World, kind: str, domain: str, count: int, day: date) -> None:
    for _ in range(count):
        Signal.objects.create(
            organisation=world.org,
            kind=kind,
            life_domain=domain,
            concerns="Regel",
            description="Beschrijving",
            recorded_on=day,
        )


def cells_of(html: str) -> list[str]:
    body = html.split("<tbody>", 1)[1].split("</tfoot>", 1)[0]
    return re.findall(r"<td[^>]*>([^<]*)</td>", body)


def test_the_report_page_shows_large_counts_and_hides_small_ones(world: World) -> None:
    today = timezone.localdate()
    _signals(world, "threshold", "housing", 7, today)
    _signals(world, "waiting_list", "housing", 6, today)
    _signals(world, "rights", "income", 3, today)
    _signals(world, "gap", "income", 9, today - timedelta(days=800))  # outside the period
    response = world.client_for("policy_maker").get(
        reverse("casework:signal_report"),
        {"since": (today - timedelta(days=30)).isoformat(), "until": today.isoformat()},
    )
    assert response.status_code == 200
    cells = cells_of(response.content.decode())
    shown = [int(c) for c in cells if c.strip().isdigit()]
    assert 7 in shown and 6 in shown and 13 in shown
    assert all(n >= THRESHOLD for n in shown)
    assert "3" not in [c.strip() for c in cells]
    assert "9" not in [c.strip() for c in cells]


def test_the_report_is_for_policy_makers_admins_and_lco_coordinators(world: World) -> None:
    assert (
        world.client_for("policy_maker").get(reverse("casework:signal_report")).status_code == 200
    )
    assert (
        world.client_for("social_worker").get(reverse("casework:signal_report")).status_code == 403
    )
