"""What every write on a case shares: the audit, the checks that come first, e-mail to staff."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inbreng.core.models import AuditEvent, User

from ..models import CaseConference

logger = logging.getLogger(__name__)

Status = CaseConference.Status

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

DOCUMENT_TYPES = {
    b"%PDF-": "application/pdf",
    b"\x89PNG": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
}

CONVERSATION = gettext_lazy("a conversation about your situation, with the people who help you")


def _audit(case: CaseConference, by: User | None, action: str, **detail: Any) -> None:
    AuditEvent.record(organisation=case.organisation, actor=by, action=action, obj=case, **detail)


def _require_open(case: CaseConference) -> None:
    if case.status != Status.OPEN:
        raise ValidationError(_("This case is not open."))


def _require_consent(case: CaseConference) -> None:
    """Consent first: nothing else happens on a case until the client's consent is recorded."""
    _require_open(case)
    if not case.consents.filter(withdrawn_at__isnull=True).exists():
        raise ValidationError(_("Record the client's consent first."))


def _notify(users: Sequence[User], subject: str, body: str) -> None:
    """E-mails staff after the transaction: a case number and a date, never the client."""
    addresses = sorted({u.email for u in users if u.email})
    if not addresses:
        return

    def send() -> None:
        try:
            send_mail(subject=subject, message=body, from_email=None, recipient_list=addresses)
        except OSError:
            # The invitation is on the start page too; a mail server that is away does not
            # undo the invitation. No addresses or content in the log.
            logger.warning("casework: a notification e-mail could not be sent")

    transaction.on_commit(send)
