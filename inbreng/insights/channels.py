"""Invited, came and did not come, by the channel the invitation went out on.

Does a letter bring people an SMS does not? Each person invited to a meeting in the year
counts once, under the channel of the last invitation messaging delivered to them for one of
those meetings (letter, SMS, e-mail, social worker, phone); when no delivery is known (an
invitation recorded by hand), under their preferred channel, which is what the sending uses.
"Came" is "took part" as on the reach page and in the yearly report; "did not come" is the
rest, so that the column adds up to the report's "invited but never came".

Small cells: a row is shown whole or not at all. A row is hidden when any of its three
counts is 1 to 4; then, while the hidden rows could be worked out from the totals (one row
hidden, or the hidden rows' invited, came or did-not-come adding up to 1 to 4), the smallest
shown row is hidden too. The totals are shown; when too little is left to hide behind, the
whole table is hidden. A group's or trajectory's table is also protected against the wider
tables it is shown beside, as the reach tables are (`reach.suppressed_beside`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import CharField, Count, Max, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils.translation import gettext as _

from inbreng.core.models import Organisation
from inbreng.messaging.models import Delivery, Kind
from inbreng.participation.models import Invitation, Meeting, Trajectory
from inbreng.participation.outreach import REF_PREFIX
from inbreng.people.models import Channel, Participant

from .reach import MIN_SHOWN, period_bounds, took_part

Counts = tuple[int, int, int]  # invited, came, did not come


@dataclass
class ChannelRow:
    channel: str
    label: str
    invited: int | None  # None: hidden
    came: int | None
    stayed: int | None
    came_share: int | None

    @property
    def hidden(self) -> bool:
        return self.invited is None


@dataclass
class ChannelTable:
    rows: list[ChannelRow]
    invited: int | None  # None: the whole table is hidden
    came: int | None
    stayed: int | None

    @property
    def all_hidden(self) -> bool:
        return self.invited is None


def _small(n: int) -> bool:
    return 0 < n < MIN_SHOWN


def suppressed_rows(rows: Mapping[str, Counts], *rests: Mapping[str, Counts]) -> set[str]:
    """The rows to hide so that no count from 1 to 4 is shown or can be worked out from the
    totals (or, for each rest, from a wider table minus this one)."""
    tables = [rows, *rests]
    hidden = {
        key for key in rows if any(_small(n) for table in tables for n in table.get(key, (0, 0, 0)))
    }

    def revealing(keys: set[str]) -> bool:
        if len(keys) == 1:
            return True
        for table in tables:
            sums = [sum(table.get(k, (0, 0, 0))[i] for k in keys) for i in range(3)]
            if any(_small(n) for n in sums):
                return True
        return False

    while hidden and revealing(hidden):
        candidates = sorted(
            (sum(table.get(key, (0, 0, 0))[0] for table in tables), key)
            for key in rows
            if key not in hidden
        )
        if not candidates:
            return set(rows)
        hidden.add(candidates[0][1])
    return hidden


def _counts(
    organisation: Organisation,
    year: int,
    group_id: int | None = None,
    trajectory_id: int | None = None,
) -> dict[str, Counts]:
    """Two queries: per channel, the people invited, those who took part and the rest.
    Set-based (no subquery per person): a city's year is 100,000 invitations."""
    start, end = period_bounds(year)
    invitations = Invitation.objects.filter(
        organisation=organisation, meeting__starts_at__gte=start, meeting__starts_at__lt=end
    )
    if group_id is not None:
        invitations = invitations.filter(meeting__group_id=group_id)
    if trajectory_id is not None:
        invitations = invitations.filter(
            meeting__agenda_items__question__trajectory_id=trajectory_id
        )
    refs = (
        Meeting.objects.filter(organisation=organisation, pk__in=invitations.values("meeting_id"))
        .annotate(ref=Concat(Value(REF_PREFIX), Cast("pk", CharField())))
        .values("ref")
    )
    # The last invitation delivery per person for these meetings: one row per person.
    last = (
        Delivery.objects.filter(
            organisation=organisation, message__kind=Kind.INVITATION, message__ref__in=refs
        )
        .order_by()
        .values("participant_id")
        .annotate(last=Max("pk"))
        .values("last")
    )
    came = took_part(organisation, year, group_id, trajectory_id).values("pk")
    invited = invitations.values("participant_id")
    delivered = (
        Delivery.objects.filter(
            organisation=organisation,
            pk__in=last,
            participant__erased_at__isnull=True,
            participant_id__in=invited,
        )
        .exclude(channel="")
        .order_by()
        .values("channel")
        .annotate(
            invited=Count("participant_id"),
            came=Count("participant_id", filter=Q(participant_id__in=came)),
        )
        .values_list("channel", "invited", "came")
    )
    # Invited without a known delivery (recorded by hand): their preferred channel.
    by_hand = (
        Participant.objects.filter(
            organisation=organisation, erased_at__isnull=True, pk__in=invited
        )
        .exclude(
            pk__in=Delivery.objects.filter(pk__in=last).exclude(channel="").values("participant_id")
        )
        .order_by()
        .values("preferred_channel")
        .annotate(invited=Count("pk"), came=Count("pk", filter=Q(pk__in=came)))
        .values_list("preferred_channel", "invited", "came")
    )
    counts: dict[str, Counts] = {}
    for way, n_invited, n_came in [*delivered, *by_hand]:
        before = counts.get(way, (0, 0, 0))
        counts[way] = (
            before[0] + n_invited,
            before[1] + n_came,
            before[2] + n_invited - n_came,
        )
    return counts


def _share(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def by_channel(
    organisation: Organisation,
    year: int,
    group_id: int | None = None,
    trajectory_id: int | None = None,
) -> ChannelTable:
    """The table for the reach page and the yearly report. One query, one more per wider
    table the part is shown beside."""
    ours = _counts(organisation, year, group_id, trajectory_id)
    wider: list[dict[str, Counts]] = []
    if group_id is not None or trajectory_id is not None:
        wider.append(_counts(organisation, year))
    if trajectory_id is not None:
        within = (
            Trajectory.objects.filter(organisation=organisation, pk=trajectory_id)
            .values_list("group_id", flat=True)
            .first()
        )
        if within is not None:
            wider.append(_counts(organisation, year, within))
    rests = [_minus(whole, ours) for whole in wider]
    hidden = suppressed_rows(ours, *rests)
    labels = dict(Channel.choices)
    order = [code for code in labels if code in ours] + sorted(set(ours) - set(labels))
    rows = []
    for key in order:
        invited, came, stayed = ours[key]
        label = str(labels.get(key, _("Not known")))
        if key in hidden:
            rows.append(ChannelRow(key, label, None, None, None, None))
        else:
            rows.append(ChannelRow(key, label, invited, came, stayed, _share(came, invited)))
    totals = _totals(ours.values())
    if hidden == set(ours) and any(_small(n) for n in totals):
        return ChannelTable(rows, None, None, None)
    return ChannelTable(rows, *totals)


def _minus(whole: Mapping[str, Counts], part: Mapping[str, Counts]) -> dict[str, Counts]:
    zero = (0, 0, 0)
    return {
        key: tuple(a - b for a, b in zip(whole[key], part.get(key, zero), strict=True))  # type: ignore[misc]
        for key in whole
    }


def _totals(values: Sequence[Counts] | Any) -> Counts:
    invited = came = stayed = 0
    for a, b, c in values:
        invited, came, stayed = invited + a, came + b, stayed + c
    return invited, came, stayed
