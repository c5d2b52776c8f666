"""Reads of signals and advice, scoped to who asks."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from inbreng.core.models import Membership, Role
from inbreng.lib.numbers import positive_int
from inbreng.participation.models import Contribution, Response

from .models import Body, Signal, SignalContribution, SignalTheme, Theme


def bodies_of(organisation: Any) -> QuerySet[Body]:
    return Body.objects.filter(organisation=organisation)


def themes_of(organisation: Any) -> QuerySet[Theme]:
    return Theme.objects.filter(organisation=organisation)


def signals_visible_to(membership: Membership) -> QuerySet[Signal]:
    """The organisation's signals; a partner worker sees their partner's and the shareable ones."""
    signals = Signal.objects.filter(organisation=membership.organisation)
    own_staff = (
        Role.ADMIN,
        Role.COORDINATOR,
        Role.SOCIAL_WORKER,
        Role.SERVICE_CONTACT,
        Role.POLICY_MAKER,
    )
    if not membership.has_role(*own_staff):
        if not membership.is_partner_worker:
            return signals.none()
        signals = signals.filter(Q(partner_id=membership.partner_id) | Q(shareable=True))
    return signals


def signal_list(membership: Membership, *, filters: dict[str, str]) -> QuerySet[Signal]:
    """Filtered, overdue first (open and past due), then by due date."""
    today = timezone.localdate()
    signals = signals_visible_to(membership)
    if filters.get("status") in Signal.Status.values:
        signals = signals.filter(status=filters["status"])
    if filters.get("kind") in Signal.Kind.values:
        signals = signals.filter(kind=filters["kind"])
    if (body := positive_int(filters.get("body"))) is not None:
        signals = signals.filter(body_id=body)
    if (theme := positive_int(filters.get("theme"))) is not None:
        signals = signals.filter(
            Exists(SignalTheme.objects.filter(signal_id=OuterRef("pk"), theme_id=theme))
        )
    overdue = Q(status=Signal.Status.OPEN, due_on__lt=today)
    return (
        signals.select_related("body", "group", "partner")
        .alias(is_late=Exists(Signal.objects.filter(overdue, pk=OuterRef("pk"))))
        .order_by("-is_late", "due_on", "pk")
    )


def overdue(membership: Membership, *, today: date | None = None) -> QuerySet[Signal]:
    return signals_visible_to(membership).filter(
        status=Signal.Status.OPEN, due_on__lt=today or timezone.localdate()
    )


def may_answer(membership: Membership, signal: Signal) -> bool:
    """The body's policy makers, and the coordinator who records an answer received on paper."""
    if membership.organisation_id != signal.organisation_id:
        return False
    if membership.is_coordinator:
        return True
    return (
        membership.is_policy_maker
        and signal.body.policy_makers.filter(pk=membership.user_id).exists()
    )


def may_add_evidence(membership: Membership, signal: Signal) -> bool:
    """Staff who register signals; a partner worker only on their own partner's signals."""
    if membership.has_role(Role.ADMIN, Role.COORDINATOR, Role.SOCIAL_WORKER, Role.SERVICE_CONTACT):
        return True
    return membership.is_partner_worker and signal.partner_id == membership.partner_id


def waiting_for(membership: Membership) -> QuerySet[Signal]:
    """Open signals of the bodies this policy maker answers for."""
    return Signal.objects.filter(
        organisation=membership.organisation,
        body__policy_makers=membership.user_id,
        status=Signal.Status.OPEN,
    ).select_related("body")


def inputs_for_body(signal: Signal) -> list[dict[str, Any]]:
    """The input behind a signal as the body may see it: the group's words, or a person
    pseudonymised as "participant 1", never a name."""
    links = (
        SignalContribution.objects.filter(organisation=signal.organisation_id, signal=signal)
        .select_related("contribution")
        .order_by("contribution__created_at", "contribution_id")
    )
    numbers: dict[int, int] = {}
    shown: list[dict[str, Any]] = []
    for link in links:
        contribution: Contribution = link.contribution
        if contribution.withdrawn_at is not None:
            continue
        person = contribution.participant_id
        if person is not None:
            numbers.setdefault(person, len(numbers) + 1)
        shown.append({"text": contribution.text, "who": numbers.get(person, 0) if person else 0})
    return shown


def came_back_this_month(membership: Membership, *, today: date | None = None) -> dict[str, Any]:
    """For the policy maker's desk: answers the groups got and signals registered lately."""
    since_day = (today or timezone.localdate()) - timedelta(days=31)
    # The start of that day as a moment: compared as it is stored, the index serves it.
    since = timezone.make_aware(datetime.combine(since_day, time.min))
    organisation = membership.organisation
    return {
        "new_signals": list(
            signals_visible_to(membership)
            .filter(created_at__gte=since)
            .select_related("body")
            .order_by("-created_at")[:10]
        ),
        "answered_questions": _one_per_question(
            Response.objects.filter(
                organisation=organisation,
                created_at__gte=since,
                status__in=Response.FINAL,
            )
            .select_related("question")
            .order_by("-created_at")[:30]
        ),
    }


def _one_per_question(responses: Any) -> list[Response]:
    """The newest answer of each question, at most ten questions."""
    seen: dict[int, Response] = {}
    for response in responses:
        seen.setdefault(response.question_id, response)
    return list(seen.values())[:10]
