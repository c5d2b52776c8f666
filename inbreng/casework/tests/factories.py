"""Cases for tests, built on the shared `world` (conftest.py). Everyone here is made up.

In a case from `open_case`, the world's roles stand around the table like this:
- `coordinator` is also an LCO coordinator and coordinates the case;
- `social_worker` is the client's staff contact (the world's participant's social worker);
- `partner_worker` is an invited provider who accepted the ground rules;
- `admin`, `policy_maker`, `service_contact` and the other organisation are not on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from conftest import World
from inbreng.casework.models import (
    Agreement,
    CaseConference,
    CaseConsent,
    CaseDocument,
    CaseMeeting,
    CaseProvider,
    Signal,
)
from inbreng.core.models import Membership, User

PDF = b"%PDF-1.4\n%test\n"


@dataclass
class Case:
    case: CaseConference
    provider: CaseProvider  # the partner worker's row
    other_provider: CaseProvider  # named in the request, no account
    meeting: CaseMeeting
    agreement: Agreement
    document: CaseDocument
    signal: Signal


def make_case_coordinator(world: World, role: str = "coordinator") -> User:
    Membership.objects.filter(organisation=world.org, user=world.users[role]).update(
        is_case_coordinator=True
    )
    return world.users[role]


def requested_case(world: World, *, by: str = "social_worker") -> CaseConference:
    make_case_coordinator(world)
    case = CaseConference.objects.create(
        organisation=world.org,
        client=world.participant,
        requested_by=world.users[by],
        client_agrees=True,
        life_domains=["income", "housing", "health"],
        request_note="Schulden en een huurachterstand.",
        staff_contact=world.users["social_worker"],
    )
    return case


def open_case(world: World, *, acknowledged: bool = True) -> Case:
    """An open case with consent, providers, agenda, a held conference and an agreement."""
    now = timezone.now()
    coordinator = make_case_coordinator(world)
    case = requested_case(world)
    case.status = CaseConference.Status.OPEN
    case.coordinator = coordinator
    case.decided_by = coordinator
    case.decided_at = now
    case.agenda_matters = "Rust in mijn hoofd."
    case.agenda_going_well = "Mijn kinderen gaan graag naar school."
    case.agenda_change = "Minder brieven die ik niet begrijp."
    case.agenda_recorded_at = now
    case.trusted_person = "Mijn zus"
    case.save()
    CaseConsent.objects.create(
        organisation=world.org,
        case=case,
        scope="Overleg over schulden, wonen en gezondheid.",
        given_on=now.date(),
        how=CaseConsent.How.SIGNED,
        recorded_by=coordinator,
    )
    provider = CaseProvider.objects.create(
        organisation=world.org,
        case=case,
        name="CAW Test – wonen",
        user=world.users["partner_worker"],
        may_share="Huursituatie",
        invited_at=now,
        invited_by=coordinator,
        acknowledged_at=now if acknowledged else None,
    )
    other = CaseProvider.objects.create(organisation=world.org, case=case, name="CGG Test")
    case.key_worker = provider
    case.save(update_fields=["key_worker"])
    meeting = CaseMeeting.objects.create(
        organisation=world.org,
        case=case,
        starts_at=now - timedelta(days=2),
        ends_at=now - timedelta(days=2) + timedelta(hours=1),
        place="Sociaal Huis, zaal 2",
        status=CaseMeeting.Status.HELD,
        report="We spraken over de huur.",
    )
    agreement = Agreement.objects.create(
        organisation=world.org,
        case=case,
        meeting=meeting,
        what="Huurachterstand bespreken met de verhuurder.",
        owner_kind=Agreement.Owner.PROVIDER,
        owner=provider,
        due_on=now.date() + timedelta(days=14),
        created_by=coordinator,
    )
    document = CaseDocument.objects.create(
        organisation=world.org,
        case=case,
        title="Getekend formulier",
        file=ContentFile(PDF, name="form.pdf"),
        content_type="application/pdf",
        size=len(PDF),
        uploaded_by=coordinator,
    )
    signal = Signal.objects.create(
        organisation=world.org,
        case=case,
        kind=Signal.Kind.THRESHOLD,
        life_domain="housing",
        concerns="Huurwaarborg",
        description="De waarborg is te hoog voor mensen met een leefloon.",
        recorded_on=now.date(),
        recorded_by=coordinator,
    )
    return Case(case, provider, other, meeting, agreement, document, signal)


def case_kwargs(name: str) -> Any:
    """For the authorization matrix: the URL kwargs of each case route, on a fresh case."""

    def kwargs(world: World, loop: Any) -> dict[str, Any]:
        made = open_case(world)
        found: dict[str, Any] = {"pk": made.case.pk}
        if name == "meeting":
            found["meeting_pk"] = made.meeting.pk
        elif name == "agreement":
            found["agreement_pk"] = made.agreement.pk
        elif name == "document":
            found["document_pk"] = made.document.pk
        elif name == "provider":
            found["provider_pk"] = made.other_provider.pk
        return found

    return kwargs


def request_kwargs(world: World, loop: Any) -> dict[str, Any]:
    return {"pk": requested_case(world).pk}


def invitation_kwargs(world: World, loop: Any) -> dict[str, Any]:
    return {"pk": open_case(world, acknowledged=False).case.pk}
