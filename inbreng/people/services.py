"""Writes for the participant register. Every change is audited."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inbreng.core.models import AuditEvent, Membership, Organisation, User
from inbreng.core.services import personal_data_erase, personal_data_export

from .models import Consent, Participant

ERASED_NAME = "—"


def _audit(participant: Participant, by: User, action: str, **detail: Any) -> None:
    AuditEvent.record(
        organisation=participant.organisation, actor=by, action=action, obj=participant, **detail
    )


@transaction.atomic
def participant_create(
    *, organisation: Organisation, by: User, data: dict[str, Any]
) -> Participant:
    """Adds a person to the register. `data` holds cleaned form values."""
    participant = Participant(organisation=organisation, last_activity_at=timezone.now())
    for name, value in data.items():
        setattr(participant, name, value)
    if participant.referred_by_user is None and participant.referred_by_partner is None:
        participant.referred_by_user = by
    participant.full_clean()
    participant.save()
    _audit(participant, by, AuditEvent.Action.CREATE)
    return participant


def _stored_value(instance: Participant, name: str) -> Any:
    field = Participant._meta.get_field(name)
    return getattr(instance, getattr(field, "attname", name))


def _comparable(name: str, value: Any) -> Any:
    if Participant._meta.get_field(name).is_relation:
        return getattr(value, "pk", value)
    return value


@transaction.atomic
def participant_update(*, participant: Participant, by: User, data: dict[str, Any]) -> Participant:
    """Changes a person's details; the audit names the fields, not their values.

    What changed is decided against the stored row, not against `participant`: a model
    form has already copied the new values onto its instance when it was validated.
    """
    stored = Participant.objects.select_for_update().get(pk=participant.pk)
    changed = [
        name
        for name, value in data.items()
        if _stored_value(stored, name) != _comparable(name, value)
    ]
    for name, value in data.items():
        setattr(participant, name, value)
    participant.full_clean()
    if changed:
        participant.save(update_fields=[*changed, "updated_at"])
        _audit(participant, by, AuditEvent.Action.UPDATE, fields=sorted(changed))
    return participant


@transaction.atomic
def consent_record(
    *, participant: Participant, by: User, purpose: str, how: str, given_at: Any = None
) -> Consent:
    """Records that the participant agreed to `purpose`."""
    consent = Consent(
        organisation=participant.organisation,
        participant=participant,
        purpose=purpose,
        how=how,
        given_at=given_at or timezone.now(),
        recorded_by=by,
    )
    consent.full_clean()
    consent.save()
    _audit(participant, by, AuditEvent.Action.UPDATE, consent=purpose)
    return consent


@transaction.atomic
def consent_withdraw(*, consent: Consent, by: User) -> Consent:
    """Records that the participant took their consent back. The record itself stays."""
    if consent.withdrawn_at is None:
        consent.withdrawn_at = timezone.now()
        consent.withdrawn_recorded_by = by
        consent.save(update_fields=["withdrawn_at", "withdrawn_recorded_by"])
        _audit(consent.participant, by, AuditEvent.Action.UPDATE, consent_withdrawn=consent.purpose)
    return consent


@transaction.atomic
def participant_erase(*, participant: Participant, by: User) -> Participant:
    """Erases a person: every personal detail goes, the anonymous record stays.

    What the person said in meetings stays as the group's input, no longer linked to a
    name. Consent records go too: without a person there is nothing to prove.
    """
    for name in Participant.PERSONAL_FIELDS:
        setattr(participant, name, "")
    for name in Participant.NEED_FIELDS:
        setattr(participant, name, False)
    participant.name = ERASED_NAME
    participant.social_worker = None
    participant.referred_by_user = None
    participant.referred_by_partner = None
    participant.erased_at = timezone.now()
    participant.save()
    participant.consents.all().delete()
    # Group notes, meeting needs and personal links go too (the apps that keep them say how).
    personal_data_erase(participant)
    _audit(participant, by, AuditEvent.Action.ERASE)
    return participant


@transaction.atomic
def participant_keep(*, participant: Participant, by: User) -> Participant:
    """The yearly review decided to keep this person: they leave the review list."""
    participant.reviewed_at = timezone.now()
    participant.last_activity_at = participant.reviewed_at
    participant.save(update_fields=["reviewed_at", "last_activity_at"])
    _audit(participant, by, AuditEvent.Action.KEEP)
    return participant


def participants_hand_over(leaving: Membership, successor: Membership) -> int:
    """Moves the people a leaving social worker follows to a colleague.

    Called with the same membership twice, it only counts.
    """
    people = Participant.objects.filter(
        organisation=leaving.organisation, social_worker=leaving.user, erased_at__isnull=True
    )
    if leaving.pk == successor.pk:
        return people.count()
    return people.update(social_worker=successor.user)


def participant_export_data(*, participant: Participant, by: User) -> dict[str, Any]:
    """Everything the register holds on one person (GDPR right of access). Audited."""
    data: dict[str, Any] = {
        "organisation": participant.organisation.name,
        "exported_at": timezone.now().isoformat(),
        "participant": {
            "id": participant.pk,
            "name": participant.name,
            "postal_name": participant.postal_name,
            "phone": participant.phone,
            "email": participant.email,
            "address": {
                "street": participant.street,
                "postal_code": participant.postal_code,
                "city": participant.city,
            },
            "preferred_channel": participant.preferred_channel,
            "social_worker": participant.social_worker.display_name()
            if participant.social_worker
            else None,
            "language": participant.language,
            "needs": {name: getattr(participant, name) for name in Participant.NEED_FIELDS},
            "referred_by_partner": str(participant.referred_by_partner or "") or None,
            "profile": {name: getattr(participant, name) for name in Participant.PROFILE_FIELDS},
            "created_at": participant.created_at.isoformat(),
            "last_activity_at": participant.last_activity_at.isoformat(),
        },
        "consents": [
            {
                "purpose": c.purpose,
                "how": c.how,
                "given_at": c.given_at.isoformat(),
                "withdrawn_at": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
            }
            for c in participant.consents.all()
        ],
        **personal_data_export(participant),
    }
    _audit(participant, by, AuditEvent.Action.EXPORT)
    return data


@dataclass
class ImportRow:
    line: int
    data: dict[str, Any]
    errors: list[str] = field(default_factory=list)
    duplicate_of: list[int] = field(default_factory=list)
    same_as_line: int | None = None

    @property
    def is_likely_duplicate(self) -> bool:
        return bool(self.duplicate_of) or self.same_as_line is not None


@transaction.atomic
def participants_import(
    *, organisation: Organisation, by: User, rows: list[ImportRow], skip_duplicates: bool
) -> list[Participant]:
    """Adds the checked rows of an import, all or nothing.

    Rows with errors must have been fixed first: one bad row refuses the whole file, so
    nothing is half-imported.
    """
    if any(row.errors for row in rows):
        raise ValueError(_("The file still has errors."))
    now = timezone.now()
    created = []
    for row in rows:
        if skip_duplicates and row.is_likely_duplicate:
            continue
        participant = Participant(
            organisation=organisation, last_activity_at=now, referred_by_user=by, **row.data
        )
        participant.full_clean()
        created.append(participant)
    Participant.objects.bulk_create(created)
    AuditEvent.record(
        organisation=organisation,
        actor=by,
        action=AuditEvent.Action.IMPORT,
        object_type="people.participant",
        count=len(created),
    )
    return created


def search_keys_refresh(*, fix: bool = True, organisation_id: int | None = None) -> int:
    """Finds people whose kept search key does not match their name; mends them when `fix`.

    Returns how many had drifted (a bulk insert that skipped the manager, an old row).
    """
    people = Participant.objects.only("pk", "name", "postal_name", "email", "search_key")
    if organisation_id is not None:
        people = people.filter(organisation_id=organisation_id)
    drifted = [
        p for p in people.iterator(chunk_size=2000) if p.search_key != p.compute_search_key()
    ]
    if fix:
        for person in drifted:
            person.search_key = person.compute_search_key()
        Participant.objects.bulk_update(drifted, ["search_key"], batch_size=2000)
    return len(drifted)
