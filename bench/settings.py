"""Settings for the benchmarks: a throwaway database, the database task backend, e-mail to
the local SMTP sink that the benchmark starts, SMS in memory, DEBUG off.

Everything that differs per run comes from the environment, so that a `manage.py db_worker`
started by the benchmark sees exactly the same configuration:

- `DATABASE_URL=postgres://...` selects PostgreSQL; the benchmark uses its own database
  `BENCH_DB_NAME` (default `inbreng_bench`) on that server, never the one in the URL.
  Without it, a SQLite file under var/bench/ is used.
- `BENCH_SMTP_PORT` is the port of the SMTP sink on 127.0.0.1.
"""

from __future__ import annotations

import os

from config.settings.base import *  # noqa: F403
from config.settings.base import BASE_DIR, database_from_env

BENCH_DIR = BASE_DIR / "var" / "bench"
BENCH_DB_NAME = os.environ.get("BENCH_DB_NAME", "inbreng_bench")
# Databases the benchmark must never create, fill or drop.
PROTECTED_DATABASES = {"postgres", "test", "template0", "template1"}

DEBUG = False
SECRET_KEY = "bench-only-secret-key-not-for-any-real-deployment-0123456789"

DATABASES = {"default": database_from_env()}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    if BENCH_DB_NAME in PROTECTED_DATABASES:
        raise RuntimeError(f"The benchmark refuses to use the database {BENCH_DB_NAME!r}.")
    DATABASES["default"]["NAME"] = BENCH_DB_NAME
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["NAME"] = str(BENCH_DIR / "bench.sqlite3")
else:
    raise RuntimeError("The benchmark runs on SQLite or PostgreSQL only.")

# Nothing is delivered inline: enqueueing writes a task row that a worker picks up.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": "127.0.0.1",
            "port": int(os.environ.get("BENCH_SMTP_PORT", "25")),
            "use_tls": False,
            "timeout": 10,
        },
    }
}
SMS_GATEWAY = {"BACKEND": "memory"}

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
INBRENG_DEMO = False
