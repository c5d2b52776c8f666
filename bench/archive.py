"""The memory-search benchmark (issue 10): 20,000 memory entries in one organisation, then
the search page for a set of realistic Dutch queries, beside the floor page in the same run.

    .venv/bin/python -m bench.archive                      # SQLite (var/bench/archive.sqlite3)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python -m bench.archive
    ... --entries 2000 --rounds 3                          # smoke run

The database is the benchmark's own (PostgreSQL: `BENCH_DB_NAME`, default
inbreng_bench_archive; SQLite: a file under var/bench/), created empty and dropped after.
The entries are generated from word lists (fictional texts about debts, housing, energy, …)
with the same terms and index as `archive.services.entry_put` makes, written in bulk. Each
request goes through the whole Django stack (middleware, session, second-factor device,
the view, the template) with django.test.Client, signed in as a coordinator; search and
floor requests alternate so the machine's load falls on both alike. The table goes to
docs/benchmarks.md between this benchmark's markers, one per database. Exit status 1 when
a p95 is over budget.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"
P95_BUDGET_MS = 100.0

QUERIES: list[dict[str, str]] = [
    {"q": "schulden"},
    {"q": "kinderen"},
    {"q": "energiefacturen"},
    {"q": "armoede bestrijden"},
    {"q": "huurprijzen sociale woningen"},
    {"q": "wachtlijst"},
    {"q": "schoolkosten kinderen"},
    {"q": "budgetmeter"},
    {"q": "dokter wachttijden"},
    {"q": "schulden", "theme": "schulden"},
    {"q": "energie", "kind": "advice"},
    {"q": "huur", "year": "2025"},
    {"q": ""},
    {"q": "zorgen"},
    {"q": "fietsenstalling"},
]


def _configure(vendor_postgres: bool) -> None:
    os.environ.setdefault("BENCH_DB_NAME", "inbreng_bench_archive")
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    from django.conf import settings

    database = settings.DATABASES["default"]
    if not vendor_postgres:
        database["NAME"] = str(settings.BENCH_DIR / "archive.sqlite3")
    settings.ROOT_URLCONF = "bench.urls"
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [ROOT / "bench" / "templates"]}]
    settings.STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.INBRENG_DEMO = False


def fill(organisation: Any, count: int, seed: int = 10) -> None:
    """`count` entries with the terms and index that entry_put makes, written in bulk."""
    from django.db import connection, transaction

    from inbreng.archive.models import Entry, Facet
    from inbreng.archive.scale import entry_rows, facet_rows, index_new_entries

    with transaction.atomic():
        Entry.objects.bulk_create(
            [
                Entry(**{f"{k}_id" if k == "organisation" else k: v for k, v in row.items()})
                for row in entry_rows(organisation.pk, count, random.Random(seed))
            ],
            batch_size=1000,
        )
        index_new_entries(organisation.pk, 0)
        Facet.objects.bulk_create(facet_rows(organisation.pk), ignore_conflicts=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(client: Any, rounds: int) -> tuple[list[float], list[float], dict[str, float]]:
    from django.urls import reverse

    search_url, floor_url = reverse("archive:search"), "/bench/floor/"
    searches: list[float] = []
    floors: list[float] = []
    per_query: dict[str, list[float]] = {}
    for params in QUERIES:  # warm up: caches, lemmatiser data, prepared plans
        client.get(search_url, params)
        client.get(floor_url)
    for _ in range(rounds):
        for params in QUERIES:
            began = time.perf_counter()
            response = client.get(search_url, params)
            took = (time.perf_counter() - began) * 1000
            assert response.status_code == 200, response.status_code
            searches.append(took)
            per_query.setdefault(" ".join(f"{k}={v}" for k, v in params.items()), []).append(took)
            began = time.perf_counter()
            assert client.get(floor_url).status_code == 200
            floors.append((time.perf_counter() - began) * 1000)
    return searches, floors, {k: _p(v, 0.95) for k, v in per_query.items()}


def _write(vendor: str, table: str) -> None:
    start, end = f"<!-- bench.archive {vendor}: start -->", f"<!-- bench.archive {vendor}: end -->"
    text = DOC.read_text(encoding="utf-8")
    if start in text and end in text:
        before, rest = text.split(start, 1)
        after = rest.split(end, 1)[1]
        DOC.write_text(f"{before}{start}\n{table}\n{end}{after}", encoding="utf-8")
    else:
        print(f"(docs/benchmarks.md has no markers for {vendor}; the table is printed only)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--no-write", action="store_true", help="do not touch docs/benchmarks.md")
    args = parser.parse_args()
    postgres = os.environ.get("DATABASE_URL", "").startswith("postgres")
    _configure(postgres)
    import django

    from bench import database

    database.create()
    django.setup()
    try:
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client

        from conftest import verified_login
        from inbreng.core.models import Membership, Organisation, User

        call_command("migrate", verbosity=0)
        organisation = Organisation.objects.create(name="Sociaal Huis Benchdorp")
        user = User.objects.create_user(username="coordinator", password=None)
        Membership.objects.create(organisation=organisation, user=user, is_coordinator=True)
        began = time.perf_counter()
        fill(organisation, args.entries)
        filled = time.perf_counter() - began
        client = verified_login(Client(), user)
        searches, floors, per_query = measure(client, args.rounds)
        vendor = connection.vendor
    finally:
        database.drop()
    p95, floor_p95 = _p(searches, 0.95), _p(floors, 0.95)
    lines = [
        f"{vendor}, {args.entries:,} entries (filled in {filled:.0f} s), "
        f"{len(searches)} searches over {len(QUERIES)} queries, "
        f"{time.strftime('%Y-%m-%d')}, load average during the run "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores:",
        "",
        "| | p50 ms | p95 ms |",
        "|---|---:|---:|",
        f"| search page (all queries) | {statistics.median(searches):.1f} | {p95:.1f} |",
        f"| floor page, same run | {statistics.median(floors):.1f} | {floor_p95:.1f} |",
        "",
        "| query | p95 ms |",
        "|---|---:|",
        *[f"| `{k}` | {v:.1f} |" for k, v in per_query.items()],
        "",
        f"Budget: p95 < {P95_BUDGET_MS:.0f} ms — {'met' if p95 < P95_BUDGET_MS else 'MISSED'}.",
    ]
    table = "\n".join(lines)
    print(table)
    if not args.no_write and args.entries >= 20_000:
        _write(vendor, table)
    return 0 if p95 < P95_BUDGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
