"""Shared fixtures: one organisation with one user per role, and a second organisation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from inbreng.core.models import Membership, Organisation, Partner, Service, User
from inbreng.people.models import Channel, Participant

ROLES = {
    "admin": {"is_admin": True},
    "coordinator": {"is_coordinator": True},
    "social_worker": {"is_social_worker": True},
    "service_contact": {"is_service_contact": True},
    "policy_maker": {"is_policy_maker": True},
    "partner_worker": {"is_partner_worker": True},
}


def verified_login(client: Client, user: User) -> Client:
    """Logs in as if the user had passed two-step login."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _ = TOTPDevice.objects.get_or_create(
        user=user, defaults={"name": "test", "confirmed": True}
    )
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@dataclass
class World:
    org: Organisation
    other_org: Organisation
    service: Service
    partner: Partner
    users: dict[str, User]
    other_user: User
    participant: Participant
    other_participant: Participant

    def member(self, role: str) -> Membership:
        return Membership.objects.get(organisation=self.org, user=self.users[role])

    def client_for(self, role: str) -> Client:
        user = self.other_user if role == "other_org" else self.users[role]
        return verified_login(Client(), user)


def make_participant(org: Organisation, **fields: Any) -> Participant:
    fields.setdefault("name", "Test Persoon")
    fields.setdefault("preferred_channel", Channel.SMS)
    fields.setdefault("phone", "+32470123456")
    fields.setdefault("last_activity_at", timezone.now())
    return Participant.objects.create(organisation=org, **fields)


@pytest.fixture
def world(db: Any) -> World:
    org = Organisation.objects.create(name="Sociaal Huis Testdorp")
    other_org = Organisation.objects.create(name="Sociaal Huis Elders")
    service = Service.objects.create(organisation=org, name="Huisvesting")
    partner = Partner.objects.create(organisation=org, name="CAW Test", kind=Partner.Kind.CAW)
    users = {}
    for role, flags in ROLES.items():
        user = User.objects.create_user(
            username=role, password="a-long-test-password", first_name=role.title()
        )
        Membership.objects.create(
            organisation=org,
            user=user,
            service=service if role == "service_contact" else None,
            partner=partner if role == "partner_worker" else None,
            **flags,
        )
        users[role] = user
    other_user = User.objects.create_user(username="other", password="a-long-test-password")
    Membership.objects.create(
        organisation=other_org,
        user=other_user,
        **{
            flag: True
            for flags in ROLES.values()
            for flag in flags
            if flag not in ("is_service_contact", "is_partner_worker")
        },
    )
    participant = make_participant(
        org, name="Anouk T.", referred_by_partner=partner, social_worker=users["social_worker"]
    )
    other_participant = make_participant(other_org, name="Bram E.", phone="+32470999888")
    return World(
        org, other_org, service, partner, users, other_user, participant, other_participant
    )


@dataclass
class Loop:
    """One of everything in the participation loop, in the world's organisation."""

    group: Any
    group_membership: Any
    trajectory: Any
    question: Any
    returned_question: Any
    meeting: Any
    invitation: Any
    contribution: Any
    response: Any
    attachment: Any


@pytest.fixture
def loop(world: World) -> Loop:
    from datetime import timedelta

    from django.core.files.base import ContentFile

    from inbreng.groups.models import GroupMembership, ParticipationGroup
    from inbreng.participation.models import (
        AgendaItem,
        Contribution,
        Invitation,
        Level,
        Meeting,
        Question,
        QuestionAttachment,
        Response,
        Trajectory,
    )

    org, now = world.org, timezone.now()
    group = ParticipationGroup.objects.create(organisation=org, name="Klankbord")
    membership = GroupMembership.objects.create(
        organisation=org,
        group=group,
        participant=world.participant,
        stage=GroupMembership.Stage.MEMBER,
        member_since=now.date(),
    )
    trajectory = Trajectory.objects.create(
        organisation=org,
        title="Duidelijke brieven",
        purpose="Brieven verbeteren",
        service=world.service,
        level=Level.ADVISE,
        group=group,
        starts_on=now.date(),
    )
    question = Question.objects.create(
        organisation=org,
        service=world.service,
        trajectory=trajectory,
        title="Is deze brief duidelijk?",
        level=Level.ADVISE,
        status=Question.Status.SCHEDULED,
        asked_by=world.users["service_contact"],
        answer_due_on=now.date() + timedelta(weeks=6),
    )
    returned = Question.objects.create(
        organisation=org,
        service=world.service,
        title="Te vage vraag",
        level=Level.CONSULT,
        status=Question.Status.RETURNED,
        return_reason="Wat kan er nog veranderen?",
    )
    meeting = Meeting.objects.create(
        organisation=org,
        group=group,
        title="Bijeenkomst",
        starts_at=now - timedelta(days=1),
        ends_at=now - timedelta(days=1) + timedelta(hours=2),
        place="Buurthuis",
        status=Meeting.Status.HELD,
    )
    AgendaItem.objects.create(organisation=org, meeting=meeting, question=question, position=1)
    invitation = Invitation.objects.create(
        organisation=org, meeting=meeting, participant=world.participant, attended=True
    )
    response = Response.objects.create(
        organisation=org,
        question=question,
        status=Response.Status.ADOPTED,
        explanation="We passen de brief aan.",
        responded_by=world.users["service_contact"],
    )
    contribution = Contribution.objects.create(
        organisation=org,
        question=question,
        meeting=meeting,
        text="Te lang.",
        participant=world.participant,
        response=response,
    )
    attachment = QuestionAttachment.objects.create(
        organisation=org,
        question=question,
        file=ContentFile(b"%PDF-1.4\n", name="x.pdf"),
        name="brief.pdf",
        content_type="application/pdf",
        size=9,
    )
    return Loop(
        group,
        membership,
        trajectory,
        question,
        returned,
        meeting,
        invitation,
        contribution,
        response,
        attachment,
    )
