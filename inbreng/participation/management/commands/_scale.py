"""A year of use at a city's or a region's scale, for `seed_demo --scale city|region`.

Everything is fictional and deterministic for a seed. The rows are the ones the
application writes, but they are inserted in bulk (COPY on PostgreSQL, executemany on
SQLite, through `core.bulk.insert_rows`) instead of through the services: the point is to
fill every table the pages read in minutes, not to exercise the write paths. Derived state
(counts, dates) is left at its default and recomputed at the end by `recompute_state` when
that command exists.

`city` is one organisation as measured in issue 14: about 20,000 participants, 326 groups
(one of about 430 members, median about 40), 3,600 meetings, 90,000 invitations, 1,800
questions (a few with more than 2,000 inputs), 110,000 inputs with 13,000 answers, 117,000
deliveries and 200,000 audit events. `region` is 300 organisations whose sizes sum to
about 27 cities (3,000,000 inputs): the demo organisation is city-sized, the others smaller.
"""

from __future__ import annotations

import math
import random
import uuid
from datetime import date, datetime, time, timedelta
from typing import Any

from django.apps import apps
from django.utils import timezone

from inbreng.core.models import AuditEvent, Membership, Organisation, Partner, Service, User
from inbreng.core.scale import (
    Progress,
    ScaleContext,
    Staff,
    Table,
    last_id,
    write,
)
from inbreng.groups.models import GroupMembership, ParticipationGroup
from inbreng.messaging.models import Delivery, Kind, Message
from inbreng.participation import services as links_service
from inbreng.participation.models import (
    AgendaItem,
    Contribution,
    FeedbackDelivery,
    Invitation,
    Level,
    Meeting,
    PersonalLink,
    Question,
    Response,
    Trajectory,
    Translation,
)
from inbreng.people.models import AgeBand, Channel, Consent, HouseholdType, Participant

# One city, as measured in issue 14. Every count is multiplied by the organisation's factor.
CITY = {
    "participants": 20_000,
    "workers": 60,
    "groups": 326,
    "meetings": 3_600,
    "trajectories": 60,
    "questions": 1_800,
    "contributions": 110_000,
    "audit": 200_000,
}
REGION_ORGANISATIONS = 300
REGION_CITIES = 27.3  # 3,000,000 inputs / 110,000 per city
SCALES = ("demo", "city", "region")
STEPS = 8  # progress steps per organisation

FIRST = [
    "Anouk", "Bram", "Chaima", "Dirk", "Elif", "Fatima", "Geert", "Hanne", "Ilias", "Jana",
    "Kevin", "Lotte", "Mohamed", "Nadia", "Olga", "Pieter", "Rania", "Sander", "Tamara",
    "Yusuf", "Wendy", "Zeynep", "Amina", "Bart", "Carine", "Dries", "Eva", "Filip",
]  # fmt: skip
STREETS = ["Lindelaan", "Molenstraat", "Kerkplein", "Beukenhof", "Stationsstraat", "Veldweg"]
TOWNS = ["Lindeveld", "Bergeind", "Heidegem", "Molenbeke", "Vijverdonk", "Eikelo", "Zandhoven"]
SERVICE_NAMES = [
    "Sociale dienst", "Schuldhulpverlening", "Huisvesting", "Vrije tijd", "Onthaal",
    "Kinderopvang", "Energie", "Werk", "Gezondheid", "Mobiliteit", "Onderwijs", "Cultuur",
]  # fmt: skip
GROUP_WORDS = ["Klankbordgroep", "Praatgroep", "Focusgroep", "Werkgroep", "Buurtgroep"]
PLACES = ["Buurthuis De Linde", "Sociaal Huis, zaal 2", "Bibliotheek", "Ontmoetingscentrum"]
TOPICS = [
    "de wachtzaal", "de brief over de energiepremie", "het spreekuur", "de kinderopvang",
    "de website", "het onthaal", "de sociale kruidenier", "de busverbinding", "de huurpremie",
    "de schuldhulp", "de vakantiewerking", "het formulier voor de toelage",
]  # fmt: skip
SAID = [
    "De brief is te lang. Zet bovenaan wat ik moet doen.",
    "Ik begrijp de moeilijke woorden niet.",
    "Geef een nummer waar iemand opneemt.",
    "Een hoek voor kinderen zou helpen.",
    "De uren passen niet als je werkt.",
    "Het is te ver met de bus.",
    "Ik wil iemand die uitlegt wat ik moet invullen.",
    "Vraag het ook aan mensen die niet komen.",
]
ANSWERS = [
    "We passen de brief aan. Bovenaan staat nu wat je moet doen.",
    "We bekijken het met de dienst. In het voorjaar weten we meer.",
    "Dat kan niet dit jaar. Het budget is op. We vragen het opnieuw in het najaar.",
    "Het is gedaan. Kom gerust kijken.",
]


def city_factors(rng: random.Random) -> list[float]:
    """Sizes of the 300 organisations of a region, in cities: one city, the rest smaller.

    A long tail, as in Flanders: many small municipalities, a few large towns.
    """
    others = [rng.paretovariate(1.2) for _ in range(REGION_ORGANISATIONS - 1)]
    scale = (REGION_CITIES - 1) / sum(others)
    factors = [min(0.8, x * scale) for x in others]
    # Capping moved some size away; give it back proportionally.
    factors = [x * (REGION_CITIES - 1) / sum(factors) for x in factors]
    return [1.0, *sorted((min(0.9, x) for x in factors), reverse=True)]


def _staff(
    organisation: Organisation, factor: float, rng: random.Random, password: str, now: datetime
) -> Staff:
    """Services, partners and staff accounts; existing ones (the demo's) are kept."""
    services = list(Service.objects.filter(organisation=organisation).values_list("pk", flat=True))
    existing = set(Service.objects.filter(organisation=organisation).values_list("name", flat=True))
    wanted = SERVICE_NAMES[: max(4, min(len(SERVICE_NAMES), round(12 * factor**0.3)))]
    for name in wanted:
        if name not in existing:
            services.append(Service.objects.create(organisation=organisation, name=name).pk)
    partners = list(Partner.objects.filter(organisation=organisation).values_list("pk", flat=True))
    if not partners:
        partners = [
            Partner.objects.create(organisation=organisation, name=f"{name} {organisation.pk}").pk
            for name in ("CAW", "Vereniging waar armen het woord nemen", "Basiseducatie")
        ]
    prefix = f"o{organisation.pk}"
    members = Membership.objects.filter(organisation=organisation)
    coordinators = list(members.filter(is_coordinator=True).values_list("user_id", flat=True))
    workers = list(members.filter(is_social_worker=True).values_list("user_id", flat=True))
    contacts = dict(
        members.filter(is_service_contact=True, service__isnull=False).values_list(
            "service_id", "user_id"
        )
    )
    cases = list(members.filter(is_case_coordinator=True).values_list("user_id", flat=True))
    plan: list[tuple[str, dict[str, Any]]] = []
    for n in range(max(0, max(1, round(3 * factor)) - len(coordinators))):
        plan.append((f"{prefix}-coordinator{n}", {"is_coordinator": True}))
    for n in range(max(0, max(2, round(CITY["workers"] * factor)) - len(workers))):
        plan.append((f"{prefix}-worker{n}", {"is_social_worker": True}))
    for service in services:
        if service not in contacts:
            plan.append(
                (f"{prefix}-service{service}", {"is_service_contact": True, "service_id": service})
            )
    if not cases:
        plan.append((f"{prefix}-lco", {"is_case_coordinator": True}))
    plan.append((f"{prefix}-policy", {"is_policy_maker": True}))
    users = User.objects.bulk_create(
        User(
            username=username,
            first_name=rng.choice(FIRST),
            last_name="Medewerker",
            password=password,
            is_demo=True,
        )
        for username, _ in plan
    )
    Membership.objects.bulk_create(
        Membership(organisation=organisation, user=user, **roles)
        for user, (_, roles) in zip(users, plan, strict=True)
    )
    for user, (_, roles) in zip(users, plan, strict=True):
        if roles.get("is_coordinator"):
            coordinators.append(user.pk)
        elif roles.get("is_social_worker"):
            workers.append(user.pk)
        elif roles.get("is_service_contact"):
            contacts[roles["service_id"]] = user.pk
        elif roles.get("is_case_coordinator"):
            cases.append(user.pk)
    everyone = list(members.values_list("user_id", flat=True))
    return Staff(coordinators, workers, contacts, cases[0], services, partners, everyone)


def _skewed(rng: random.Random, count: int, total: int, sigma: float) -> list[int]:
    """`count` positive sizes summing to about `total`, lognormally skewed."""
    weights = [rng.lognormvariate(0, sigma) for _ in range(count)]
    scale = total / sum(weights)
    return [max(1, round(w * scale)) for w in weights]


def _day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def fill_organisation(
    organisation: Organisation,
    factor: float,
    *,
    seed: int,
    password: str,
    progress: Progress,
    now: datetime | None = None,
) -> dict[str, int]:
    """Adds a year of use to `organisation`, `factor` times a city. Returns row counts."""
    rng = random.Random(f"{seed}-{organisation.name}")
    now = now or timezone.now()
    zone = timezone.get_current_timezone()
    counts: dict[str, int] = {}
    year_ago = now - timedelta(days=365)
    staff = _staff(organisation, factor, rng, password, now)
    recorder = staff.coordinators[0]

    def moment(start: datetime = year_ago, end: datetime = now) -> datetime:
        return start + timedelta(seconds=rng.uniform(0, (end - start).total_seconds()))

    # Participants and their consent.
    n_people = max(12, round(CITY["participants"] * factor))
    languages = ["nl"] * 12 + ["fr", "fr", "en", "ar", "ar", "tr", "pl", "ro", "uk", "ti"]
    channels = [Channel.SMS] * 4 + [Channel.LETTER] * 3 + [Channel.SOCIAL_WORKER] * 2
    channels += [Channel.EMAIL, Channel.PHONE]
    ages = [c for c, _ in AgeBand.choices] + [""]
    households = [c for c, _ in HouseholdType.choices] + [""]
    town = TOWNS[organisation.pk % len(TOWNS)]
    start = last_id(Participant)
    people_rows: list[dict[str, Any]] = []
    channel_of: list[str] = []
    for n in range(n_people):
        first = FIRST[(start + n) % len(FIRST)]
        channel = rng.choice(channels)
        channel_of.append(channel)
        language = rng.choice(languages)
        people_rows.append(
            {
                "organisation": organisation.pk,
                "name": f"{first} {rng.choice('ABCDEFGHIJKLMNOPRSTVWZ')}.",
                "phone": f"+3247{rng.randrange(10**7):07d}"
                if channel in (Channel.SMS, Channel.PHONE) or rng.random() < 0.4
                else "",
                "email": f"{first.lower()}{start + n}@example.org"
                if channel == Channel.EMAIL or rng.random() < 0.15
                else "",
                "street": f"{rng.choice(STREETS)} {rng.randint(1, 140)}",
                "postal_code": "9999",
                "city": town,
                "preferred_channel": channel,
                "social_worker": rng.choice(staff.workers)
                if channel == Channel.SOCIAL_WORKER or rng.random() < 0.5
                else None,
                "language": language,
                "needs_childcare": rng.random() < 0.25,
                "needs_transport": rng.random() < 0.2,
                "needs_interpreter": language not in ("nl", "fr", "en") and rng.random() < 0.6,
                "needs_easy_read": rng.random() < 0.3,
                "referred_by_partner": rng.choice(staff.partners) if rng.random() < 0.5 else None,
                "age_band": rng.choice(ages),
                "household_type": rng.choice(households),
                "home_language": language if rng.random() < 0.7 else "",
                "last_activity_at": moment(now - timedelta(days=900)),
                "created_at": moment(now - timedelta(days=1000), year_ago),
            }
        )
    people = write(Participant, organisation, people_rows, now)
    consent_rows = (
        {
            "organisation": organisation.pk,
            "participant": pk,
            "purpose": Consent.Purpose.PARTICIPATION,
            "how": Consent.How.SPOKEN if n % 3 else Consent.How.PAPER,
            "given_at": row["created_at"],
            "recorded_by": recorder,
        }
        for n, (pk, row) in enumerate(zip(people, people_rows, strict=True))
    )
    write(Consent, organisation, consent_rows, now)
    counts["participants"] = len(people)
    progress.step("participants", 2 * len(people))
    del people_rows

    # Groups: sizes skewed, one large group (about 430 in a city), median about 40.
    n_groups = max(2, round(CITY["groups"] * factor))
    sizes = [
        min(len(people) // 2, max(5, round(rng.lognormvariate(math.log(40), 0.45))))
        for _ in range(n_groups)
    ]
    sizes[0] = min(len(people) // 2, max(sizes[0], round(432 * min(1.0, factor) ** 0.5)))
    group_rows: list[dict[str, Any]] = [
        {
            "organisation": organisation.pk,
            "name": f"{rng.choice(GROUP_WORDS)} {rng.choice(TOPICS)} {n + 1}",
            "kind": "focus" if n % 5 == 4 else "standing",
            "max_size": 12 if size < 60 else size + 20,
            "coordinator": rng.choice(staff.coordinators),
            "is_active": n % 17 != 16,
            "created_at": moment(now - timedelta(days=900), year_ago),
        }
        for n, size in enumerate(sizes)
    ]
    groups = write(ParticipationGroup, organisation, group_rows, now)
    members_of: dict[int, list[int]] = {}
    stages = [GroupMembership.Stage.MEMBER] * 16 + [
        GroupMembership.Stage.TRIAL,
        GroupMembership.Stage.INTAKE,
        GroupMembership.Stage.REFERRED,
        GroupMembership.Stage.LEFT,
    ]
    membership_rows: list[dict[str, Any]] = []
    for group, size in zip(groups, sizes, strict=True):
        picked = rng.sample(people, size)
        members_of[group] = []
        for person in picked:
            stage = rng.choice(stages)
            since = (now - timedelta(days=rng.randint(30, 900))).date()
            row: dict[str, Any] = {
                "organisation": organisation.pk,
                "group": group,
                "participant": person,
                "stage": stage,
                "referred_on": since - timedelta(days=30),
            }
            if stage in (GroupMembership.Stage.MEMBER, GroupMembership.Stage.LEFT):
                row["member_since"] = since
                members_of[group].append(person)
            if stage == GroupMembership.Stage.LEFT:
                row["left_on"] = since + timedelta(days=20)
            if stage == GroupMembership.Stage.TRIAL:
                row["trial_on"] = since
                members_of[group].append(person)
            if stage == GroupMembership.Stage.INTAKE:
                row["intake_on"] = since
            membership_rows.append(row)
    write(GroupMembership, organisation, membership_rows, now)
    counts["groups"] = len(groups)
    counts["group_memberships"] = len(membership_rows)
    progress.step("groups", len(groups) + len(membership_rows))
    del membership_rows

    # Trajectories and questions.
    n_trajectories = max(1, round(CITY["trajectories"] * factor))
    trajectory_rows: list[dict[str, Any]] = [
        {
            "organisation": organisation.pk,
            "title": f"Samen over {rng.choice(TOPICS)}",
            "purpose": "We willen weten wat beter kan. Jullie mening telt.",
            "service": rng.choice(staff.services),
            "level": rng.choice(Level.values),
            "group": rng.choice(groups),
            "starts_on": moment().date() - timedelta(days=60),
        }
        for _ in range(n_trajectories)
    ]
    trajectories = write(Trajectory, organisation, trajectory_rows, now)
    n_questions = max(3, round(CITY["questions"] * factor))
    statuses = [Question.Status.SCHEDULED] * 85 + [Question.Status.ACCEPTED] * 7
    statuses += [Question.Status.SUBMITTED] * 5 + [Question.Status.RETURNED] * 3
    question_rows: list[dict[str, Any]] = []
    for _ in range(n_questions):
        service = rng.choice(staff.services)
        question_rows.append(
            {
                "organisation": organisation.pk,
                "service": service,
                "trajectory": rng.choice(trajectories) if rng.random() < 0.3 else None,
                "level": rng.choice(Level.values),
                "title": f"Wat vind je van {rng.choice(TOPICS)}?",
                "body": "We willen het beter maken. Wat helpt jou? Wat mag anders?",
                "asked_by": staff.service_contacts.get(service, recorder),
                "status": rng.choice(statuses),
                "created_at": moment(year_ago - timedelta(days=30), now - timedelta(days=5)),
            }
        )
    # Meetings, spread over the groups and the year; a few still to come.
    n_meetings = max(2, round(CITY["meetings"] * factor))
    meeting_rows: list[dict[str, Any]] = []
    for n in range(n_meetings):
        starts = moment(year_ago, now + timedelta(days=45)).replace(
            minute=0, second=0, microsecond=0
        )
        starts = datetime.combine(_day(starts), time(rng.choice([10, 14, 19])), tzinfo=zone)
        past = starts < now
        meeting_rows.append(
            {
                "organisation": organisation.pk,
                "group": groups[n % len(groups)] if n < len(groups) else rng.choice(groups),
                "title": "Bijeenkomst",
                "starts_at": starts,
                "ends_at": starts + timedelta(hours=2),
                "place": rng.choice(PLACES),
                "place_details": "Ingang zonder trappen.",
                "minutes": "We spraken over de vragen. Iedereen kon iets zeggen." if past else "",
                "status": (
                    Meeting.Status.CANCELLED
                    if rng.random() < 0.03
                    else Meeting.Status.HELD
                    if past
                    else Meeting.Status.PLANNED
                ),
                "created_at": starts - timedelta(days=20),
            }
        )
    meetings = write(Meeting, organisation, meeting_rows, now)
    held = [
        (pk, row) for pk, row in zip(meetings, meeting_rows, strict=True) if row["status"] == "held"
    ]
    # A question is discussed at one meeting (its answer is due six weeks later); planned
    # meetings carry the questions not discussed yet.
    planned = [
        (pk, row)
        for pk, row in zip(meetings, meeting_rows, strict=True)
        if row["status"] == "planned"
    ]
    question_meeting: list[tuple[int, dict[str, Any]] | None] = []
    for row in question_rows:
        if row["status"] != Question.Status.SCHEDULED:
            question_meeting.append(None)
            continue
        pool = held if (rng.random() < 0.95 or not planned) and held else planned
        chosen = rng.choice(pool) if pool else None
        question_meeting.append(chosen)
        if chosen is not None:
            row["answer_due_on"] = _day(chosen[1]["starts_at"]) + timedelta(weeks=6)
    questions = write(Question, organisation, question_rows, now)
    agenda_rows: list[dict[str, Any]] = []
    position: dict[int, int] = {}
    for question, chosen in zip(questions, question_meeting, strict=True):
        if chosen is None:
            continue
        meeting = chosen[0]
        position[meeting] = position.get(meeting, 0) + 1
        agenda_rows.append(
            {
                "organisation": organisation.pk,
                "meeting": meeting,
                "kind": AgendaItem.Kind.QUESTION,
                "question": question,
                "position": position[meeting],
            }
        )
    write(AgendaItem, organisation, agenda_rows, now)
    counts["meetings"] = len(meetings)
    counts["questions"] = len(questions)
    progress.step("meetings and questions", len(meetings) + len(questions) + len(agenda_rows))

    # Invitations: a meeting invites its group's members (about 25 a meeting in a city).
    invitees: dict[int, list[int]] = {}
    invitation_rows: list[dict[str, Any]] = []
    replies = ["yes"] * 11 + ["no"] * 4 + ["maybe", "unknown", "unknown", "unknown", "unknown"]
    for pk, row in zip(meetings, meeting_rows, strict=True):
        members = members_of.get(row["group"], [])
        if len(members) > 40 and pk != meetings[0]:
            members = rng.sample(members, rng.randint(15, 35))
        invitees[pk] = members
        is_held = row["status"] == Meeting.Status.HELD
        for person in members:
            reply = rng.choice(replies) if is_held or rng.random() < 0.5 else "unknown"
            invitation_rows.append(
                {
                    "organisation": organisation.pk,
                    "meeting": pk,
                    "participant": person,
                    "reply": reply,
                    "children": rng.choice([0, 0, 0, 1, 2]) if reply == "yes" else 0,
                    "needs_transport": reply == "yes" and rng.random() < 0.15,
                    "attended": (reply == "yes" and rng.random() < 0.85) if is_held else None,
                    "invited_at": row["starts_at"] - timedelta(days=14),
                }
            )
    write(Invitation, organisation, invitation_rows, now)
    counts["invitations"] = len(invitation_rows)
    progress.step("invitations", len(invitation_rows))
    del invitation_rows

    # Inputs per question, skewed: in a city a few questions get more than 2,000.
    scheduled = [
        (q, chosen)
        for q, chosen in zip(questions, question_meeting, strict=True)
        if chosen is not None
    ]
    total_inputs = round(CITY["contributions"] * factor)
    per_question = _skewed(rng, len(scheduled), total_inputs, 1.3) if scheduled else []
    if factor >= 0.5 and len(per_question) > 3:
        per_question.sort(reverse=True)
        per_question[:3] = [2_400, 2_063, 2_010]
    response_rows: list[dict[str, Any]] = []
    # Per question: contributions as (response index or None, row); answered after 4 weeks.
    plan: list[tuple[int, dict[str, Any], list[tuple[int | None, dict[str, Any]]]]] = []
    for (question, (meeting, meeting_row)), amount in zip(scheduled, per_question, strict=True):
        said_at = meeting_row["starts_at"] + timedelta(hours=1)
        people_there = invitees.get(meeting, []) or people
        answered = meeting_row["starts_at"] < now - timedelta(weeks=4) and rng.random() < 0.85
        items: list[tuple[int | None, dict[str, Any]]] = []
        start_response = len(response_rows)
        for n in range(amount):
            individual = rng.random() < 0.65
            by_participant = rng.random() < 0.08
            row = {
                "organisation": organisation.pk,
                "question": question,
                "meeting": None if by_participant else meeting,
                "text": f"{rng.choice(SAID)} ({n + 1})",
                "participant": rng.choice(people_there) if individual or by_participant else None,
                "agreed_count": None if individual else rng.randint(1, 12),
                "present_count": None if individual else 12,
                "source": Contribution.Source.PARTICIPANT
                if by_participant
                else Contribution.Source.FACILITATOR,
                "review": (
                    rng.choice(["approved"] * 8 + ["pending", "rejected"])
                    if by_participant
                    else "approved"
                ),
                "recorded_by": None if by_participant else recorder,
                "withdrawn_at": said_at + timedelta(days=2) if rng.random() < 0.01 else None,
                "created_at": said_at,
            }
            response: int | None = None
            if answered and rng.random() < 0.92:
                # About 8 inputs share one answer.
                if len(response_rows) == start_response or rng.random() < 0.16:
                    decided = _day(said_at) + timedelta(days=rng.randint(10, 40))
                    status = rng.choice(
                        ["adopted", "adopted", "partly", "not_adopted", "studying", "done"]
                    )
                    response_rows.append(
                        {
                            "organisation": organisation.pk,
                            "question": question,
                            "status": status,
                            "explanation": rng.choice(ANSWERS),
                            "decided_by": "Diensthoofd",
                            "decided_on": decided if status != "studying" else None,
                            "expected_on": decided + timedelta(days=60)
                            if status == "studying"
                            else None,
                            "responded_by": recorder,
                            "created_at": datetime.combine(decided, time(11), tzinfo=zone),
                        }
                    )
                response = len(response_rows) - 1
            items.append((response, row))
        plan.append((question, meeting_row, items))
    responses = write(Response, organisation, response_rows, now)
    contribution_table = Table(Contribution, now)
    feedback_rows: dict[tuple[int, int], dict[str, Any]] = {}
    written_inputs = 0
    for question, _meeting_row, items in plan:
        for response, row in items:
            if response is not None:
                row["response"] = responses[response]
                answer = response_rows[response]
                person = row["participant"]
                if person is not None and answer["decided_on"] and rng.random() < 0.7:
                    feedback_rows.setdefault(
                        (person, question),
                        {
                            "organisation": organisation.pk,
                            "participant": person,
                            "question": question,
                            "channel": rng.choice(FeedbackDelivery.Channel.values),
                            "delivered_at": answer["created_at"] + timedelta(days=7),
                            "recorded_by": recorder,
                        },
                    )
            contribution_table.add(**row)
            written_inputs += 1
    contribution_table.flush()
    del plan
    write(FeedbackDelivery, organisation, feedback_rows.values(), now)
    counts["contributions"] = written_inputs
    counts["responses"] = len(responses)
    counts["feedback"] = len(feedback_rows)
    progress.step("inputs and answers", written_inputs + len(responses) + len(feedback_rows))

    # Translations of some questions and answers.
    translation_rows: list[dict[str, Any]] = []
    for question in questions[: max(1, len(questions) // 7)]:
        for language in ("fr", "ar", "en"):
            translation_rows.append(
                {
                    "organisation": organisation.pk,
                    "question": question,
                    "language": language,
                    "title": "Translated question",
                    "text": "Translated explanation.",
                    "translated_by": "Basiseducatie",
                    "translator": "partner",
                    "reviewed": rng.random() < 0.5,
                    "updated_by": recorder,
                }
            )
    for response in responses[: max(1, len(responses) // 10)]:
        for language in ("fr", "ar"):
            translation_rows.append(
                {
                    "organisation": organisation.pk,
                    "response": response,
                    "language": language,
                    "text": "Translated answer.",
                    "translated_by": "Tolk",
                    "translator": "partner",
                    "updated_by": recorder,
                }
            )
    write(Translation, organisation, translation_rows, now)
    counts["translations"] = len(translation_rows)

    # Personal links (one working link each) and the messages that carried them.
    link_rows: list[dict[str, Any]] = []
    for person in people:
        issued = now - timedelta(days=rng.randint(1, 300))
        link = links_service.new_link(organisation.pk, person, now=issued)
        link_rows.append(
            {
                "organisation": organisation.pk,
                "participant": person,
                "salt": link.salt,
                "token_hash": link.token_hash,
                "short_hash": link.short_hash,
                "created_by": recorder,
                "expires_at": link.expires_at,
                "created_at": issued,
            }
        )
    write(PersonalLink, organisation, link_rows, now)
    channel_by_person = dict(zip(people, channel_of, strict=True))
    message_rows: list[dict[str, Any]] = []
    message_people: list[list[int]] = []
    for pk, row in zip(meetings, meeting_rows, strict=True):
        if invitees[pk]:
            message_rows.append(
                {
                    "organisation": organisation.pk,
                    "kind": Kind.INVITATION,
                    "ref": f"meeting:{pk}",
                    "title": row["title"],
                    "created_by": recorder,
                    "created_at": row["starts_at"] - timedelta(days=14),
                    "total": len(invitees[pk]),
                }
            )
            message_people.append(invitees[pk])
    by_question: dict[int, list[int]] = {}
    for person, question in feedback_rows:
        by_question.setdefault(question, []).append(person)
    for question, persons in by_question.items():
        message_rows.append(
            {
                "organisation": organisation.pk,
                "kind": Kind.FEEDBACK,
                "ref": f"question:{question}",
                "title": "Wat deden we met jouw inbreng?",
                "created_by": recorder,
                "created_at": moment(),
                "total": len(persons),
            }
        )
        message_people.append(persons)
    messages = write(Message, organisation, message_rows, now)
    status_of = {
        Channel.SMS: Delivery.Status.SENT,
        Channel.EMAIL: Delivery.Status.SENT,
        Channel.LETTER: Delivery.Status.DONE,
        Channel.SOCIAL_WORKER: Delivery.Status.DONE,
        Channel.PHONE: Delivery.Status.DONE,
    }
    delivery_table = Table(Delivery, now)
    for message, row, persons in zip(messages, message_rows, message_people, strict=True):
        body = f"Dag, {row['title']}. Meer op je eigen pagina."
        recent = row["created_at"] > now - timedelta(days=10)
        for person in persons:
            way = channel_by_person[person]
            outcome: str = status_of[Channel(way)]
            if recent and way in (Channel.LETTER, Channel.PHONE):
                outcome = Delivery.Status.TO_PRINT if way == Channel.LETTER else "to_call"
            elif rng.random() < 0.01:
                outcome = Delivery.Status.FAILED
            delivery_table.add(
                organisation=organisation.pk,
                message=message,
                participant=person,
                channel=way,
                language="nl",
                subject=row["title"],
                body=body,
                sms=body if way == Channel.SMS else "",
                status=outcome,
                key=uuid.UUID(int=rng.getrandbits(128), version=4),
                attempts=1,
                sent_at=row["created_at"] + timedelta(minutes=5),
            )
    delivery_table.flush()
    counts["deliveries"] = delivery_table.written
    progress.step("messages", len(link_rows) + len(messages) + delivery_table.written)

    # A year of audit events: reading the register and people's pages, changes, sending.
    audit_table = Table(AuditEvent, now)
    actions = ["view"] * 12 + ["list"] * 3 + ["search"] * 2 + ["update", "create", "send"]
    for _ in range(round(CITY["audit"] * factor)):
        action = rng.choice(actions)
        audit_table.add(
            organisation=organisation.pk,
            actor=rng.choice(staff.all),
            action=action,
            object_type="people.participant",
            object_id=str(rng.choice(people)) if action in ("view", "update", "create") else "",
            detail={"page": 1} if action in ("list", "search") else {},
            at=moment(),
        )
    audit_table.flush()
    counts["audit"] = audit_table.written
    progress.step("audit log", audit_table.written)

    # Other apps' tables (case conferences, signals, the memory, surveys), each filled by
    # its own app config's `seed_scale`: this app does not import them.
    context = ScaleContext(
        organisation=organisation,
        factor=factor,
        rng=rng,
        staff=staff,
        people=people,
        groups=groups,
        meetings=meetings,
        questions=questions,
        moment=moment,
        now=now,
    )
    added_rows = 0
    for config in apps.get_app_configs():
        fill = getattr(config, "seed_scale", None)
        if callable(fill):
            added: dict[str, int] = fill(context)
            counts.update(added)
            added_rows += sum(added.values())
    progress.step("other apps", added_rows)
    return counts


def new_organisation(number: int, rng: random.Random) -> Organisation:
    town = f"{rng.choice(TOWNS)}-{number}"
    return Organisation.objects.create(
        name=f"Sociaal Huis {town}",
        privacy_contact=f"Onthaal Sociaal Huis {town}",
        contact_phone="09 000 00 10",
        contact_hours="maandag tot vrijdag, 9 tot 12 uur",
    )
