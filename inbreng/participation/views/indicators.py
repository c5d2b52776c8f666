"""Does every voice get an answer? The loop's figures, and the list behind each figure."""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inbreng.core.decorators import permission_required
from inbreng.core.models import Membership, Role, Service
from inbreng.core.params import query_int
from inbreng.core.services import audit_read
from inbreng.core.types import MemberRequest
from inbreng.groups.models import ParticipationGroup
from inbreng.people.models import Participant

from .. import indicators as snapshots
from .. import selectors

PAGE_SIZE = 50


def _sees_whole(membership: Membership) -> bool:
    """Coordinators, admins and policy makers see the organisation; a service its own part."""
    return membership.has_role(Role.COORDINATOR, Role.ADMIN, Role.POLICY_MAKER)


@permission_required("participation.view_indicators")
def indicators(request: MemberRequest) -> HttpResponse:
    membership = request.membership
    whole = _sees_whole(membership)
    services_ = Service.objects.filter(organisation=membership.organisation)
    if not whole:
        services_ = services_.filter(pk=membership.service_id or 0)
    groups = (
        ParticipationGroup.objects.filter(organisation=membership.organisation, is_active=True)
        if whole
        else ParticipationGroup.objects.none()
    )
    snapshot = snapshots.current(membership.organisation)
    # A city has hundreds of groups: a page of them at a time.
    group_page = Paginator(groups.order_by("name", "pk").values_list("pk", "name"), 25).get_page(
        request.GET.get("groepen")
    )
    rows, group_rows, service_rows = snapshots.rows(
        snapshot,
        whole=whole,
        groups=list(group_page.object_list),
        services=list(services_.order_by("name", "pk").values_list("pk", "name")),
    )
    return render(
        request,
        "participation/indicators.html",
        {
            "rows": rows,
            "group_rows": group_rows,
            "service_rows": service_rows,
            "computed_at": snapshot.computed_at,
            "group_page": group_page,
        },
    )


@dataclass
class Scope:
    """Whose figure a list shows: the reader's whole view, one group or one service."""

    name: str
    query: str = ""
    group_id: int | None = None
    service_id: int | None = None


def _number(request: MemberRequest, name: str) -> int | None:
    """A record id from the query string; anything but a plain number is not found."""
    return query_int(request, name)


def _scope(request: MemberRequest) -> Scope:
    """The list's scope, as the indicators page links it. Another organisation's group or
    service, or a service other than a service contact's own, is not found."""
    membership = request.membership
    group_id, service_id = _number(request, "groep"), _number(request, "dienst")
    if group_id is not None and service_id is not None:
        raise Http404("one scope at a time")
    whole = _sees_whole(membership)
    if group_id is not None:
        if not whole:
            raise Http404("groups are not this reader's")
        group = get_object_or_404(
            ParticipationGroup, organisation=membership.organisation, pk=group_id
        )
        return Scope(group.name, f"groep={group.pk}", group_id=group.pk)
    if service_id is None and whole:
        return Scope(_("Whole organisation"))
    if not whole and service_id not in (None, membership.service_id):
        raise Http404("not this reader's service")
    service = get_object_or_404(
        Service, organisation=membership.organisation, pk=service_id or membership.service_id or 0
    )
    return Scope(service.name, f"dienst={service.pk}", service_id=service.pk)


FIGURE_TITLES = {
    selectors.FIGURE_ON_TIME: gettext_lazy("Answered on time"),
    selectors.FIGURE_DAYS: gettext_lazy("Days to answer"),
    selectors.FIGURE_HEARD_BACK: gettext_lazy("Contributors who heard back"),
    selectors.FIGURE_OVERDUE: gettext_lazy("Overdue now"),
}


@permission_required("participation.view_indicators")
def indicator_list(request: MemberRequest, figure: str) -> HttpResponse:
    """The questions, answers or people behind one figure, exactly as the figure counts them."""
    if figure not in selectors.FIGURES:
        raise Http404("no such figure")
    scope = _scope(request)
    measured = selectors.measure(
        request.membership, group_id=scope.group_id, service_id=scope.service_id
    )
    behind: dict[str, list[Any]] = {
        selectors.FIGURE_ON_TIME: list(measured.due),
        selectors.FIGURE_DAYS: list(measured.timed),
        selectors.FIGURE_HEARD_BACK: list(measured.people),
        selectors.FIGURE_OVERDUE: list(measured.overdue),
    }
    lines = behind[figure]
    page = Paginator(lines, PAGE_SIZE).get_page(request.GET.get("pagina"))
    people: list[tuple[str, selectors.PersonLine]] = []
    if figure == selectors.FIGURE_HEARD_BACK:
        people = _people(request, page.object_list, start=page.start_index())
    return render(
        request,
        "participation/indicator_list.html",
        {
            "figure": figure,
            "title": FIGURE_TITLES[figure],
            "scope": scope,
            "indicators": measured.indicators,
            "page": page,
            "people": people,
            "query_string": scope.query,
        },
    )


def _people(
    request: MemberRequest, lines: Any, *, start: int
) -> list[tuple[str, selectors.PersonLine]]:
    """Each person on the page with a name for coordinators, else a letter ("Participant C").

    The letter follows the person's place in the whole list, so it stays the same from one
    page to the next. Services and policy makers never see names: the service that answers
    may decide on that person's benefits.
    """
    lines = list(lines)
    if not selectors.sees_names(request.membership):
        return [
            (_("Participant %(letter)s") % {"letter": _letter(start - 1 + n)}, line)
            for n, line in enumerate(lines)
        ]
    names = dict(
        Participant.objects.filter(
            organisation=request.organisation, pk__in=[line.participant_id for line in lines]
        ).values_list("pk", "name")
    )
    audit_read(request, object_type="people.participant")
    return [(names.get(line.participant_id, "—"), line) for line in lines]


def _letter(index: int) -> str:
    return string.ascii_uppercase[index % 26] + (str(index // 26) if index >= 26 else "")
