"""The survey results benchmark (issue 13): a wave with 100,000 complete responses to 30
questions; how long the results pages take to compute, on PostgreSQL and on SQLite, each
measured in the same run beside the floor page (bench/floor.py).

    .venv/bin/python -m bench.surveys                 # both databases, 100,000 responses
    .venv/bin/python -m bench.surveys --responses 5000 --repetitions 3   # smoke run

PostgreSQL is the server in DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres)
with its own database `inbreng_bench_surveys`; SQLite is a file under var/bench/. Each run
creates the database, migrates, makes one organisation with a coordinator, a questionnaire
of 30 questions (12 scale, 6 yes/no, 6 single choice, 3 multiple choice, 2 number, 1 open),
a frame and a sample of 6 strata, and loads 100,000 responses with 2.9 million answers
(COPY on PostgreSQL, executemany on SQLite). The responses are weighted to the frame.

Each page is requested in-process with django.test.Client and a real staff session (the
whole middleware stack, the template and every query), `--repetitions` times after one
warm-up request, alternating with the floor page; the median and the slowest are reported.
The table goes to docs/benchmarks.md between its markers. Exit status 1 when a results page
takes 1 s or more (median).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"
START = "<!-- bench.surveys results: start -->"
END = "<!-- bench.surveys results: end -->"
BUDGET_MS = 1000.0
FRAME_SIZE = 300_000
POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def setup(database: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.web_settings"
    os.environ["BENCH_DB_NAME"] = "inbreng_bench_surveys"
    if database == "postgres":
        os.environ["DATABASE_URL"] = os.environ.get("BENCH_POSTGRES_URL", POSTGRES)
    else:
        os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()


def make_world() -> tuple[Any, Any]:
    from inbreng.core.models import Membership, Organisation, User

    organisation = Organisation.objects.create(name="Sociaal Huis Benchdorp")
    user = User.objects.create_user(username="coordinator", password="bench-only-password-1")
    Membership.objects.create(organisation=organisation, user=user, is_coordinator=True)
    return organisation, user


def load_responses(wave: Any, questions: list[Any], responses: int) -> float:
    """Responses and answers straight into the tables; returns the seconds it took."""
    from django.db import connection, transaction
    from django.utils import timezone

    from inbreng.surveys.models import Answer, Response
    from inbreng.surveys.scale import MODES, STRATA, answer_value

    started = time.monotonic()
    generator = random.Random(13)
    now = timezone.now()
    response_table = Response._meta.db_table
    answer_table = Answer._meta.db_table
    modes = MODES
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {response_table}")  # noqa: S608
        first = cursor.fetchone()[0] + 1
        response_rows = []
        for offset in range(responses):
            stratum = STRATA[min(int(generator.random() ** 1.4 * len(STRATA)), 5)]
            response_rows.append(
                (
                    first + offset,
                    wave.organisation_id,
                    wave.pk,
                    generator.choice(modes),
                    "complete",
                    "nl",
                    stratum,
                    1.0,
                    0,
                    now,
                    now,
                    False,
                    False,
                )
            )
        columns = (
            "id, organisation_id, wave_id, mode, status, language, stratum, weight, position,"
            " started_at, completed_at, double_entry, needs_check"
        )
        _insert(cursor, response_table, columns, response_rows)
        answer_columns = "organisation_id, response_id, question_id, value, number"
        batch: list[tuple[Any, ...]] = []
        for response_id, *_rest in response_rows:
            for question in questions:
                value, number = answer_value(question.kind, generator)
                if value is None:
                    continue
                batch.append((wave.organisation_id, response_id, question.pk, value, number))
            if len(batch) >= 100_000:
                _insert(cursor, answer_table, answer_columns, batch)
                batch = []
        _insert(cursor, answer_table, answer_columns, batch)
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{response_table}', 'id'), "  # noqa: S608
                f"(SELECT MAX(id) FROM {response_table}))"
            )
            cursor.execute("ANALYZE")
        else:
            cursor.execute("ANALYZE")
    return time.monotonic() - started


def _insert(cursor: Any, table: str, columns: str, rows: list[tuple[Any, ...]]) -> None:
    if not rows:
        return
    from django.db import connection

    if connection.vendor == "postgresql":
        raw = cursor.cursor
        with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join("%s" for _ in columns.split(","))
    cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)  # noqa: S608


def make_sample(wave: Any, user: Any) -> None:
    """A frame summary and a sample for the wave, then the weights, as after a real draw."""
    from inbreng.surveys.models import Sample, SamplingFrame
    from inbreng.surveys.scale import STRATA
    from inbreng.surveys.services.sampling import weights_from_sample

    shares = [0.3, 0.2, 0.15, 0.15, 0.1, 0.1]
    sizes = {s: round(FRAME_SIZE * share) for s, share in zip(STRATA, shares, strict=True)}
    frame = SamplingFrame.objects.create(
        organisation=wave.organisation,
        name="Cliënten",
        strata_columns=["kantoor"],
        row_count=FRAME_SIZE,
    )
    sample = Sample.objects.create(
        organisation=wave.organisation,
        frame=frame,
        wave=wave,
        seed=4242,
        allocation=Sample.Allocation.PROPORTIONAL,
        size=100_000,
        strata_sizes=sizes,
        drawn_by=user,
    )
    started = time.monotonic()
    weights_from_sample(sample=sample)
    log(f"  weights set in {time.monotonic() - started:.1f} s")


def client_for(user: Any) -> Any:
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def time_pages(client: Any, pages: dict[str, str], repetitions: int) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {name: [] for name in pages}
    for name, url in pages.items():
        response = client.get(url)  # warm-up: imports, caches, the first plan
        if response.status_code != 200:
            raise SystemExit(f"{name}: {url} answered {response.status_code}")
    for _ in range(repetitions):
        for name, url in pages.items():
            started = time.perf_counter()
            response = client.get(url)
            timings[name].append((time.perf_counter() - started) * 1000)
    return timings


def run_one(database: str, responses: int, repetitions: int) -> dict[str, Any]:
    setup(database)
    from django.core.management import call_command
    from django.db import connections

    from bench import database as bench_database

    connections.close_all()
    bench_database.create()
    call_command("migrate", verbosity=0)
    from inbreng.surveys.scale import make_wave

    organisation, user = make_world()
    wave, questions = make_wave(organisation, user)
    log(f"{database}: loading {responses} responses …")
    seconds = load_responses(wave, questions, responses)
    log(f"  loaded in {seconds:.0f} s")
    make_sample(wave, user)
    from inbreng.surveys.tallies import ensure_counted

    # The first visit after the responses changed counts that question's answers again.
    started = time.monotonic()
    ensure_counted(wave, next(q for q in questions if q.kind == "scale1_5"))
    counting = time.monotonic() - started
    log(f"  one question counted (derived state) in {counting:.2f} s")
    by_kind = {q.kind: q for q in questions}
    pages = {"floor": "/bench/floor/", "overview": f"/bevragingen/rondes/{wave.pk}/resultaten/"}
    labels = {
        "scale1_5": "scale 1–5",
        "yes_no": "yes/no",
        "single": "single choice",
        "multiple": "multiple choice",
        "number": "number",
    }
    for kind, label in labels.items():
        pages[label] = f"/bevragingen/rondes/{wave.pk}/resultaten/{by_kind[kind].pk}/"
    timings = time_pages(client_for(user), pages, repetitions)
    from inbreng.surveys.models import Answer

    result = {
        "database": "PostgreSQL" if database == "postgres" else "SQLite",
        "responses": responses,
        "answers": Answer.objects.filter(organisation=organisation).count(),
        "repetitions": repetitions,
        "counting": counting,
        "pages": {
            name: {"median": statistics.median(values), "max": max(values)}
            for name, values in timings.items()
        },
    }
    connections.close_all()
    bench_database.drop()
    return result


def table(results: list[dict[str, Any]]) -> str:
    lines = [
        "| database | page | median ms | slowest ms | × floor (median) |",
        "|---|---|---:|---:|---:|",
    ]
    for result in results:
        floor = result["pages"]["floor"]["median"]
        for name, numbers in result["pages"].items():
            ratio = numbers["median"] / floor if floor else 0
            lines.append(
                f"| {result['database']} | {name} | {numbers['median']:.0f} | "
                f"{numbers['max']:.0f} | {ratio:.0f} |"
            )
    first = results[0]
    lines.append("")
    counts = ", ".join(f"{r['database']} {r['counting']:.1f} s" for r in results)
    lines.append(
        "Counting one question's answers again after the responses changed (once per "
        f"question, on its first results page after the change; AnswerTally): {counts}. "
        "The timed requests read the counts (the warm-up request counted the rest)."
    )
    lines.append("")
    lines.append(
        f"{first['responses']:,} complete responses, {first['answers']:,} answers, "
        f"{first['repetitions']} repetitions per page after one warm-up, in-process "
        f"(django.test.Client, full middleware and templates), budget {BUDGET_MS:.0f} ms."
    )
    return "\n".join(lines)


def write_doc(text: str) -> None:
    content = DOC.read_text(encoding="utf-8")
    block = f"{START}\n{text}\n{END}"
    if START in content and END in content:
        before, rest = content.split(START, 1)
        _old, after = rest.split(END, 1)
        content = before + block + after
    else:
        content = content.rstrip("\n") + "\n\n## Survey results (issue 13)\n\n" + block + "\n"
    DOC.write_text(content, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["postgres", "sqlite"])
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--no-doc", action="store_true")
    arguments = parser.parse_args()
    if arguments.database:
        result = run_one(arguments.database, arguments.responses, arguments.repetitions)
        print(json.dumps(result))
        return 0
    results = []
    for database in ("postgres", "sqlite"):
        done = subprocess.run(  # noqa: S603
            [
                sys.executable,
                "-m",
                "bench.surveys",
                "--database",
                database,
                "--responses",
                str(arguments.responses),
                "--repetitions",
                str(arguments.repetitions),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        sys.stderr.write(done.stderr[-4000:])
        if done.returncode != 0:
            return 2
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    text = table(results)
    print(text)
    if not arguments.no_doc and arguments.responses >= 100_000:
        write_doc(text)
    slow = [
        (r["database"], name)
        for r in results
        for name, numbers in r["pages"].items()
        if name != "floor" and numbers["median"] >= BUDGET_MS
    ]
    if slow:
        log(f"Over budget: {slow}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
