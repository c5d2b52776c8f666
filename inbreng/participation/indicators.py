"""The indicators page reads a snapshot: computed once per change, not once per visit.

`state.indicators_changed` marks an organisation's snapshot stale in the transaction that
changed input, answers, attendance or feedback, and enqueues `tasks.refresh_indicators`. The
page shows the snapshot with the moment it was computed; when it finds it missing or stale
(the worker has not run yet), it computes it itself, so the figures are never out of date.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inbreng.core.models import Membership, Organisation
from inbreng.groups.models import ParticipationGroup

from . import selectors
from .models import IndicatorSnapshot

WHOLE = "whole"


def _whole_view(organisation: Organisation) -> Membership:
    """A reader who sees the whole organisation, for computing outside a request."""
    return Membership(organisation=organisation, is_coordinator=True)


def _to_json(indicators: selectors.Indicators) -> dict[str, Any]:
    return asdict(indicators)


def _from_json(data: dict[str, Any]) -> selectors.Indicators:
    values = dict(data)
    values["by_channel"] = [tuple(pair) for pair in values.get("by_channel", [])]
    return selectors.Indicators(**values)


EMPTY = selectors.Indicators(
    questions_due=0,
    answered_on_time=0,
    answered_on_time_share=None,
    median_days_to_answer=None,
    contributors=0,
    answered_contributors=0,
    fed_back=0,
    fed_back_share=None,
    by_channel=[],
    open_overdue=0,
)


def compute(organisation: Organisation) -> dict[str, Any]:
    """The figures for the organisation, each of its groups and each of its services."""
    groups = list(
        ParticipationGroup.objects.filter(organisation=organisation).values_list("pk", "name")
    )
    services = list(organisation.service_set.values_list("pk", "name"))
    whole, group_rows, service_rows = selectors.indicator_rows(
        _whole_view(organisation), whole=True, groups=groups, services=services
    )
    return {
        WHOLE: _to_json(whole[0].indicators),
        "groups": {
            str(pk): _to_json(row.indicators)
            for (pk, _n), row in zip(groups, group_rows, strict=True)
        },
        "services": {
            str(pk): _to_json(row.indicators)
            for (pk, _n), row in zip(services, service_rows, strict=True)
        },
    }


def refresh(organisation_id: int) -> bool:
    """Computes the snapshot again when it is missing or stale. Returns whether it did.

    The stale mark is cleared before computing: a change made meanwhile marks it stale again
    (and enqueues the next computation), so nothing is lost.
    """
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        return False
    with transaction.atomic():
        snapshot, _created = IndicatorSnapshot.objects.get_or_create(
            organisation=organisation, defaults={"computed_at": timezone.now(), "stale": True}
        )
        claimed = IndicatorSnapshot.objects.filter(pk=snapshot.pk, stale=True).update(stale=False)
    if not claimed:
        return False
    moment = timezone.now()
    data = compute(organisation)
    IndicatorSnapshot.objects.filter(pk=snapshot.pk).update(data=data, computed_at=moment)
    return True


def current(organisation: Organisation) -> IndicatorSnapshot:
    """The organisation's snapshot, computed now if it is missing, stale or from another day."""
    snapshot = IndicatorSnapshot.objects.filter(organisation=organisation).first()
    if (
        snapshot is not None
        and not snapshot.stale
        and timezone.localdate(snapshot.computed_at) != timezone.localdate()
    ):
        # "Overdue" changes at midnight without any change to the data.
        IndicatorSnapshot.objects.filter(pk=snapshot.pk).update(stale=True)
        snapshot.stale = True
    if snapshot is None or snapshot.stale or not snapshot.data:
        refresh(organisation.pk)
        snapshot = IndicatorSnapshot.objects.get(organisation=organisation)
    return snapshot


def rows(
    snapshot: IndicatorSnapshot,
    *,
    whole: bool,
    groups: list[tuple[int, str]],
    services: list[tuple[int, str]],
) -> tuple[
    list[selectors.IndicatorRow], list[selectors.IndicatorRow], list[selectors.IndicatorRow]
]:
    """The page's rows from the snapshot. A group or service made after it has no figures
    yet, which is what it would have: nothing was discussed there."""
    data = snapshot.data

    def of(kind: str, pk: int) -> selectors.Indicators:
        found = data.get(kind, {}).get(str(pk))
        return _from_json(found) if found else EMPTY

    organisation_rows = (
        [selectors.IndicatorRow(_("Whole organisation"), _from_json(data[WHOLE]))] if whole else []
    )
    group_rows = [
        selectors.IndicatorRow(name, of("groups", pk), f"groep={pk}") for pk, name in groups
    ]
    service_rows = [
        selectors.IndicatorRow(name, of("services", pk), f"dienst={pk}") for pk, name in services
    ]
    return organisation_rows, group_rows, service_rows
