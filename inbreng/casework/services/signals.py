"""Signals for policy: recorded without personal data."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from inbreng.core.models import AuditEvent, Organisation, User
from inbreng.core.services import save_with
from inbreng.lib import personal_data as detect
from inbreng.lib.script import without_hidden_characters
from inbreng.people.selectors import register_names

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
    "initials": gettext_lazy(
        "This looks like a person's name (an initial or a title and a surname). "
        "Signals hold no personal data."
    ),
    "address": gettext_lazy(
        "This looks like a street address with a house number. Signals hold no personal data."
    ),
}


def personal_data_errors(organisation: Organisation, **fields: str) -> dict[str, str]:
    """Per field, why it is refused: it looks like it holds personal data."""
    if not any(value.strip() for value in fields.values()):
        return {}
    names = register_names(organisation)
    errors = {}
    for field, text in fields.items():
        found = detect.findings(text, names)
        if found:
            errors[field] = str(REFUSALS[found[0].kind])
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
        concerns=without_hidden_characters(concerns).strip(),
        description=without_hidden_characters(description).strip(),
        recorded_on=recorded_on or timezone.localdate(),
        recorded_by=by,
    )
    AuditEvent.record(
        organisation=organisation, actor=by, action=AuditEvent.Action.CREATE, obj=signal
    )
    return signal  # type: ignore[no-any-return]
