"""A person's way into and out of a group, one dated step at a time."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from conftest import World, make_participant
from inbreng.core.models import User
from inbreng.groups import services
from inbreng.groups.models import GroupMembership, ParticipationGroup, ReferenceFigure

Stage = GroupMembership.Stage
FORWARD = [Stage.REFERRED, Stage.INTAKE, Stage.TRIAL, Stage.MEMBER]


def days_ago(n: int) -> date:
    return timezone.localdate() - timedelta(days=n)


def on_list(world: World, group: ParticipationGroup, stage: str, **kwargs: Any) -> GroupMembership:
    return services.membership_add(
        group=group,
        participant=world.participant,
        by=world.users["coordinator"],
        stage=stage,
        **kwargs,
    )


def move(membership: GroupMembership, stage: str, on: date | None = None) -> GroupMembership:
    return services.membership_move(
        membership=membership,
        stage=stage,
        on=on or timezone.localdate(),
        by=User.objects.get(username="coordinator"),
    )


@pytest.mark.parametrize(
    ("start", "wanted"),
    [(a, b) for i, a in enumerate(FORWARD) for b in FORWARD[i + 1 :]],
)
def test_it_moves_a_person_forward(
    world: World, group: ParticipationGroup, start: str, wanted: str
) -> None:
    membership = on_list(world, group, start, on=days_ago(30))
    move(membership, wanted, days_ago(2))
    membership.refresh_from_db()
    assert membership.stage == wanted
    assert getattr(membership, GroupMembership.STAGE_DATES[Stage(wanted)]) == days_ago(2)


@pytest.mark.parametrize(
    ("start", "wanted"),
    [(a, b) for i, a in enumerate(FORWARD) for b in FORWARD[: i + 1]],
)
def test_it_refuses_to_move_a_person_back_or_to_the_same_stage(
    world: World, group: ParticipationGroup, start: str, wanted: str
) -> None:
    membership = on_list(world, group, start)
    with pytest.raises(ValidationError) as error:
        move(membership, wanted)
    assert "stage" in error.value.message_dict
    membership.refresh_from_db()
    assert membership.stage == start


@pytest.mark.parametrize("start", FORWARD)
def test_it_lets_anyone_leave(world: World, group: ParticipationGroup, start: str) -> None:
    membership = on_list(world, group, start, on=days_ago(10))
    move(membership, Stage.LEFT, days_ago(1))
    membership.refresh_from_db()
    assert membership.stage == Stage.LEFT
    assert membership.left_on == days_ago(1)
    assert not membership.is_current


@pytest.mark.parametrize("wanted", [Stage.INTAKE, Stage.TRIAL, Stage.MEMBER, Stage.LEFT])
def test_it_lets_a_leaver_only_be_referred_again(
    world: World, group: ParticipationGroup, wanted: str
) -> None:
    membership = on_list(world, group, Stage.MEMBER, on=days_ago(100))
    move(membership, Stage.LEFT, days_ago(50))
    with pytest.raises(ValidationError):
        move(membership, wanted)
    membership.refresh_from_db()
    assert membership.stage == Stage.LEFT


def test_it_refers_a_leaver_again_and_starts_a_fresh_path(
    world: World, group: ParticipationGroup
) -> None:
    membership = on_list(world, group, Stage.REFERRED, on=days_ago(200))
    for step, ago in [(Stage.INTAKE, 190), (Stage.TRIAL, 180), (Stage.MEMBER, 170)]:
        move(membership, step, days_ago(ago))
    move(membership, Stage.LEFT, days_ago(60))
    move(membership, Stage.REFERRED, days_ago(5))
    membership.refresh_from_db()
    assert membership.stage == Stage.REFERRED
    assert membership.is_current
    assert membership.referred_on == days_ago(5)
    # The dates of the earlier path no longer describe this one.
    assert (
        membership.left_on,
        membership.intake_on,
        membership.trial_on,
        membership.member_since,
    ) == (None, None, None, None)


def test_it_records_the_date_of_every_stage(world: World, group: ParticipationGroup) -> None:
    membership = on_list(world, group, Stage.REFERRED, on=days_ago(40))
    move(membership, Stage.INTAKE, days_ago(30))
    move(membership, Stage.TRIAL, days_ago(20))
    move(membership, Stage.MEMBER, days_ago(10))
    membership.refresh_from_db()
    assert (
        membership.referred_on,
        membership.intake_on,
        membership.trial_on,
        membership.member_since,
    ) == (days_ago(40), days_ago(30), days_ago(20), days_ago(10))


def test_it_refuses_a_date_in_the_future_when_moving(
    world: World, group: ParticipationGroup
) -> None:
    membership = on_list(world, group, Stage.REFERRED)
    with pytest.raises(ValidationError) as error:
        move(membership, Stage.INTAKE, timezone.localdate() + timedelta(days=1))
    assert "on" in error.value.message_dict
    membership.refresh_from_db()
    assert (membership.stage, membership.intake_on) == (Stage.REFERRED, None)


def test_it_refuses_a_date_in_the_future_when_adding(
    world: World, group: ParticipationGroup
) -> None:
    with pytest.raises(ValidationError) as error:
        on_list(world, group, Stage.REFERRED, on=timezone.localdate() + timedelta(days=3))
    assert "on" in error.value.message_dict
    assert not GroupMembership.objects.exists()


def test_it_refuses_a_step_dated_before_the_step_before_it(
    world: World, group: ParticipationGroup
) -> None:
    membership = on_list(world, group, Stage.REFERRED, on=days_ago(5))
    with pytest.raises(ValidationError) as error:
        move(membership, Stage.INTAKE, days_ago(10))
    assert "on" in error.value.message_dict


def test_it_dates_a_new_person_today_by_default(world: World, group: ParticipationGroup) -> None:
    membership = on_list(world, group, Stage.INTAKE)
    assert membership.intake_on == timezone.localdate()
    assert membership.referred_on is None


def test_it_refuses_a_person_twice_on_one_group(world: World, group: ParticipationGroup) -> None:
    on_list(world, group, Stage.REFERRED)
    with pytest.raises(ValidationError) as error:
        on_list(world, group, Stage.MEMBER)
    assert "participant" in error.value.message_dict
    assert GroupMembership.objects.filter(group=group).count() == 1


def test_it_lets_a_person_be_on_two_groups(world: World, group: ParticipationGroup) -> None:
    other = services.group_save(
        organisation=world.org, by=world.users["coordinator"], name="Focus brieven", kind="focus"
    )
    on_list(world, group, Stage.MEMBER)
    on_list(world, other, Stage.REFERRED)
    assert world.participant.group_memberships.count() == 2


@pytest.mark.parametrize("who", ["other organisation", "erased"])
def test_it_refuses_a_person_it_may_not_add(
    world: World, group: ParticipationGroup, who: str
) -> None:
    if who == "erased":
        person = make_participant(world.org, name="Weg", erased_at=timezone.now())
    else:
        person = world.other_participant
    with pytest.raises(ValidationError) as error:
        services.membership_add(group=group, participant=person, by=world.users["coordinator"])
    assert "participant" in error.value.message_dict
    assert not GroupMembership.objects.exists()


def test_it_replaces_the_reference_figures_of_one_question(world: World) -> None:
    admin = world.users["admin"]
    services.reference_figures_save(
        organisation=world.org, by=admin, dimension="age_band", counts={"u25": 40, "65p": 10}
    )
    services.reference_figures_save(
        organisation=world.org,
        by=admin,
        dimension="household_type",
        counts={"single": 70},
    )
    services.reference_figures_save(
        organisation=world.org,
        by=admin,
        dimension="age_band",
        counts={"u25": 30, "65p": None, "45_64": 0},
    )
    figures = {
        (f.dimension, f.category): f.count
        for f in ReferenceFigure.objects.filter(organisation=world.org)
    }
    assert figures == {("age_band", "u25"): 30, ("household_type", "single"): 70}


def test_it_refuses_a_new_referral_dated_before_the_person_left(
    world: World, group: ParticipationGroup
) -> None:
    membership = on_list(world, group, Stage.MEMBER, on=days_ago(100))
    move(membership, Stage.LEFT, days_ago(20))
    with pytest.raises(ValidationError) as error:
        move(membership, Stage.REFERRED, days_ago(30))
    assert "on" in error.value.message_dict
    membership.refresh_from_db()
    assert (membership.stage, membership.left_on) == (Stage.LEFT, days_ago(20))
