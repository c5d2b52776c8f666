"""Builds the participation loop through its own services, the way people build it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import World, make_participant
from inbreng.core.models import User
from inbreng.groups import services as group_services
from inbreng.groups.models import GroupMembership, ParticipationGroup
from inbreng.participation import services
from inbreng.participation.models import (
    Contribution,
    Invitation,
    Level,
    Meeting,
    Question,
    Response,
)
from inbreng.people.models import Participant


def at(days: int, hour: int = 14) -> datetime:
    """A moment `days` from today at `hour` o'clock, Brussels time."""
    on = timezone.localdate() + timedelta(days=days)
    return datetime.combine(on, time(hour), tzinfo=timezone.get_current_timezone())


def day(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


@dataclass
class Build:
    world: World

    @property
    def coordinator(self) -> User:
        return self.world.users["coordinator"]

    @property
    def service_contact(self) -> User:
        return self.world.users["service_contact"]

    def group(self, name: str = "Samen Sterk", members: int = 0) -> ParticipationGroup:
        group = group_services.group_save(
            organisation=self.world.org, by=self.coordinator, name=name
        )
        for n in range(members):
            self.member(group, f"Lid{n} Achternaam")
        return group

    def member(
        self, group: ParticipationGroup, name: str, stage: str = GroupMembership.Stage.MEMBER
    ) -> Participant:
        person = make_participant(self.world.org, name=name)
        group_services.membership_add(
            group=group, participant=person, by=self.coordinator, stage=stage
        )
        return person

    def question(self, title: str = "Is deze flyer duidelijk?", **kwargs: Any) -> Question:
        kwargs.setdefault("body", "We willen de flyer nog aanpassen.")
        kwargs.setdefault("level", Level.CONSULT)
        return services.question_ask(
            organisation=self.world.org,
            by=self.service_contact,
            service=self.world.service,
            title=title,
            **kwargs,
        )

    def accepted(self, title: str = "Is deze flyer duidelijk?", **kwargs: Any) -> Question:
        question = self.question(title, **kwargs)
        return services.question_review(question=question, by=self.coordinator, accept=True)

    def meeting(
        self,
        group: ParticipationGroup,
        days: int = 7,
        *,
        record_past: bool = False,
        **fields: Any,
    ) -> Meeting:
        fields.setdefault("title", "Maandelijkse bijeenkomst")
        fields.setdefault("place", "Buurthuis De Linde")
        return services.meeting_save(
            organisation=self.world.org,
            by=self.coordinator,
            group=group,
            starts_at=at(days),
            ends_at=at(days, 16),
            record_past=record_past,
            **fields,
        )

    def held(self, group: ParticipationGroup, days: int = -7, **fields: Any) -> Meeting:
        """A past meeting, with every current member invited and present."""
        meeting = self.meeting(group, days, record_past=True, **fields)
        services.meeting_invite_group(meeting=meeting, by=self.coordinator)
        services.attendance_record(
            meeting=meeting,
            present_ids=meeting.invitations.values_list("participant_id", flat=True),
            by=self.coordinator,
        )
        return meeting

    def schedule(self, meeting: Meeting, question: Question) -> Question:
        services.agenda_add_question(meeting=meeting, question=question, by=self.coordinator)
        question.refresh_from_db()
        return question

    def say(
        self,
        meeting: Meeting,
        question: Question,
        text: str = "De letters zijn te klein.",
        participant: Participant | None = None,
        **kwargs: Any,
    ) -> Contribution:
        return services.contribution_record(
            meeting=meeting,
            question=question,
            text=text,
            participant=participant,
            by=self.coordinator,
            **kwargs,
        )

    def answer(
        self,
        question: Question,
        contributions: list[Contribution],
        status: str = Response.Status.ADOPTED,
        explanation: str = "We maken de letters groter.",
        **kwargs: Any,
    ) -> Response:
        return services.response_create(
            question=question,
            contributions=contributions,
            status=status,
            explanation=explanation,
            by=self.service_contact,
            **kwargs,
        )

    def discussed(
        self, members: int = 3, title: str = "Is deze flyer duidelijk?"
    ) -> tuple[ParticipationGroup, Meeting, Question, list[Participant]]:
        """A group that met last week about a question; nothing said yet."""
        group = self.group(members=members)
        people = [m.participant for m in group.memberships.select_related("participant")]
        meeting = self.held(group)
        question = self.schedule(meeting, self.accepted(title))
        return group, meeting, question, people

    def invitation(self, meeting: Meeting, participant: Participant) -> Invitation:
        return Invitation.objects.get(meeting=meeting, participant=participant)


def count_queries(client: Client, url: str) -> int:
    """The queries one page view makes, after a first view that fills per-process caches."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def said_to_participants(status: str) -> str:
    """A status as participants read it on their page, the overview and the letter (Dutch)."""
    from django.utils import translation

    with translation.override("nl"):
        return Response(status=status).plain_status


def open_personal_page(client: Client, path: str) -> Any:
    """Follows a personal link as a person does: the link shows one button ("Open my page"),
    and pressing it (a POST with what the form holds) opens the page. Returns the redirect."""
    import re

    from django.urls import reverse

    shown = client.get(path)
    assert shown.status_code == 200, shown.status_code
    html = shown.content.decode()
    found = re.search(r'<input type="hidden" name="([tk])" value="([^"]*)">', html)
    assert found, "the link page has no button"
    return client.post(reverse("participation:open_link"), {found[1]: found[2]})
