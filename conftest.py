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
