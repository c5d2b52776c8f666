"""The signals report: counts per life domain and kind, never a cell below five."""

from __future__ import annotations

import re
from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import World
from inbreng.casework.forms import ReportPeriodForm
from inbreng.casework.models import LifeDomain, Signal
from inbreng.casework.reports import THRESHOLD, Period, ended_periods, suppress

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


def last_quarter() -> Period:
    return next(p for p in ended_periods(timezone.localdate()) if p.quarter is not None)


def test_the_report_page_shows_large_counts_and_hides_small_ones(world: World) -> None:
    quarter = last_quarter()
    day = quarter.since + timedelta(days=5)
    _signals(world, "threshold", "housing", 7, day)
    _signals(world, "waiting_list", "housing", 6, day)
    _signals(world, "rights", "income", 3, day)
    _signals(world, "gap", "income", 9, day - timedelta(days=800))  # outside the period
    response = world.client_for("policy_maker").get(
        reverse("casework:signal_report"), {"periode": quarter.key}
    )
    assert response.status_code == 200
    cells = cells_of(response.content.decode())
    shown = [int(c) for c in cells if c.strip().isdigit()]
    assert 7 in shown and 6 in shown and 13 in shown
    assert all(n >= THRESHOLD for n in shown)
    assert "3" not in [c.strip() for c in cells]
    assert "9" not in [c.strip() for c in cells]


def test_small_counts_say_less_than_five(world: World) -> None:
    quarter = last_quarter()
    _signals(world, "rights", "income", 3, quarter.since)
    _signals(world, "threshold", "housing", 7, quarter.since)
    page = world.client_for("policy_maker").get(
        reverse("casework:signal_report"), {"periode": quarter.key}
    )
    cells = [c.strip() for c in cells_of(page.content.decode())]
    # Once the Dutch is compiled this reads "minder dan 5".
    assert any(c in ("less than 5", "minder dan 5") for c in cells)
    assert "3" not in cells


def test_free_dates_are_not_accepted_so_two_reports_cannot_be_subtracted(world: World) -> None:
    """With free dates, the report up to yesterday and up to today differ by one case."""
    today = timezone.localdate()
    _signals(world, "threshold", "housing", 9, today - timedelta(days=1))
    _signals(world, "threshold", "housing", 1, today)
    policy = world.client_for("policy_maker")
    url = reverse("casework:signal_report")
    seen = set()
    for until in (today - timedelta(days=1), today):
        page = policy.get(url, {"since": (today - timedelta(days=2)).isoformat(), "until": until})
        assert page.status_code == 200
        seen.add(tuple(cells_of(page.content.decode())))
    # The period that has not ended is never counted; both asks give the same report.
    assert len(seen) == 1
    assert "10" not in seen.pop()
    # Only ended quarters and years can be chosen.
    choices = ReportPeriodForm().fields["periode"].choices  # type: ignore[attr-defined]
    assert all(
        Period(*map(int, str(key).split("-"))).until < today  # type: ignore[arg-type]
        for key, _label in choices
    )


def test_a_year_minus_its_shown_quarters_does_not_give_a_hidden_quarter_away(
    world: World,
) -> None:
    year = timezone.localdate().year - 1
    # Housing thresholds: 2 in the first quarter (hidden), 6 in each of the others.
    for quarter, count in ((1, 2), (2, 6), (3, 6), (4, 6)):
        _signals(world, "threshold", "housing", count, Period(year, quarter).since)
    # Enough elsewhere that the year's row and column totals are shown.
    for quarter in range(1, 5):
        _signals(world, "waiting_list", "housing", 6, Period(year, quarter).since)
        _signals(world, "threshold", "income", 6, Period(year, quarter).since)
    policy = world.client_for("policy_maker")
    url = reverse("casework:signal_report")

    def housing_threshold(key: str) -> str:
        html = policy.get(url, {"periode": key}).content.decode()
        body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
        rows = body.split("</tr>")
        housing = rows[LifeDomain.values.index("housing")]
        return re.findall(r"<td[^>]*>([^<]*)</td>", housing)[0].strip()

    shown = [housing_threshold(f"{year}-{q}") for q in (2, 3, 4)]
    assert shown == ["6", "6", "6"]
    assert not housing_threshold(f"{year}-1").isdigit()
    # The year's count (20) minus 18 would be the first quarter's 2: the year hides it too.
    assert not housing_threshold(str(year)).isdigit()


def test_the_report_is_for_policy_makers_admins_and_lco_coordinators(world: World) -> None:
    assert (
        world.client_for("policy_maker").get(reverse("casework:signal_report")).status_code == 200
    )
    assert (
        world.client_for("social_worker").get(reverse("casework:signal_report")).status_code == 403
    )


def test_a_wrong_period_shows_the_last_quarter_with_a_message(world: World) -> None:
    for wrong in ("x" * 500, "2026-9", str(timezone.localdate().year)):
        page = world.client_for("policy_maker").get(
            reverse("casework:signal_report"), {"periode": wrong}
        )
        assert page.status_code == 200
        assert 'aria-invalid="true"' in page.content.decode() or "errorlist" in (
            page.content.decode()
        )
