"""Messages about meetings: invitations, reminders, changes, thanks.

Messaging knows nothing of meetings: this module hands it the recipients (with their
personal links) and the context, and records answers that come back by SMS, phone or a
social worker on the right invitation.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from inbreng.core.bulk import insert_rows
from inbreng.core.models import User
from inbreng.messaging.models import Kind, Message
from inbreng.messaging.services import Answer, Recipient, Text, message_send
from inbreng.people.models import Participant

from . import services
from .models import AgendaItem, Invitation, Meeting, PersonalLink, level_promise

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
    people = {p.pk: p for p in participants}
    now = timezone.now()
    tokens: dict[int, str] = {}
    for link in PersonalLink.objects.filter(
        participant_id__in=list(people), revoked_at__isnull=True, expires_at__gt=now
    ).only("participant_id", "salt"):
        tokens[link.participant_id] = services.link_token(link)
    rows = []
    for pk, person in people.items():
        if pk in tokens:
            continue
        link = PersonalLink(salt=secrets.token_urlsafe(32))
        tokens[pk] = services.link_token(link)
        expires = now + services.LINK_LIFETIME
        rows.append(
            (person.organisation_id, pk, link.salt, services._hash(tokens[pk]), now, expires)
        )
    # Thousands of people at once: plain rows, one statement (see core/bulk.py).
    insert_rows(PersonalLink, LINK_COLUMNS, rows)
    return tokens


LINK_COLUMNS = ("organisation", "participant", "salt", "token_hash", "created_at", "expires_at")


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


@transaction.atomic
def meeting_send(
    *,
    meeting: Meeting,
    kind: str,
    by: User,
    site: str,
    custom: Text | None = None,
    plain_override_reason: str = "",
) -> Message | None:
    """Sends a message about a meeting to the people it concerns. Invitations go to each
    person once: a second "send" reaches only those added since. `site` is the address
    the personal links start with (e.g. https://inbreng.example.be)."""
    invitations = list(
        _invitations_for(meeting, kind)
        .select_related("participant")
        .only("pk", "participant", *(f"participant__{f}" for f in RECIPIENT_FIELDS))
    )
    if not invitations:
        return None
    people = [i.participant for i in invitations]
    tokens = current_link_tokens(people)
    # The same page for everyone, with each person's token (as services.link_path makes it).
    page = site + reverse("participation:open_link")
    recipients = [Recipient(participant=p, link=f"{page}?t={tokens[p.pk]}") for p in people]
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
    )
    if kind == Kind.INVITATION:
        Invitation.objects.filter(pk__in=[i.pk for i in invitations]).update(
            invited_at=timezone.now()
        )
    if kind == Kind.CANCELLATION and meeting.status == Meeting.Status.PLANNED:
        meeting.status = Meeting.Status.CANCELLED
        meeting.save(update_fields=["status"])
    return message


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
