"""Messages about meetings: invitations, reminders, changes, thanks, and feedback.

Messaging knows nothing of meetings: this module hands it the recipients (with their
personal links) and the context, and records answers that come back by SMS, phone or a
social worker on the right invitation.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from inbreng.core.languages import participant_language
from inbreng.core.models import User
from inbreng.messaging.items import items_text, short_answers
from inbreng.messaging.models import Kind, Message
from inbreng.messaging.services import Answer, Recipient, Text, message_send
from inbreng.people.models import Participant

from . import links, pairs, services
from .calendar import meeting_ics
from .models import AgendaItem, Contribution, Invitation, Meeting, level_promise
from .translations import translations_for

REF_PREFIX = "meeting:"
# What messaging reads of a recipient: contact details, channel, language, first name.
RECIPIENT_FIELDS = (
    "organisation",
    "name",
    "phone",
    "email",
    "street",
    "postal_code",
    "city",
    "preferred_channel",
    "social_worker",
    "language",
)
NOTHING_TO_BRING = _("nothing special")


def current_link_tokens(participants: Iterable[Participant]) -> dict[int, str]:
    """Each participant's personal-link token, issuing the missing links in one insert."""
    found = links.current_links(p.pk for p in participants)
    return {pk: services.link_token(link) for pk, link in found.items()}


def personal_links(participants: Iterable[Participant], site: str) -> dict[int, str]:
    """Each participant's current short link (/k/?<code>) on `site`, for `Recipient.link`.

    Messaging stores only the site: it fills in the person's current link when it sends
    or prints, so a letter printed after a new link was made carries the new one.
    """
    return links.personal_links(participants, site)


def _promise(meeting: Meeting) -> Any:
    """The promise of the first question on the agenda, in the recipient's language."""
    item = (
        meeting.agenda_items.filter(kind=AgendaItem.Kind.QUESTION)
        .select_related("question")
        .order_by("position")
        .first()
    )
    if item is None or item.question is None:
        return ""
    return lazy(level_promise, str)(item.question.level)


class _Time:
    """The meeting's hours, formatted in the recipient's language when rendered."""

    def __init__(self, meeting: Meeting) -> None:
        self.starts = timezone.localtime(meeting.starts_at)
        self.ends = timezone.localtime(meeting.ends_at)

    def __str__(self) -> str:
        return (
            f"{formats.time_format(self.starts, 'H:i')} – {formats.time_format(self.ends, 'H:i')}"
        )


def meeting_context(meeting: Meeting) -> dict[str, Any]:
    return {
        "onderwerp": meeting.title,
        "datum": meeting.starts_at,
        "uur": _Time(meeting),
        # The texts put their own full stop after the place.
        "plaats": ", ".join(filter(None, [meeting.place, meeting.place_details])).rstrip(". "),
        "meebrengen": meeting.bring or NOTHING_TO_BRING,
        "belofte": _promise(meeting),
    }


def _invitations_for(meeting: Meeting, kind: str) -> Any:
    invitations = meeting.invitations.filter(participant__erased_at__isnull=True)
    if kind == Kind.INVITATION:
        return invitations.filter(invited_at__isnull=True)
    if kind == Kind.REMINDER:
        return invitations.exclude(reply=Invitation.Reply.NO)
    if kind in (Kind.THANKS, Kind.FEEDBACK):
        return invitations.filter(attended=True)
    return invitations


def _calendar(meeting: Meeting, kind: str, site: str) -> str:
    """The calendar file e-mails about this meeting carry: the meeting as it now is, or
    its cancellation. Thanks and feedback come after the meeting and carry none."""
    if kind not in (Kind.INVITATION, Kind.REMINDER, Kind.CHANGE, Kind.CANCELLATION):
        return ""
    if kind == Kind.CANCELLATION:
        meeting = copy.copy(meeting)
        meeting.status = Meeting.Status.CANCELLED
    return meeting_ics(meeting, url=site.rstrip("/") + reverse("participation:my_page")).decode()


@transaction.atomic
def meeting_send(
    *,
    meeting: Meeting,
    kind: str,
    by: User,
    site: str,
    custom: Text | Mapping[str, Text] | None = None,
    plain_override_reason: str = "",
    translations: Mapping[str, Mapping[str, Any]] | None = None,
    sms_reason: str = "",
) -> Message | None:
    """Sends a message about a meeting to the people it concerns. Invitations go to each
    person once: a second "send" reaches only those added since. `site` is the address
    the personal links start with (e.g. https://inbreng.example.be). `custom` is a text
    staff wrote (in Dutch, or by language), `translations` who translated it."""
    if kind == Kind.FEEDBACK:
        return feedback_send(
            meeting=meeting,
            by=by,
            site=site,
            custom=custom,
            plain_override_reason=plain_override_reason,
            translations=translations,
            sms_reason=sms_reason,
        )
    invitations = list(
        _invitations_for(meeting, kind)
        .select_related("participant")
        .only("pk", "participant", *(f"participant__{f}" for f in RECIPIENT_FIELDS))
    )
    if not invitations:
        return None
    people = [i.participant for i in invitations]
    urls = personal_links(people, site)
    recipients = [Recipient(participant=p, link=urls.get(p.pk, "")) for p in people]
    message = message_send(
        organisation=meeting.organisation,
        kind=kind,
        title=f"{meeting.title} · {Kind(kind).label}",
        recipients=recipients,
        context=meeting_context(meeting),
        by=by,
        ref=f"{REF_PREFIX}{meeting.pk}",
        custom=custom,
        plain_override_reason=plain_override_reason,
        translations=translations,
        sms_reason=sms_reason,
        calendar=_calendar(meeting, kind, site),
    )
    if kind == Kind.INVITATION:
        Invitation.objects.filter(pk__in=[i.pk for i in invitations]).update(
            invited_at=timezone.now()
        )
    if kind == Kind.CANCELLATION and meeting.status == Meeting.Status.PLANNED:
        meeting.status = Meeting.Status.CANCELLED
        meeting.save(update_fields=["status"])
    return message


# Feedback: each input with its own answer ---------------------------------------------------

# How long the answers in short ({uitkomst}) may be in an SMS, so that the whole SMS stays
# within two parts where it can: GSM-7 holds 306 characters in two parts, UCS-2 (Arabic) 134.
SHORT_ANSWERS = {"ar": 50}
SHORT_ANSWERS_DEFAULT = 100


def feedback_recipients(meeting: Meeting, site: str, *, preview_link: str = "") -> list[Recipient]:
    """Everyone who hears back about the meeting, each with the substance for them.

    That is who gave input there (or on their own page, on a question of its agenda), or was
    present when the group spoke, and whose input has an answer. Each gets `items` (every
    input with its own answer, in their language) and, per language, `{antwoorden}` (the
    same as plain text) and `{uitkomst}` (in a few words, for an SMS). A fixed number of
    queries, whatever the number of people and inputs. With `preview_link` (for the preview
    before sending), everyone gets that stand-in link and no personal link is issued.
    """
    agenda = dict(
        meeting.agenda_items.filter(
            kind=AgendaItem.Kind.QUESTION, question__isnull=False
        ).values_list("question_id", "position")
    )
    said = list(
        Contribution.objects.filter(
            Q(meeting=meeting)
            | Q(meeting__isnull=True, participant__isnull=False, question_id__in=list(agenda)),
            organisation=meeting.organisation,
            review=Contribution.Review.APPROVED,
            withdrawn_at__isnull=True,
        ).select_related("question", "response")
    )
    said.sort(key=lambda c: (agenda.get(c.question_id, 1_000_000), c.question_id, c.created_at))
    group = [c for c in said if c.participant_id is None]
    own: dict[int, list[Contribution]] = {}
    for c in said:
        if c.participant_id is not None:
            own.setdefault(c.participant_id, []).append(c)
    present = (
        set(
            Invitation.objects.filter(meeting=meeting, attended=True).values_list(
                "participant_id", flat=True
            )
        )
        if group
        else set()
    )
    heard = {}
    for pk in own.keys() | present:
        theirs = sorted(
            own.get(pk, []) + (group if pk in present else []),
            key=lambda c: (agenda.get(c.question_id, 1_000_000), c.question_id, c.created_at),
        )
        if any(c.response_id for c in theirs):
            heard[pk] = theirs
    people = list(
        Participant.objects.filter(pk__in=list(heard), erased_at__isnull=True)
        .only("pk", *RECIPIENT_FIELDS)
        .order_by("pk")
    )
    if not people:
        return []
    languages = {participant_language(p.language) for p in people} | {"nl"}
    translated = {
        language: translations_for(
            language=language,
            questions={c.question_id for c in said},
            responses={c.response_id for c in said if c.response_id},
        )
        for language in languages
    }
    urls = (
        dict.fromkeys((p.pk for p in people), preview_link)
        if preview_link
        else personal_links(people, site)
    )
    recipients = []
    for person in people:
        language = participant_language(person.language)
        values: dict[str, dict[str, str]] = {}
        items: list[dict[str, Any]] = []
        # The questions whose answers the SMS holds in every language it may go out in
        # (the person's, or Dutch when there is no text in theirs).
        in_sms: set[int] | None = None
        for code in dict.fromkeys([language, "nl"]):
            with translation.override(code):
                built = pairs.feedback_items(
                    heard[person.pk], participant_id=person.pk, translated=translated[code]
                )
                short, told = short_answers(
                    built, limit=SHORT_ANSWERS.get(code, SHORT_ANSWERS_DEFAULT)
                )
                values[code] = {"antwoorden": items_text(built), "uitkomst": short}
            in_sms = told if in_sms is None else in_sms & told
            if code == language:
                items = pairs.for_message(built)
        # An SMS that had room for some answers only ("And 1 more answer.") counts as heard
        # back for those; the letter, the e-mail and the call hold them all.
        for item in items:
            item["included"] = item.get("question") in (in_sms or set())
        recipients.append(
            Recipient(participant=person, link=urls.get(person.pk, ""), items=items, values=values)
        )
    return recipients


@transaction.atomic
def feedback_send(
    *,
    meeting: Meeting,
    by: User,
    site: str,
    custom: Text | Mapping[str, Text] | None = None,
    plain_override_reason: str = "",
    translations: Mapping[str, Mapping[str, Any]] | None = None,
    sms_reason: str = "",
) -> Message | None:
    """Sends each person what became of what they (or their group) said at the meeting:
    every input with its own answer, over their channel, in their language.

    None when nobody's input has an answer yet.
    """
    recipients = feedback_recipients(meeting, site)
    if not recipients:
        return None
    return message_send(
        organisation=meeting.organisation,
        kind=Kind.FEEDBACK,
        title=f"{meeting.title} · {Kind.FEEDBACK.label}",
        recipients=recipients,
        context=meeting_context(meeting),
        by=by,
        ref=f"{REF_PREFIX}{meeting.pk}",
        custom=custom,
        plain_override_reason=plain_override_reason,
        translations=translations,
        sms_reason=sms_reason,
    )


def record_answer(message: Message, participant: Participant, answer: Answer) -> bool:
    """An answer to a message about a meeting, by SMS, phone or a social worker."""
    if not message.ref.startswith(REF_PREFIX):
        return False
    invitation = Invitation.objects.filter(
        meeting_id=int(message.ref.removeprefix(REF_PREFIX)),
        participant=participant,
        meeting__starts_at__gte=timezone.now(),
        meeting__status=Meeting.Status.PLANNED,
    ).first()
    if invitation is None:
        return False
    interpreter = answer.interpreter_language
    if answer.wants_interpreter and not interpreter:
        interpreter = str(participant.get_language_display())
    services.invitation_answer(
        invitation=invitation,
        reply=answer.reply,
        children=answer.children,
        needs_transport=answer.needs_transport,
        interpreter_language=interpreter,
    )
    return True
