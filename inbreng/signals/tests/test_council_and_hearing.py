"""Advisory-council seats and items, and the yearly hearing with its printed agenda."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from conftest import Loop, World
from inbreng.signals import services as signal_services
from inbreng.signals.models import Body, CouncilItem, CouncilSeat, Hearing
from inbreng.signals.results import council

from .helpers import Desk


def advisory(desk: Desk) -> Body:
    return desk.body("Welzijnsraad", kind=Body.Kind.ADVISORY_COUNCIL)


def seat(world: World, body: Body, ends_in: int | None, **fields: Any) -> CouncilSeat:
    return council.seat_save(
        organisation=world.org,
        by=world.users["coordinator"],
        body=body,
        participant=fields.pop("participant", world.participant),
        role=fields.pop("role", CouncilSeat.Role.MEMBER),
        starts_on=date(2025, 1, 1),
        ends_on=None if ends_in is None else timezone.localdate() + timedelta(days=ends_in),
    )


def test_the_council_page_shows_who_sits_and_a_term_ending_soon(
    world: World, loop: Loop, desk: Desk
) -> None:
    body = advisory(desk)
    seat(world, body, 20)
    html = world.client_for("policy_maker").get(reverse("signals:councils")).content.decode()
    assert "Welzijnsraad" in html and world.participant.name in html
    assert 'data-status="late"' in html  # "ends soon"


def test_a_long_term_is_not_flagged(world: World, loop: Loop, desk: Desk) -> None:
    seat(world, advisory(desk), 400)
    html = world.client_for("coordinator").get(reverse("signals:councils")).content.decode()
    assert world.participant.name in html and 'data-status="late"' not in html


def test_a_seat_is_only_on_an_advisory_council(world: World, loop: Loop, desk: Desk) -> None:
    with pytest.raises(ValidationError):
        seat(world, desk.body(), None)


def test_the_seat_form_refuses_a_term_that_ends_before_it_starts(
    world: World, loop: Loop, desk: Desk
) -> None:
    body = advisory(desk)
    response = world.client_for("coordinator").post(
        reverse("signals:seat_add"),
        {
            "body": body.pk,
            "participant": world.participant.pk,
            "role": "substitute",
            "starts_on": "2026-05-01",
            "ends_on": "2026-01-01",
        },
    )
    assert response.status_code == 200
    assert 'id="id_ends_on_error"' in response.content.decode()
    assert not CouncilSeat.objects.exists()


def test_the_group_prepares_an_item_and_records_its_position(
    world: World, loop: Loop, desk: Desk
) -> None:
    body = advisory(desk)
    client = world.client_for("coordinator")
    response = client.post(
        reverse("signals:council_item_add"),
        {
            "body": body.pk,
            "council_meeting_on": "2026-12-15",
            "title": "Sociaal tarief water",
            "group": loop.group.pk,
            "meeting": loop.meeting.pk,
            "position": "De groep vraagt een automatisch sociaal tarief.",
        },
    )
    assert response.status_code == 302
    item = CouncilItem.objects.get()
    assert item.position_on == timezone.localdate() and item.meeting == loop.meeting
    html = client.get(reverse("signals:councils")).content.decode()
    assert "Sociaal tarief water" in html and "automatisch sociaal tarief" in html


def answered_signal(desk: Desk, world: World, body: Body, title: str, answer: str) -> Any:
    signal = desk.signal(body=body, title=title, on_behalf="group", group=desk_group(world))
    signal_services.signal_answer(
        signal=signal,
        by=world.users["policy_maker"],
        decision="acting",
        text=answer,
    )
    return signal


def desk_group(world: World) -> Any:
    from inbreng.groups.models import ParticipationGroup

    return ParticipationGroup.objects.get(organisation=world.org, name="Klankbord")


def test_the_hearing_agenda_holds_that_years_signals_with_their_answers(
    world: World, loop: Loop, desk: Desk
) -> None:
    college = desk.body()
    answered_signal(desk, world, college, "Te dure aanmaningen", "We schaffen de kosten af.")
    desk.signal(body=college, title="Wachtrij aan het loket", on_behalf="group", group=loop.group)
    other_body = desk.body("Gemeenteraad", kind=Body.Kind.COUNCIL)
    desk.signal(body=other_body, title="Niet voor deze hoorzitting")
    client = world.client_for("coordinator")
    response = client.post(
        reverse("signals:hearing_add"),
        {"year": timezone.localdate().year, "body": college.pk, "group": loop.group.pk},
    )
    assert response.status_code == 302
    hearing = Hearing.objects.get()
    html = client.get(reverse("signals:hearing", kwargs={"pk": hearing.pk})).content.decode()
    assert "Te dure aanmaningen" in html and "We schaffen de kosten af." in html
    assert "Wachtrij aan het loket" in html and "Niet voor deze hoorzitting" not in html

    pdf = client.get(reverse("signals:hearing_pdf", kwargs={"pk": hearing.pk}))
    assert pdf["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(pdf.content))
    root: Any = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "nl"
    words = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))
    assert "Te dure aanmaningen" in words and "We schaffen de kosten af." in words
    assert "Wachtrij aan het loket" in words


def test_the_outcome_needs_the_day_and_is_kept(world: World, loop: Loop, desk: Desk) -> None:
    hearing = council.hearing_prepare(
        organisation=world.org,
        by=world.users["coordinator"],
        year=2026,
        body=desk.body(),
        group=loop.group,
    )
    client = world.client_for("coordinator")
    url = reverse("signals:hearing", kwargs={"pk": hearing.pk})
    missing_day = client.post(url, {"held_on": "", "outcome": "De raad belooft een plan."})
    assert missing_day.status_code == 200
    assert "De raad belooft een plan." in missing_day.content.decode()
    assert Hearing.objects.get().outcome == ""
    done = client.post(url, {"held_on": "2026-11-20", "outcome": "De raad belooft een plan."})
    assert done.status_code == 302
    assert Hearing.objects.get().outcome == "De raad belooft een plan."
    # A policy maker reads it, but cannot change it.
    reader = world.client_for("policy_maker")
    assert "De raad belooft een plan." in reader.get(url).content.decode()
    assert reader.post(url, {"held_on": "", "outcome": "Anders"}).status_code == 403


def test_the_hearing_form_refuses_a_group_and_a_partner_together(
    world: World, loop: Loop, desk: Desk
) -> None:
    response = world.client_for("coordinator").post(
        reverse("signals:hearing_add"),
        {
            "year": "2026",
            "body": desk.body().pk,
            "group": loop.group.pk,
            "partner": world.partner.pk,
        },
    )
    assert response.status_code == 200
    assert 'id="id_partner_error"' in response.content.decode()
    assert not Hearing.objects.exists()


@pytest.mark.parametrize("count", [1, 10])
def test_the_council_page_keeps_its_query_budget(
    world: World, loop: Loop, desk: Desk, count: int, django_assert_max_num_queries: Any
) -> None:
    from conftest import make_participant

    body = advisory(desk)
    for n in range(count):
        person = make_participant(world.org, name=f"Lid {n}", phone=f"+3247000{n:04d}")
        from inbreng.groups.models import GroupMembership

        GroupMembership.objects.create(
            organisation=world.org, group=loop.group, participant=person, stage="member"
        )
        seat(world, body, 30 + n, participant=person)
        CouncilItem.objects.create(
            organisation=world.org, body=body, council_meeting_on=date(2026, 12, 1), title=f"P{n}"
        )
    client = world.client_for("coordinator")
    with django_assert_max_num_queries(14):
        response = client.get(reverse("signals:councils"))
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 8])
def test_the_hearing_page_keeps_its_query_budget(
    world: World, loop: Loop, desk: Desk, count: int, django_assert_max_num_queries: Any
) -> None:
    college = desk.body()
    for n in range(count):
        answered_signal(desk, world, college, f"Signaal {n}", f"Antwoord {n}.")
    hearing = council.hearing_prepare(
        organisation=world.org,
        by=world.users["coordinator"],
        year=timezone.localdate().year,
        body=college,
    )
    client = world.client_for("coordinator")
    with django_assert_max_num_queries(14):
        response = client.get(reverse("signals:hearing", kwargs={"pk": hearing.pk}))
    assert f"Antwoord {count - 1}." in response.content.decode()


def test_the_agenda_follows_the_year_until_the_hearing_is_held(
    world: World, loop: Loop, desk: Desk
) -> None:
    college = desk.body()
    desk.signal(body=college, title="Eerste signaal", on_behalf="group", group=loop.group)
    hearing = council.hearing_prepare(
        organisation=world.org,
        by=world.users["coordinator"],
        year=timezone.localdate().year,
        body=college,
        group=loop.group,
    )
    desk.signal(body=college, title="Later gestuurd", on_behalf="group", group=loop.group)
    client = world.client_for("coordinator")
    url = reverse("signals:hearing", kwargs={"pk": hearing.pk})
    assert "Later gestuurd" in client.get(url).content.decode()
    # Held: what was on the table that day stays; a signal sent afterwards does not join.
    client.post(url, {"held_on": timezone.localdate().isoformat(), "outcome": "Goed gesprek."})
    desk.signal(body=college, title="Na de hoorzitting", on_behalf="group", group=loop.group)
    html = client.get(url).content.decode()
    assert "Later gestuurd" in html and "Na de hoorzitting" not in html


def test_the_same_hearing_is_not_prepared_twice(world: World, loop: Loop, desk: Desk) -> None:
    college = desk.body()
    fields = {"year": timezone.localdate().year, "body": college.pk, "group": loop.group.pk}
    client = world.client_for("coordinator")
    assert client.post(reverse("signals:hearing_add"), fields).status_code == 302
    again = client.post(reverse("signals:hearing_add"), fields)
    assert again.status_code == 200
    assert Hearing.objects.count() == 1
