"""Reads for the organisation's own records, always scoped to the active organisation."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.db.models import BigIntegerField, Q, QuerySet, Value
from django.db.models.functions import Cast
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .models import AuditEvent, Membership, Organisation, Partner, Service


def of_organisation(organisation_id: int) -> Q:
    """`organisation_id = <id>` with the id as a bigint, like the column.

    Use it where a GIN index starts with the organisation (btree_gin: the memory's full-text
    indexes, the register's trigram index). Those operators compare bigint with bigint only;
    a plain integer is compared across types, so PostgreSQL cannot use the organisation part
    of the index and reads every organisation's matches before filtering them.
    """
    return Q(organisation_id=Cast(Value(organisation_id), output_field=BigIntegerField()))


def services_of(organisation: Organisation) -> QuerySet[Service]:
    return Service.objects.filter(organisation=organisation)


def partners_of(organisation: Organisation) -> QuerySet[Partner]:
    return Partner.objects.filter(organisation=organisation)


def staff_of(organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user", "service", "partner")
        .order_by("-is_active", "user__first_name", "user__last_name", "user__username")
    )


def get_scoped(queryset: QuerySet[Any], organisation: Organisation, pk: int) -> Any:
    """A record of the active organisation, or 404: another tenant's record is never confirmed."""
    return get_object_or_404(queryset, organisation=organisation, pk=pk)


def audit_events(
    organisation: Organisation,
    *,
    action: str = "",
    actor_id: int | None = None,
    object_type: str = "",
    object_id: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.filter(organisation=organisation).select_related("actor")
    if action:
        events = events.filter(action=action)
    if actor_id:
        events = events.filter(actor_id=actor_id)
    if object_type:
        events = events.filter(object_type=object_type)
    if object_id:
        events = events.filter(object_id=object_id)
    zone = timezone.get_current_timezone()
    if since:
        events = events.filter(at__gte=datetime.combine(since, time.min, tzinfo=zone))
    if until:
        events = events.filter(at__lte=datetime.combine(until, time.max, tzinfo=zone))
    return events
