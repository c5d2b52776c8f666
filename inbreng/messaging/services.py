"""Writes for messaging: templates, sending a message, delivering it, handling replies."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import logging
import re
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import get_language, get_language_info, gettext_lazy, override
from django.utils.translation import gettext as _

from inbreng import plainlanguage
from inbreng.core.bulk import insert_rows
from inbreng.core.mail import build_email
from inbreng.core.models import AuditEvent, Organisation, User
from inbreng.lib import gsm, placeholders
from inbreng.lib.phone import can_receive_sms
from inbreng.people.models import Channel, Participant

from . import items as items_module
from .defaults import DEFAULTS, REVIEWED
from .models import Delivery, JargonTerm, Kind, Message, MessageTemplate
from .scripts import PHONE_SCRIPTS, spoken_errors
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
    "uitkomst": gettext_lazy("the answers in a few words, for an SMS"),
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
    """Names every unknown or malformed placeholder and every broken brace in a text, in
    the user's language. A placeholder is exactly `{name}`: no format, no `!`, `.` or `[`."""
    errors: list[str] = []
    for problem in placeholders.problems(text, PLACEHOLDERS):
        if problem.kind == "brace":
            errors.append(_("A { or } is missing. Write placeholders like {naam}."))
        elif problem.kind == "empty":
            errors.append(_("Empty braces {} are not a placeholder."))
        elif problem.kind == "format":
            errors.append(
                _(
                    "Write the placeholder %(token)s as {%(name)s}, "
                    "with nothing else between the braces."
                )
                % {"token": problem.token, "name": problem.name}
            )
        else:
            errors.append(
                _("The placeholder {%(name)s} does not exist.") % {"name": problem.token[1:-1]}
            )
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
    phone: str = "",
    sms_reason: str = "",
) -> MessageTemplate:
    """Saves an organisation's own text; refuses unknown placeholders, a web address in the
    call script, an SMS of more than two parts without a reason and, in Dutch, hard text."""
    from .sms_length import check_sms

    if kind not in Kind.values or kind == Kind.FREE or language not in message_languages():
        raise ValidationError(_("This kind of message or language does not exist."))
    check_placeholders(subject=subject, body=body, sms=sms, phone=phone)
    # Every problem at once, each next to its own field.
    problems: dict[str, list[str]] = {}
    if spoken := spoken_errors(phone):
        problems["phone"] = spoken
    try:
        check_sms(organisation, language, sms, sms_reason)
    except ValidationError as error:
        problems.update(error.message_dict)
    if language == "nl":
        try:
            for text in (body, phone):
                if text:
                    check_plain(organisation, text, plain_override_reason)
        except ValidationError as error:
            problems.update(error.message_dict)
    if problems:
        raise ValidationError(problems)
    template, _created = MessageTemplate.objects.get_or_create(
        organisation=organisation,
        kind=kind,
        language=language,
        defaults={"subject": subject, "body": body, "sms": sms, "updated_by": by},
    )
    template.subject, template.body, template.sms = subject, body, sms
    template.phone, template.sms_reason = phone.strip(), sms_reason.strip()
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


@functools.lru_cache(maxsize=1024)
def _kept_lines(template: str, empty: frozenset[str]) -> tuple[str, bool]:
    """The text without the lines whose placeholders are all empty, and whether any line
    was left out. Worked out once per text and set of empty values."""
    kept = []
    for line in template.split("\n"):
        fields = placeholders.names(line)
        if not fields or not fields <= empty:
            kept.append(line)
    return "\n".join(kept), len(kept) != template.count("\n") + 1


def _fill(template: str, values: Mapping[str, str], empty: frozenset[str]) -> str:
    """Fills the placeholders. A line whose placeholders are all empty is left out, so
    "Vragen? Bel {telefoon}." disappears for an organisation without a number."""
    kept, dropped = _kept_lines(template, empty)
    if not dropped:
        return placeholders.fill(kept, values)
    return re.sub(r"\n{3,}", "\n\n", placeholders.fill(kept, values)).strip("\n")


def _render(text: Text, values: Mapping[str, str], *, isolate: bool) -> Rendered:
    """Fills the placeholders. The call script never holds a web address: it is spoken.
    The SMS is kept in the GSM-7 alphabet where it can be (see lib/gsm.py)."""
    filled = _isolated(values) if isolate else dict(values)
    empty = frozenset(name for name, value in filled.items() if not value)
    spoken = {**filled, "link": ""}
    script = _fill(text.phone or text.body, spoken, empty | {"link"})
    return Rendered(
        subject=placeholders.fill(text.subject, filled),
        body=_fill(text.body, filled, empty),
        sms=gsm.normalise(_fill(text.sms, filled, empty)),
        script=script,
    )


def contact_line(organisation: Organisation) -> str:
    """The number participants can call, and when, in the active language; empty without.

    Staff type the hours in Dutch, so other languages get the number alone: no Dutch phrase
    inside a French or Arabic sentence.
    """
    if not organisation.contact_phone:
        return ""
    if organisation.contact_hours and get_language() == "nl":
        return _("%(phone)s (%(hours)s)") % {
            "phone": organisation.contact_phone,
            "hours": organisation.contact_hours,
        }
    return organisation.contact_phone


@dataclass(frozen=True)
class Prepared:
    """What every recipient of one message shares: the texts per language and the values."""

    kind: str
    texts: dict[str, Text]
    per_language: dict[str, dict[str, str]]
    # The Dutch text, shown beside another language to the social worker and the caller.
    dutch: Text | None
    isolate: dict[str, bool]


def _prepare(
    *,
    organisation: Organisation,
    kind: str,
    context: Mapping[str, Any],
    custom: Text | Mapping[str, Text] | None,
    plain_override_reason: str,
) -> Prepared:
    """The texts of a message in each language, checked, and the values they share.

    `custom` is a text staff wrote: one Dutch text, or Dutch and its translations by
    language. Without it, the organisation's texts for `kind` are used.
    """
    if custom is not None:
        texts = {"nl": custom} if isinstance(custom, Text) else dict(custom)
        if "nl" not in texts:
            raise ValueError("A text staff write needs its Dutch original.")
        for text in texts.values():
            check_placeholders(subject=text.subject, body=text.body, sms=text.sms)
        check_plain(organisation, texts["nl"].body, plain_override_reason)
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
    return Prepared(
        kind=kind,
        texts=texts,
        per_language=per_language,
        dutch=texts.get("nl") or default_text(kind, "nl"),
        isolate={language: get_language_info(language)["bidi"] for language in texts},
    )


@dataclass(frozen=True)
class Planned:
    """One recipient's delivery as `message_send` writes it: channel, language and texts."""

    participant: Participant
    channel: str | None
    language: str
    filled: Rendered
    body_nl: str


def _plan(prepared: Prepared, recipient: Recipient) -> Planned:
    """The channel, language and texts for one recipient: the one choice that the send and
    its preview share, so that they cannot disagree."""
    person = recipient.participant
    language = person.language if person.language in prepared.texts else "nl"
    channel = choose_channel(person)
    # The link is filled in when the text is sent or printed (see `with_link`).
    own = {"naam": person.first_name, "link": LINK_MARKER if recipient.link else ""}
    values = {**prepared.per_language[language], **own, **_for(recipient, language)}
    filled = _render(prepared.texts[language], values, isolate=prepared.isolate[language])
    body_nl = ""
    if language != "nl" and prepared.dutch is not None:
        nl_values = {**prepared.per_language["nl"], **own, **_for(recipient, "nl")}
        body_nl = _render(prepared.dutch, nl_values, isolate=False).body
    return Planned(person, channel, language, filled, body_nl)


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
    custom: Text | Mapping[str, Text] | None = None,
    plain_override_reason: str = "",
    translations: Mapping[str, Mapping[str, Any]] | None = None,
    sms_reason: str = "",
    calendar: str = "",
) -> Message:
    """Sends one message to every recipient over their channel, in their language.

    Deliveries are written in one go; e-mail and SMS go out from the task worker. A
    recipient without a usable channel gets a delivery with status "no channel", so the
    outbox lists them instead of skipping them silently. `translations` says, per language
    of a free message, who translated it and whether a native speaker checked it.
    """
    prepared = _prepare(
        organisation=organisation,
        kind=kind,
        context=context,
        custom=custom,
        plain_override_reason=plain_override_reason,
    )
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
            for language, values in prepared.per_language.items()
        },
        translations={language: dict(notes) for language, notes in (translations or {}).items()},
        sms_reason=sms_reason.strip(),
        calendar=calendar,
    )
    rows = []
    for recipient in recipients:
        planned = _plan(prepared, recipient)
        person, channel, filled = planned.participant, planned.channel, planned.filled
        status, worker = _route(person, channel)
        rows.append(
            (
                *(organisation.pk, message.pk, person.pk, channel or "", planned.language),
                *(filled.subject[:200], filled.body, filled.sms, site_of(recipient.link), status),
                *(uuid.uuid4(), 0, "", "", worker, filled.script, planned.body_nl),
                list(recipient.items),
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


# Before sending: what would go out ------------------------------------------------------


@dataclass(frozen=True)
class Example:
    """What one person on a channel would get, in their language (links left out)."""

    channel: str
    language: str
    first_name: str
    subject: str
    body: str
    sms: str
    script: str
    body_nl: str

    @property
    def label(self) -> str:
        return str(Channel(self.channel).label)


@dataclass(frozen=True)
class SmsLength:
    """The longest SMS in one language, as it goes out (with the person's link)."""

    language: str
    people: int
    count: gsm.Count


@dataclass
class Preview:
    """What `message_send` would do with these recipients, computed without writing."""

    total: int
    # (channel, language) → people; channel "" for people who cannot be reached.
    counts: dict[tuple[str, str], int]
    examples: list[Example]
    sms: list[SmsLength]
    unreachable: list[Participant]
    # People who read another language, for whom there is no text: they get Dutch.
    in_dutch: list[Participant]
    # Who gets what over which channel, in a few characters: a send confirmed from this
    # preview goes out only while the same computation still gives the same fingerprint.
    fingerprint: str = ""
    # Answers whose reasons some people will read in Dutch, for want of a translation.
    untranslated: list[items_module.Untranslated] = dataclasses.field(default_factory=list)

    @property
    def reachable(self) -> int:
        return self.total - len(self.unreachable)

    def by_channel(self) -> list[tuple[str, str, int]]:
        """(channel, its name, people) in the order of the channels; unreachable people are
        left out."""
        found: dict[str, int] = {}
        for (channel, _language), people in self.counts.items():
            if channel:
                found[channel] = found.get(channel, 0) + people
        return [(c, str(Channel(c).label), found[c]) for c in Channel.values if c in found]

    def by_language(self) -> list[tuple[str, int]]:
        """People per language they get the message in (unreachable people left out)."""
        found: dict[str, int] = {}
        for (channel, language), people in self.counts.items():
            if channel:
                found[language] = found.get(language, 0) + people
        return sorted(found.items(), key=lambda item: (item[0] != "nl", item[0]))

    def languages(self) -> list[str]:
        return [language for language, _people in self.by_language()]

    def cell(self, channel: str, language: str) -> int:
        return self.counts.get((channel, language), 0)


def message_preview(
    *,
    organisation: Organisation,
    kind: str,
    recipients: Sequence[Recipient],
    context: Mapping[str, Any],
    custom: Text | Mapping[str, Text] | None = None,
    plain_override_reason: str = "",
) -> Preview:
    """How `message_send` would send this message: how many go by which channel and in which
    language, one example per channel, the SMS length per language, who cannot be reached
    and who gets Dutch for want of a text. Writes nothing; refuses what the send refuses."""
    prepared = _prepare(
        organisation=organisation,
        kind=kind,
        context=context,
        custom=custom,
        plain_override_reason=plain_override_reason,
    )
    counts: dict[tuple[str, str], int] = {}
    examples: dict[str, Example] = {}
    longest: dict[str, tuple[gsm.Count, int]] = {}
    unreachable: list[Participant] = []
    in_dutch: list[Participant] = []
    untranslated: dict[tuple[str, int], items_module.Untranslated] = {}
    digest = hashlib.sha256()
    for recipient in recipients:
        planned = _plan(prepared, recipient)
        person, channel, language = planned.participant, planned.channel or "", planned.language
        filled = planned.filled
        # Everything that goes out or is stored for this person: the texts on every channel
        # (the call script and the Dutch text beside another language too) and the items
        # the letter prints and "heard back" counts. A change to any of them after the
        # preview asks for a new look.
        for part in (
            *(person.pk, channel, language, filled.subject, filled.body, filled.sms),
            *(filled.script, planned.body_nl, _items_key(recipient.items)),
        ):
            digest.update(f"{part}\x1f".encode())
        counts[(channel, language)] = counts.get((channel, language), 0) + 1
        if not channel:
            unreachable.append(person)
            continue
        if language != person.language:
            in_dutch.append(person)
        items_module.note_untranslated(untranslated, person, language, recipient.items)
        if channel not in examples:
            examples[channel] = Example(
                channel=channel,
                language=language,
                first_name=person.first_name,
                subject=filled.subject,
                body=without_link(filled.body, language),
                sms=without_link(filled.sms, language),
                script=filled.script,
                body_nl=without_link(planned.body_nl, "nl"),
            )
        if channel == Channel.SMS:
            count = gsm.count(with_link(filled.sms, recipient.link))
            before, people = longest.get(language, (count, 0))
            if (count.parts, count.characters) < (before.parts, before.characters):
                count = before
            longest[language] = (count, people + 1)
    return Preview(
        total=len(recipients),
        counts=counts,
        examples=[examples[c] for c in Channel.values if c in examples],
        sms=[
            SmsLength(language, people, count)
            for language, (count, people) in sorted(longest.items(), key=lambda i: i[0] != "nl")
        ],
        unreachable=unreachable,
        in_dutch=in_dutch,
        fingerprint=f"{len(recipients)}.{digest.hexdigest()[:20]}",
        untranslated=sorted(untranslated.values(), key=lambda u: (u.language, u.title)),
    )


def _items_key(items: Sequence[Mapping[str, Any]]) -> str:
    """A recipient's items as one stable string, for the preview's fingerprint."""
    return json.dumps(list(items), sort_keys=True, default=str, ensure_ascii=False)


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


# Personal links: filled in when sent or printed, never stored ------------------------------

# What a stored text holds where the person's link goes. Plain GSM-7 characters, so an SMS
# with the marker is encoded like the SMS that goes out.
LINK_MARKER = "<<link>>"

# The app that gives people a personal page registers how to find each person's current
# link (participation: the short link of their newest working link). Messaging knows
# nothing of personal links: it only asks for them when it sends or prints.
LinkProvider = Callable[[Sequence[int]], Mapping[int, str]]
_link_providers: list[LinkProvider] = []


def register_link_provider(provider: LinkProvider) -> None:
    _link_providers[:] = [provider]


def site_of(link: str) -> str:
    """The site address a link starts with ("https://inbreng.example.be"): what a delivery
    keeps of it, so that nothing stored opens a page."""
    parts = urlsplit(link)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def current_links(deliveries: Sequence[Delivery]) -> dict[int, str]:
    """The current link of each delivery's person (by delivery id), asked once for all."""
    wanted = [d for d in deliveries if d.link]
    if not wanted or not _link_providers:
        return {}
    paths = _link_providers[0]([d.participant_id for d in wanted])
    return {
        d.pk: site_of(d.link) + paths[d.participant_id]
        for d in wanted
        if d.participant_id in paths and site_of(d.link)
    }


def with_link(text: str, link: str) -> str:
    """The text as the person gets it: the marker replaced by their current link."""
    return text.replace(LINK_MARKER, link)


def without_link(text: str, language: str) -> str:
    """The text as staff see it: "the personal page" where the person's link goes, in the
    text's language, so that no page for staff shows a live link."""
    if LINK_MARKER not in text:
        return text
    with override(language):
        return text.replace(LINK_MARKER, _("(the personal page)"))


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
    return list(
        Delivery.objects.filter(claim=claim)
        .select_related("participant", "message__organisation", "message__created_by")
        .order_by("id")
    )


def _email(delivery: Delivery, link: str) -> EmailMessage:
    """The e-mail as it goes out, with the person's current link in it: plain text and
    HTML, from the organisation, answers to its contact address or else to the
    coordinator who sent it, with the meeting's calendar file when the caller gave one."""
    message = delivery.message
    return build_email(
        subject=delivery.subject,
        body=with_link(delivery.body, link),
        to=[delivery.participant.email],
        language=delivery.language,
        organisation=message.organisation,
        reply_to=_reply_to(message),
        key=str(delivery.key),
        calendar=message.calendar,
    )


def _reply_to(message: Message) -> list[str]:
    if message.organisation.contact_email:
        return [message.organisation.contact_email]
    creator = message.created_by
    return [creator.email] if creator is not None and creator.email else []


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


@transaction.atomic
def _sent(delivery: Delivery, now: datetime) -> None:
    """The mail server or SMS gateway accepted the delivery: it is sent, and the app that
    sent it hears so (for feedback: the person heard the answers)."""
    marked = Delivery.objects.filter(pk=delivery.pk, claim=delivery.claim).update(
        status=Delivery.Status.SENT, sent_at=now, claim=None, last_error=""
    )
    if marked:
        delivered([delivery], when=now, by=None)


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
    # A batch still held by another worker may be a dead worker's (killed, or cut off by a
    # database restart): nothing else would look at it again, so come back when its claim
    # runs out. If its worker is alive and finished, that run finds nothing to do.
    held_until = (
        Delivery.objects.filter(message_id=message_id, status=Delivery.Status.SENDING)
        .order_by("claimed_until")
        .values_list("claimed_until", flat=True)
        .first()
    )
    if held_until is not None:
        takeover = held_until + timedelta(seconds=1)
        retry_at = min(retry_at, takeover) if retry_at else takeover
    if retry_at:
        message = Message(pk=message_id)
        schedule_delivery(message, run_after=retry_at)
    return sent


def _deliver_emails(batch: list[Delivery]) -> int:
    sent = 0
    connection = mailers.default
    if not _open(connection, batch):
        return 0
    links = current_links(batch)
    try:
        for index, delivery in enumerate(batch):
            try:
                connection.send_messages([_email(delivery, links.get(delivery.pk, ""))])
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
    links = current_links(batch)
    for delivery in batch:
        text = with_link(delivery.sms, links.get(delivery.pk, ""))
        try:
            sms.send(to=delivery.participant.phone, text=text, key=str(delivery.key))
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


def posted_at(day: date) -> datetime:
    """The moment recorded for letters posted on `day`: noon, or now if that is earlier."""
    return min(timezone.make_aware(datetime.combine(day, time(12))), timezone.now())


@transaction.atomic
def letters_printed(*, message: Message, by: User, posted_on: date) -> int:
    """Staff printed the message's letters and posted them on `posted_on`. Each letter is
    done, and the app that sent them hears so (for feedback: these people heard back)."""
    if posted_on > timezone.localdate():
        raise ValidationError({"posted_on": _("This date is in the future.")})
    made_on = timezone.localtime(message.created_at).date()
    if posted_on < made_on:
        raise ValidationError(
            {
                "posted_on": _("The letters were made on %(day)s. Choose that day or later.")
                % {"day": formats.date_format(made_on, "j F Y")}
            }
        )
    letters = list(
        message.deliveries.select_for_update()
        .filter(status=Delivery.Status.TO_PRINT)
        .order_by("id")
    )
    for letter in letters:
        letter.message = message
    when = posted_at(posted_on)
    Delivery.objects.filter(pk__in=[d.pk for d in letters]).update(
        status=Delivery.Status.DONE, handled_by=by, handled_at=when
    )
    delivered(letters, when=when, by=by)
    return len(letters)


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


# The app that sent a message also hears when it reached the person: a letter posted, a
# call made, a message passed on, an e-mail or SMS accepted by the provider. Participation
# records for feedback that the person heard the answers. Called inside the transaction
# that marks the deliveries, with deliveries of one kind.
DeliveredHandler = Callable[[Sequence[Delivery], datetime, User | None], object]
_delivered_handlers: dict[str, DeliveredHandler] = {}


def register_delivered_handler(kind: str, handler: DeliveredHandler) -> None:
    _delivered_handlers[kind] = handler


def delivered(deliveries: Sequence[Delivery], *, when: datetime, by: User | None) -> None:
    """Tells the app that sent these deliveries that they reached the people."""
    by_kind: dict[str, list[Delivery]] = {}
    for delivery in deliveries:
        by_kind.setdefault(delivery.message.kind, []).append(delivery)
    for kind, group in by_kind.items():
        handler = _delivered_handlers.get(kind)
        if handler is not None:
            handler(group, when, by)


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
    # The person was told (on the phone, or by their social worker).
    delivered([delivery], when=delivery.handled_at, by=by)
    return recorded


def record_answer(delivery: Delivery, answer: Answer) -> bool:
    """Hands the answer to the app that sent the message; notes it on the delivery."""
    handler = _answer_handlers.get(delivery.message.kind)
    if handler is None or not handler(delivery.message, delivery.participant, answer):
        return False
    delivery.answer = answer.reply
    return True
