"""Demo data for case conferences, called by participation's `seed_demo`. All made up.

Adds the login `lco` (an LCO coordinator, password "demo" like every demo account), one open
case around a made-up client with a held conference, a report, agreements and a next date,
one request waiting for a decision, and enough signals for the policy report to show
counts (a cell shows from five).
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from inbreng.core.models import Membership, Organisation, User
from inbreng.people.models import Participant

from .models import (
    Agreement,
    CaseConference,
    CaseConsent,
    CaseMeeting,
    CaseProvider,
    Signal,
)
from .reports import ended_periods

DEMO_PASSWORD = "demo"  # noqa: S105 - only valid with INBRENG_DEMO=1 (see seed_demo)


def _clients(organisation: Organisation, worker: User) -> list[Participant]:
    """Two people of the demo register whose social worker is `worker`; one who reads
    another language than Dutch first, so that the paper shows both languages."""
    people = Participant.objects.filter(
        organisation=organisation, social_worker=worker, erased_at__isnull=True
    ).order_by("pk")
    first = people.filter(language__in=["fr", "ar", "en"]).first() or people.first()
    if first is None:
        raise ValueError("the demo register has no clients for this worker")
    second = people.exclude(pk=first.pk).first()
    if second is None:
        raise ValueError("the demo register has one client for this worker")
    return [first, second]


def seed_case_conferences(organisation: Organisation, users: dict[str, User]) -> None:
    """One open case, one request and a year of signals in the demo organisation."""
    now = timezone.now()
    lco = User(
        username="lco",
        first_name="Lien",
        last_name="Overleg",
        is_demo=True,
        email="lco@example.org",
    )
    lco.set_password(DEMO_PASSWORD)
    lco.save()
    Membership.objects.create(organisation=organisation, user=lco, is_case_coordinator=True)
    worker, partner = users["worker"], users["partner"]

    client, waiting = _clients(organisation, worker)
    name = client.first_name
    case = CaseConference.objects.create(
        organisation=organisation,
        client=client,
        status=CaseConference.Status.OPEN,
        requested_by=worker,
        client_agrees=True,
        client_asked=True,
        life_domains=["income", "housing", "health", "family"],
        request_note="Huurachterstand, schulden bij de energieleverancier en een zoon met astma.",
        decided_by=lco,
        decided_at=now - timedelta(days=40),
        coordinator=lco,
        staff_contact=worker,
        trusted_person="Mevrouw Aicha",
        trusted_person_relation="buurvrouw",
        agenda_matters="Dat mijn zoon gezond in een warm huis kan wonen.",
        agenda_going_well="Ik betaal de huur van deze maand. Mijn zoon gaat graag naar school.",
        agenda_change="Minder brieven die ik niet begrijp. Eén persoon die ik kan bellen.",
        agenda_recorded_at=now - timedelta(days=30),
    )
    CaseConsent.objects.create(
        organisation=organisation,
        case=case,
        scope="Overleg over wonen, schulden en de gezondheid van mijn zoon.",
        given_on=(now - timedelta(days=35)).date(),
        how=CaseConsent.How.SIGNED,
        recorded_by=lco,
    )
    providers = [
        CaseProvider.objects.create(
            organisation=organisation,
            case=case,
            name="Sociale dienst – budgetbegeleiding",
            user=worker,
            may_share="Inkomen en budget",
            invited_at=now - timedelta(days=40),
            invited_by=lco,
            acknowledged_at=now - timedelta(days=40),
        ),
        CaseProvider.objects.create(
            organisation=organisation,
            case=case,
            name="Het Open Huis",
            user=partner,
            may_share="Hoe het thuis gaat",
            invited_at=now - timedelta(days=34),
            invited_by=lco,
            acknowledged_at=now - timedelta(days=33),
        ),
        CaseProvider.objects.create(
            organisation=organisation,
            case=case,
            name="Wijkgezondheidscentrum De Linde",
            may_share="Of de behandeling van de zoon loopt",
        ),
    ]
    case.key_worker = providers[0]
    case.save(update_fields=["key_worker"])
    held = CaseMeeting.objects.create(
        organisation=organisation,
        case=case,
        starts_at=now - timedelta(days=14),
        ends_at=now - timedelta(days=14) + timedelta(hours=1, minutes=30),
        place="Sociaal Huis Lindeveld, zaal De Linde",
        status=CaseMeeting.Status.HELD,
        report=(
            f"We zaten samen met {name} en de buurvrouw.\n"
            f"{name} wil vooral een warm huis voor haar zoon.\n"
            "De huurachterstand is drie maanden. We maken een plan om die af te betalen.\n"
            f"Walter van de sociale dienst is de vaste contactpersoon van {name}."
        ),
        report_recorded_at=now - timedelta(days=13),
    )
    CaseMeeting.objects.create(
        organisation=organisation,
        case=case,
        kind=CaseMeeting.Kind.FOLLOW_UP,
        starts_at=now + timedelta(days=21),
        ends_at=now + timedelta(days=21, hours=1),
        place="Sociaal Huis Lindeveld, zaal De Linde",
    )
    for what, kind, owner, days, status in [
        ("Afbetalingsplan voor de huur maken", "provider", providers[0], 7, "open"),
        ("Premie voor isolatie aanvragen", "provider", providers[1], -3, "open"),
        ("Brieven van de verhuurder meebrengen", "client", None, 5, "done"),
        ("Samen naar de dokter gaan", "trusted_person", None, 20, "open"),
    ]:
        Agreement.objects.create(
            organisation=organisation,
            case=case,
            meeting=held,
            what=what,
            owner_kind=kind,
            owner=owner,
            due_on=(now + timedelta(days=days)).date(),
            status=status,
            done_at=now if status == "done" else None,
            created_by=lco,
        )

    request = CaseConference.objects.create(
        organisation=organisation,
        client=waiting,
        requested_by=partner,
        client_agrees=True,
        life_domains=["work", "mental_health", "social"],
        request_note="Geen werk meer sinds een jaar, weinig contact met anderen.",
        staff_contact=worker,
    )
    CaseProvider.objects.create(
        organisation=organisation,
        case=request,
        name="Het Open Huis",
        user=partner,
        invited_at=now,
        invited_by=partner,
        acknowledged_at=now,
    )
    for name in ("VDAB", "CGG Lindeveld"):
        CaseProvider.objects.create(organisation=organisation, case=request, name=name)

    signals = [
        ("threshold", "housing", "Sociale huisvesting: huurwaarborg", 6),
        ("waiting_list", "mental_health", "Centrum geestelijke gezondheidszorg", 5),
        ("rights", "income", "Verhoogde tegemoetkoming", 7),
        ("gap", "mobility", "Geen bus naar het ziekenhuis na 18 uur", 2),
        ("exclusion", "administration", "Digitale aanvraag zonder hulp aan het loket", 3),
    ]
    # The report shows quarters that have ended: the signals fall in the last one.
    quarter = next(p for p in ended_periods(timezone.localdate()) if p.quarter is not None)
    for kind, domain, concerns, count in signals:
        for n in range(count):
            Signal.objects.create(
                organisation=organisation,
                case=case if n == 0 else None,
                kind=kind,
                life_domain=domain,
                concerns=concerns,
                description="Komt in meerdere overleggen terug.",
                recorded_on=quarter.since + timedelta(days=10 * n + 3),
                recorded_by=lco,
            )
