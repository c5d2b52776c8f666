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
    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("people", "0003_live_by_name_index")]

    operations = [
        migrations.RunPython(
            _postgres(
                "CREATE EXTENSION IF NOT EXISTS pg_trgm",
                "CREATE EXTENSION IF NOT EXISTS btree_gin",
                f"CREATE INDEX IF NOT EXISTS {NEW} ON people_participant USING gin "
                "(organisation_id, search_key gin_trgm_ops) WHERE erased_at IS NULL",
                f"DROP INDEX IF EXISTS {OLD}",
            ),
            _postgres(
                f"CREATE INDEX IF NOT EXISTS {OLD} ON people_participant "
                "USING gin (search_key gin_trgm_ops)",
                f"DROP INDEX IF EXISTS {NEW}",
            ),
        )
    ]
