"""Answers to invitations by SMS: "JA", "NEE" or "MISSCHIEN", with what the person needs.

Every text in this module is read by participants, so the French and Arabic catalogues
translate all of it (participation/tests/test_participant_translations.py checks this).
"""

from __future__ import annotations

import logging
import unicodedata
import uuid
from datetime import timedelta
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from inbreng.core.languages import participant_language
from inbreng.core.models import AuditEvent
from inbreng.lib.phone import InvalidPhoneNumber, normalise_phone
from inbreng.people.models import Channel, Participant

from .models import Delivery
from .services import Answer, answer_kinds, record_answer
from .sms import SmsError, gateway

logger = logging.getLogger(__name__)

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


@transaction.atomic
def sms_received(*, sender: str, text: str) -> Delivery | None:
    """Records an SMS reply on the latest message sent by SMS to this number that can take
    an answer. Returns the delivery it answered, or None when nothing matched."""
    answer = parse_reply(text)
    try:
        phone = normalise_phone(sender)
    except InvalidPhoneNumber:
        return None
    if answer is None or not phone:
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
