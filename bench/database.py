"""The benchmark's own database: created empty before a run, removed after it.

On PostgreSQL it is a separate database (`inbreng_bench` by default) on the server named in
DATABASE_URL; the maintenance connection only runs CREATE and DROP DATABASE, and the tables
of `postgres` and `test` are never touched. On SQLite it is a file under var/bench/.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def _settings() -> dict[str, Any]:
    from bench import settings

    database: dict[str, Any] = settings.DATABASES["default"]
    return database


def describe() -> str:
    database = _settings()
    if database["ENGINE"].endswith("postgresql"):
        host = database.get("HOST") or "localhost"
        return f"PostgreSQL, database {database['NAME']} on {host}:{database.get('PORT') or 5432}"
    from bench.settings import BASE_DIR

    return f"SQLite, {Path(database['NAME']).relative_to(BASE_DIR)}"


def is_postgres() -> bool:
    return bool(_settings()["ENGINE"].endswith("postgresql"))


def _maintenance(database: dict[str, Any]) -> Any:
    import psycopg

    return psycopg.connect(
        host=database.get("HOST") or None,
        port=database.get("PORT") or None,
        user=database.get("USER") or None,
        password=database.get("PASSWORD") or None,
        dbname="postgres",
        autocommit=True,
    )


def _sqlite_files(name: str) -> list[Path]:
    return [Path(name + suffix) for suffix in ("", "-wal", "-shm", "-journal")]


def create() -> None:
    """An empty database; a leftover of an interrupted run is removed first."""
    from bench.settings import PROTECTED_DATABASES

    database = _settings()
    if is_postgres():
        from psycopg import sql

        name = database["NAME"]
        if name in PROTECTED_DATABASES:
            raise RuntimeError(f"The benchmark refuses to use the database {name!r}.")
        with _maintenance(database) as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return
    for path in _sqlite_files(database["NAME"]):
        path.unlink(missing_ok=True)
    Path(database["NAME"]).parent.mkdir(parents=True, exist_ok=True)


def drop() -> None:
    from django.db import connections

    connections.close_all()
    database = _settings()
    if is_postgres():
        from psycopg import sql

        with _maintenance(database) as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    sql.Identifier(database["NAME"])
                )
            )
        return
    for path in _sqlite_files(database["NAME"]):
        path.unlink(missing_ok=True)
