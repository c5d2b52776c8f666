"""Every calendar file validates as RFC 5545: DTSTAMP, a UID that is unique across
organisations and installations, a SEQUENCE that goes up when the meeting changes, and
METHOD:CANCEL for a cancelled meeting. Participants get one on their page and by e-mail."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from icalendar import Calendar

from conftest import World, make_participant
from inbreng.messaging.models import Kind
from inbreng.participation import outreach, services
from inbreng.participation.calendar import meeting_ics
from inbreng.participation.models import Invitation, Meeting
from inbreng.people.models import Channel

from .helpers import Build
from .test_personal_page import opened


def strict(content: bytes) -> tuple[Calendar, Any]:
    """Parses a calendar file the way a strict client does and checks what RFC 5545 and
    RFC 5546 require; returns the calendar and its one event."""
    text = content.decode("utf-8")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n")), "lines are folded"
    calendar = Calendar.from_ical(content)
    assert not calendar.errors
    for name in ("PRODID", "VERSION", "METHOD"):
        assert len(calendar.get(name, "")) > 0, name
    assert str(calendar["VERSION"]) == "2.0"
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert not event.errors
    for name in ("UID", "DTSTAMP", "DTSTART", "SEQUENCE", "ORGANIZER"):
        assert name in event, name
    # DTSTAMP "MUST be specified in the UTC time format".
    assert event.decoded("DTSTAMP").utcoffset() == timedelta(0)
    assert event.decoded("DTEND") > event.decoded("DTSTART")
    assert str(event["STATUS"]) in ("TENTATIVE", "CONFIRMED", "CANCELLED")
    assert "@" in str(event["UID"])
    return calendar, event


def ics_of(world: World, meeting: Meeting) -> bytes:
    response = world.client_for("coordinator").get(reverse("participation:ics", args=[meeting.pk]))
    assert response.status_code == 200
    return bytes(response.content)


def test_the_staff_file_validates_with_a_time_stamp_and_a_global_uid(
    world: World, build: Build
) -> None:
    meeting = build.meeting(build.group(), 9)

    calendar, event = strict(ics_of(world, meeting))

    assert str(calendar["METHOD"]) == "PUBLISH"
    assert abs(event.decoded("DTSTAMP") - datetime.now(UTC)) < timedelta(minutes=1)
    uid = str(event["UID"])
    assert uid.endswith("@inbreng.test")
    assert f"-{world.org.pk}-{meeting.pk}-" in uid
    assert int(event["SEQUENCE"]) == 0


def test_the_uid_differs_between_installations(world: World, build: Build) -> None:
    meeting = build.meeting(build.group(), 9)
    here = str(strict(meeting_ics(meeting))[1]["UID"])
    with override_settings(SECRET_KEY="another-installation-" + "x" * 40):
        there = str(strict(meeting_ics(meeting))[1]["UID"])
    with override_settings(INBRENG_SITE_URL="https://inbreng.gemeente.be"):
        elsewhere = str(strict(meeting_ics(meeting))[1]["UID"])
    assert len({here, there, elsewhere}) == 3


def test_the_sequence_goes_up_when_the_meeting_changes_and_only_then(
    world: World, build: Build
) -> None:
    meeting = build.meeting(build.group(), 9)
    first = int(strict(ics_of(world, meeting))[1]["SEQUENCE"])
    again = int(strict(ics_of(world, meeting))[1]["SEQUENCE"])
    services.meeting_save(
        organisation=world.org,
        by=world.users["coordinator"],
        meeting=meeting,
        starts_at=meeting.starts_at + timedelta(hours=1),
        ends_at=meeting.ends_at + timedelta(hours=1),
    )
    moved = strict(ics_of(world, meeting))[1]

    assert first == again == 0
    assert int(moved["SEQUENCE"]) == 1
    assert moved.decoded("DTSTART") == meeting.starts_at


def test_a_cancelled_meeting_is_a_cancel_with_a_higher_sequence(world: World, build: Build) -> None:
    meeting = build.meeting(build.group(), 9)
    before = strict(ics_of(world, meeting))[1]
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CANCELLED)

    calendar, event = strict(ics_of(world, meeting))

    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == str(before["UID"])
    assert int(event["SEQUENCE"]) > int(before["SEQUENCE"])


def test_the_participant_gets_the_file_on_their_own_page(world: World, build: Build) -> None:
    group = build.group()
    person = build.member(group, "Mila Peeters")
    meeting = build.meeting(group, 5, title="Praatcafé")
    services.meeting_invite_group(meeting=meeting, by=build.coordinator)
    invitation = Invitation.objects.get(meeting=meeting, participant=person)
    phone = opened(person)

    page = phone.get(reverse("participation:my_page")).content.decode()
    url = reverse("participation:my_meeting_ics", args=[invitation.pk])
    assert f'href="{url}"' in page

    response = phone.get(url)
    assert response["Content-Type"].startswith("text/calendar")
    _calendar, event = strict(response.content)
    assert str(event["SUMMARY"]) == "Praatcafé"
    # Nobody else's meeting, and not without the page.
    other = make_participant(world.org, name="Ander")
    elsewhere = build.meeting(build.group("Andere groep"), 6)
    services.meeting_invite(meeting=elsewhere, participant=other, by=build.coordinator)
    theirs = Invitation.objects.get(meeting=elsewhere, participant=other)
    assert phone.get(reverse("participation:my_meeting_ics", args=[theirs.pk])).status_code == 404
    assert opened(other).get(url).status_code == 404


def test_an_e_mail_invitation_carries_the_calendar_file(
    world: World, build: Build, django_capture_on_commit_callbacks: Any
) -> None:
    group = build.group()
    person = build.member(group, "Mila Peeters")
    person.preferred_channel, person.email = Channel.EMAIL, "mila@example.be"
    person.save()
    meeting = build.meeting(group, 5, title="Praatcafé")
    services.meeting_invite_group(meeting=meeting, by=build.coordinator)

    for kind in (Kind.INVITATION, Kind.CANCELLATION):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            outreach.meeting_send(
                meeting=meeting, kind=kind, by=build.coordinator, site="https://inbreng.test"
            )
        (email,) = mail.outbox
        files = [a for a in email.attachments if a[2].startswith("text/calendar")]
        assert len(files) == 1, kind
        calendar, event = strict(str(files[0][1]).encode())
        expected = "CANCEL" if kind == Kind.CANCELLATION else "PUBLISH"
        assert str(calendar["METHOD"]) == expected
        assert str(event["SUMMARY"]) == "Praatcafé"


@pytest.mark.parametrize("kind", [Kind.THANKS])
def test_a_thank_you_after_the_meeting_has_no_calendar_file(
    world: World, build: Build, kind: str
) -> None:
    meeting = build.meeting(build.group(), 5)
    assert outreach._calendar(meeting, kind, "https://inbreng.test") == ""
