"""Answers to invitations by SMS: "JA", "NEE" or "MISSCHIEN", with what the person needs.

Every text in this module is read by participants, so the French and Arabic catalogues
translate all of it (participation/tests/test_participant_translations.py checks this).
"""

from __future__ import annotations

import json
import logging
import unicodedata
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import override

from inbreng.core.languages import participant_language
from inbreng.core.models import AuditEvent
from inbreng.lib.phone import InvalidPhoneNumber, normalise_phone
from inbreng.people.models import Channel, Participant

from .models import Delivery, InboundSms
from .services import Answer, answer_kinds, record_answer
from .sms import SmsError, gateway

logger = logging.getLogger(__name__)

# A webhook call is one short text: anything larger is refused before it is read.
MAX_BODY_BYTES = 4096
# The same number and text within this window is the same reply, posted again.
REPEAT_WINDOW = timedelta(minutes=10)
# How long a received SMS is remembered: far longer than any provider retries.
KEEP_INBOUND = timedelta(days=7)


class WebhookError(ValueError):
    """The provider's call cannot be read; the message is for the provider, in English."""


@dataclass(frozen=True)
class Inbound:
    sender: str
    text: str
    # The provider's own id for this SMS, when it sends one: the surest idempotency key.
    provider_id: str = ""


def read_webhook(content_type: str, body: bytes, form: Mapping[str, str]) -> Inbound:
    """The sender, text and provider id of one webhook call, as JSON or form fields.

    Raises WebhookError for anything else: a body too large, JSON that is broken or nested
    too deep to read, or fields that are not plain text.
    """
    if len(body) > MAX_BODY_BYTES:
        raise WebhookError("body too large")
    data: Any
    if content_type == "application/json":
        try:
            data = json.loads(body)
        except (ValueError, RecursionError) as error:
            raise WebhookError("invalid JSON") from error
        if not isinstance(data, dict):
            raise WebhookError("invalid JSON")
    else:
        data = form
    fields = {}
    for name in ("from", "text", "id", "message_id"):
        value = data.get(name, "")
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise WebhookError(f"{name} must be text")
        fields[name] = str(value).strip()
    if not fields["from"] or not fields["text"]:
        raise WebhookError("from and text are required")
    return Inbound(
        sender=fields["from"][:32],
        text=fields["text"][:480],
        provider_id=(fields["message_id"] or fields["id"])[:100],
    )


REPLY_WORDS = {
    "yes": {"ja", "jaa", "yes", "oui", "نعم", "ok", "oké"},
    "no": {"nee", "neen", "no", "non", "لا"},
    "maybe": {"misschien", "maybe", "peut-etre", "peut-être", "ربما"},
}


def parse_reply(text: str) -> Answer | None:
    """Reads "JA", "NEE" or "MISSCHIEN" (also in fr/en/ar), with optional needs words
    like "2 KINDEREN", "VERVOER" or "TOLK"."""
    words = "".join(
        " " if unicodedata.category(c).startswith("P") else c for c in text.lower()
    ).split()
    if not words:
        return None
    reply = next((key for key, options in REPLY_WORDS.items() if words[0] in options), None)
    if reply is None:
        return None
    children = 0
    for index, word in enumerate(words):
        if word.startswith(("kind", "enfant", "child")):
            previous = words[index - 1] if index else ""
            children = (
                int(previous) if previous.isdigit() and int(previous) < 20 else max(children, 1)
            )
    return Answer(
        reply=reply,
        children=children,
        needs_transport=any(w.startswith(("vervoer", "transport", "bus")) for w in words),
        wants_interpreter=any(w.startswith(("tolk", "interpr", "traduct")) for w in words),
    )


def _digest(*parts: str) -> str:
    # Keyed, so that a copy of the table does not reveal which number sent which text.
    return salted_hmac(
        "inbreng.messaging.inbound-sms", "\x1f".join(parts), algorithm="sha256"
    ).hexdigest()


def _first_time(phone: str, text: str, provider_id: str, now: datetime) -> bool:
    """Whether this SMS was not received before; remembers it if so.

    With the provider's id that id is the key. Without one, the same number and text in
    this ten-minute window or the one before count as the same SMS.
    """
    InboundSms.objects.filter(received_at__lt=now - KEEP_INBOUND).delete()
    if provider_id:
        keys = ["id:" + _digest(provider_id)]
    else:
        window = int(now.timestamp() // REPEAT_WINDOW.total_seconds())
        said = " ".join(text.casefold().split())
        keys = ["text:" + _digest(phone, said, str(w)) for w in (window, window - 1)]
    if InboundSms.objects.filter(key__in=keys).exists():
        return False
    try:
        with transaction.atomic():
            InboundSms.objects.create(key=keys[0], received_at=now)
    except IntegrityError:  # the same SMS, posted twice at the same moment
        return False
    return True


@transaction.atomic
def sms_received(*, sender: str, text: str, provider_id: str = "") -> Delivery | None:
    """Records an SMS reply on the latest message sent by SMS to this number that can take
    an answer. Returns the delivery it answered, or None when nothing matched or the same
    SMS was received before (a provider's retry is recorded and confirmed once)."""
    answer = parse_reply(text)
    try:
        phone = normalise_phone(sender)
    except InvalidPhoneNumber:
        return None
    if answer is None or not phone:
        return None
    if not _first_time(phone, text, provider_id, timezone.now()):
        return None
    candidates = (
        Delivery.objects.filter(
            participant__phone=phone,
            channel=Channel.SMS,
            status=Delivery.Status.SENT,
            message__kind__in=answer_kinds(),
            sent_at__gte=timezone.now() - timedelta(days=60),
        )
        .select_related("message", "participant")
        .order_by("-sent_at", "-id")
    )
    recent = list(candidates[:5])
    if len({d.participant_id for d in recent}) > 1:
        # A phone shared by several people we wrote to: we cannot tell who answers.
        transaction.on_commit(partial(_ask_who, recent[0].participant))
        return None
    for delivery in recent:
        if record_answer(delivery, answer):
            delivery.save(update_fields=["answer"])
            AuditEvent.record(
                organisation=delivery.organisation,
                actor=None,
                action="update",
                obj=delivery,
                via="sms",
            )
            transaction.on_commit(partial(_confirm_by_sms, delivery.participant, answer))
            return delivery
    return None


def _confirm_by_sms(participant: Participant, answer: Answer) -> None:
    """Tells the person their answer arrived, in their language."""
    with override(participant_language(participant.language)):
        heard = {"yes": _("yes"), "no": _("no"), "maybe": _("maybe")}[answer.reply]
        _reply(participant, _("Thank you. We got your answer: %(answer)s.") % {"answer": heard})


def _ask_who(participant: Participant) -> None:
    with override(participant_language(participant.language)):
        _reply(
            participant,
            _("Several people use this phone. Please answer on your own page, or call us."),
        )


def _reply(participant: Participant, text: str) -> None:
    """Best effort: the answer is recorded whether or not the reply goes out."""
    try:
        gateway().send(to=participant.phone, text=text, key=f"reply-{uuid.uuid4()}")
    except SmsError:
        logger.warning("An SMS reply to a participant could not be sent.")
