"""Reads for messaging, scoped to the organisation and the person asking."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Count, Q, QuerySet

from inbreng.core.models import Membership, Organisation

from .models import Delivery, Message

# How the outbox groups statuses into what staff need to know.
DONE = (Delivery.Status.SENT, Delivery.Status.DONE)
WAITING = (Delivery.Status.QUEUED, Delivery.Status.SENDING)
FOR_PEOPLE = (Delivery.Status.TO_PRINT, Delivery.Status.TO_PASS_ON, Delivery.Status.TO_CALL)
PROBLEMS = (Delivery.Status.FAILED, Delivery.Status.NO_CHANNEL)


# An app whose messages only some staff may see registers the prefix of its references and,
# per member, the references they may see (casework: a client's case conference is seen by
# the people on the case only). Messaging knows nothing of what the references mean.
VisibleRefs = Callable[[Membership], "QuerySet[Any] | Iterable[str]"]
_restricted: dict[str, VisibleRefs] = {}


def register_restricted_refs(prefix: str, visible: VisibleRefs) -> None:
    _restricted[prefix] = visible


def messages(organisation: Organisation, membership: Membership | None = None) -> QuerySet[Message]:
    """The organisation's messages this member may see; without a member, none of the
    restricted ones."""
    rows = Message.objects.filter(organisation=organisation)
    for prefix, visible in _restricted.items():
        hidden = Q(ref__startswith=prefix)
        if membership is not None:
            hidden &= ~Q(ref__in=visible(membership))
        rows = rows.exclude(hidden)
    return rows


def status_counts(message_ids: Iterable[int]) -> dict[int, dict[str, int]]:
    """Deliveries per status for each message, in one grouped query."""
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    rows = (
        Delivery.objects.filter(message_id__in=list(message_ids))
        .values_list("message_id", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    for message_id, status, n in rows:
        counts[message_id][status] = n
    return counts


def progress(counts: dict[str, int], total: int) -> dict[str, int]:
    """Numbers for the progress bar: finished, waiting for the worker, for staff, problems."""
    done = sum(counts.get(s, 0) for s in DONE)
    return {
        "total": total,
        "done": done,
        "waiting": sum(counts.get(s, 0) for s in WAITING),
        "for_people": sum(counts.get(s, 0) for s in FOR_PEOPLE),
        "problems": sum(counts.get(s, 0) for s in PROBLEMS),
        "percent": round(100 * done / total) if total else 100,
    }


def deliveries(message: Message, status: str = "") -> QuerySet[Delivery]:
    rows = message.deliveries.select_related("participant").order_by("participant__name", "id")
    return rows.filter(status=status) if status else rows


def to_pass_on(membership: Membership) -> QuerySet[Delivery]:
    return (
        Delivery.objects.filter(
            organisation=membership.organisation,
            assignee_id=membership.user_id,
            status=Delivery.Status.TO_PASS_ON,
        )
        .select_related("participant", "message")
        .order_by("id")
    )


def open_work(organisation: Organisation) -> dict[str, int]:
    """Deliveries across the organisation that wait for a person, by status."""
    rows = (
        Delivery.objects.filter(
            organisation=organisation, status__in=[*FOR_PEOPLE, Delivery.Status.FAILED]
        )
        .values_list("status")
        .annotate(n=Count("*"))
        .order_by()
    )
    return dict(rows)
