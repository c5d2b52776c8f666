"""Kept figures: what the reach page and the yearly report computed, for a few minutes.

At a city's scale a reach table reads 100,000 invitations and inputs (about a second); the
page shows reach, the trend and the channels, the report its figures. Each is stored as a
`Snapshot` (JSON) under a key that holds everything it depends on: the kind, the year, the
group or trajectory, and the language its labels were made in. A snapshot is used while it
is younger than MAX_AGE; then the next request computes it again. Importing client numbers
drops the organisation's snapshots at once. The coordinator's text is never kept.

The JSON holds our own dataclasses (named in `register`) and dates; nothing else is read
back, so a changed row can at worst show wrong figures, never run code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, is_dataclass
from datetime import date, timedelta
from typing import Any

from django.utils import timezone, translation
from django.utils.functional import Promise

from inbreng.core.models import Organisation

from .models import Snapshot

MAX_AGE = timedelta(minutes=10)
_TYPES: dict[str, type] = {}


def register(*classes: type) -> None:
    for cls in classes:
        _TYPES[cls.__name__] = cls


def encode(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {"$": type(value).__name__} | {
            f.name: encode(getattr(value, f.name)) for f in fields(value)
        }
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, list | tuple):
        return [encode(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, Promise):  # a lazy label: kept in the language of the key
        return str(value)
    raise TypeError(f"cannot keep {type(value).__name__}")


def decode(value: Any) -> Any:
    if isinstance(value, list):
        return [decode(v) for v in value]
    if isinstance(value, dict):
        if "$date" in value:
            return date.fromisoformat(value["$date"])
        cls = _TYPES[value["$"]]
        return cls(**{k: decode(v) for k, v in value.items() if k != "$"})
    return value


def kept[T](organisation: Organisation, key: str, kind: type[T], compute: Callable[[], T]) -> T:
    """The snapshot under `key` while it is fresh, else `compute()` stored as the new one.
    A snapshot that is not a `kind` (stored by an older version of the code) is computed
    again."""
    key = f"{translation.get_language() or 'nl'}:{key}"[:120]
    now = timezone.now()
    data = (
        Snapshot.objects.filter(organisation=organisation, key=key, computed_at__gte=now - MAX_AGE)
        .values_list("data", flat=True)
        .first()
    )
    if data is not None:
        try:
            value = decode(data)
        except (KeyError, TypeError, ValueError):
            value = None  # made by an older version of the code: computed again below
        if isinstance(value, kind):
            return value
    value = compute()
    # One statement, whoever stored the same key a moment earlier (INSERT ... ON CONFLICT).
    Snapshot.objects.bulk_create(
        [Snapshot(organisation=organisation, key=key, computed_at=now, data=encode(value))],
        update_conflicts=True,
        unique_fields=["organisation", "key"],
        update_fields=["computed_at", "data"],
    )
    return value


def forget(organisation: Organisation) -> None:
    """Drops the organisation's snapshots: its client numbers changed."""
    Snapshot.objects.filter(organisation=organisation).delete()


def _register_figures() -> None:
    from .channels import ChannelRow, ChannelTable
    from .reach import Reach, ReachRow, ReachTable
    from .report import YearReport
    from .report_signals import ResultLine, SignalLine, SignalsPart
    from .trend import Trend, TrendCell, TrendRow, TrendTable

    register(
        ChannelRow,
        ChannelTable,
        Reach,
        ReachRow,
        ReachTable,
        YearReport,
        ResultLine,
        SignalLine,
        SignalsPart,
        Trend,
        TrendCell,
        TrendRow,
        TrendTable,
    )


_register_figures()
