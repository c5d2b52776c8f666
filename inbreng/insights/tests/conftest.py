"""Shared data for the insights tests."""

from __future__ import annotations

import pytest
from django.utils import timezone

from conftest import Loop, World, make_participant
from inbreng.insights.models import PopulationCount
from inbreng.participation.models import Invitation


def came(world: World, loop: Loop, **profile: str) -> None:
    person = make_participant(world.org, name="Iemand", **profile)
    Invitation.objects.create(
        organisation=world.org, meeting=loop.meeting, participant=person, attended=True
    )


@pytest.fixture
def crafted(world: World, loop: Loop) -> int:
    """17 people at a meeting this year: 3 young, 6 middle-aged, 8 older (Anouk among them)."""
    world.participant.age_band = "45_64"
    world.participant.household_type = "single"
    world.participant.home_language = "nl"
    world.participant.neighbourhood = "Rabot"
    world.participant.income_situation = "work"
    world.participant.save()
    for band, n in (("u25", 3), ("25_44", 6), ("45_64", 7)):
        for _ in range(n):
            came(world, loop, age_band=band, household_type="single")
    year = loop.meeting.starts_at.astimezone(timezone.get_current_timezone()).year
    for band, n in (("u25", 400), ("25_44", 300), ("45_64", 300)):
        PopulationCount.objects.create(
            organisation=world.org, year=year, dimension="age_band", category=band, count=n
        )
    return year
