"""A group's reach table shown beside the organisation's must not reveal, by subtraction,
what each hides on its own; free-text neighbourhoods never reach the table by name."""

from __future__ import annotations

from django.utils import timezone

from conftest import Loop, World, make_participant
from inbreng.groups.models import ParticipationGroup
from inbreng.insights.reach import OTHER_NEIGHBOURHOOD, reach, suppressed_beside
from inbreng.participation.models import Invitation, Meeting


def came(world: World, meeting: Meeting, **profile: str) -> None:
    person = make_participant(world.org, name="Iemand", **profile)
    Invitation.objects.create(
        organisation=world.org, meeting=meeting, participant=person, attended=True
    )


def counts(found: object, dimension: str) -> dict[str, int | None]:
    table = next(t for t in found.tables if t.dimension == dimension)  # type: ignore[attr-defined]
    return {row.key: row.count for row in table.rows}


def second_meeting(loop: Loop) -> Meeting:
    group = ParticipationGroup.objects.create(organisation=loop.meeting.organisation, name="Twee")
    return Meeting.objects.create(
        organisation=loop.meeting.organisation,
        group=group,
        title="Tweede",
        starts_at=loop.meeting.starts_at,
        ends_at=loop.meeting.ends_at,
        place="Zaal",
    )


def test_the_organisation_minus_a_group_does_not_reveal_a_small_count(
    world: World, loop: Loop
) -> None:
    year = timezone.localtime(loop.meeting.starts_at).year
    other = second_meeting(loop)
    for _ in range(10):
        came(world, loop.meeting, home_language="ar")
        came(world, loop.meeting, home_language="nl")
    for _ in range(2):
        came(world, other, home_language="ar")
    for _ in range(10):
        came(world, other, home_language="nl")
    whole = counts(reach(world.org, year), "home_language")
    group = counts(reach(world.org, year, loop.group.pk), "home_language")
    # Shown both, 12 - 10 would give away the 2 Arabic speakers of the other group.
    assert whole.get("ar") is None or group.get("ar") is None


def test_hidden_cells_protect_the_rest_of_the_organisation_too() -> None:
    hidden = suppressed_beside({"a": 10, "b": 10, "c": 7}, {"a": 2, "b": 10, "c": 9})
    assert "a" in hidden and len(hidden) >= 2
    # Whatever is hidden adds up to 5 or more, in the group and in the rest.
    assert sum({"a": 10, "b": 10, "c": 7}[k] for k in hidden) >= 5
    assert sum({"a": 2, "b": 10, "c": 9}[k] for k in hidden) >= 5


def test_a_neighbourhood_someone_typed_is_not_shown_by_name(world: World, loop: Loop) -> None:
    year = timezone.localtime(loop.meeting.starts_at).year
    came(world, loop.meeting, neighbourhood="Kerkstraat 12 bus 3 (Fatima)")
    for _ in range(6):
        came(world, loop.meeting, neighbourhood="Centrum")
    table = next(t for t in reach(world.org, year).tables if t.dimension == "neighbourhood")
    labels = " ".join(str(row.label) for row in table.rows)
    assert "Kerkstraat" not in labels and "Fatima" not in labels
    assert OTHER_NEIGHBOURHOOD in {row.key for row in table.rows}
