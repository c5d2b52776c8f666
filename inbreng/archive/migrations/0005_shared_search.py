"""PostgreSQL: full-text indexes over the shareable entries alone.

A search finds the organisation's own entries and every organisation's shareable ones. With
one index per part the database reads just those (a BitmapOr of the two), instead of every
organisation's matches filtered afterwards: on a region's data (300 organisations, 535,000
entries) the memory search was 0.075 of the floor against 0.3 on a city's. These indexes do
not start with `organisation`: the network's shared memory crosses organisations by design
(with sharding, shareable entries would live in a reference table; docs/operations.md).
"""

from __future__ import annotations

from typing import Any

from django.db import migrations


def _postgres(*statements: str) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("archive", "0004_title_search")]

    operations = [
        migrations.RunPython(
            _postgres(
                "CREATE INDEX archive_entry_shared_search ON archive_entry USING gin "
                "(search_vector) WHERE shareable",
                "CREATE INDEX archive_entry_shared_title_search ON archive_entry USING gin "
                "(to_tsvector('simple'::regconfig, title_terms)) WHERE shareable",
            ),
            _postgres(
                "DROP INDEX IF EXISTS archive_entry_shared_search",
                "DROP INDEX IF EXISTS archive_entry_shared_title_search",
            ),
        )
    ]
