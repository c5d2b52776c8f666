"""Reach over the years and per trajectory: each year's cells are that year's page, small
cells stay hidden, and no difference between tables shown side by side reveals one."""

from __future__ import annotations

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from conftest import Loop, World, make_participant
from inbreng.groups.models import ParticipationGroup
from inbreng.insights.charts import trend_charts
from inbreng.insights.exports import read_csv
from inbreng.insights.models import PopulationCount
from inbreng.insights.reach import reach
from inbreng.insights.trend import trend
from inbreng.participation.models import AgendaItem, Invitation, Meeting, Question


def meeting_in(loop: Loop, year: int, group: ParticipationGroup | None = None) -> Meeting:
    start = timezone.localtime(loop.meeting.starts_at)
    start = start.replace(year=year, day=min(start.day, 28))
    return Meeting.objects.create(
        organisation=loop.meeting.organisation,
        group=group or loop.group,
        title=f"Bijeenkomst {year}",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place="Zaal",
        status=Meeting.Status.HELD,
    )


def came(world: World, meeting: Meeting, n: int, **profile: str) -> None:
    for _ in range(n):
        person = make_participant(world.org, name="Iemand", **profile)
        Invitation.objects.create(
            organisation=world.org, meeting=meeting, participant=person, attended=True
        )


def this_year(loop: Loop) -> int:
    return timezone.localtime(loop.meeting.starts_at).year


def answered_all(world: World) -> None:
    """The member who came in the loop answered every question too: no "not asked"."""
    person = world.participant
    person.age_band, person.household_type, person.home_language = "45_64", "single", "nl"
    person.neighbourhood, person.income_situation = "Rabot", "work"
    person.save()


def cells(found: object, dimension: str, year: int) -> dict[str, int | None]:
    table = next(t for t in found.tables if t.dimension == dimension)  # type: ignore[attr-defined]
    return {row.key: next(c.count for c in row.cells if c.year == year) for row in table.rows}


def test_each_year_of_the_trend_is_that_years_page(world: World, loop: Loop) -> None:
    year = this_year(loop)
    answered_all(world)
    last = meeting_in(loop, year - 1)
    came(world, last, 3, age_band="u25")
    came(world, last, 6, age_band="25_44")
    came(world, last, 8, age_band="45_64")
    came(world, loop.meeting, 9, age_band="u25")
    came(world, loop.meeting, 7, age_band="65p")
    found = trend(world.org, year)
    for y in (year - 1, year):
        page = next(t for t in reach(world.org, y).tables if t.dimension == "age_band")
        assert cells(found, "age_band", y) == {row.key: row.count for row in page.rows} | {
            k: None for k in cells(found, "age_band", y) if k not in {r.key for r in page.rows}
        }
    before = cells(found, "age_band", year - 1)
    # 17 took part last year: the 3 young ones are hidden, and the 6 with them, or
    # 17 - 6 - 8 would give the 3 away.
    assert found.totals[-2] == 17
    assert before["u25"] is None and before["25_44"] is None and before["45_64"] == 8
    assert cells(found, "age_band", year)["u25"] == 9


def test_the_trend_page_and_export_show_no_hidden_count_and_no_sum_over_years(
    world: World, loop: Loop
) -> None:
    year = this_year(loop)
    last = meeting_in(loop, year - 1)
    came(world, last, 3, age_band="u25")
    came(world, last, 6, age_band="25_44")
    came(world, last, 8, age_band="45_64")
    # The same 17 people would come back this year: a sum over the years (34) or a
    # difference would only work with counts the page hides; neither is shown.
    came(world, loop.meeting, 8, age_band="45_64")
    came(world, loop.meeting, 6, age_band="25_44")
    for dimension, category, n in (("age_band", "u25", 300), ("age_band", "45_64", 700)):
        for y in (year - 1, year):
            PopulationCount.objects.create(
                organisation=world.org, year=y, dimension=dimension, category=category, count=n
            )
    client = world.client_for("policy_maker")
    html = client.get(reverse("insights:reach"), {"jaar": year}).content.decode()
    section = html[html.index('id="reach-trend"') :]
    table = section[section.index('id="trend-age_band"') :]
    assert "not shown" in table or "niet getoond" in table
    assert "(30%)" in table  # the clients' share is there for every year
    url = reverse("insights:export_trend", kwargs={"fmt": "csv"})
    rows = read_csv(b"".join(client.get(url, {"jaar": year}).streaming_content))
    last_year = [r for r in rows[1:] if r[2] == str(year - 1)]
    assert {r[3] for r in last_year} >= {"8"}
    assert "3" not in {r[3] for r in last_year} and "6" not in {r[3] for r in last_year}
    assert not any(r[2] not in {str(y) for y in range(year - 4, year + 1)} for r in rows[1:])
    assert "34" not in re.findall(r"<td>(\d+)</td>", section)


def test_a_groups_trend_beside_the_organisations_does_not_reveal_a_small_count(
    world: World, loop: Loop
) -> None:
    year = this_year(loop)
    other = ParticipationGroup.objects.create(organisation=world.org, name="Twee")
    ours, theirs = meeting_in(loop, year - 1), meeting_in(loop, year - 1, other)
    came(world, ours, 10, home_language="ar")
    came(world, ours, 10, home_language="nl")
    came(world, theirs, 2, home_language="ar")
    came(world, theirs, 10, home_language="nl")
    whole = cells(trend(world.org, year), "home_language", year - 1)
    group = cells(trend(world.org, year, loop.group.pk), "home_language", year - 1)
    # Shown both, last year's 12 - 10 would give away the 2 Arabic speakers of "Twee".
    assert whole.get("ar") is None or group.get("ar") is None


def test_reach_per_trajectory_counts_those_at_its_questions(world: World, loop: Loop) -> None:
    year = this_year(loop)
    on_it = loop.meeting  # has the trajectory's question on its agenda
    elsewhere = meeting_in(loop, year)
    came(world, on_it, 6, age_band="25_44")
    came(world, elsewhere, 9, age_band="45_64")
    found = reach(world.org, year, trajectory_id=loop.trajectory.pk)
    assert found.total == 7  # the six, and the member who came and spoke
    assert reach(world.org, year).total == 16
    other_question = Question.objects.create(
        organisation=world.org, service=world.service, title="Andere vraag", level="consult"
    )
    AgendaItem.objects.create(organisation=world.org, meeting=elsewhere, question=other_question)
    assert reach(world.org, year, trajectory_id=loop.trajectory.pk).total == 7
    response = world.client_for("coordinator").get(
        reverse("insights:reach"), {"jaar": year, "traject": loop.trajectory.pk}
    )
    assert "Duidelijke brieven" in response.content.decode()
    assert response.context["reach"].total == 7


def test_a_trajectory_is_protected_against_its_group_too(world: World, loop: Loop) -> None:
    year = this_year(loop)
    elsewhere = meeting_in(loop, year)  # same group, not about the trajectory
    came(world, loop.meeting, 10, home_language="nl")
    came(world, loop.meeting, 10, home_language="ar")
    came(world, elsewhere, 10, home_language="nl")
    came(world, elsewhere, 3, home_language="ar")
    group = {r.key: r.count for r in _table(reach(world.org, year, loop.group.pk))}
    trajectory = {
        r.key: r.count for r in _table(reach(world.org, year, trajectory_id=loop.trajectory.pk))
    }
    # The group's 13 Arabic speakers minus the trajectory's 10 would give away 3.
    assert group.get("ar") is None or trajectory.get("ar") is None


def _table(found: object) -> list[object]:
    return next(t for t in found.tables if t.dimension == "home_language").rows  # type: ignore[attr-defined]


def test_one_group_or_one_trajectory_not_both(world: World, loop: Loop) -> None:
    response = world.client_for("coordinator").get(
        reverse("insights:reach"),
        {"jaar": this_year(loop), "groep": loop.group.pk, "traject": loop.trajectory.pk},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["traject"]
    assert response.context["trajectory"] is None and response.context["group"] == loop.group


def test_a_hidden_year_breaks_the_line(world: World, loop: Loop) -> None:
    year = this_year(loop)
    answered_all(world)
    came(world, meeting_in(loop, year - 2), 9, age_band="u25")
    came(world, meeting_in(loop, year - 1), 3, age_band="u25")
    came(world, meeting_in(loop, year - 1), 2, age_band="25_44")
    came(world, loop.meeting, 8, age_band="u25")
    came(world, loop.meeting, 6, age_band="45_64")
    found = trend(world.org, year)
    table = next(t for t in found.tables if t.dimension == "age_band")
    chart = next(c for c in trend_charts(table) if c.label.lower().startswith(("jonger", "under")))
    assert len(chart.ours_points) == 2  # two years shown, last year hidden
    assert chart.ours == []  # no line drawn across the hidden year


def test_kept_figures_come_back_as_they_were_stored(world: World, loop: Loop) -> None:
    from inbreng.insights.kept import decode, encode
    from inbreng.insights.report import year_report

    year = this_year(loop)
    came(world, loop.meeting, 9, age_band="u25")
    for value in (reach(world.org, year), trend(world.org, year), year_report(world.org, year)):
        assert decode(encode(value)) == value
