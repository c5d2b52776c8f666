"""Meeting invitations as iCalendar files (RFC 5545, published as in RFC 5546).

Every file has a DTSTAMP, a UID that no other organisation or installation can have and a
SEQUENCE that goes up when the meeting changes, so that a calendar that imported it before
takes the new time or place. A cancelled meeting is sent as METHOD:CANCEL with
STATUS:CANCELLED, so that calendars remove it.
"""

from __future__ import annotations

from datetime import UTC

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress

from inbreng.core.calendar import calendar_sequence, calendar_uid

from .models import Meeting


def meeting_ics(meeting: Meeting, *, url: str = "") -> bytes:
    """The meeting as a calendar file; `url` is a page about it the reader may open."""
    cancelled = meeting.status == Meeting.Status.CANCELLED
    key = f"meeting:{meeting.pk}"
    sequence = calendar_sequence(
        meeting.organisation,
        key,
        meeting.title,
        meeting.starts_at.isoformat(),
        meeting.ends_at.isoformat(),
        meeting.place,
        meeting.place_details,
        meeting.status,
    )
    calendar = Calendar()
    calendar.add("prodid", "-//Inbreng//inbreng//NL")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    event = Event()
    event.add("uid", calendar_uid(meeting.organisation, key))
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("sequence", sequence)
    event.add("summary", meeting.title)
    event.add("dtstart", meeting.starts_at.astimezone(UTC))
    event.add("dtend", meeting.ends_at.astimezone(UTC))
    event.add("location", meeting.place)
    organiser = vCalAddress(
        "mailto:" + (meeting.organisation.contact_email or settings.DEFAULT_FROM_EMAIL)
    )
    organiser.params["cn"] = meeting.organisation.name
    event.add("organizer", organiser)
    description = [meeting.group.name]
    if meeting.place_details:
        description.append(meeting.place_details)
    event.add("description", "\n".join(description))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if url:
        event.add("url", url)
    calendar.add_component(event)
    return bytes(calendar.to_ical())
