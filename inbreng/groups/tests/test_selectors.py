"""Who a group reaches, compared with the organisation's clients, without pointing at anyone."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import World
from inbreng.core.tests.helpers import dutch
from inbreng.groups import services
from inbreng.groups.models import GroupMembership, ParticipationGroup
from inbreng.groups.selectors import RepresentationRow, groups_of, representation

FEWER = dutch("fewer than 5")


def rows(group: ParticipationGroup, dimension: str) -> dict[str, RepresentationRow]:
    report = next(r for r in representation(group) if r.dimension == dimension)
    return {row.category: row for row in report.rows}


def figures(world: World, dimension: str, **counts: int) -> None:
    services.reference_figures_save(
        organisation=world.org, by=world.users["admin"], dimension=dimension, counts=counts
    )


@pytest.mark.parametrize("count", [1, 2, 3, 4])
def test_it_never_shows_a_count_under_five(
    world: World, group: ParticipationGroup, add_person: Any, count: int
) -> None:
    for n in range(count):
        add_person(f"Jong {n}", age_band="u25")
    for n in range(6):
        add_person(f"Oud {n}", age_band="65p")
    shown = rows(group, "age_band")
    assert shown["u25"].members_shown == FEWER
    assert shown["u25"].member_share is None
    assert shown["65p"].members_shown == "6"
    # "6 is 75 %" would tell that 2 are younger than 25: no share either.
    assert shown["65p"].member_share is None


def test_it_shows_shares_when_the_hidden_answers_are_five_or_more_together(
    world: World, group: ParticipationGroup, add_person: Any
) -> None:
    for n in range(3):
        add_person(f"Jong {n}", age_band="u25")
    for n in range(2):
        add_person(f"Midden {n}", age_band="25_44")
    for n in range(5):
        add_person(f"Oud {n}", age_band="65p")
    shown = rows(group, "age_band")
    assert (shown["65p"].members_shown, shown["65p"].member_share) == ("5", 50)
    assert (shown["u25"].members_shown, shown["u25"].member_share) == (FEWER, None)
    assert (shown["25_44"].members_shown, shown["25_44"].member_share) == (FEWER, None)


def test_it_shows_a_count_of_five_or_more_with_its_share(
    world: World, group: ParticipationGroup, add_person: Any
) -> None:
    for n in range(5):
        add_person(f"Alleen {n}", household_type="single")
    for n in range(5):
        add_person(f"Gezin {n}", household_type="single_parent")
    shown = rows(group, "household_type")
    assert (shown["single"].members_shown, shown["single"].member_share) == ("5", 50)
    assert shown["single"].label == dutch("Living alone")


def test_it_flags_a_category_the_clients_have_and_no_member_has(
    world: World, group: ParticipationGroup, add_person: Any
) -> None:
    figures(world, "income_situation", integration_income=60, work=40)
    for n in range(5):
        add_person(f"Werk {n}", income_situation="work")
    shown = rows(group, "income_situation")
    assert shown["integration_income"].missing
    assert shown["integration_income"].members_shown == FEWER
    assert shown["integration_income"].reference_share == 60
    assert not shown["work"].missing
    assert not shown["work"].under_represented


def test_it_flags_a_category_under_half_its_share_among_clients(
    world: World, group: ParticipationGroup, add_person: Any
) -> None:
    figures(world, "age_band", u25=50, **{"45_64": 50})
    add_person("Jong", age_band="u25")
    for n in range(9):
        add_person(f"Midden {n}", age_band="45_64")
    shown = rows(group, "age_band")
    # 10 % of the members against 50 % of the clients.
    assert shown["u25"].under_represented
    assert not shown["u25"].missing
    assert not shown["45_64"].under_represented


def test_it_does_not_flag_a_category_at_half_its_share(
    world: World, group: ParticipationGroup, add_person: Any
) -> None:
    figures(world, "age_band", u25=50, **{"45_64": 50})
    for n in range(5):
        add_person(f"Jong {n}", age_band="u25")
    for n in range(15):
        add_person(f"Midden {n}", age_band="45_64")
    assert not rows(group, "age_band")["u25"].under_represented


def test_it_counts_current_members_who_answered_only(
    world: World, group: ParticipationGroup, add_person: Any
) -> None:
    for n in range(5):
        add_person(f"Lid {n}", home_language="ar")
    add_person("Zegt niets", home_language="prefer_not")
    add_person("Leeg")
    left = add_person("Vertrokken", home_language="ar")
    membership = GroupMembership.objects.get(participant=left)
    services.membership_move(
        membership=membership,
        stage=GroupMembership.Stage.LEFT,
        on=membership.member_since,
        by=world.users["coordinator"],
    )
    report = next(r for r in representation(group) if r.dimension == "home_language")
    assert report.answered == 5
    assert [(r.category, r.members_shown, r.member_share) for r in report.rows] == [
        ("ar", "5", 100)
    ]


def test_it_reads_only_its_own_organisations_figures(
    world: World, group: ParticipationGroup
) -> None:
    services.reference_figures_save(
        organisation=world.other_org,
        by=world.other_user,
        dimension="age_band",
        counts={"u25": 100},
    )
    assert rows(group, "age_band") == {}


def test_it_counts_the_current_members_of_each_group(
    world: World, group: ParticipationGroup, add_person: Any
) -> None:
    add_person("Een")
    add_person("Twee", stage=GroupMembership.Stage.REFERRED)
    gone = add_person("Drie")
    services.membership_move(
        membership=GroupMembership.objects.get(participant=gone),
        stage=GroupMembership.Stage.LEFT,
        on=GroupMembership.objects.get(participant=gone).member_since,
        by=world.users["coordinator"],
    )
    empty = services.group_save(organisation=world.org, by=world.users["coordinator"], name="Leeg")
    counts = {g.pk: g.current_count for g in groups_of(world.member("coordinator"))}
    assert counts == {group.pk: 2, empty.pk: 0}
