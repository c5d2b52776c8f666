"""Fictional data for the benchmarks, written with bulk_create.

Set-up is not what is measured, so it takes shortcuts a user could not (invitations are
inserted directly instead of through group membership), but the rows are the same as the
application writes them.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.utils import timezone

from inbreng.core.models import Membership, Organisation, Service, User
from inbreng.groups import services as groups
from inbreng.groups.models import ParticipationGroup
from inbreng.participation import services as loop
from inbreng.participation.management.commands.seed_demo import FIRST_NAMES, STREETS
from inbreng.participation.models import Invitation, Level, Meeting, Question
from inbreng.people.models import Channel, Participant

# The preferred channel of the people invited (weights). Paper and the social worker are
# first-class channels, so they are a large share, as in the demo data.
CHANNEL_MIX: dict[str, int] = {
    Channel.SMS: 35,
    Channel.LETTER: 25,
    Channel.SOCIAL_WORKER: 15,
    Channel.EMAIL: 15,
    Channel.PHONE: 10,
}
# Turkish has no message texts: those people get Dutch, as in the application.
LANGUAGE_MIX: dict[str, int] = {"nl": 50, "fr": 15, "ar": 15, "en": 10, "tr": 10}
LETTER_LANGUAGE_MIX: dict[str, int] = {"nl": 40, "ar": 25, "fr": 15, "en": 10, "tr": 10}
FAMILY_INITIALS = "ABCDEFGHIJKLMNOPRSTVWZ"


@dataclass(frozen=True)
class World:
    organisation: Organisation
    coordinator: User
    workers: list[User]
    group: ParticipationGroup
    question: Question


def make_world(workers: int = 20) -> World:
    """An organisation with a coordinator, social workers, a group and an accepted question."""
    organisation = Organisation.objects.create(name="Sociaal Huis Benchdorp")
    service = Service.objects.create(organisation=organisation, name="Sociale dienst")
    coordinator = User.objects.create(username="bench-coordinator", first_name="Katrien")
    Membership.objects.create(
        organisation=organisation, user=coordinator, is_coordinator=True, is_social_worker=True
    )
    staff = User.objects.bulk_create(
        User(username=f"bench-worker-{n}", first_name="Werker", last_name=str(n))
        for n in range(workers)
    )
    Membership.objects.bulk_create(
        Membership(organisation=organisation, user=user, is_social_worker=True) for user in staff
    )
    group = groups.group_save(
        organisation=organisation,
        by=coordinator,
        name="Klankbordgroep Benchdorp",
        kind=ParticipationGroup.Kind.STANDING,
        coordinator=coordinator,
    )
    question = loop.question_ask(
        organisation=organisation,
        by=coordinator,
        service=service,
        title="Hoe maken we de wachtzaal rustiger?",
        body="We verbouwen in het voorjaar. Wat helpt jou als je moet wachten?",
        level=Level.CONSULT,
    )
    loop.question_review(question=question, by=coordinator, accept=True)
    return World(organisation, coordinator, [coordinator, *staff], group, question)


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def make_participants(
    world: World,
    count: int,
    rng: random.Random,
    *,
    channels: dict[str, int] = CHANNEL_MIX,
    languages: dict[str, int] = LANGUAGE_MIX,
    unreachable: float = 0.01,
) -> list[Participant]:
    """People with the contact details their preferred channel needs, and some extras.

    A few prefer SMS but only have a landline (the message falls through to their next
    channel), and a share `unreachable` have no contact details at all ("no channel").
    """
    now = timezone.now()
    start = Participant.objects.count()
    people = []
    for index in range(start, start + count):
        first = FIRST_NAMES[index % len(FIRST_NAMES)]
        channel = _pick(rng, channels)
        nowhere = rng.random() < unreachable
        landline = channel == Channel.PHONE or (channel == Channel.SMS and rng.random() < 0.03)
        has_phone = channel in (Channel.SMS, Channel.PHONE) or rng.random() < 0.3
        has_email = channel == Channel.EMAIL or rng.random() < 0.1
        has_address = channel == Channel.LETTER or rng.random() < 0.9
        has_worker = channel == Channel.SOCIAL_WORKER or rng.random() < 0.4
        # A Belgian landline (09...) cannot receive SMS; a mobile number (047...) can.
        number = rng.randrange(10**7)
        phone = f"+329{number:07d}" if landline else f"+3247{number:07d}"
        people.append(
            Participant(
                organisation=world.organisation,
                name=f"{first} {rng.choice(FAMILY_INITIALS)}.",
                phone=phone if has_phone and not nowhere else "",
                email=f"{first.lower()}.{index}@example.org" if has_email and not nowhere else "",
                street=f"{rng.choice(STREETS)} {rng.randint(1, 140)}"
                if has_address and not nowhere
                else "",
                postal_code="9999" if has_address and not nowhere else "",
                city="Benchdorp" if has_address and not nowhere else "",
                preferred_channel=channel,
                social_worker=rng.choice(world.workers) if has_worker and not nowhere else None,
                language=_pick(rng, languages),
                last_activity_at=now - timedelta(days=rng.randint(1, 400)),
            )
        )
    return Participant.objects.bulk_create(people, batch_size=1000)


def make_meeting(world: World, title: str, people: Sequence[Participant]) -> Meeting:
    """A planned meeting in two weeks with the question on its agenda and everyone invited
    (not yet sent)."""
    day = timezone.localdate() + timedelta(days=14)
    zone = timezone.get_current_timezone()
    meeting = loop.meeting_save(
        organisation=world.organisation,
        by=world.coordinator,
        group=world.group,
        title=title,
        starts_at=datetime.combine(day, time(14, 0), tzinfo=zone),
        ends_at=datetime.combine(day, time(16, 0), tzinfo=zone),
        place="Buurthuis De Linde, Lindelaan 12",
        place_details="Bus 5, halte Lindeplein. Ingang zonder trappen.",
        bring="Je bankkaart",
    )
    loop.agenda_add_question(meeting=meeting, question=world.question, by=world.coordinator)
    Invitation.objects.bulk_create(
        (
            Invitation(organisation=world.organisation, meeting=meeting, participant=person)
            for person in people
        ),
        batch_size=1000,
    )
    return meeting
