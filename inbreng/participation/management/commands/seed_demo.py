"""Fills an empty database with a fictional municipality, for demos and benchmarks.

Everything here is made up. `--scale` multiplies the number of participants so that the
same code produces city-scale data for the benchmarks in bench/.
"""

from __future__ import annotations

import io
import os
import random
from datetime import timedelta
from typing import Any

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from inbreng.core.models import Membership, Organisation, Partner, Service, User
from inbreng.people.models import (
    AgeBand,
    Channel,
    Consent,
    HouseholdType,
    IncomeSituation,
    Participant,
)

DEMO_PASSWORD = "demo"  # noqa: S105 - printed by ./run, only valid with INBRENG_DEMO=1 for 2FA

FIRST_NAMES = [
    "Anouk",
    "Bram",
    "Chaima",
    "Dirk",
    "Elif",
    "Fatima",
    "Geert",
    "Hanne",
    "Ilias",
    "Jana",
    "Kevin",
    "Lotte",
    "Mohamed",
    "Nadia",
    "Olga",
    "Pieter",
    "Rania",
    "Sander",
    "Tamara",
    "Yusuf",
    "Wendy",
    "Zeynep",
    "Amina",
    "Bart",
    "Carine",
    "Dries",
    "Eva",
    "Filip",
    "Greet",
    "Hassan",
    "Ines",
    "Jonas",
    "Karima",
    "Luc",
    "Mira",
    "Nico",
    "Oksana",
    "Patrick",
    "Rachida",
    "Stijn",
    "Tom",
    "Ursula",
    "Viktor",
    "Wim",
    "Yasmina",
    "Ali",
    "Bea",
    "Cor",
    "Dana",
    "Emre",
]
FAMILY_INITIALS = "ABCDEFGHIJKLMNOPRSTVWZ"
STREETS = [
    "Lindelaan",
    "Molenstraat",
    "Kerkplein",
    "Beukenhof",
    "Stationsstraat",
    "Veldweg",
    "Rozenstraat",
    "Schoolstraat",
    "Wilgenpad",
    "Brugstraat",
]
NEIGHBOURHOODS = ["Centrum", "Lindeveld-Zuid", "De Akker", "Molenwijk", "Heide"]
LANGUAGES = ["nl"] * 10 + ["fr", "en", "ar", "ar", "tr", "pl", "ro", "uk", "ti", "prs"]

DEMO_ORGANISATION = "Sociaal Huis Lindeveld"
OTHER_ORGANISATION = "Sociaal Huis Bergeind"

SERVICES = [
    "Sociale dienst",
    "Schuldhulpverlening",
    "Huisvesting",
    "Vrije tijd",
    "Onthaal",
    "Kinderopvang",
]
PARTNERS = [
    ("CAW Lindeveld", Partner.Kind.CAW),
    ("Het Open Huis", Partner.Kind.POVERTY_ASSOCIATION),
    ("Basiseducatie Lindeveld", Partner.Kind.ADULT_EDUCATION),
    ("Wijkgezondheidscentrum De Linde", Partner.Kind.HEALTH),
    ("Buurtwerk Zuid", Partner.Kind.OTHER),
]

DEMO_ACCOUNTS: list[tuple[str, str, str, dict[str, bool]]] = [
    ("admin", "Ahmed", "Beheerder", {"is_admin": True}),
    ("coordinator", "Katrien", "Coördinator", {"is_coordinator": True, "is_social_worker": True}),
    ("worker", "Walter", "Werker", {"is_social_worker": True}),
    ("service", "Sofie", "Dienst", {"is_service_contact": True}),
    ("policy", "Paul", "Schepen", {"is_policy_maker": True}),
    ("partner", "Petra", "Partner", {"is_partner_worker": True}),
]


_PASSWORD_HASH: list[str] = []


def _user(username: str, first: str, last: str) -> User:
    # One hash for every demo account: hashing is slow on purpose, and --scale 334 makes
    # hundreds of accounts.
    if not _PASSWORD_HASH:
        _PASSWORD_HASH.append(make_password(DEMO_PASSWORD))
    user = User(
        username=username,
        first_name=first,
        last_name=last,
        is_demo=True,
        password=_PASSWORD_HASH[0],
    )
    user.save()
    return user


def _participants(
    organisation: Organisation,
    count: int,
    rng: random.Random,
    partners: list[Partner],
    workers: list[User],
    recorder: User,
) -> None:
    now = timezone.now()
    people = []
    for index in range(count):
        first = FIRST_NAMES[index % len(FIRST_NAMES)]
        name = f"{first} {rng.choice(FAMILY_INITIALS)}."
        channel = rng.choice(
            [Channel.SMS] * 4
            + [Channel.LETTER] * 3
            + [Channel.SOCIAL_WORKER] * 2
            + [Channel.EMAIL, Channel.PHONE]
        )
        has_phone = channel in (Channel.SMS, Channel.PHONE) or rng.random() < 0.4
        has_email = channel == Channel.EMAIL or rng.random() < 0.15
        language = rng.choice(LANGUAGES)
        people.append(
            Participant(
                organisation=organisation,
                name=name,
                phone=f"+3247{rng.randrange(10**7):07d}" if has_phone else "",
                email=f"{first.lower()}{index}@example.org" if has_email else "",
                street=f"{rng.choice(STREETS)} {rng.randint(1, 140)}",
                postal_code="9999",
                city="Lindeveld",
                preferred_channel=channel,
                social_worker=rng.choice(workers)
                if channel == Channel.SOCIAL_WORKER or rng.random() < 0.5
                else None,
                language=language,
                needs_childcare=rng.random() < 0.25,
                needs_transport=rng.random() < 0.2,
                needs_interpreter=language not in ("nl", "fr", "en") and rng.random() < 0.6,
                needs_easy_read=rng.random() < 0.3,
                needs_large_print=rng.random() < 0.1,
                needs_wheelchair_access=rng.random() < 0.05,
                referred_by_partner=rng.choice(partners) if rng.random() < 0.5 else None,
                age_band=rng.choice([c for c, _ in AgeBand.choices] + [""]),
                household_type=rng.choice([c for c, _ in HouseholdType.choices] + [""]),
                home_language=language if rng.random() < 0.7 else "",
                neighbourhood=rng.choice([*NEIGHBOURHOODS, "", "prefer_not"]),
                income_situation=rng.choice([c for c, _ in IncomeSituation.choices] + [""]),
                last_activity_at=now - timedelta(days=rng.choice([3, 20, 60, 200, 400, 800, 1000])),
            )
        )
    created = Participant.objects.bulk_create(people, batch_size=1000)
    consents = [
        Consent(
            organisation=organisation,
            participant=person,
            purpose=Consent.Purpose.PARTICIPATION,
            how=rng.choice([Consent.How.SPOKEN, Consent.How.PAPER]),
            given_at=person.last_activity_at,
            recorded_by=recorder,
        )
        for person in created
    ]
    Consent.objects.bulk_create(consents, batch_size=1000)


def _loop(organisation: Organisation, users: dict[str, User], services: list[Service]) -> None:
    """A standing group, a focus group, a trajectory, questions at every step, two meetings."""
    from datetime import datetime, time

    from inbreng.groups import services as groups
    from inbreng.groups.models import GroupMembership, ParticipationGroup, ReferenceFigure
    from inbreng.messaging.models import Kind
    from inbreng.participation import outreach
    from inbreng.participation import services as loop
    from inbreng.participation.models import Level, Response

    coordinator, service_user = users["coordinator"], users["service"]
    today = timezone.localdate()
    zone = timezone.get_current_timezone()

    def at(days: int, hour: int) -> datetime:
        return datetime.combine(today + timedelta(days=days), time(hour, 0), tzinfo=zone)

    people = list(Participant.objects.filter(organisation=organisation).order_by("pk")[:14])
    standing = groups.group_save(
        organisation=organisation,
        by=coordinator,
        name="Klankbordgroep Lindeveld",
        kind=ParticipationGroup.Kind.STANDING,
        max_size=12,
        coordinator=coordinator,
    )
    groups.group_save(
        organisation=organisation,
        by=coordinator,
        name="Focusgroep onthaalbrochure",
        kind=ParticipationGroup.Kind.FOCUS,
        theme="Een duidelijke brochure voor nieuwe cliënten",
        coordinator=coordinator,
    )
    stages = (
        [GroupMembership.Stage.MEMBER] * 9
        + [GroupMembership.Stage.TRIAL] * 2
        + [
            GroupMembership.Stage.INTAKE,
            GroupMembership.Stage.REFERRED,
            GroupMembership.Stage.REFERRED,
        ]
    )
    for person, stage in zip(people, stages, strict=False):
        groups.membership_add(
            group=standing,
            participant=person,
            by=coordinator,
            stage=stage,
            on=today - timedelta(days=120),
        )
    figures = {
        "age_band": {"u25": 310, "25_44": 820, "45_64": 640, "65p": 230},
        "household_type": {
            "single": 900,
            "single_parent": 520,
            "couple": 180,
            "couple_children": 300,
            "other": 100,
        },
        "income_situation": {"integration_income": 1100, "benefit": 500, "work": 250, "none": 150},
    }
    for dimension, counts in figures.items():
        ReferenceFigure.objects.bulk_create(
            ReferenceFigure(organisation=organisation, dimension=dimension, category=c, count=n)
            for c, n in counts.items()
        )
    social, reception = services[0], services[4]
    trajectory = loop.trajectory_save(
        organisation=organisation,
        by=coordinator,
        title="Duidelijke brieven",
        purpose="Brieven van de sociale dienst zijn vaak moeilijk. Samen maken we ze duidelijker.",
        service=social,
        level=Level.ADVISE,
        group=standing,
        starts_on=today - timedelta(days=60),
    )
    flyer = loop.question_ask(
        organisation=organisation,
        by=service_user,
        service=social,
        trajectory=trajectory,
        title="Is deze brief over de energiepremie duidelijk?",
        body="We sturen deze brief naar 800 gezinnen. Wat begrijp je niet? Wat mag anders?",
        level=Level.ADVISE,
    )
    calm = loop.question_ask(
        organisation=organisation,
        by=coordinator,
        service=reception,
        title="Hoe maken we de wachtzaal van het onthaal rustiger?",
        body="We verbouwen in het voorjaar. Wat helpt jou als je moet wachten?",
        level=Level.CONSULT,
    )
    for question in (flyer, calm):
        loop.question_review(question=question, by=coordinator, accept=True)
    past = loop.meeting_save(
        organisation=organisation,
        by=coordinator,
        group=standing,
        title="Maandelijkse bijeenkomst",
        starts_at=at(-50, 14),
        ends_at=at(-50, 16),
        place="Buurthuis De Linde, Lindelaan 12",
        place_details="Bus 5, halte Lindeplein. Ingang zonder trappen.",
        record_past=True,
    )
    for question in (flyer, calm):
        loop.agenda_add_question(meeting=past, question=question, by=coordinator)
    loop.meeting_invite_group(meeting=past, by=coordinator)
    present = [i.participant_id for i in past.invitations.all()][:8]
    loop.attendance_record(meeting=past, present_ids=present, by=coordinator)
    said = [
        loop.contribution_record(
            meeting=past,
            question=flyer,
            by=coordinator,
            agreed_count=7,
            present_count=8,
            text="De brief is te lang. Zet bovenaan wat ik moet doen en tegen wanneer.",
        ),
        loop.contribution_record(
            meeting=past,
            question=flyer,
            by=coordinator,
            participant=people[0],
            text="Het woord 'aanslagjaar' begrijp ik niet.",
        ),
        loop.contribution_record(
            meeting=past,
            question=flyer,
            by=coordinator,
            agreed_count=5,
            present_count=8,
            text="Geef een telefoonnummer waar iemand opneemt.",
        ),
    ]
    loop.contribution_record(
        meeting=past,
        question=calm,
        by=coordinator,
        agreed_count=8,
        present_count=8,
        text="Een hoek voor kinderen, zodat ouders rustig kunnen praten.",
    )
    loop.response_create(
        question=flyer,
        contributions=said[:2],
        status=Response.Status.ADOPTED,
        by=service_user,
        explanation="De nieuwe brief begint met wat je moet doen. Moeilijke woorden zijn weg.",
        decided_by="Diensthoofd sociale dienst",
        decided_on=today - timedelta(days=20),
    )
    loop.response_create(
        question=flyer,
        contributions=said[2:],
        status=Response.Status.PARTLY,
        by=service_user,
        explanation="Er komt een nummer bij. Het onthaal neemt op tot 16 uur, niet later.",
        decided_by="Diensthoofd sociale dienst",
        decided_on=today - timedelta(days=20),
    )
    calm.answer_due_on = today - timedelta(days=3)  # overdue, to show the reminders
    calm.save(update_fields=["answer_due_on"])
    loop.question_ask(
        organisation=organisation,
        by=service_user,
        service=social,
        title="Welke uren passen voor een spreekuur zonder afspraak?",
        body="",
        level=Level.CONSULT,
        proposed_due_on=today + timedelta(days=60),
    )
    upcoming = loop.meeting_save(
        organisation=organisation,
        by=coordinator,
        group=standing,
        title="Maandelijkse bijeenkomst",
        starts_at=at(12, 14),
        ends_at=at(12, 16),
        place="Buurthuis De Linde, Lindelaan 12",
        place_details="Bus 5, halte Lindeplein. Ingang zonder trappen. Er is kinderopvang.",
    )
    loop.meeting_invite_group(meeting=upcoming, by=coordinator)
    # The invitations go out over each person's channel: the outbox shows letters to
    # print, calls to make and messages for the social workers to pass on.
    outreach.meeting_send(
        meeting=upcoming,
        kind=Kind.INVITATION,
        by=coordinator,
        site=os.environ.get("INBRENG_SITE_URL", "http://127.0.0.1:8000"),
    )


class Command(BaseCommand):
    help = "Loads fictional demo data into an empty database."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--scale",
            default="1",
            help=(
                "demo, city (one organisation with a year of a large city's use), region "
                "(300 organisations, 3 million inputs), or a number that multiplies the "
                "demo's participants."
            ),
        )
        parser.add_argument(
            "--seed", type=int, default=2026, help="The same seed gives the same data."
        )
        parser.add_argument(
            "--factor",
            type=float,
            default=1.0,
            help="Shrinks or grows city and region data (0.05 for a quick try-out).",
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing when organisations exist."
        )

    def handle(
        self, *args: Any, scale: str, if_empty: bool, seed: int, factor: float, **options: Any
    ) -> None:
        from . import _scale

        named = scale if scale in _scale.SCALES else None
        if named is None:
            try:
                number = int(scale)
            except ValueError:
                number = 0
            if number < 1:
                raise CommandError("--scale must be demo, city, region or a number from 1.")
        else:
            number = 1
        if not 0 < factor <= 10:
            raise CommandError("--factor must be more than 0 and at most 10.")
        with transaction.atomic():
            loaded = self._demo(number, if_empty)
        if not loaded or named in (None, "demo"):
            return
        self._large(named, seed, factor)

    def _large(self, scale: str, seed: int, factor: float) -> None:
        """City or region data on top of the demo, each organisation in its own transaction
        (a region does not have to fit one transaction's memory)."""
        from inbreng.core.scale import Progress, bulk_load_session

        from . import _scale

        started = timezone.now()
        rng = random.Random(seed)
        password = _PASSWORD_HASH[0] if _PASSWORD_HASH else make_password(DEMO_PASSWORD)
        demo = Organisation.objects.get(name=DEMO_ORGANISATION)
        other = Organisation.objects.get(name=OTHER_ORGANISATION)
        factors = [1.0] if scale == "city" else _scale.city_factors(rng)
        factors = [size * factor for size in factors]
        plan: list[tuple[Organisation | None, float]] = [(demo, factors[0])]
        if scale == "region":
            plan.append((other, factors[1]))
            plan += [(None, size) for size in factors[2:]]
        progress = Progress(f"{scale:>6}", total=len(plan) * _scale.STEPS)
        totals: dict[str, int] = {}
        for number, (organisation, size) in enumerate(plan):
            with transaction.atomic():
                bulk_load_session()
                target = organisation or _scale.new_organisation(number, rng)
                counts = _scale.fill_organisation(
                    target, size, seed=seed, password=password, progress=progress
                )
            for key, value in counts.items():
                totals[key] = totals.get(key, 0) + value
        progress.finish()
        # The rows were inserted without the services, so the state they keep (counts,
        # dates) is computed afterwards, by the command that repairs drift.
        report = io.StringIO()
        try:
            call_command("recompute_state", stdout=report)
        except CommandError:
            self.stderr.write("recompute_state does not exist yet: derived state not computed.")
        else:
            lines = report.getvalue().strip().splitlines()
            self.stdout.write(f"Kept state computed ({lines[-1] if lines else 'no output'})")
        seconds = (timezone.now() - started).total_seconds()
        summary = ", ".join(f"{key} {value:,}" for key, value in totals.items())
        self.stdout.write(
            self.style.SUCCESS(f"Scale {scale} loaded in {seconds:.0f} s: {summary}.")
        )

    def _demo(self, scale: int, if_empty: bool) -> bool:
        from django.conf import settings

        if settings.INBRENG_PRODUCTION:
            raise CommandError("Demo accounts (password 'demo') are never loaded in production.")
        if Organisation.objects.exists():
            if if_empty:
                self.stdout.write("The database already has data; demo data not loaded.")
                return False
            raise CommandError("The database already has organisations. Use an empty database.")
        rng = random.Random(2026)  # the same demo every time
        org = Organisation.objects.create(
            name=DEMO_ORGANISATION,
            privacy_contact=(
                "Onthaal Sociaal Huis Lindeveld, Lindelaan 1, 9999 Lindeveld, 09 000 00 00"
            ),
            # Fictional, like everything in the demo.
            contact_phone="09 000 00 10",
            contact_hours="maandag tot vrijdag, 9 tot 12 uur",
        )
        services = [Service.objects.create(organisation=org, name=name) for name in SERVICES]
        partners = [Partner.objects.create(organisation=org, name=n, kind=k) for n, k in PARTNERS]
        users = {}
        for username, first, last, roles in DEMO_ACCOUNTS:
            users[username] = _user(username, first, last)
            Membership.objects.create(
                organisation=org,
                user=users[username],
                service=services[0] if roles.get("is_service_contact") else None,
                partner=partners[1] if roles.get("is_partner_worker") else None,
                **roles,
            )
        workers = [users["coordinator"], users["worker"]]
        for extra in range(scale - 1):
            worker = _user(f"worker{extra + 2}", "Werker", str(extra + 2))
            Membership.objects.create(organisation=org, user=worker, is_social_worker=True)
            workers.append(worker)
        _participants(org, 60 * scale, rng, partners, workers, users["coordinator"])

        other = Organisation.objects.create(name=OTHER_ORGANISATION)
        other_partner = Partner.objects.create(
            organisation=other, name="CAW Bergeind", kind=Partner.Kind.CAW
        )
        Service.objects.create(organisation=other, name="Sociale dienst")
        other_coordinator = _user("other-coordinator", "Olivia", "Bergeind")
        Membership.objects.create(
            organisation=other, user=other_coordinator, is_coordinator=True, is_social_worker=True
        )
        _participants(other, 12, rng, [other_partner], [other_coordinator], other_coordinator)
        _loop(org, users, services)
        # Other apps add their own demo data (case conferences, ...) without this app
        # importing them: an app config with a `seed_demo(organisation, users)` method.
        for config in apps.get_app_configs():
            seed = getattr(config, "seed_demo", None)
            if callable(seed):
                seed(org, users)
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded ({60 * scale} participants)."))
        return True
