"""Writes for groups, their members and the reach reference figures."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inbreng.core.models import AuditEvent, Organisation, User
from inbreng.core.services import save_with
from inbreng.people.models import Participant

from .models import GroupMembership, ParticipationGroup, ReferenceFigure

STAGE_ORDER = [
    GroupMembership.Stage.REFERRED,
    GroupMembership.Stage.INTAKE,
    GroupMembership.Stage.TRIAL,
    GroupMembership.Stage.MEMBER,
]


@transaction.atomic
def group_save(
    *,
    organisation: Organisation,
    by: User,
    group: ParticipationGroup | None = None,
    **fields: Any,
) -> ParticipationGroup:
    """Creates or changes a participation or focus group."""
    return save_with(group or ParticipationGroup(organisation=organisation), **fields)  # type: ignore[no-any-return]


@transaction.atomic
def membership_add(
    *,
    group: ParticipationGroup,
    participant: Participant,
    by: User,
    stage: str = GroupMembership.Stage.REFERRED,
    on: date | None = None,
    note: str = "",
) -> GroupMembership:
    """Puts a person on a group's list, at the stage they are at (usually: referred)."""
    if participant.organisation_id != group.organisation_id or participant.is_erased:
        raise ValidationError({"participant": _("Choose a person from the register.")})
    if GroupMembership.objects.filter(group=group, participant=participant).exists():
        raise ValidationError({"participant": _("This person is already on the group's list.")})
    if on is not None and on > timezone.localdate():
        raise ValidationError({"on": _("This date is in the future.")})
    membership = GroupMembership(
        organisation=group.organisation,
        group=group,
        participant=participant,
        stage=stage,
        note=note,
    )
    setattr(
        membership,
        GroupMembership.STAGE_DATES[GroupMembership.Stage(stage)],
        on or timezone.localdate(),
    )
    membership.full_clean()
    membership.save()
    AuditEvent.record(
        organisation=group.organisation,
        actor=by,
        action=AuditEvent.Action.UPDATE,
        obj=participant,
        group=group.pk,
        stage=stage,
    )
    return membership


@transaction.atomic
def membership_move(
    *, membership: GroupMembership, stage: str, on: date, by: User, note: str | None = None
) -> GroupMembership:
    """Moves a person to the next stage (or out of the group), with the date it happened.

    Stages go forward: referred → intake → trial → member. Anyone can leave; someone who
    left can be referred again.
    """
    current = GroupMembership.Stage(membership.stage)
    wanted = GroupMembership.Stage(stage)
    allowed = (
        wanted == GroupMembership.Stage.LEFT
        or (current == GroupMembership.Stage.LEFT and wanted == GroupMembership.Stage.REFERRED)
        or (
            current in STAGE_ORDER
            and wanted in STAGE_ORDER
            and STAGE_ORDER.index(wanted) > STAGE_ORDER.index(current)
        )
    )
    if not allowed or wanted == current:
        raise ValidationError(
            {"stage": _("A person moves forward: referred, intake, trial, member.")}
        )
    if on > timezone.localdate():
        raise ValidationError({"on": _("This date is in the future.")})
    previous = getattr(membership, GroupMembership.STAGE_DATES[current])
    if previous is not None and on < previous:
        raise ValidationError({"on": _("This date comes before the previous step.")})
    membership.stage = wanted
    if wanted == GroupMembership.Stage.REFERRED:
        # A new path into the group: the dates of the earlier one no longer describe it.
        for field in GroupMembership.STAGE_DATES.values():
            setattr(membership, field, None)
    setattr(membership, GroupMembership.STAGE_DATES[wanted], on)
    if note is not None:
        membership.note = note
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def reference_figures_save(
    *, organisation: Organisation, by: User, dimension: str, counts: dict[str, int | None]
) -> None:
    """Replaces the organisation's client counts for one profile question."""
    ReferenceFigure.objects.filter(organisation=organisation, dimension=dimension).delete()
    ReferenceFigure.objects.bulk_create(
        ReferenceFigure(
            organisation=organisation, dimension=dimension, category=category, count=count
        )
        for category, count in counts.items()
        if count
    )
