"""Meetings: planning, recording past ones, invitations, what people need, who came, .ics."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext
from icalendar import Calendar

from conftest import World, make_participant
from inbreng.core.tests.helpers import dutch, field_error, messages_shown, text, texts
from inbreng.groups.models import GroupMembership
from inbreng.participation import services
from inbreng.participation.models import Invitation, Meeting

from .helpers import Build, at


def meeting_post(group_id: int, days: int, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "group": group_id,
        "title": "Samen aan tafel",
        "starts_at": at(days).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": at(days, 16).strftime("%Y-%m-%dT%H:%M"),
        "place": "Buurthuis De Linde",
        "place_details": "Bus 7, halte Kerk. Ingang met lift links.",
    }
    data.update(overrides)
    return data


def test_it_plans_a_meeting(world: World, build: Build) -> None:
    group = build.group()
    response = world.client_for("coordinator").post(
        reverse("participation:meeting_add"), meeting_post(group.pk, 5), follow=True
    )
    meeting = Meeting.objects.get()
    assert messages_shown(response) == dutch("The meeting is saved.")
    assert (meeting.status, meeting.starts_at, meeting.group) == (
        Meeting.Status.PLANNED,
        at(5),
        group,
    )
    assert "Bus 7, halte Kerk." in response.content.decode()


def test_it_refuses_a_new_meeting_in_the_past(world: World, build: Build) -> None:
    group = build.group()
    response = world.client_for("coordinator").post(
        reverse("participation:meeting_add"), meeting_post(group.pk, -2, title="Vorige week")
    )
    assert response.status_code == 200
    assert field_error(response, "starts_at") == dutch(
        "This moment is in the past. To record a past meeting, tick the box."
    )
    assert 'value="Vorige week"' in response.content.decode()
    assert not Meeting.objects.exists()


def test_it_records_a_past_meeting_when_asked(world: World, build: Build) -> None:
    group = build.group()
    response = world.client_for("coordinator").post(
        reverse("participation:meeting_add"),
        meeting_post(group.pk, -30, record_past="on"),
    )
    meeting = Meeting.objects.get()
    assert response["Location"] == reverse("participation:meeting", args=[meeting.pk])
    assert meeting.status == Meeting.Status.HELD


def test_it_keeps_a_ticked_future_meeting_planned(world: World, build: Build) -> None:
    group = build.group()
    world.client_for("coordinator").post(
        reverse("participation:meeting_add"), meeting_post(group.pk, 3, record_past="on")
    )
    assert Meeting.objects.get().status == Meeting.Status.PLANNED


@pytest.mark.parametrize("end_hour", [14, 10])
def test_it_refuses_a_meeting_that_ends_before_it_starts(
    world: World, build: Build, end_hour: int
) -> None:
    group = build.group()
    response = world.client_for("coordinator").post(
        reverse("participation:meeting_add"),
        meeting_post(group.pk, 5, ends_at=at(5, end_hour).strftime("%Y-%m-%dT%H:%M")),
    )
    assert field_error(response, "ends_at") == dutch("The end must come after the start.")
    assert not Meeting.objects.exists()


def test_it_lets_a_meeting_be_edited_after_its_date(world: World, build: Build) -> None:
    meeting = build.meeting(build.group(), 2)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=at(-1), ends_at=at(-1, 16))
    response = world.client_for("coordinator").post(
        reverse("participation:meeting_edit", args=[meeting.pk]),
        meeting_post(meeting.group_id, -1, title="Nieuwe titel"),
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "Nieuwe titel"


def test_it_refuses_a_group_of_another_organisation(world: World, build: Build) -> None:
    from inbreng.groups.services import group_save

    theirs = group_save(organisation=world.other_org, by=world.other_user, name="Elders")
    with pytest.raises(ValidationError):
        services.meeting_save(
            organisation=world.org,
            by=build.coordinator,
            group=theirs,
            title="x",
            starts_at=at(3),
            ends_at=at(3, 16),
            place="x",
        )
    response = world.client_for("coordinator").post(
        reverse("participation:meeting_add"), meeting_post(theirs.pk, 3)
    )
    assert field_error(response, "group")
    assert not Meeting.objects.exists()


# Invitations ---------------------------------------------------------------------------


def invited(count: int) -> str:
    with translation.override("nl"):
        return ngettext(
            "%(count)d person was added to the invitation list.",
            "%(count)d people were added to the invitation list.",
            count,
        ) % {"count": count}


def test_it_invites_the_trial_members_and_members_once(world: World, build: Build) -> None:
    group = build.group()
    member = build.member(group, "Lid Een")
    trial = build.member(group, "Proef Twee", stage=GroupMembership.Stage.TRIAL)
    build.member(group, "Verwezen Drie", stage=GroupMembership.Stage.REFERRED)
    build.member(group, "Intake Vier", stage=GroupMembership.Stage.INTAKE)
    gone = build.member(group, "Weg Vijf")
    membership = GroupMembership.objects.get(participant=gone)
    from inbreng.groups.services import membership_move

    membership_move(
        membership=membership, stage="left", on=timezone.localdate(), by=build.coordinator
    )
    erased = build.member(group, "Gewist Zes")
    erased.erased_at = timezone.now()
    erased.save()
    meeting = build.meeting(group)
    client = world.client_for("coordinator")
    first = client.post(reverse("participation:invite", args=[meeting.pk]), follow=True)
    assert messages_shown(first) == invited(2)
    second = client.post(reverse("participation:invite", args=[meeting.pk]), follow=True)
    assert messages_shown(second) == invited(0)
    assert set(meeting.invitations.values_list("participant", flat=True)) == {member.pk, trial.pk}


def test_it_invites_one_more_person_without_doubling(world: World, build: Build) -> None:
    meeting = build.meeting(build.group())
    services.meeting_invite(meeting=meeting, participant=world.participant, by=build.coordinator)
    services.meeting_invite(meeting=meeting, participant=world.participant, by=build.coordinator)
    assert meeting.invitations.count() == 1
    with pytest.raises(ValidationError):
        services.meeting_invite(
            meeting=meeting, participant=world.other_participant, by=build.coordinator
        )


def reply(world: World, invitation: Invitation, role: str = "social_worker", **data: Any) -> Any:
    return world.client_for(role).post(
        reverse("participation:reply", args=[invitation.pk]), data, follow=True
    )


def test_it_adds_up_the_answers_and_what_people_need(world: World, build: Build) -> None:
    group = build.group()
    people = [build.member(group, f"Persoon{n} X") for n in range(5)]
    meeting = build.meeting(group)
    services.meeting_invite_group(meeting=meeting, by=build.coordinator)
    invitation = {p.pk: build.invitation(meeting, p) for p in people}
    reply(world, invitation[people[0].pk], reply="yes", children=2, needs_transport="on")
    reply(
        world, invitation[people[1].pk], reply="maybe", children=1, interpreter_language="Arabisch"
    )
    reply(world, invitation[people[2].pk], reply="yes", interpreter_language="Tigrinya", children=0)
    # Someone who does not come needs nothing.
    reply(world, invitation[people[3].pk], reply="no", children=3, needs_transport="on")
    response = world.client_for("coordinator").get(
        reverse("participation:meeting", args=[meeting.pk])
    )
    totals = texts(response, tag="li")
    for line in [
        dutch("Coming: %(n)s") % {"n": 2},
        dutch("Maybe: %(n)s") % {"n": 1},
        dutch("Not coming: %(n)s") % {"n": 1},
        dutch("No answer: %(n)s") % {"n": 1},
        dutch("Children for childcare: %(n)s") % {"n": 3},
        dutch("Need transport: %(n)s") % {"n": 1},
    ]:
        assert line in totals
    assert f"{dutch('Interpreters:')} Arabisch, Tigrinya" in totals
    stored = Invitation.objects.get(pk=invitation[people[3].pk].pk)
    assert (stored.reply, stored.children, stored.needs_transport) == ("no", 0, False)


def test_it_refuses_a_negative_number_of_children(world: World, build: Build) -> None:
    group = build.group(members=1)
    meeting = build.meeting(group)
    services.meeting_invite_group(meeting=meeting, by=build.coordinator)
    invitation = meeting.invitations.get()
    response = reply(world, invitation, reply="yes", children=-1)
    assert field_error(response, "children")
    invitation.refresh_from_db()
    assert invitation.reply == "unknown"


def test_it_records_who_came(world: World, build: Build) -> None:
    group = build.group()
    came = build.member(group, "Kwam Wel")
    stayed = build.member(group, "Kwam Niet")
    stranger = make_participant(world.org, name="Niet Uitgenodigd")
    meeting = build.meeting(group, 1)
    # The meeting was planned and has just taken place.
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=at(-1), ends_at=at(-1, 16))
    services.meeting_invite_group(meeting=meeting, by=build.coordinator)
    client = world.client_for("coordinator")
    form = client.get(reverse("participation:attendance", args=[meeting.pk]))
    assert {"Kwam Wel", "Kwam Niet"} <= set(texts(form, tag="label"))
    client.post(
        reverse("participation:attendance", args=[meeting.pk]),
        {"present": [str(came.pk), str(stranger.pk), "nonsense"]},
    )
    assert build.invitation(meeting, came).attended is True
    assert build.invitation(meeting, stayed).attended is False
    assert not Invitation.objects.filter(participant=stranger).exists()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    page = client.get(reverse("participation:meeting", args=[meeting.pk]))
    assert dutch("Were there: %(n)s") % {"n": 1} in texts(page, tag="li")


def test_it_keeps_a_future_meeting_planned_when_attendance_is_ticked(
    build: Build,
) -> None:
    group = build.group(members=1)
    meeting = build.meeting(group, 3)
    services.meeting_invite_group(meeting=meeting, by=build.coordinator)
    services.attendance_record(meeting=meeting, present_ids=[], by=build.coordinator)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED


def test_it_saves_the_minutes(world: World, build: Build) -> None:
    meeting = build.held(build.group())
    world.client_for("coordinator").post(
        reverse("participation:minutes", args=[meeting.pk]),
        {"minutes": "We spraken over de flyer.\n\nVolgende keer: de brief."},
    )
    page = world.client_for("social_worker").get(
        reverse("participation:meeting", args=[meeting.pk])
    )
    assert "We spraken over de flyer." in text(page, cls="card--plain")


# Calendar ---------------------------------------------------------------------------------


def test_it_gives_an_ics_file_with_the_start_and_the_place(world: World, build: Build) -> None:
    meeting = build.meeting(build.group(), 9, place="Sociaal Huis, zaal 2")
    response = world.client_for("social_worker").get(
        reverse("participation:ics", args=[meeting.pk])
    )
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert event.decoded("dtstart") == at(9)
    assert event.decoded("dtend") == at(9, 16)
    assert str(event["location"]) == "Sociaal Huis, zaal 2"
    assert str(event["summary"]) == "Maandelijkse bijeenkomst"
    assert str(event["url"]).endswith(reverse("participation:meeting", args=[meeting.pk]))


def test_it_marks_a_cancelled_meeting_in_the_ics_file(world: World, build: Build) -> None:
    meeting = build.meeting(build.group(), 9)
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CANCELLED)
    response = world.client_for("coordinator").get(reverse("participation:ics", args=[meeting.pk]))
    event = next(iter(Calendar.from_ical(response.content).walk("VEVENT")))
    assert str(event["status"]) == "CANCELLED"


def test_it_lists_upcoming_and_earlier_meetings_with_who_comes(world: World, build: Build) -> None:
    group = build.group(members=2)
    soon = build.meeting(group, 4, title="Straks")
    build.held(group, -4, title="Vroeger")
    services.meeting_invite_group(meeting=soon, by=build.coordinator)
    first = soon.invitations.first()
    assert first is not None
    services.invitation_answer(invitation=first, reply="yes")
    page = world.client_for("coordinator").get(reverse("participation:meetings"))
    rows = texts(page, tag="tr")
    soon_row = next(r for r in rows if "Straks" in r)
    assert dutch("%(yes)s of %(invited)s") % {"yes": 1, "invited": 2} in soon_row
    assert any("Vroeger" in r for r in rows)


def test_the_list_says_how_many_came_to_a_meeting_that_was_held(world: World, build: Build) -> None:
    group = build.group("Groep", members=3)
    build.held(group)  # everyone invited and present
    page = world.client_for("coordinator").get(reverse("participation:meetings"))
    rows = [r for r in texts(page, tag="tr") if "Groep" in r]
    came = dutch("%(came)s of %(invited)s") % {"came": 3, "invited": 3}
    assert any(came in row for row in rows), rows
