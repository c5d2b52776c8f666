"""Reach: shares against the clients, small cells hidden, under-representation tested."""

from __future__ import annotations

import math
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from conftest import Loop, World
from inbreng.insights.models import Snapshot
from inbreng.insights.reach import MIN_SHOWN, binomial_lower_tail, reach, suppressed

from .conftest import came


def test_one_small_count_takes_the_next_smallest_with_it() -> None:
    cells = {"young": 3, "middle": 6, "older": 8, "oldest": 0}
    # Shown total 17 minus the shown counts would give "young" away: "middle" goes too.
    assert suppressed(cells) == {"young", "middle"}


def test_small_counts_that_add_up_to_less_than_five_take_another() -> None:
    assert suppressed({"a": 1, "b": 2, "c": 20, "d": 9}) == {"a", "b", "d"}


def test_when_nothing_else_can_hide_it_everything_is_hidden() -> None:
    assert suppressed({"a": 2, "b": 0}) == {"a", "b"}


@given(st.dictionaries(st.text(max_size=3), st.integers(min_value=0, max_value=40), max_size=8))
def test_no_hidden_count_can_be_worked_out_from_the_total(cells: dict[str, int]) -> None:
    hidden = suppressed(cells)
    assert all(key in hidden for key, n in cells.items() if 0 < n < MIN_SHOWN)
    if hidden and hidden != set(cells):
        # Total minus what is shown leaves at least two hidden counts, together at least 5.
        assert len(hidden) >= 2
        assert sum(cells[k] for k in hidden) >= MIN_SHOWN


def test_the_binomial_tail_is_exact() -> None:
    assert binomial_lower_tail(0, 10, 0.5) == pytest.approx(0.5**10)
    expected = sum(math.comb(17, i) * 0.4**i * 0.6 ** (17 - i) for i in range(4))
    assert binomial_lower_tail(3, 17, 0.4) == pytest.approx(expected)
    assert binomial_lower_tail(5, 5, 0.3) == 1.0
    # Large numbers do not overflow.
    assert 0 <= binomial_lower_tail(1000, 20000, 0.1) < 1e-6


def test_it_hides_small_and_complementary_counts_on_crafted_data(
    world: World, loop: Loop, crafted: int
) -> None:
    found = reach(world.org, crafted)
    assert found.total == 17
    age = next(t for t in found.tables if t.dimension == "age_band")
    rows = {r.key: r for r in age.rows}
    assert rows["45_64"].count == 8
    # 3 is hidden; 6 is hidden too, else 17 - 8 would reveal the 3.
    assert rows["u25"].count is None and rows["u25"].share is None and rows["u25"].gap is None
    assert rows["25_44"].count is None and rows["25_44"].share is None
    assert age.answered == 17
    assert rows["45_64"].share == round(100 * 8 / 17)
    assert rows["45_64"].population_share == 30
    # 3 of 17 where 40 % is expected: under-represented beyond chance (p ≈ 0.046).
    assert rows["u25"].under_represented
    assert not rows["45_64"].under_represented
    assert age.summary and "40%" in age.summary[0]


def test_the_page_never_shows_a_hidden_count(world: World, loop: Loop, crafted: int) -> None:
    response = world.client_for("policy_maker").get(reverse("insights:reach"), {"jaar": crafted})
    assert response.status_code == 200
    html = response.content.decode()
    section = html[html.index('id="reach-age_band"') : html.index('id="reach-household_type"')]
    cells = re.findall(r"<td>([^<]*)</td>", section)
    assert "8" in cells
    assert "3" not in cells and "6" not in cells
    # The chart is an image with a name, and the numbers are in the table beside it.
    assert '<svg class="chart" role="img"' in section
    assert "<title" in section
    assert "47%" in section  # 8 of 17


def test_a_group_with_fewer_than_five_people_shows_nothing(world: World, loop: Loop) -> None:
    for _ in range(2):
        came(world, loop, age_band="u25")
    year = loop.meeting.starts_at.astimezone(timezone.get_current_timezone()).year
    response = world.client_for("coordinator").get(
        reverse("insights:reach"), {"jaar": year, "groep": loop.group.pk}
    )
    assert response.context["reach"].too_few
    assert 'class="chart"' not in response.content.decode()


def test_rather_not_say_is_counted_as_such(world: World, loop: Loop, crafted: int) -> None:
    for _ in range(5):
        came(world, loop, age_band="prefer_not")
    age = next(t for t in reach(world.org, crafted).tables if t.dimension == "age_band")
    assert age.prefer_not == 5
    assert age.answered == 17
    assert age.total == 22


def test_another_organisations_group_is_not_offered(world: World, loop: Loop) -> None:
    from inbreng.groups.models import ParticipationGroup

    theirs = ParticipationGroup.objects.create(organisation=world.other_org, name="Elders")
    response = world.client_for("coordinator").get(
        reverse("insights:reach"), {"jaar": 2026, "groep": theirs.pk}
    )
    assert response.status_code == 200
    assert response.context["group"] is None
    assert "Elders" not in response.content.decode()


def test_reach_needs_the_same_queries_however_many_people(
    world: World, loop: Loop, crafted: int, django_assert_max_num_queries: object
) -> None:
    client = world.client_for("coordinator")
    client.get(reverse("insights:reach"), {"jaar": crafted})
    for _ in range(30):
        came(world, loop, age_band="25_44", neighbourhood="Sluizeken")
    # Fixed: the year's tables, one count per earlier year of the trend (five years), the
    # client numbers, the channel table, the filter's lists, the session, and reading and
    # storing the three kept snapshots (computed again: as if older than kept.MAX_AGE).
    Snapshot.objects.all().delete()
    with django_assert_max_num_queries(36):  # type: ignore[operator]
        response = client.get(reverse("insights:reach"), {"jaar": crafted})
    assert response.context["reach"].total == 17 + 30
    # Within MAX_AGE the kept figures are read: a handful of queries.
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        again = client.get(reverse("insights:reach"), {"jaar": crafted})
    assert again.context["reach"].total == 17 + 30


def test_kept_figures_are_dropped_when_client_numbers_change_and_expire(
    world: World, loop: Loop, crafted: int
) -> None:
    from datetime import timedelta

    from inbreng.insights import kept, services
    from inbreng.insights.population import PopulationRow

    client = world.client_for("coordinator")
    assert client.get(reverse("insights:reach"), {"jaar": crafted}).context["reach"].total == 17
    came(world, loop, age_band="25_44")
    # Still the kept figures, for at most MAX_AGE.
    assert client.get(reverse("insights:reach"), {"jaar": crafted}).context["reach"].total == 17
    Snapshot.objects.update(computed_at=timezone.now() - kept.MAX_AGE - timedelta(seconds=1))
    fresh = client.get(reverse("insights:reach"), {"jaar": crafted})
    assert fresh.context["reach"].total == 18
    # The page says how old its figures are.
    assert timezone.localtime().strftime("%H:") in fresh.context["made_at"]
    assert fresh.context["made_at"] in fresh.content.decode()
    assert Snapshot.objects.filter(organisation=world.org).exists()
    services.population_import(
        organisation=world.org,
        by=world.users["admin"],
        rows=[
            PopulationRow(
                line=2, year=crafted, dimension="age_band", category="u25", count=10, errors=[]
            )
        ],
    )
    assert not Snapshot.objects.filter(organisation=world.org).exists()


def invite(world: World, loop: Loop, channel: str, *, attended: bool) -> None:
    from conftest import make_participant
    from inbreng.participation.models import Invitation

    person = make_participant(world.org, name="Uitgenodigd", preferred_channel=channel)
    Invitation.objects.create(
        organisation=world.org, meeting=loop.meeting, participant=person, attended=attended
    )


def test_who_came_by_the_way_they_are_reached(world: World, loop: Loop, crafted: int) -> None:
    from inbreng.insights.channels import by_channel

    for _ in range(6):
        invite(world, loop, "letter", attended=False)
    for n in range(7):
        invite(world, loop, "email", attended=n < 3)
    for _ in range(2):
        invite(world, loop, "phone", attended=True)
    for n in range(12):
        invite(world, loop, "social_worker", attended=n < 6)
    table = by_channel(world.org, crafted)
    rows = {r.channel: r for r in table.rows}
    assert (rows["sms"].invited, rows["sms"].came, rows["sms"].came_share) == (17, 17, 100)
    assert (rows["social_worker"].invited, rows["social_worker"].came) == (12, 6)
    # E-mail: 3 came, 4 did not; phone: 2 invited. Both hidden whole. Together 4 did not
    # come, which the total minus the shown rows would give away: the letters (the smallest
    # shown row) are hidden too.
    assert rows["email"].hidden and rows["phone"].hidden and rows["letter"].hidden
    assert (table.invited, table.came, table.stayed) == (44, 28, 16)
    hidden = [r for r in table.rows if r.hidden]
    assert table.stayed - sum(r.stayed or 0 for r in rows.values()) >= 5
    assert len(hidden) >= 2
    html = (
        world.client_for("coordinator")
        .get(reverse("insights:reach"), {"jaar": crafted})
        .content.decode()
    )
    section = html[html.index('id="reach-channels"') : html.index('id="reach-age_band"')]
    cells = re.findall(r"<td>([^<]*)</td>", section)
    assert "2" not in cells and "3" not in cells and "4" not in cells
    assert "100%" in cells and "50%" in cells


def test_a_kept_snapshot_of_another_shape_is_computed_again(
    world: World, loop: Loop, crafted: int
) -> None:
    """After an upgrade the stored JSON may hold an older shape: the page computes it again
    instead of failing."""
    client = world.client_for("coordinator")
    client.get(reverse("insights:reach"), {"jaar": crafted})
    Snapshot.objects.update(data={"$": "Reach", "year": crafted})
    response = client.get(reverse("insights:reach"), {"jaar": crafted})
    assert response.status_code == 200
    assert response.context["reach"].total == 17
