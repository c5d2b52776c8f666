"""The full-text index over the entries' normalised terms, one per database.

PostgreSQL: a generated tsvector column (title terms weight A, text terms weight B, the
'simple' configuration: the terms are already normalised) with a GIN index that starts with
the organisation (btree_gin). SQLite: an FTS5 table kept by the service, rowid = entry id.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gin",
    """ALTER TABLE archive_entry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title_terms), 'A')
        || setweight(to_tsvector('simple'::regconfig, text_terms), 'B')
    ) STORED""",
    "CREATE INDEX archive_entry_search ON archive_entry USING gin (organisation_id, search_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS archive_entry_search",
    "ALTER TABLE archive_entry DROP COLUMN IF EXISTS search_vector",
]
# unicode61 without diacritics removal: the terms arrive folded already, and splitting on
# anything that is not a letter or digit matches how the terms were made.
SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE archive_entry_fts USING fts5("
    "title, text, tokenize = 'unicode61 remove_diacritics 0')",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS archive_entry_fts"]


def _run(statements: dict[str, list[str]]) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("archive", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        )
    ]
