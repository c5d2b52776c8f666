"""Writes for messaging: templates, sending a message, delivering it, handling replies."""

from __future__ import annotations

import dataclasses
import logging
import string
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import get_language_info, gettext_lazy, override
from django.utils.translation import gettext as _

from inbreng import plainlanguage
from inbreng.core.bulk import insert_rows
from inbreng.core.models import AuditEvent, Organisation, User
from inbreng.lib.phone import can_receive_sms
from inbreng.people.models import Channel, Participant

from .defaults import DEFAULTS, REVIEWED
from .models import Delivery, JargonTerm, Kind, Message, MessageTemplate
from .scripts import PHONE_SCRIPTS
from .sms import SmsError, gateway

logger = logging.getLogger(__name__)

# The placeholders a text may use. Callers fill them; `naam` and `link` are per person.
PLACEHOLDERS: dict[str, Any] = {
    "naam": gettext_lazy("first name"),
    "onderwerp": gettext_lazy("what it is about"),
    "datum": gettext_lazy("date"),
    "uur": gettext_lazy("time"),
    "plaats": gettext_lazy("place"),
    "meebrengen": gettext_lazy("what to bring"),
    "belofte": gettext_lazy("what we promise to do with the input"),
    "link": gettext_lazy("link to the personal page"),
    "telefoon": gettext_lazy("the number to call, and when"),
    "antwoorden": gettext_lazy("each thing the person said, with its answer"),
}

# Shown with a pictogram on letters.
FACTS = ("datum", "uur", "plaats", "meebrengen")

MAX_ATTEMPTS = 5
BATCH = 200


def message_languages() -> list[str]:
    """Languages messages can be written in: those of the participant pages."""
    return list(settings.PARTICIPANT_LANGUAGES)


# Placeholders and plain language ------------------------------------------------------


def placeholder_errors(text: str) -> list[str]:
    """Names every unknown placeholder or broken brace in a text, in the user's language."""
    errors: list[str] = []
    try:
        fields = [field for _lit, field, _spec, _conv in string.Formatter().parse(text)]
    except ValueError:
        return [_("A { or } is missing. Write placeholders like {naam}.")]
    for field in fields:
        if field is None:
            continue
        if field not in PLACEHOLDERS:
            if field:
                errors.append(_("The placeholder {%(name)s} does not exist.") % {"name": field})
            else:
                errors.append(_("Empty braces {} are not a placeholder."))
    return errors


def check_placeholders(**texts: str) -> None:
    """Raises a ValidationError per field that uses an unknown placeholder."""
    errors = {
        name: problems for name, text in texts.items() if (problems := placeholder_errors(text))
    }
    if errors:
        raise ValidationError(errors)


def jargon_for(organisation: Organisation) -> dict[str, str]:
    """The organisation's jargon list, or the built-in one until it has its own."""
    rows = JargonTerm.objects.filter(organisation=organisation).values_list(
        "term", "alternative", "active"
    )
    if not rows:
        return dict(plainlanguage.DEFAULT_JARGON)
    return {term: alternative for term, alternative, active in rows if active}


def plain_report(organisation: Organisation, text: str) -> plainlanguage.Report:
    return plainlanguage.check(text, jargon=jargon_for(organisation))


@dataclass(frozen=True)
class PlainCheck:
    """A text's report against the organisation's threshold, for the check under a field."""

    report: plainlanguage.Report
    threshold: int
    passes: bool


def plain_check(organisation: Organisation, text: str) -> PlainCheck:
    report = plain_report(organisation, text)
    threshold = organisation.plain_language_min_score
    return PlainCheck(report, threshold, report.passes(threshold))


def plain_checks(organisation: Organisation, form: Any) -> dict[str, PlainCheck]:
    """The check for every plain-language field of a submitted form (shown without JS)."""
    if not form.is_bound:
        return {}
    return {
        name: plain_check(organisation, str(form[name].value() or ""))
        for name, field in form.fields.items()
        if getattr(field.widget, "plain_check", False) and form[name].value()
    }


def check_plain(organisation: Organisation, text: str, override_reason: str) -> None:
    """Text for participants that fails the threshold needs a reason to send anyway."""
    report = plain_report(organisation, text)
    if not report.passes(organisation.plain_language_min_score) and not override_reason.strip():
        raise ValidationError(
            {
                "plain_override_reason": _(
                    "This text is hard to read. Make it easier, or say why it must stay so."
                )
            }
        )


# Templates ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    subject: str
    body: str
    sms: str
    language: str
    reviewed: bool
    custom: bool
    # What to say on the phone; empty means: the built-in script for this kind, else the body.
    phone: str = ""


def default_text(kind: str, language: str) -> Text | None:
    found = DEFAULTS.get(kind, {}).get(language)
    if found is None:
        return None
    return Text(
        *found,
        language=language,
        reviewed=language in REVIEWED,
        custom=False,
        phone=PHONE_SCRIPTS.get(kind, {}).get(language, ""),
    )


def template_texts(organisation: Organisation, kind: str) -> dict[str, Text]:
    """Every language that has a text for this kind: the organisation's own, else built in."""
    return all_template_texts(organisation, kinds=[kind])[kind]


def all_template_texts(
    organisation: Organisation, kinds: Sequence[str] | None = None
) -> dict[str, dict[str, Text]]:
    """The texts per kind and language, in one query."""
    kinds = kinds or [k for k in Kind.values if k != Kind.FREE]
    texts = {
        kind: {
            language: text
            for language in message_languages()
            if (text := default_text(kind, language)) is not None
        }
        for kind in kinds
    }
    for row in MessageTemplate.objects.filter(organisation=organisation, kind__in=kinds):
        texts[row.kind][row.language] = Text(
            row.subject,
            row.body,
            row.sms,
            row.language,
            row.reviewed,
            custom=True,
            phone=row.phone or PHONE_SCRIPTS.get(row.kind, {}).get(row.language, ""),
        )
    return texts


@transaction.atomic
def template_save(
    *,
    organisation: Organisation,
    kind: str,
    language: str,
    subject: str,
    body: str,
    sms: str,
    reviewed: bool,
    reviewed_by: str,
    plain_override_reason: str,
    by: User,
) -> MessageTemplate:
    """Saves an organisation's own text; refuses unknown placeholders and, in Dutch, hard text."""
    if kind not in Kind.values or kind == Kind.FREE or language not in message_languages():
        raise ValidationError(_("This kind of message or language does not exist."))
    check_placeholders(subject=subject, body=body, sms=sms)
    if language == "nl":
        check_plain(organisation, body, plain_override_reason)
    template, _created = MessageTemplate.objects.get_or_create(
        organisation=organisation,
        kind=kind,
        language=language,
        defaults={"subject": subject, "body": body, "sms": sms, "updated_by": by},
    )
    template.subject, template.body, template.sms = subject, body, sms
    template.reviewed = reviewed
    template.reviewed_by = reviewed_by if reviewed else ""
    template.plain_override_reason = plain_override_reason.strip()
    template.updated_by = by
    template.full_clean()
    template.save()
    AuditEvent.record(organisation=organisation, actor=by, action="update", obj=template)
    return template


@transaction.atomic
def template_reset(*, template: MessageTemplate, by: User) -> None:
    """Goes back to the built-in text."""
    AuditEvent.record(organisation=template.organisation, actor=by, action="update", obj=template)
    template.delete()


@transaction.atomic
def jargon_add(*, organisation: Organisation, term: str, alternative: str) -> JargonTerm:
    _start_own_jargon_list(organisation)
    item, _created = JargonTerm.objects.update_or_create(
        organisation=organisation,
        term=term.strip(),
        defaults={"alternative": alternative.strip(), "active": True},
    )
    return item


@transaction.atomic
def jargon_remove(*, organisation: Organisation, term: str) -> None:
    _start_own_jargon_list(organisation)
    # Kept as inactive, so that an emptied list stays empty instead of the built-in one.
    JargonTerm.objects.filter(organisation=organisation, term=term).update(active=False)


def _start_own_jargon_list(organisation: Organisation) -> None:
    """The first edit turns the built-in list into the organisation's own."""
    if not JargonTerm.objects.filter(organisation=organisation).exists():
        JargonTerm.objects.bulk_create(
            JargonTerm(organisation=organisation, term=term, alternative=alternative)
            for term, alternative in plainlanguage.DEFAULT_JARGON.items()
        )


# Sending ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Recipient:
    participant: Participant
    link: str = ""
    # The substance for this person (e.g. each input with its answer), stored on the
    # delivery and rendered on the letter, in the e-mail and in the call script.
    items: Sequence[Mapping[str, Any]] = ()
    # Placeholder values for this person only (e.g. {antwoorden}), in their language.
    values: Mapping[str, Any] = dataclasses.field(default_factory=dict)


def choose_channel(participant: Participant) -> str | None:
    """The first usable channel, preferred one first; a phone that cannot get SMS falls
    through to the next channel."""
    for channel in participant.contact_channels():
        if channel == Channel.SMS and not can_receive_sms(participant.phone):
            continue
        return channel
    return None


DELIVERY_COLUMNS = (
    "organisation",
    "message",
    "participant",
    "channel",
    "language",
    "subject",
    "body",
    "sms",
    "link",
    "status",
    "key",
    "attempts",
    "last_error",
    "answer",
    "assignee",
    "script",
    "body_nl",
    "items",
)

STATUS_FOR_CHANNEL = {
    Channel.EMAIL: Delivery.Status.QUEUED,
    Channel.SMS: Delivery.Status.QUEUED,
    Channel.LETTER: Delivery.Status.TO_PRINT,
    Channel.SOCIAL_WORKER: Delivery.Status.TO_PASS_ON,
    Channel.PHONE: Delivery.Status.TO_CALL,
}


def _route(person: Participant, channel: str | None) -> tuple[str, int | None]:
    """The status a delivery over this channel starts in, and who must act on it."""
    if not channel:
        return Delivery.Status.NO_CHANNEL, None
    worker = person.social_worker_id if channel == Channel.SOCIAL_WORKER else None
    return STATUS_FOR_CHANNEL[Channel(channel)], worker


def _localise(value: Any) -> str:
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "l j F Y")
    if isinstance(value, date):
        return formats.date_format(value, "l j F Y")
    return str(value)


@dataclass(frozen=True)
class Rendered:
    """One text filled in for one person."""

    subject: str
    body: str
    sms: str
    script: str


def _isolated(values: Mapping[str, str]) -> dict[str, str]:
    """In a right-to-left text each value is a bidi isolate (FSI … PDI), so that a Dutch
    place name keeps its full stop where it belongs."""
    return {name: f"\u2068{value}\u2069" if value else "" for name, value in values.items()}


def _render(text: Text, values: Mapping[str, str], *, isolate: bool) -> Rendered:
    """Fills the placeholders. The call script never holds a web address: it is spoken."""
    filled = _isolated(values) if isolate else dict(values)
    spoken = {**filled, "link": ""}
    script = text.phone.format_map(spoken) if text.phone else text.body.format_map(spoken)
    return Rendered(
        subject=text.subject.format_map(filled),
        body=text.body.format_map(filled),
        sms=text.sms.format_map(filled),
        script=script,
    )


def contact_line(organisation: Organisation) -> str:
    """The number participants can call, and when, in the active language; empty without."""
    if not organisation.contact_phone:
        return ""
    if organisation.contact_hours:
        return _("%(phone)s (%(hours)s)") % {
            "phone": organisation.contact_phone,
            "hours": organisation.contact_hours,
        }
    return organisation.contact_phone


@transaction.atomic
def message_send(
    *,
    organisation: Organisation,
    kind: str,
    title: str,
    recipients: Sequence[Recipient],
    context: Mapping[str, Any],
    by: User | None,
    ref: str = "",
    custom: Text | None = None,
    plain_override_reason: str = "",
) -> Message:
    """Sends one message to every recipient over their channel, in their language.

    Deliveries are written in one go; e-mail and SMS go out from the task worker. A
    recipient without a usable channel gets a delivery with status "no channel", so the
    outbox lists them instead of skipping them silently.
    """
    if custom is not None:
        texts = {"nl": custom}
        check_placeholders(subject=custom.subject, body=custom.body, sms=custom.sms)
        check_plain(organisation, custom.body, plain_override_reason)
    else:
        texts = template_texts(organisation, kind)
        for text in texts.values():
            check_placeholders(subject=text.subject, body=text.body, sms=text.sms)
    shared = {name: "" for name in PLACEHOLDERS}
    per_language: dict[str, dict[str, str]] = {}
    for language in {*texts, "nl"}:
        with override(language):
            per_language[language] = {
                **shared,
                **{name: _localise(value) for name, value in context.items() if name in shared},
                "telefoon": contact_line(organisation),
            }
    # The Dutch text, shown beside another language to the social worker and the caller.
    dutch = texts.get("nl") or default_text(kind, "nl")
    isolate = {language: get_language_info(language)["bidi"] for language in texts}
    message = Message.objects.create(
        organisation=organisation,
        kind=kind,
        ref=ref,
        title=title[:200],
        created_by=by,
        plain_override_reason=plain_override_reason.strip(),
        total=len(recipients),
        facts={
            language: {name: values[name] for name in FACTS if values.get(name)}
            for language, values in per_language.items()
        },
    )
    rows = []
    for recipient in recipients:
        person = recipient.participant
        language = person.language if person.language in texts else "nl"
        channel = choose_channel(person)
        own = {"naam": person.first_name, "link": recipient.link}
        values = {**per_language[language], **own, **_for(recipient, language)}
        filled = _render(texts[language], values, isolate=isolate[language])
        body_nl = ""
        if language != "nl" and dutch is not None:
            nl_values = {**per_language["nl"], **own, **_for(recipient, "nl")}
            body_nl = _render(dutch, nl_values, isolate=False).body
        status, worker = _route(person, channel)
        rows.append(
            (
                *(organisation.pk, message.pk, person.pk, channel or "", language),
                *(filled.subject[:200], filled.body, filled.sms, recipient.link, status),
                *(uuid.uuid4(), 0, "", "", worker, filled.script, body_nl, list(recipient.items)),
            )
        )
    # Thousands of recipients: plain rows, one statement (see core/bulk.py).
    insert_rows(Delivery, DELIVERY_COLUMNS, rows)
    AuditEvent.record(
        organisation=organisation,
        actor=by,
        action="create",
        obj=message,
        recipients=len(rows),
    )
    if any(row[9] == Delivery.Status.QUEUED for row in rows):
        schedule_delivery(message)
    return message


def _for(recipient: Recipient, language: str) -> dict[str, str]:
    """The recipient's own placeholder values for one language.

    A caller gives either plain values (the same in every language) or, per language, a
    mapping under the language code: {"nl": {"antwoorden": ...}, "ar": {...}}.
    """
    values = recipient.values
    by_language = values.get(language)
    if isinstance(by_language, Mapping):
        return {k: str(v) for k, v in by_language.items() if k in PLACEHOLDERS}
    return {k: str(v) for k, v in values.items() if k in PLACEHOLDERS}


def schedule_delivery(message: Message, *, run_after: datetime | None = None) -> None:
    from .tasks import deliver

    task = deliver
    if run_after is not None:
        if not deliver.get_backend().supports_defer:
            return  # e.g. the immediate backend in tests; `resume_outbox` picks it up later
        task = deliver.using(run_after=run_after)
    message_pk = message.pk
    transaction.on_commit(lambda: task.enqueue(message_pk))


# Delivering -------------------------------------------------------------------------------


def _claim(message_id: int, now: datetime) -> list[Delivery]:
    """Takes the next batch of due e-mail and SMS deliveries for this worker.

    A claim older than MESSAGING_CLAIM_SECONDS belongs to a worker that died: it is
    taken again.
    """
    due = Q(status=Delivery.Status.QUEUED) & (
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    stale = Q(status=Delivery.Status.SENDING, claimed_until__lt=now)
    ids = list(
        Delivery.objects.filter(Q(message_id=message_id) & (due | stale))
        .order_by("id")
        .values_list("id", flat=True)[:BATCH]
    )
    if not ids:
        return []
    claim = uuid.uuid4()
    hold = timedelta(seconds=settings.MESSAGING_CLAIM_SECONDS)
    Delivery.objects.filter(Q(pk__in=ids) & (due | stale)).update(
        status=Delivery.Status.SENDING, claim=claim, claimed_until=now + hold
    )
    return list(Delivery.objects.filter(claim=claim).select_related("participant").order_by("id"))


def _email(delivery: Delivery) -> EmailMessage:
    return EmailMessage(
        subject=delivery.subject,
        body=delivery.body,
        to=[delivery.participant.email],
        headers={"Message-ID": delivery.message_id_header},
    )


def _failed(delivery: Delivery, reason: str, *, permanent: bool, now: datetime) -> None:
    """Retries with back-off (1, 2, 4, 8 minutes); then falls back to the next channel or
    shows the failure in the outbox."""
    delivery.attempts += 1
    delivery.last_error = reason[:200]
    delivery.claim = None
    if permanent or delivery.attempts >= MAX_ATTEMPTS:
        fallback = _next_channel(delivery)
        if fallback:
            delivery.channel = fallback
            delivery.status, delivery.assignee_id = _route(delivery.participant, fallback)
        else:
            delivery.status = Delivery.Status.FAILED
    else:
        delivery.status = Delivery.Status.QUEUED
        delivery.next_attempt_at = now + timedelta(minutes=2 ** (delivery.attempts - 1))
    delivery.save(
        update_fields=[
            "attempts",
            "last_error",
            "claim",
            "status",
            "channel",
            "assignee",
            "next_attempt_at",
        ]
    )


def _next_channel(delivery: Delivery) -> str | None:
    channels = delivery.participant.contact_channels()
    if delivery.channel in channels:
        channels = channels[channels.index(delivery.channel) + 1 :]
    for channel in channels:
        if channel in (Channel.SMS, Channel.EMAIL):
            continue  # an electronic channel that failed is not retried through another
        return channel
    return None


def _sent(delivery: Delivery, now: datetime) -> None:
    Delivery.objects.filter(pk=delivery.pk, claim=delivery.claim).update(
        status=Delivery.Status.SENT, sent_at=now, claim=None, last_error=""
    )


def deliver_due(message_id: int) -> int:
    """Sends every due e-mail and SMS of a message. Returns how many went out.

    Each delivery is recorded as sent right after the mail server or gateway accepted
    it. A worker killed between those two steps leaves one delivery that is sent again
    later, with the same Message-ID.
    """
    sent = 0
    try:
        while batch := _claim(message_id, timezone.now()):
            emails = [d for d in batch if d.channel == Channel.EMAIL]
            texts = [d for d in batch if d.channel == Channel.SMS]
            if emails:
                sent += _deliver_emails(emails)
            if texts:
                sent += _deliver_texts(texts)
    except Exception:
        # Whatever broke, the claimed batch is taken again once its claim expires.
        hold = timedelta(seconds=settings.MESSAGING_CLAIM_SECONDS + 1)
        schedule_delivery(Message(pk=message_id), run_after=timezone.now() + hold)
        raise
    retry_at = (
        Delivery.objects.filter(message_id=message_id, status=Delivery.Status.QUEUED)
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )
    if retry_at:
        message = Message(pk=message_id)
        schedule_delivery(message, run_after=retry_at)
    return sent


def _deliver_emails(batch: list[Delivery]) -> int:
    sent = 0
    connection = mailers.default
    if not _open(connection, batch):
        return 0
    try:
        for index, delivery in enumerate(batch):
            try:
                connection.send_messages([_email(delivery)])
            except Exception as error:
                permanent = type(error).__name__ in ("SMTPRecipientsRefused", "ValueError")
                _failed(
                    delivery,
                    f"mail: {type(error).__name__}",
                    permanent=permanent,
                    now=timezone.now(),
                )
                if not permanent:
                    connection.close()
                    if not _open(connection, batch[index + 1 :]):
                        return sent
                continue
            _sent(delivery, timezone.now())
            sent += 1
    finally:
        connection.close()
    return sent


def _open(connection: Any, waiting: list[Delivery]) -> bool:
    """Opens the mail connection; when the server cannot be reached, the waiting deliveries
    go back in the queue for a later attempt."""
    try:
        connection.open()
    except OSError as error:
        for delivery in waiting:
            reason = f"mail server: {type(error).__name__}"
            _failed(delivery, reason, permanent=False, now=timezone.now())
        return False
    return True


def _deliver_texts(batch: list[Delivery]) -> int:
    sent = 0
    sms = gateway()
    for delivery in batch:
        try:
            sms.send(to=delivery.participant.phone, text=delivery.sms, key=str(delivery.key))
        except SmsError as error:
            _failed(delivery, f"sms: {error}", permanent=error.permanent, now=timezone.now())
            continue
        _sent(delivery, timezone.now())
        sent += 1
    return sent


@transaction.atomic
def retry_failed(*, message: Message, by: User) -> int:
    """Puts failed e-mail and SMS deliveries back in the queue."""
    count = message.deliveries.filter(
        status=Delivery.Status.FAILED, channel__in=[Channel.EMAIL, Channel.SMS]
    ).update(status=Delivery.Status.QUEUED, attempts=0, next_attempt_at=None)
    if count:
        schedule_delivery(message)
    return count


def resume_all(*, release_claims: bool = False) -> int:
    """Queues delivery for every message with due or stale work (after a restart).

    `release_claims` frees every batch held by a worker at once; use it only when no worker
    is running (as `./run` does before it starts its one worker).
    """
    if release_claims:
        Delivery.objects.filter(status=Delivery.Status.SENDING).update(claimed_until=timezone.now())
    message_ids = (
        Delivery.objects.filter(status__in=[Delivery.Status.QUEUED, Delivery.Status.SENDING])
        .values_list("message_id", flat=True)
        .distinct()
    )
    count = 0
    for message_id in message_ids:
        schedule_delivery(Message(pk=message_id))
        count += 1
    return count


# Work done by people: letters printed, messages passed on, calls made ---------------------


@transaction.atomic
def letters_printed(*, message: Message, by: User) -> int:
    return message.deliveries.filter(status=Delivery.Status.TO_PRINT).update(
        status=Delivery.Status.DONE, handled_by=by, handled_at=timezone.now()
    )


@dataclass(frozen=True)
class Answer:
    """What a participant answered to an invitation, by SMS, phone or through a worker."""

    reply: str  # "yes", "no" or "maybe"
    children: int = 0
    needs_transport: bool = False
    interpreter_language: str = ""
    # Asked for an interpreter without naming a language (e.g. "JA TOLK" by SMS): the
    # person's own language is meant.
    wants_interpreter: bool = False


# The app that sent a message registers how to record an answer to it (participation
# records the reply on the invitation). Messaging itself knows nothing of meetings.
AnswerHandler = Callable[[Message, Participant, Answer], bool]
_answer_handlers: dict[str, AnswerHandler] = {}


def register_answer_handler(kind: str, handler: AnswerHandler) -> None:
    _answer_handlers[kind] = handler


def can_take_answer(message: Message) -> bool:
    return message.kind in _answer_handlers


def answer_kinds() -> list[str]:
    return list(_answer_handlers)


class AlreadyHandled(Exception):
    """Someone else ticked this call or message off already."""


@transaction.atomic
def delivery_handle(*, delivery: Delivery, by: User, answer: Answer | None = None) -> bool:
    """A call made or a message passed on. Returns whether the answer given (if any) could be
    recorded: it cannot when the meeting is over or the person is no longer invited."""
    open_statuses = [Delivery.Status.TO_CALL, Delivery.Status.TO_PASS_ON]
    locked = Delivery.objects.select_for_update().filter(pk=delivery.pk, status__in=open_statuses)
    if not locked.exists():
        raise AlreadyHandled
    recorded = answer is not None and record_answer(delivery, answer)
    delivery.status = Delivery.Status.DONE
    delivery.handled_by = by
    delivery.handled_at = timezone.now()
    delivery.save(update_fields=["status", "handled_by", "handled_at", "answer"])
    return recorded


def record_answer(delivery: Delivery, answer: Answer) -> bool:
    """Hands the answer to the app that sent the message; notes it on the delivery."""
    handler = _answer_handlers.get(delivery.message.kind)
    if handler is None or not handler(delivery.message, delivery.participant, answer):
        return False
    delivery.answer = answer.reply
    return True
