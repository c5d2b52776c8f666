"""Reads for results, council seats and items, and hearings, scoped to the organisation."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet

from inbreng.core.models import Membership, Role
from inbreng.groups.models import GroupMembership
from inbreng.participation.models import Meeting, Response
from inbreng.people.models import Participant

from ..models import (
    Body,
    CouncilItem,
    CouncilSeat,
    Hearing,
    Milestone,
    Result,
    Signal,
    SignalAnswer,
)
from .services import RESULT_DECISIONS, RESULT_RESPONSES

SOURCE_LIMIT = 200


def results_of(membership: Membership) -> QuerySet[Result]:
    return Result.objects.filter(organisation=membership.organisation).select_related("service")


def result_detail(membership: Membership, pk: int) -> Result | None:
    return (
        results_of(membership)
        .select_related("response__question", "answer__signal__body")
        .prefetch_related(
            Prefetch("milestones", queryset=Milestone.objects.order_by("due_on", "pk")),
            "translations",
        )
        .filter(pk=pk)
        .first()
    )


def stalled_results(membership: Membership) -> QuerySet[Result]:
    """Stalled results for the start page: a service contact sees their own service's."""
    results = results_of(membership).filter(stalled=True).order_by("due_on", "pk")
    if not membership.has_role(Role.COORDINATOR, Role.ADMIN):
        results = results.filter(service_id=membership.service_id or 0)
    return results


def result_responses(membership: Membership) -> QuerySet[Response]:
    """Adopted answers to questions that may become a result; a service sees its own."""
    responses = Response.objects.filter(
        organisation=membership.organisation, status__in=RESULT_RESPONSES
    ).select_related("question")
    if not membership.has_role(Role.COORDINATOR, Role.ADMIN):
        responses = responses.filter(question__service_id=membership.service_id or 0)
    return responses.order_by("-created_at", "-pk")


def result_answers(membership: Membership) -> QuerySet[SignalAnswer]:
    """Answers to signals and advice that follow them and may become a result."""
    return (
        SignalAnswer.objects.filter(
            organisation=membership.organisation, decision__in=RESULT_DECISIONS
        )
        .select_related("signal")
        .order_by("-created_at", "-pk")
    )


def advisory_councils(membership: Membership) -> QuerySet[Body]:
    return Body.objects.filter(
        organisation=membership.organisation, kind=Body.Kind.ADVISORY_COUNCIL
    ).order_by("-is_active", "name")


def bodies_of(membership: Membership) -> QuerySet[Body]:
    return Body.objects.filter(organisation=membership.organisation).order_by("-is_active", "name")


def councils_with_seats(membership: Membership) -> list[Body]:
    """Each advisory council with its seats (people and terms) and its agenda items."""
    return list(
        advisory_councils(membership).prefetch_related(
            Prefetch(
                "seats",
                queryset=CouncilSeat.objects.select_related("participant").order_by(
                    "role", "ends_on", "pk"
                ),
            ),
            Prefetch(
                "council_items",
                queryset=CouncilItem.objects.select_related("group", "meeting").order_by(
                    "-council_meeting_on", "pk"
                ),
            ),
        )
    )


def seats_of(membership: Membership) -> QuerySet[CouncilSeat]:
    return CouncilSeat.objects.filter(organisation=membership.organisation).select_related(
        "body", "participant"
    )


def items_of(membership: Membership) -> QuerySet[CouncilItem]:
    return CouncilItem.objects.filter(organisation=membership.organisation).select_related(
        "body", "group", "meeting"
    )


def seat_candidates(membership: Membership, seat: CouncilSeat | None = None) -> Any:
    """Who may sit on a council: members of a participation group (and whoever sits now)."""
    members = GroupMembership.objects.filter(
        organisation=membership.organisation,
        stage=GroupMembership.Stage.MEMBER,
        left_on__isnull=True,
    ).values("participant_id")
    people = Participant.objects.filter(
        organisation=membership.organisation, erased_at__isnull=True, pk__in=members
    )
    if seat is not None and seat.participant_id:
        people = people | Participant.objects.filter(pk=seat.participant_id)
    return people.order_by("name", "pk")


def recent_meetings(membership: Membership) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(organisation=membership.organisation)
        .select_related("group")
        .order_by("-starts_at", "-pk")
    )


def hearings_of(membership: Membership) -> QuerySet[Hearing]:
    return Hearing.objects.filter(organisation=membership.organisation).select_related(
        "body", "group", "partner"
    )


def current_answer(signal: Signal) -> SignalAnswer | None:
    """The newest answer (from the prefetched `answers`, newest version first)."""
    answers = list(signal.answers.all())
    return answers[0] if answers else None


def hearing_agenda(hearing: Hearing) -> list[tuple[Signal, SignalAnswer | None]]:
    """The hearing's signals and advice, oldest first, each with its current answer.

    Until the hearing is held the agenda follows that year's signals as they come in; once
    it is held, the agenda is what was on the table that day.
    """
    live = hearing.held_on is None
    chosen = (
        year_signals(
            organisation=hearing.organisation_id,
            year=hearing.year,
            body=hearing.body,
            group=hearing.group,
            partner=hearing.partner,
        )
        if live
        else hearing.agenda.all()
    )
    signals = chosen.order_by("created_at", "pk").prefetch_related(
        Prefetch("answers", queryset=SignalAnswer.objects.order_by("-version", "-pk")),
        "themes",
    )
    return [(signal, current_answer(signal)) for signal in signals]


def year_signals(
    *, organisation: Any, year: int, body: Body, group: Any = None, partner: Any = None
) -> QuerySet[Signal]:
    """That year's signals and advice to the body, by the group or partner when given."""
    signals = Signal.objects.filter(
        organisation=organisation,
        body=body,
        created_at__date__gte=date(year, 1, 1),
        created_at__date__lte=date(year, 12, 31),
    )
    if group is not None:
        signals = signals.filter(group=group)
    if partner is not None:
        signals = signals.filter(partner=partner)
    return signals
