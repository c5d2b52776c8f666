"""Sending about a meeting is deliberate: first what would go out, then the send.

The preview asks messaging what `message_send` would do with the same recipients (how many
by which channel and in which language, one example per channel, the SMS length, who cannot
be reached), and adds what only participation knows: who will read a question of the agenda
in Dutch because nobody translated it yet. It writes nothing: people who have no personal
link yet get theirs when the message is really sent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inbreng.core.models import User
from inbreng.messaging.models import Kind, Message
from inbreng.messaging.services import (
    Preview,
    Recipient,
    Text,
    message_languages,
    message_preview,
)
from inbreng.people.models import Participant

from . import outreach, services
from .models import AgendaItem, Meeting, Question
from .translations import translatable_languages, translations_for


@dataclass
class QuestionGap:
    """A question on the agenda without a translation into a language some people read."""

    question: Question
    language: str
    people: list[Participant] = field(default_factory=list)


@dataclass
class MeetingPreview:
    kind: str
    preview: Preview
    gaps: list[QuestionGap]

    @property
    def total(self) -> int:
        return self.preview.total

    @property
    def nobody_reachable(self) -> bool:
        return self.preview.reachable == 0

    def in_dutch(self) -> list[DutchInstead]:
        """Who gets the Dutch text because there is none in their language, per language."""
        groups: dict[str, DutchInstead] = {}
        for person in self.preview.in_dutch:
            group = groups.setdefault(
                person.language,
                DutchInstead(
                    person.language,
                    str(person.get_language_display()),
                    writable=person.language in message_languages(),
                ),
            )
            group.people.append(person)
        return list(groups.values())


@dataclass
class DutchInstead:
    """People who read `language` and get Dutch: no text was written in their language.

    `writable`: the organisation can write the text in this language.
    """

    language: str
    name: str
    writable: bool
    people: list[Participant] = field(default_factory=list)


def example_link(site: str) -> str:
    """A link as long as a person's real short link, for counting the SMS before sending."""
    return f"{site}{reverse('participation:short_link')}?{'0' * services.SHORT_LENGTH}"


def _recipients(meeting: Meeting, kind: str, site: str) -> list[Recipient]:
    """The people `outreach.meeting_send` would send this kind of message to, with a stand-in
    for their link: nothing is issued before the real send."""
    if kind == Kind.FEEDBACK:
        return outreach.feedback_recipients(meeting, site, preview_link=example_link(site))
    invitations = (
        outreach._invitations_for(meeting, kind)
        .select_related("participant")
        .only("pk", "participant", *(f"participant__{f}" for f in outreach.RECIPIENT_FIELDS))
    )
    link = example_link(site)
    return [Recipient(participant=i.participant, link=link) for i in invitations]


def _gaps(meeting: Meeting, people: list[Participant], preview: Preview) -> list[QuestionGap]:
    """Per question on the agenda and language: who gets the message in their language but
    will read the question in Dutch, because it has no translation into that language."""
    skipped = {p.pk for p in (*preview.unreachable, *preview.in_dutch)}
    readers: dict[str, list[Participant]] = {}
    for person in people:
        if person.pk not in skipped and person.language in translatable_languages():
            readers.setdefault(person.language, []).append(person)
    if not readers:
        return []
    questions = [
        item.question
        for item in meeting.agenda_items.filter(
            kind=AgendaItem.Kind.QUESTION, question__isnull=False
        ).select_related("question")
        if item.question is not None
    ]
    gaps = []
    for language, group in sorted(readers.items()):
        translated = translations_for(language=language, questions=[q.pk for q in questions])
        for question in questions:
            found = translated.questions.get(question.pk)
            if found is None or not found.title:
                gaps.append(QuestionGap(question, language, group))
    return gaps


# Only these make sense before the meeting: asking people to come, or reminding them.
BEFORE_ONLY = frozenset({Kind.INVITATION, Kind.REMINDER})


def refuse_if_over(meeting: Meeting, kind: str) -> None:
    """Nobody is invited to, or reminded of, a meeting that has already started."""
    if kind in BEFORE_ONLY and meeting.starts_at <= timezone.now():
        raise ValidationError(
            _("This meeting has already taken place. Nobody can be invited to it any more.")
        )


SMS_REASON_NEEDED = gettext_lazy(
    "Some text messages are longer than two SMS. Shorten the text, or say why it must be this long."
)


def sms_too_long(shown: MeetingPreview) -> bool:
    """Whether any SMS this message would send takes more than two parts."""
    return any(length.count.parts > 2 for length in shown.preview.sms)


def meeting_preview(
    *,
    meeting: Meeting,
    kind: str,
    site: str,
    custom: Text | Mapping[str, Text] | None = None,
    plain_override_reason: str = "",
) -> MeetingPreview | None:
    """What sending this kind of message about the meeting would do; None when it concerns
    nobody. Refuses what the send would refuse (an unknown placeholder, hard Dutch without a
    reason), with the same errors."""
    refuse_if_over(meeting, kind)
    recipients = _recipients(meeting, kind, site)
    if not recipients:
        return None
    preview = message_preview(
        organisation=meeting.organisation,
        kind=kind,
        recipients=recipients,
        context=outreach.meeting_context(meeting),
        custom=custom,
        plain_override_reason=plain_override_reason,
    )
    people = [r.participant for r in recipients]
    return MeetingPreview(kind, preview, _gaps(meeting, people, preview))


class ListChanged(Exception):
    """What the message would do changed since the preview: show it again."""


def nobody_reachable_error() -> ValidationError:
    return ValidationError(
        {
            "kind": _(
                "Nobody on the list can be reached. Add a phone number, e-mail address, "
                "address or social worker first."
            )
        }
    )


@transaction.atomic
def meeting_send_previewed(
    *,
    meeting: Meeting,
    kind: str,
    by: User,
    site: str,
    seen: str,
    custom: Text | Mapping[str, Text] | None = None,
    translations: Mapping[str, Mapping[str, Any]] | None = None,
    plain_override_reason: str = "",
    sms_reason: str = "",
) -> Message | None:
    """Sends the message staff saw in the preview whose fingerprint is `seen`.

    When anything changed in the meantime (someone was invited or answered no, a phone
    number or a text changed), nothing is sent: `ListChanged` asks for a new look. A
    message that reaches nobody is refused.
    """
    current = meeting_preview(
        meeting=meeting,
        kind=kind,
        site=site,
        custom=custom,
        plain_override_reason=plain_override_reason,
    )
    if current is None:
        return None
    if current.preview.fingerprint != seen:
        raise ListChanged
    if current.nobody_reachable:
        raise nobody_reachable_error()
    if sms_too_long(current) and not sms_reason.strip():
        raise ValidationError({"sms_reason": SMS_REASON_NEEDED})
    return outreach.meeting_send(
        meeting=meeting,
        kind=kind,
        by=by,
        site=site,
        custom=custom,
        plain_override_reason=plain_override_reason,
        translations=translations,
        sms_reason=sms_reason,
    )
