"""Reads of case conferences. The access rule lives here and only here.

A case is seen by the people on it, never by role: its coordinator; while it is an open
request, the LCO coordinators who decide it and its requester; while it is open and the
client's consent stands, the client's staff contact and the providers who were invited and
acknowledged the ground rules. Everyone else gets a 404. See docs/casework.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import (
    CharField,
    Count,
    Exists,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Concat
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from inbreng.core.models import AuditEvent, Membership, User

from .models import (
    Agreement,
    CaseConference,
    CaseConsent,
    CaseDocument,
    CaseMeeting,
    CaseProvider,
    CaseSettings,
    LifeDomain,
    Signal,
)
from .reports import THRESHOLD, Period, Table, suppress

Status = CaseConference.Status
CASE_TYPE = "casework.caseconference"


def _provider_row(user_id: int, *, acknowledged: bool) -> Q:
    """The user is invited to the case and not removed; with `acknowledged`, they also
    accepted the ground rules (and so read the case), else not yet."""
    return Q(
        Exists(
            CaseProvider.objects.filter(
                case=OuterRef("pk"),
                user_id=user_id,
                invited_at__isnull=False,
                acknowledged_at__isnull=not acknowledged,
                removed_at__isnull=True,
            )
        )
    )


def _consented() -> Q:
    """The client's consent is recorded and stands."""
    return Q(Exists(CaseConsent.objects.filter(case=OuterRef("pk"), withdrawn_at__isnull=True)))


def access_rule(membership: Membership) -> Q:
    """The access rule as a condition on CaseConference (see the module docstring)."""
    user_id = membership.user_id
    rule = Q(coordinator_id=user_id)
    rule |= Q(status=Status.REQUESTED, requested_by_id=user_id)
    rule |= Q(status=Status.DECLINED) & (Q(requested_by_id=user_id) | Q(decided_by_id=user_id))
    if membership.is_case_coordinator:
        rule |= Q(status=Status.REQUESTED)
    # Until the client's consent is recorded, nobody but the coordinator reads the case:
    # not the staff contact, not a provider who was on the request.
    rule |= (
        Q(status=Status.OPEN, consent_withdrawn_at__isnull=True)
        & _consented()
        & (Q(staff_contact_id=user_id) | _provider_row(user_id, acknowledged=True))
    )
    return rule


def cases_visible_to(membership: Membership) -> QuerySet[CaseConference]:
    """Every case this member may open, as one query (the list uses the same rule)."""
    cases = CaseConference.objects.filter(organisation=membership.organisation)
    if not membership.is_active:
        return cases.none()
    return cases.filter(access_rule(membership))


def case_refs_visible_to(membership: Membership) -> QuerySet[Any]:
    """The messaging references (`case:<id>`) of the cases whose messages this member may see
    in the outbox: the people on the case and the organisation's LCO coordinators. Everyone
    else does not learn from the outbox that a client has a case conference."""
    cases = CaseConference.objects.filter(organisation=membership.organisation)
    if not membership.is_active:
        cases = cases.none()
    elif not membership.is_case_coordinator:
        cases = cases.filter(access_rule(membership))
    return cases.annotate(
        message_ref=Concat(Value("case:"), Cast("pk", output_field=CharField()))
    ).values("message_ref")


def _invited(user_id: int) -> Q:
    """Open cases this user is invited to and has not yet accepted the ground rules of."""
    return Q(status=Status.OPEN, consent_withdrawn_at__isnull=True) & _provider_row(
        user_id, acknowledged=False
    )


def home_counts(membership: Membership) -> dict[str, int]:
    """For the start page: requests to decide or follow, open cases, and invitations to
    accept. Two plain queries: one aggregate over the access rule with its subqueries in
    three filters cost more to build in Python (8 ms) than both of these to run."""
    by_status = dict(
        cases_visible_to(membership)
        .filter(status__in=[Status.REQUESTED, Status.OPEN])
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return {
        "requests": by_status.get(Status.REQUESTED, 0),
        "open": by_status.get(Status.OPEN, 0),
        "invitations": invitations_for(membership).count() if membership.is_active else 0,
    }


def case_for(membership: Membership, pk: int) -> CaseConference:
    """One case the member may open, or 404."""
    return get_object_or_404(
        cases_visible_to(membership).select_related(
            "client", "coordinator", "staff_contact", "key_worker", "requested_by", "decided_by"
        ),
        pk=pk,
    )


def invitations_for(membership: Membership) -> QuerySet[CaseProvider]:
    """Cases this member is invited to and still has to acknowledge."""
    return CaseProvider.objects.filter(
        organisation=membership.organisation,
        user_id=membership.user_id,
        invited_at__isnull=False,
        acknowledged_at__isnull=True,
        removed_at__isnull=True,
        case__status=Status.OPEN,
        case__consent_withdrawn_at__isnull=True,
    ).select_related("case", "case__coordinator")


def case_invitation_for(membership: Membership, pk: int) -> CaseProvider:
    """The invitation of a provider who has not yet acknowledged the ground rules, or 404."""
    return get_object_or_404(invitations_for(membership), case_id=pk)


@dataclass(frozen=True)
class Place:
    """Where the member stands on one case: what the page shows and offers."""

    is_coordinator: bool
    is_staff_contact: bool
    provider: CaseProvider | None
    may_decide: bool
    key_worker_id: int | None

    @property
    def is_key_worker(self) -> bool:
        return self.provider is not None and self.provider.pk == self.key_worker_id


def place_on(case: CaseConference, membership: Membership) -> Place:
    provider = next(
        (p for p in case.providers.all() if p.user_id == membership.user_id and p.has_access),
        None,
    )
    return Place(
        is_coordinator=case.coordinator_id == membership.user_id,
        is_staff_contact=case.staff_contact_id == membership.user_id,
        provider=provider,
        may_decide=case.is_request and membership.is_case_coordinator,
        key_worker_id=case.key_worker_id,
    )


def case_page(case: CaseConference) -> dict[str, Any]:
    """What the case page shows, in a fixed number of queries."""
    providers = list(case.providers.select_related("user").order_by("id"))
    meetings = list(case.meetings.order_by("starts_at", "id"))
    agreements = list(
        case.agreements.select_related("owner", "meeting").order_by("status", "due_on", "id")
    )
    consents = list(case.consents.select_related("recorded_by", "withdrawn_by"))
    documents = list(case.documents.select_related("uploaded_by"))
    signals = list(case.signals.all())
    return {
        "providers": providers,
        "meetings": meetings,
        "agreements": agreements,
        "consents": consents,
        "consent": next((c for c in consents if c.is_active), None),
        "documents": documents,
        "signals": signals,
    }


def case_list(membership: Membership) -> QuerySet[CaseConference]:
    """The list's rows: only the columns it shows, and the open agreements counted per row
    (a correlated count, so the page count needs no join and the rows no GROUP BY)."""
    open_agreements = (
        Agreement.objects.filter(case=OuterRef("pk"), status="open")
        .order_by()
        .values("case")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        cases_visible_to(membership)
        .select_related("client", "coordinator")
        .only(
            "code",
            "status",
            "requested_at",
            "client__name",
            "coordinator__username",
            "coordinator__first_name",
            "coordinator__last_name",
        )
        .annotate(open_agreements=Coalesce(Subquery(open_agreements), 0))
        .order_by("-requested_at", "-id")
    )


def case_coordinators(membership: Membership) -> QuerySet[Membership]:
    return Membership.objects.filter(
        organisation=membership.organisation, is_active=True, is_case_coordinator=True
    ).select_related("user")


def providers_to_invite(membership: Membership) -> QuerySet[Membership]:
    """Staff and partner workers who can be invited to a case."""
    return Membership.objects.filter(
        Q(is_social_worker=True) | Q(is_partner_worker=True) | Q(is_case_coordinator=True),
        organisation=membership.organisation,
        is_active=True,
    ).select_related("user", "partner")


def meeting_of(case: CaseConference, pk: int) -> CaseMeeting:
    return get_object_or_404(CaseMeeting, case=case, pk=pk)


def agreement_of(case: CaseConference, pk: int) -> Agreement:
    return get_object_or_404(Agreement.objects.select_related("owner"), case=case, pk=pk)


def document_of(case: CaseConference, pk: int) -> CaseDocument:
    return get_object_or_404(CaseDocument, case=case, pk=pk)


def provider_of(case: CaseConference, pk: int) -> CaseProvider:
    return get_object_or_404(CaseProvider, case=case, pk=pk)


def access_log(case: CaseConference) -> QuerySet[AuditEvent]:
    """Who opened or changed this case, and when: for the client, on paper."""
    return (
        AuditEvent.objects.filter(
            organisation_id=case.organisation_id, object_type=CASE_TYPE, object_id=str(case.pk)
        )
        .select_related("actor")
        .order_by("at", "id")
    )


def who_looked(case: CaseConference) -> list[dict[str, Any]]:
    """The access log as the client reads it: one line per person and kind of access (looked,
    printed, changed) with the first and last time and how often, and each person's role
    on the case. Grouped in the database, so a long log stays one short query."""
    providers = {p.user_id: p.name for p in case.providers.all() if p.user_id}
    grouped: dict[tuple[int | None, str], dict[str, Any]] = {}
    events = (
        access_log(case)
        .order_by()
        .values("actor_id", "action")
        .annotate(first=Min("at"), last=Max("at"), times=Count("id"))
    )
    for event in events:
        action = event["action"]
        what = action if action in ("view", "export", "list") else "change"
        line = grouped.setdefault(
            (event["actor_id"], what),
            {"actor_id": event["actor_id"], "action": what, "times": 0},
        )
        line["first"] = min(filter(None, (line.get("first"), event["first"])))
        line["last"] = max(filter(None, (line.get("last"), event["last"])))
        line["times"] += event["times"]
    names = {
        user.pk: user.display_name()
        for user in User.objects.filter(pk__in={a for a, _w in grouped if a is not None})
    }
    rows = []
    for line in sorted(grouped.values(), key=lambda line: (line["first"], line["action"])):
        actor_id = line["actor_id"]
        if actor_id is None:
            role = ""
        elif actor_id == case.coordinator_id:
            role = "coordinator"
        elif actor_id in providers:
            role = providers[actor_id]
        elif actor_id == case.staff_contact_id:
            role = "staff_contact"
        else:
            role = ""
        rows.append({**line, "who": names.get(actor_id, "") if actor_id else "", "role": role})
    return rows


def settings_of(organisation: Any) -> CaseSettings:
    found, _created = CaseSettings.objects.get_or_create(organisation=organisation)
    return found


def signals_of(membership: Membership) -> QuerySet[Signal]:
    return Signal.objects.filter(organisation=membership.organisation).order_by(
        "-recorded_on", "-id"
    )


@dataclass(frozen=True)
class SignalReport:
    """Life domains as rows, kinds of signal as columns, each with its total."""

    domains: list[tuple[str, str]]
    kinds: list[tuple[str, str]]
    table: Table
    period: Period

    @property
    def since(self) -> date:
        return self.period.since

    @property
    def until(self) -> date:
        return self.period.until

    def _cell(self, row: int, column: int) -> str:
        """The count as shown: the number, "less than 5", or "–" for a count that is hidden
        because a hidden one could otherwise be worked out from it."""
        shown = self.table.shown(row, column)
        if shown is not None:
            return str(shown)
        if self.table.counts[row][column] < THRESHOLD:
            return _("less than %(n)d") % {"n": THRESHOLD}
        return "–"

    def rows(self) -> list[dict[str, Any]]:
        """Each domain with its shown counts per kind and its total."""
        width = len(self.kinds)
        return [
            {
                "label": label,
                "cells": [
                    (kind_label, self._cell(r, c))
                    for c, (_kind, kind_label) in enumerate(self.kinds)
                ],
                "total": self._cell(r, width),
            }
            for r, (_value, label) in enumerate(self.domains)
        ]

    def totals(self) -> dict[str, Any]:
        height, width = len(self.domains), len(self.kinds)
        return {
            "cells": [
                (kind_label, self._cell(height, c))
                for c, (_kind, kind_label) in enumerate(self.kinds)
            ],
            "total": self._cell(height, width),
        }


def _signal_cells(membership: Membership, period: Period) -> list[list[int]]:
    counts: dict[tuple[str, str], int] = {
        (row["life_domain"], row["kind"]): row["n"]
        for row in Signal.objects.filter(
            organisation=membership.organisation,
            recorded_on__gte=period.since,
            recorded_on__lte=period.until,
        )
        .values("kind", "life_domain")
        .annotate(n=Count("id"))
    }
    return [[counts.get((d, k), 0) for k in Signal.Kind.values] for d in LifeDomain.values]


def signal_report(membership: Membership, period: Period) -> SignalReport:
    """Signals per life domain and kind in a quarter or a year; no count below five is shown.

    A year hides, besides its own small counts, every count that is hidden in one of its
    quarters: otherwise the year minus three quarters would give the fourth away.
    """
    inherited: set[tuple[int, int]] = set()
    if period.quarter is None:
        for quarter in period.quarters():
            inherited |= suppress(_signal_cells(membership, quarter)).hidden
    domains = [(str(v), str(label)) for v, label in LifeDomain.choices]
    kinds = [(str(v), str(label)) for v, label in Signal.Kind.choices]
    table = suppress(_signal_cells(membership, period), also_hidden=inherited)
    return SignalReport(domains, kinds, table, period)


def require(condition: bool) -> None:
    """A case action the member may not take is a 404 too: it never confirms anything."""
    if not condition:
        raise Http404
