"""PostgreSQL: the register's trigram index starts with the organisation.

The index of 0002 held every organisation's people, so on a region's database (300
organisations on one installation) a search for "anouk" could read the matches of all of
them and only then keep this organisation's. This one starts with the organisation (btree_gin),
covers only people who are not erased (what the register shows), and replaces the old one.
The search compares the organisation as a bigint (`core.selectors.of_organisation`).
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

OLD = "people_participant_search_trgm"
NEW = "people_participant_org_search_trgm"


def _postgres(*statements: str) -> Any:
    """Run on PostgreSQL only, each statement on its own (no transaction: CONCURRENTLY builds
    the index while the register stays writable). An index that a stopped build left invalid
    is dropped first, so that IF NOT EXISTS does not keep it."""

    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                "WHERE c.relname IN (%s, %s) AND NOT i.indisvalid",
                [OLD, NEW],
            )
            for (invalid,) in cursor.fetchall():
                cursor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {invalid}")
            for sql in statements:
                cursor.execute(sql)

    return run


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run inside a transaction
    dependencies = [("people", "0003_live_by_name_index")]

    operations = [
        migrations.RunPython(
            _postgres(
                "CREATE EXTENSION IF NOT EXISTS pg_trgm",
                "CREATE EXTENSION IF NOT EXISTS btree_gin",
                f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {NEW} ON people_participant "
                "USING gin (organisation_id, search_key gin_trgm_ops) WHERE erased_at IS NULL",
                f"DROP INDEX CONCURRENTLY IF EXISTS {OLD}",
            ),
            _postgres(
                f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {OLD} ON people_participant "
                "USING gin (search_key gin_trgm_ops)",
                f"DROP INDEX CONCURRENTLY IF EXISTS {NEW}",
            ),
        )
    ]
