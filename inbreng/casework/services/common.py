"""What every write on a case shares: the audit, the checks that come first, e-mail to staff."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from inbreng.core.mail import build_email
from inbreng.core.models import AuditEvent, User
from inbreng.messaging.models import Delivery, Message

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
# The title of the client's invitation in the outbox: neutral, no name, no case number.
NEUTRAL_TITLE = gettext_lazy("A conversation")

# Deliveries that have not reached the person yet: these are cancelled when the case ends.
PENDING = (
    Delivery.Status.QUEUED,
    Delivery.Status.SENDING,
    Delivery.Status.FAILED,
    Delivery.Status.TO_PRINT,
    Delivery.Status.TO_PASS_ON,
    Delivery.Status.TO_CALL,
    Delivery.Status.NO_CHANNEL,
)


def case_ref(case: CaseConference) -> str:
    """The messaging reference of the case's messages (the outbox shows them to the people
    on the case only; see `selectors.case_refs_visible_to`)."""
    return f"case:{case.pk}"


def _case_messages(case: CaseConference) -> QuerySet[Message]:
    return Message.objects.filter(organisation_id=case.organisation_id, ref=case_ref(case))


def _cancel_deliveries(case: CaseConference) -> int:
    """The case ended (consent withdrawn, closed): invitations that have not reached the
    client yet are not sent, printed, passed on or called. Returns how many."""
    cancelled = 0
    for message in _case_messages(case):
        gone, _rows = message.deliveries.filter(status__in=PENDING).delete()
        if gone:
            Message.objects.filter(pk=message.pk).update(total=message.deliveries.count())
            cancelled += gone
    return cancelled


def _blank_messages(case: CaseConference) -> None:
    """Anonymisation: the case's messages keep only their kind and date; the deliveries,
    which name the client and hold the text, go."""
    messages = _case_messages(case)
    Delivery.objects.filter(message__in=messages).delete()
    messages.update(title=str(NEUTRAL_TITLE)[:200], facts={}, translations={}, total=0)


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
            build_email(
                subject=subject, body=body, to=addresses, language=get_language() or "nl"
            ).send()
        except OSError:
            # The invitation is on the start page too; a mail server that is away does not
            # undo the invitation. No addresses or content in the log.
            logger.warning("casework: a notification e-mail could not be sent")

    transaction.on_commit(send)
