"""Loading a year of use at a city's or a region's scale (`seed_demo --scale city|region`).

The pieces every app's loader shares: rows written in bulk (COPY on PostgreSQL, executemany
elsewhere), a progress line, and the context an organisation's load hands to each app. An
app adds its own tables by giving its AppConfig a `seed_scale(context)` method that returns
its row counts; `core` imports no app, and the participation loader calls every such method
after its own tables, so that signals, the memory and surveys fill themselves the same way.
"""

from __future__ import annotations

import json
import random
import sys
import time as clock
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import DatabaseError, connection, models, transaction

from .bulk import insert_rows
from .models import Organisation


class Progress:
    """A one-line progress report on stderr: the step, rows written and time spent."""

    def __init__(self, label: str, total: int, stream: Any = None) -> None:
        self.label, self.total, self.done = label, max(total, 1), 0
        self.stream = stream or sys.stderr
        self.started = clock.monotonic()
        self.rows = 0

    def step(self, what: str, rows: int = 0) -> None:
        self.done += 1
        self.rows += rows
        width = 30
        filled = int(width * min(self.done, self.total) / self.total)
        elapsed = clock.monotonic() - self.started
        self.stream.write(
            f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] "
            f"{self.done}/{self.total} {self.rows:,} rows {elapsed:5.0f} s  {what[:28]:<28}"
        )
        self.stream.flush()

    def finish(self) -> None:
        self.stream.write("\n")
        self.stream.flush()


class Table:
    """Rows for one model as dicts of the fields that vary; the rest get their default.

    On PostgreSQL the rows go straight into COPY: psycopg adapts datetimes, dates, UUIDs and
    numbers itself, and JSON is written as its text. Elsewhere `core.bulk.insert_rows`
    prepares each value the way Django does.
    """

    BATCH = 20_000

    def __init__(self, model: type[models.Model], now: datetime) -> None:
        self.model = model
        self.fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        self.names = [f.name for f in self.fields]
        self.index = {name: n for n, name in enumerate(self.names)}
        self.template: list[Any] = []
        for f in self.fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                self.template.append(now)
            elif f.has_default() and not callable(f.default):
                self.template.append(f.get_default())
            elif f.null or f.has_default():
                self.template.append(None)  # a callable default is called per row
            else:
                self.template.append("")
        self.callables = [
            (n, f.default)
            for n, f in enumerate(self.fields)
            if f.has_default() and callable(f.default)
        ]
        self.json = [n for n, f in enumerate(self.fields) if isinstance(f, models.JSONField)]
        self.copy = connection.vendor == "postgresql"
        self.pending: list[list[Any]] = []
        self.written = 0

    def add(self, **values: Any) -> None:
        row = self.template.copy()
        for n, default in self.callables:
            row[n] = default()
        index = self.index
        for name, value in values.items():
            row[index[name]] = value
        self.pending.append(row)
        if len(self.pending) >= self.BATCH:
            self.flush()

    def flush(self) -> int:
        if not self.pending:
            return self.written
        if self.copy:
            for row in self.pending:
                for n in self.json:
                    if row[n] is not None:
                        row[n] = json.dumps(row[n])
            quote = connection.ops.quote_name
            statement = "COPY {} ({}) FROM STDIN".format(
                quote(self.model._meta.db_table),
                ", ".join(quote(str(f.column)) for f in self.fields),
            )
            with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
                for row in self.pending:
                    copy.write_row(row)
            self.written += len(self.pending)
        else:
            self.written += insert_rows(
                self.model, self.names, [tuple(row) for row in self.pending]
            )
        self.pending = []
        return self.written


def new_ids(
    model: type[models.Model], organisation: Organisation, after: int, field: str = "organisation"
) -> list[int]:
    """The primary keys written for `organisation` since `after`, in the order written."""
    return list(
        model._default_manager.filter(**{field: organisation, "pk__gt": after})
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def last_id(model: type[models.Model]) -> int:
    return model._default_manager.aggregate(top=models.Max("pk"))["top"] or 0


def write(
    model: type[models.Model],
    organisation: Organisation,
    rows: Iterable[dict[str, Any]],
    now: datetime,
) -> list[int]:
    """Inserts `rows` and returns their new primary keys in the same order."""
    before = last_id(model)
    table = Table(model, now)
    for row in rows:
        table.add(**row)
    table.flush()
    return new_ids(model, organisation, before)


@dataclass
class Staff:
    coordinators: list[int]
    workers: list[int]
    service_contacts: dict[int, int]  # service id -> user id
    case_coordinator: int
    services: list[int]
    partners: list[int]
    all: list[int] = field(default_factory=list)


def bulk_load_session() -> None:
    """Faster loading for the rest of the current transaction, on PostgreSQL.

    Commits need not wait for the disk (a crash loses a demo load, nothing else), and, when
    the database user may (a superuser), foreign keys are not checked row by row: the
    generator writes only keys it has just read back.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit = off")
        try:
            with transaction.atomic():
                cursor.execute("SET LOCAL session_replication_role = replica")
        except DatabaseError:
            pass  # not a superuser: the checks run, which is only slower


@dataclass
class ScaleContext:
    """What one organisation's load hands to every app's `seed_scale`.

    Ids are those just written for this organisation. `moment()` gives a random moment in
    the year before `now`, from the organisation's own deterministic random generator.
    """

    organisation: Organisation
    factor: float
    rng: random.Random
    staff: Staff
    people: Sequence[int]
    groups: Sequence[int]
    meetings: Sequence[int]
    questions: Sequence[int]
    moment: Callable[..., datetime]
    now: datetime

    def write(self, model: type[models.Model], rows: Iterable[dict[str, Any]]) -> list[int]:
        return write(model, self.organisation, rows, self.now)
