"""Anonymisation after the retention period, the period itself, and handing cases over."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inbreng.core.models import AuditEvent, Membership, Organisation, User
from inbreng.core.services import save_with

from ..models import (
    CaseConference,
    CaseSettings,
)
from .cases import _check_neutral
from .common import (
    Status,
    _audit,
    _blank_messages,
)


@transaction.atomic
def case_anonymise(*, case: CaseConference, by: User | None = None) -> CaseConference:
    """Removes every personal field, document and free text of a case; keeps the signals.

    What stays is what policy needs: the life domains, dates, the closure reason, how many
    providers, conferences and agreements there were and how the agreements ended.
    """
    for document in case.documents.all():
        document.file.delete(save=False)
    case.documents.all().delete()
    case.consents.all().delete()
    case.providers.update(name="", user=None, may_share="", invited_by=None)
    case.meetings.update(place="", report="", invitation=None)
    _blank_messages(case)
    case.agreements.update(what="", note="", created_by=None)
    now = timezone.now()
    blank: dict[str, Any] = {
        field: None if field in ("client", "staff_contact") else ""
        for field in CaseConference.PERSONAL_FIELDS
    }
    CaseConference.objects.filter(pk=case.pk).update(
        **blank,
        status=Status.ANONYMISED,
        anonymised_at=now,
        ended_at=case.ended_at or now,
    )
    case.refresh_from_db()
    _audit(case, by, AuditEvent.Action.ERASE, step="anonymised")
    return case


def anonymise_due(now: datetime | None = None) -> int:
    """Anonymises every case that ended longer ago than its organisation's retention."""
    now = now or timezone.now()
    retention = dict(CaseSettings.objects.values_list("organisation_id", "retention_months"))
    default = CaseSettings._meta.get_field("retention_months").default
    done = 0
    ended = CaseConference.objects.filter(
        anonymised_at__isnull=True,
        status__in=[Status.CLOSED, Status.DECLINED, Status.WITHDRAWN],
        ended_at__isnull=False,
    ).only("pk", "organisation_id", "ended_at")
    for candidate in ended.iterator():
        months = retention.get(candidate.organisation_id, default)
        if candidate.ended_at and candidate.ended_at <= now - timedelta(days=months * 30.44):
            case = CaseConference.objects.select_related("organisation").get(pk=candidate.pk)
            case_anonymise(case=case)
            done += 1
    return done


@transaction.atomic
def settings_update(*, organisation: Organisation, by: User, retention_months: int) -> CaseSettings:
    found, _created = CaseSettings.objects.get_or_create(organisation=organisation)
    save_with(found, retention_months=retention_months)
    AuditEvent.record(
        organisation=organisation, actor=by, action=AuditEvent.Action.UPDATE, obj=found
    )
    return found


def cases_hand_over(leaving: Membership, to: Membership) -> int:
    """A leaving LCO coordinator's open cases go to a colleague who is one too and is not a
    provider of those clients. Called with the same membership twice, it only counts."""
    cases = CaseConference.objects.filter(
        organisation=leaving.organisation,
        coordinator=leaving.user,
        status__in=[Status.REQUESTED, Status.OPEN],
    )
    if leaving.pk == to.pk:
        return cases.count()
    moved = 0
    for case in cases.select_related("organisation"):
        try:
            _check_neutral(case, to.user)
        except ValidationError as error:
            raise ValidationError(
                {
                    "hand_over_to": _(
                        "%(name)s cannot coordinate case conference %(number)s: "
                        "choose a neutral LCO coordinator."
                    )
                    % {"name": to.user.display_name(), "number": case.number}
                }
            ) from error
        CaseConference.objects.filter(pk=case.pk).update(coordinator=to.user)
        _audit(case, None, AuditEvent.Action.UPDATE, step="coordinator_handed_over")
        moved += 1
    return moved
