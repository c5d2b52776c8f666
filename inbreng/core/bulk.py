"""Inserting many rows at once, for the few paths where that is the point (sending to
10,000 people). `bulk_create` builds a model object and prepares every field of every row
in Python; here the rows are plain tuples and the database driver's `executemany` does the
rest. No signals are sent and no `save()` runs, so this is only for tables without them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, models

# Values of these fields go to the driver as they are (str, int, bool, None).
PLAIN = (models.CharField, models.TextField, models.IntegerField, models.BooleanField)


def insert_rows(
    model: type[models.Model], fields: Sequence[str], rows: Iterable[tuple[Any, ...]]
) -> int:
    """Inserts `rows` (tuples in the order of `fields`, by field name) into `model`'s table."""
    meta = model._meta
    columns: list[Any] = [meta.get_field(name) for name in fields]
    prepare = [
        None if isinstance(field, PLAIN) or field.is_relation else field for field in columns
    ]
    quote = connection.ops.quote_name
    head = "INSERT INTO {} ({}) VALUES ".format(  # noqa: S608 - quoted names, values are params
        quote(meta.db_table), ", ".join(quote(field.column) for field in columns)
    )
    one = "({})".format(", ".join(["%s"] * len(columns)))
    values = [
        tuple(
            value if field is None else field.get_db_prep_save(value, connection)
            for field, value in zip(prepare, row, strict=True)
        )
        for row in rows
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY streams the rows in one go: no statement to parse, no round trip per row.
            copy_sql = "COPY {} ({}) FROM STDIN".format(
                quote(meta.db_table), ", ".join(quote(field.column) for field in columns)
            )
            with cursor.cursor.copy(copy_sql) as copy:
                for row in values:
                    copy.write_row(row)
        else:
            # SQLite's executemany runs in C, in-process.
            cursor.executemany(head + one, values)
    return len(values)
