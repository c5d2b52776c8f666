from __future__ import annotations

from typing import Any

import pytest

from conftest import World, make_participant
from inbreng.groups import services
from inbreng.groups.models import GroupMembership, ParticipationGroup
from inbreng.people.models import Participant


@pytest.fixture
def group(world: World) -> ParticipationGroup:
    return services.group_save(
        organisation=world.org, by=world.users["coordinator"], name="Samen Sterk", max_size=3
    )


@pytest.fixture
def add_person(world: World, group: ParticipationGroup) -> Any:
    """Puts a new person of the world's organisation on the group, at a stage."""

    def add(
        name: str = "Lid", stage: str = GroupMembership.Stage.MEMBER, **profile: Any
    ) -> Participant:
        person = make_participant(world.org, name=name, **profile)
        services.membership_add(
            group=group, participant=person, by=world.users["coordinator"], stage=stage
        )
        return person

    return add
