"""Personal links: which one is a person's current link, and what a new link would break.

Messaging never stores a live link: it keeps a marker in the text and asks `link_paths`
(registered in apps.py) for each person's current link when it sends an e-mail or SMS or
prints a letter. So a letter printed after a reissue carries the new link.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from inbreng.core.bulk import insert_rows
from inbreng.core.models import AuditEvent
from inbreng.messaging.models import Delivery
from inbreng.people.models import Channel, Participant

from . import services
from .models import PersonalLink

LINK_COLUMNS = (
    "organisation",
    "participant",
    "salt",
    "token_hash",
    "short_hash",
    "replaced_reason",
    "created_at",
    "expires_at",
)


def current_links(participant_ids: Iterable[int]) -> dict[int, PersonalLink]:
    """Each person's newest working link, issuing the missing ones in one insert.

    An older link that was kept working for a while is not the current one. Links made
    before short codes existed get their short code's hash here. Erased people get none.
    """
    ids = set(participant_ids)
    now = timezone.now()
    links: dict[int, PersonalLink] = {}
    for link in (
        PersonalLink.objects.filter(
            participant_id__in=ids, revoked_at__isnull=True, expires_at__gt=now
        )
        .order_by("created_at", "pk")
        .only("pk", "participant_id", "salt", "short_hash", "created_at")
    ):
        links[link.participant_id] = link  # the newest comes last
    without_code = [link for link in links.values() if not link.short_hash]
    for link in without_code:
        link.short_hash = services._hash(services.link_short_code(link))
    PersonalLink.objects.bulk_update(without_code, ["short_hash"])
    missing = ids - set(links)
    if missing:
        rows = []
        for pk, organisation_id in Participant.objects.filter(
            pk__in=missing, erased_at__isnull=True
        ).values_list("pk", "organisation_id"):
            link = services.new_link(organisation_id, pk, now=now)
            link.created_at = now
            links[pk] = link
            rows.append(
                (
                    *(organisation_id, pk, link.salt, link.token_hash, link.short_hash),
                    *("", now, link.expires_at),
                )
            )
        # Thousands of people at once: plain rows, one statement (see core/bulk.py).
        insert_rows(PersonalLink, LINK_COLUMNS, rows)
    return links


def link_paths(participant_ids: Iterable[int]) -> dict[int, str]:
    """The path of each person's current link, in its short form (/k/?<code>).

    Messaging calls this when it sends or prints, and puts the site address in front.
    """
    return {
        pk: services.link_short_path(link) for pk, link in current_links(participant_ids).items()
    }


def personal_links(participants: Iterable[Participant], site: str) -> dict[int, str]:
    """Each person's current short link on `site` (e.g. https://inbreng.example.be)."""
    return {pk: site + path for pk, path in link_paths(p.pk for p in participants).items()}


# What a new link breaks ---------------------------------------------------------------


@dataclass(frozen=True)
class LinkUse:
    """Where a person's current link went out, so staff know what a new link stops."""

    link: PersonalLink | None
    # Days on which letters with this link were posted or printed (oldest first).
    letter_days: list[date]
    letters: int
    # SMS and e-mails sent with this link.
    messages: int
    # Letters still to print: they will carry whatever link is current when printed.
    letters_waiting: int
    # Earlier links, newest first: when made, until when they worked, why replaced.
    earlier: list[PersonalLink]


def link_use(participant: Participant) -> LinkUse:
    """The current link and what went out with it. Five queries."""
    now = timezone.now()
    links = list(
        PersonalLink.objects.filter(participant=participant).order_by("-created_at", "-pk")[:20]
    )
    current = next(
        (link for link in links if link.revoked_at is None and link.expires_at > now), None
    )
    earlier = [link for link in links if link is not current]
    if current is None:
        return LinkUse(None, [], 0, 0, 0, earlier)
    since = current.created_at
    days: list[date] = []
    messages = waiting = 0
    for channel, status, handled_at, sent_at in Delivery.objects.filter(
        organisation=participant.organisation, participant=participant
    ).values_list("channel", "status", "handled_at", "sent_at"):
        if status == Delivery.Status.TO_PRINT:
            waiting += 1
        elif channel == Channel.LETTER and status == Delivery.Status.DONE and handled_at:
            # A batch is marked posted with a day (stored as its start), so compare days.
            if timezone.localtime(handled_at).date() >= timezone.localtime(since).date():
                days.append(timezone.localtime(handled_at).date())
        elif status == Delivery.Status.SENT and sent_at and sent_at >= since:
            messages += 1
    # The per-person letter (its PDF) is printed by staff: each one made counts.
    for at in AuditEvent.objects.filter(
        organisation=participant.organisation,
        object_type=Participant._meta.label_lower,
        object_id=str(participant.pk),
        action=AuditEvent.Action.EXPORT,
        detail__letter=True,
        at__gte=since,
    ).values_list("at", flat=True):
        days.append(timezone.localtime(at).date())
    return LinkUse(current, sorted(set(days)), len(days), messages, waiting, earlier)
