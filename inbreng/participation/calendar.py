"""Meeting invitations as iCalendar files."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from icalendar import Calendar, Event

from .models import Meeting


def meeting_ics(meeting: Meeting, request: HttpRequest | None = None) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Inbreng//inbreng//NL")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@inbreng")
    event.add("summary", meeting.title)
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("location", meeting.place)
    description = [meeting.group.name]
    if meeting.place_details:
        description.append(meeting.place_details)
    event.add("description", "\n".join(description))
    if meeting.status == Meeting.Status.CANCELLED:
        event.add("status", "CANCELLED")
    if request is not None:
        event.add(
            "url", request.build_absolute_uri(reverse("participation:meeting", args=[meeting.pk]))
        )
    calendar.add_component(event)
    return bytes(calendar.to_ical())
