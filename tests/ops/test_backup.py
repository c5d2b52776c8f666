"""scripts/backup.sh makes a backup; scripts/restore-check.sh proves it restores whole."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from conftest import World, make_participant

ROOT = Path(__file__).resolve().parents[2]
BACKUP = ROOT / "scripts" / "backup.sh"
RESTORE_CHECK = ROOT / "scripts" / "restore-check.sh"

needs_postgres = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="pg_dump and pg_restore need the PostgreSQL suite (DATABASE_URL=postgres://...)",
    ),
    pytest.mark.skipif(
        not all(shutil.which(tool) for tool in ("pg_dump", "pg_restore", "psql")),
        reason="the PostgreSQL client tools (postgresql-client) are not installed",
    ),
]


def database_url() -> str:
    settings = connection.settings_dict
    user = quote(settings.get("USER") or "", safe="")
    password = quote(settings.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings.get("HOST") or "127.0.0.1"
    port = settings.get("PORT") or "5432"
    return f"postgres://{credentials}{host}:{port}/{settings['NAME']}"


def run(*argv: str | Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - this repository's own scripts
        [str(a) for a in argv],
        env={**os.environ, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.django_db(transaction=True)
@needs_postgres[0]
@needs_postgres[1]
def test_it_restores_a_backup_with_every_row_and_notices_a_difference(
    world: World, tmp_path: Path
) -> None:
    env = {"DATABASE_URL": database_url()}
    dump = tmp_path / "inbreng.dump"

    made = run(BACKUP, dump, env=env)
    assert made.returncode == 0, made.stderr
    assert made.stdout.strip() == str(dump)
    assert dump.stat().st_mode & 0o077 == 0, "a backup holds personal data: owner only"

    checked = run(RESTORE_CHECK, dump, env=env)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "ok       core_organisation: 2" in checked.stdout
    assert "ok       people_participant: 2" in checked.stdout
    assert "Restore check passed" in checked.stdout

    # A row the backup does not have: the check fails and names the table.
    make_participant(world.org, name="Na De Back-up")
    checked = run(RESTORE_CHECK, dump, env=env)
    assert checked.returncode == 1
    assert "MISMATCH people_participant: 3 rows in the source, 2 restored" in checked.stdout

    # The check databases are gone afterwards.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_database WHERE datname LIKE 'inbreng_restore_check_%'"
        )
        assert cursor.fetchone()[0] == 0


def test_it_backs_up_sqlite_while_it_is_open(tmp_path: Path) -> None:
    source = tmp_path / "inbreng.sqlite3"
    live = sqlite3.connect(source)
    live.execute("PRAGMA journal_mode=WAL")
    live.execute("CREATE TABLE note (text TEXT)")
    live.execute("INSERT INTO note VALUES ('still here')")
    live.commit()

    copy = tmp_path / "backup.sqlite3"
    made = run(BACKUP, copy, env={"DATABASE_URL": "", "SQLITE_PATH": str(source)})
    live.close()
    assert made.returncode == 0, made.stderr
    assert copy.stat().st_mode & 0o077 == 0
    rows = sqlite3.connect(copy).execute("SELECT text FROM note").fetchall()
    assert rows == [("still here",)]
