"""Signals for policy: recorded without personal data."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from inbreng.core.models import AuditEvent, Organisation, User
from inbreng.core.services import save_with
from inbreng.people.models import Participant

from .. import detect
from ..models import (
    CaseConference,
    Signal,
)

REFUSALS = {
    "national_number": gettext_lazy(
        "This looks like a national register number. Signals hold no personal data."
    ),
    "phone": gettext_lazy("This looks like a phone number. Signals hold no personal data."),
    "email": gettext_lazy("This looks like an e-mail address. Signals hold no personal data."),
    "name": gettext_lazy(
        "This holds the name of someone in the register. Signals hold no personal data."
    ),
}


def _register_names(organisation: Organisation, texts: Sequence[str]) -> list[str]:
    """Names in the organisation's register that share a word with the texts, in one query."""
    words = {w for text in texts for w in detect.candidate_words(text)}
    if not words:
        return []
    from django.db.models import Q

    condition = Q()
    for word in sorted(words)[:50]:
        condition |= Q(name__icontains=word) | Q(postal_name__icontains=word)
    rows = Participant.objects.filter(
        condition, organisation=organisation, erased_at__isnull=True
    ).values_list("name", "postal_name")[:500]
    return [n for row in rows for n in row if n]


def personal_data_errors(organisation: Organisation, **fields: str) -> dict[str, str]:
    """Per field, why it is refused: it looks like it holds personal data."""
    names = _register_names(organisation, list(fields.values()))
    errors = {}
    for field, text in fields.items():
        findings = detect.personal_data(text, names)
        if findings:
            errors[field] = str(REFUSALS[findings[0].kind])
    return errors


@transaction.atomic
def signal_record(
    *,
    organisation: Organisation,
    by: User,
    case: CaseConference | None,
    kind: str,
    life_domain: str,
    concerns: str,
    description: str,
    recorded_on: date | None = None,
) -> Signal:
    """Records a signal for policy. A text that looks like personal data is refused."""
    errors = personal_data_errors(organisation, concerns=concerns, description=description)
    if errors:
        raise ValidationError(errors)
    signal = save_with(
        Signal(organisation=organisation),
        case=case,
        kind=kind,
        life_domain=life_domain,
        concerns=concerns.strip(),
        description=description.strip(),
        recorded_on=recorded_on or timezone.localdate(),
        recorded_by=by,
    )
    AuditEvent.record(
        organisation=organisation, actor=by, action=AuditEvent.Action.CREATE, obj=signal
    )
    return signal  # type: ignore[no-any-return]
