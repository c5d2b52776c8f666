"""PostgreSQL: a full-text index over the titles alone, starting with the organisation.

The search lists title matches first. A common word ("schulden") is in thousands of entries
but in the titles of a few hundred; with this index the first pages are ranked among the
title matches only, instead of reading and ranking every entry that has the word anywhere
(bench/pages.py, memory search). Nothing to do on SQLite, whose FTS5 ranking is one pass.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations


def _postgres(sql: str) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("archive", "0003_search_vector_inline")]

    operations = [
        migrations.RunPython(
            _postgres(
                "CREATE INDEX archive_entry_title_search ON archive_entry USING gin "
                "(organisation_id, to_tsvector('simple'::regconfig, title_terms))"
            ),
            _postgres("DROP INDEX IF EXISTS archive_entry_title_search"),
        )
    ]
