"""Writes for advisory-council seats and items, and for the yearly hearing."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inbreng.core.models import AuditEvent, Organisation, User
from inbreng.core.services import save_with

from ..models import Body, CouncilItem, CouncilSeat, Hearing
from ..services import refuse_personal_data
from . import memory
from .selectors import year_signals


def _council(body: Body, organisation: Organisation) -> None:
    if body.organisation_id != organisation.pk or body.kind != Body.Kind.ADVISORY_COUNCIL:
        raise ValidationError({"body": _("Choose an advisory council.")})


@transaction.atomic
def seat_save(
    *,
    organisation: Organisation,
    by: User,
    seat: CouncilSeat | None = None,
    body: Body,
    participant: Any,
    role: str,
    starts_on: date,
    ends_on: date | None,
) -> CouncilSeat:
    """Gives a participant a seat (member or substitute) on an advisory council, for a term."""
    _council(body, organisation)
    if participant.organisation_id != organisation.pk:
        raise ValidationError({"participant": _("Choose a participant of this organisation.")})
    seat = save_with(
        seat or CouncilSeat(organisation=organisation),
        body=body,
        participant=participant,
        role=role,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    AuditEvent.record(
        organisation=organisation, actor=by, action=AuditEvent.Action.UPDATE, obj=seat
    )
    return seat


@transaction.atomic
def council_item_save(
    *,
    organisation: Organisation,
    by: User,
    item: CouncilItem | None = None,
    **fields: Any,
) -> CouncilItem:
    """An agenda item of an advisory council that the group prepares, and its position."""
    _council(fields["body"], organisation)
    refuse_personal_data(
        organisation, title=fields.get("title", ""), position=fields.get("position", "")
    )
    if fields.get("position", "").strip() and not fields.get("position_on"):
        fields["position_on"] = timezone.localdate()
    for name in ("group", "meeting"):
        related = fields.get(name)
        if related is not None and related.organisation_id != organisation.pk:
            raise ValidationError({name: _("Choose one of this organisation.")})
    item = save_with(item or CouncilItem(organisation=organisation), **fields)
    AuditEvent.record(
        organisation=organisation, actor=by, action=AuditEvent.Action.UPDATE, obj=item
    )
    return item


@transaction.atomic
def hearing_prepare(
    *,
    organisation: Organisation,
    by: User,
    year: int,
    body: Body,
    group: Any = None,
    partner: Any = None,
) -> Hearing:
    """Prepares the yearly hearing: its agenda is that year's signals and advice to the body."""
    if body.organisation_id != organisation.pk:
        raise ValidationError({"body": _("Choose a body of this organisation.")})
    if group is not None and partner is not None:
        raise ValidationError({"partner": _("Choose a group or a partner, not both.")})
    if Hearing.objects.filter(
        organisation=organisation, year=year, body=body, group=group, partner=partner
    ).exists():
        raise ValidationError(
            {"year": _("This hearing is already prepared. Its agenda follows the year's signals.")}
        )
    hearing = save_with(
        Hearing(organisation=organisation), year=year, body=body, group=group, partner=partner
    )
    signals = year_signals(
        organisation=organisation, year=year, body=body, group=group, partner=partner
    )
    hearing.agenda.set(list(signals), through_defaults={"organisation": hearing.organisation})
    AuditEvent.record(
        organisation=organisation, actor=by, action=AuditEvent.Action.CREATE, obj=hearing
    )
    return hearing  # type: ignore[no-any-return]


@transaction.atomic
def hearing_record_outcome(
    *, hearing: Hearing, by: User, held_on: date | None, outcome: str
) -> Hearing:
    """Records when the hearing was held and what came of it; the outcome joins the memory."""
    refuse_personal_data(hearing.organisation, outcome=outcome)
    if outcome.strip() and held_on is None:
        raise ValidationError({"held_on": _("Fill in the day the hearing was held.")})
    if held_on and held_on > timezone.localdate():
        raise ValidationError({"held_on": _("The outcome is recorded after the hearing.")})
    save_with(hearing, held_on=held_on, outcome=outcome)
    if held_on is not None:
        # Held: the agenda is what was on the table that day (it followed the year until now).
        hearing.agenda.set(
            list(
                year_signals(
                    organisation=hearing.organisation,
                    year=hearing.year,
                    body=hearing.body,
                    group=hearing.group,
                    partner=hearing.partner,
                )
            ),
            through_defaults={"organisation": hearing.organisation},
        )
    AuditEvent.record(
        organisation=hearing.organisation, actor=by, action=AuditEvent.Action.UPDATE, obj=hearing
    )
    memory.put_hearing(hearing)
    return hearing
