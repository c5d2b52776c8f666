"""The reach and yearly-report benchmark (issue 11): the reach page (whole organisation, the
largest group, the busiest trajectory), the yearly report page and its PDF, on PostgreSQL
with `city` data, each measured beside the floor page in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python -m bench.insights
    ... --quick               # smoke run: city × 0.05, 1 repetition of 3 s
    ... --keep / --reuse      # keep the database; measure again on a kept one without loading

It reuses bench.pages (fresh database `BENCH_DB_NAME`, default inbreng_bench_insights,
`seed_demo --scale city`, gunicorn with `bench.web_settings`, wrk -t2 -c8, sessions made in
the database). The seed has no client numbers, so five years of them are added for the demo
organisation before measuring: the reach page then compares and draws its trend. The table
goes to docs/benchmarks.md between its own markers. Exit status 1 when a budget is missed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

from bench import pages as bench_pages
from bench.pages import Page, Result

START = "<!-- bench.insights results: start -->"
END = "<!-- bench.insights results: end -->"

# Budgets: issue 14's staff-page ratio to the floor page of the same run (0.25), with issue
# 11's 300 ms p95 for the reach and report pages. The PDF is drawn by WeasyPrint on each request
# (about a second of CPU for a few pages): it gets its own, wider budget.
PAGE_RATIO = 0.25
PAGE_P95_MS = 300.0
PDF_RATIO = 0.02
PDF_P95_MS = 5000.0


def add_population(organisation: int, year: int) -> None:
    """Client numbers for five years, so that the reach page compares and shows a trend."""
    from inbreng.insights.models import PopulationCount
    from inbreng.insights.population import CHOICES
    from inbreng.people.models import PREFER_NOT

    PopulationCount.objects.filter(organisation_id=organisation).delete()
    rows = []
    for offset in range(5):
        for dimension, choices in CHOICES.items():
            # Client numbers never say "rather not say": that is an answer participants give
            # (the importer refuses it as a client category).
            known = [(code, label) for code, label in choices if code != PREFER_NOT]
            for index, (code, _label) in enumerate(known):
                rows.append(
                    PopulationCount(
                        organisation_id=organisation,
                        year=year - offset,
                        dimension=dimension,
                        category=code,
                        count=400 + 150 * index + 20 * offset,
                    )
                )
    PopulationCount.objects.bulk_create(rows)


def insight_pages(year: int) -> list[Page]:
    from django.db.models import Count

    from inbreng.core.models import Membership
    from inbreng.groups.models import ParticipationGroup
    from inbreng.participation.models import Question

    organisation = Membership.objects.get(user__username="coordinator").organisation_id
    add_population(organisation, year)
    group = (
        ParticipationGroup.objects.filter(organisation=organisation)
        .annotate(n=Count("memberships"))
        .order_by("-n", "pk")
        .values_list("pk", "n")
        .first()
    )
    trajectory = (
        Question.objects.filter(organisation=organisation, trajectory__isnull=False)
        .values("trajectory")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("trajectory", "n")
        .first()
    )
    reach = f"/inzicht/bereik/?jaar={year}"
    result = [
        Page("floor", "floor", "coordinator", "/bench/floor/", kind="floor"),
        Page("reach", f"reach {year}, whole organisation", "coordinator", reach, kind="page"),
    ]
    if group is not None:
        result.append(
            Page(
                "reach_group",
                f"reach, largest group ({group[1]} members)",
                "coordinator",
                f"{reach}&groep={group[0]}",
                kind="page",
            )
        )
    if trajectory is not None:
        result.append(
            Page(
                "reach_trajectory",
                f"reach, trajectory with the most questions ({trajectory[1]})",
                "coordinator",
                f"{reach}&traject={trajectory[0]}",
                kind="page",
            )
        )
    result += [
        Page(
            "report",
            f"yearly report {year}",
            "coordinator",
            f"/inzicht/jaarverslag/{year}/",
            kind="page",
        ),
        Page(
            "report_pdf",
            f"yearly report {year}, PDF",
            "coordinator",
            f"/inzicht/jaarverslag/{year}/jaarverslag.pdf",
            kind="pdf",
        ),
    ]
    return result


def budget(page: Page, values: dict[str, float]) -> tuple[str, bool]:
    if page.kind == "floor" or not values:
        return "", True
    ratio, p95 = (PDF_RATIO, PDF_P95_MS) if page.kind == "pdf" else (PAGE_RATIO, PAGE_P95_MS)
    return f"≥ {ratio} and p95 ≤ {p95:.0f} ms", values["ratio"] >= ratio and values["p95"] <= p95


def table(result: Result) -> tuple[list[str], list[str]]:
    lines = [
        "| page | req/s | ratio to floor | p50 ms | p95 ms | p99 ms | alone ms | queries | KB "
        "| budget | met |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    missed = []
    for page in result.pages:
        values = bench_pages.summary(page, result.floors)
        if not values:
            lines.append(
                f"| {page.label} | not measured: {page.error or 'no session'} "
                "| | | | | | | | | **no** |"
            )
            missed.append(page.label)
            continue
        text, met = budget(page, values)
        if values["bad"]:
            text += f"; {values['bad']:.0f} failed requests"
            met = False
        if not met:
            missed.append(f"{page.label} ({text})")
        lines.append(
            f"| {page.label} | {values['rps']:.1f} | {values['ratio']:.3f} | "
            f"{values['p50']:.0f} | {values['p95']:.0f} | {values['p99']:.0f} | "
            f"{page.alone:.0f} | {page.queries} | {page.size / 1024:.0f} | {text} | "
            f"{'yes' if met else '**no**'} |"
        )
    return lines, missed


def run(options: argparse.Namespace) -> tuple[Result, float]:
    from django.db import connections
    from django.utils import timezone

    seconds = 0.0
    if options.reuse:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
    else:
        bench_pages.log("[city] loading data into a fresh database...")
        seconds = bench_pages.load("city", options.factor)
        bench_pages.log(f"[city] loaded in {seconds:.0f} s")
    year = timezone.localdate().year
    cookies = bench_pages.sessions()
    items = insight_pages(year)
    problems = bench_pages.count_queries(items, cookies)
    if problems:
        bench_pages.log("Pages that do not answer 200 (not measured):\n  " + "\n  ".join(problems))
    connections.close_all()
    port = bench_pages.free_port()
    load_average = os.getloadavg()[0]
    server = bench_pages.start_server(port, options.workers)
    try:
        bench_pages.warm(items, cookies, port, options.workers)
        floors = bench_pages.measure(items, cookies, port, options.repetitions, options.seconds)
    finally:
        bench_pages.stop_server(server)
    return Result("city", items, floors, bench_pages.counts(), seconds, load_average), seconds


def report(result: Result, command: str, options: argparse.Namespace) -> tuple[list[str], bool]:
    counts = ", ".join(f"{k} {v:,}" for k, v in result.counts.items())
    loaded = f"loaded in {result.load_seconds:.0f} s" if result.load_seconds else "kept data"
    rows, missed = table(result)
    lines = [
        START,
        "",
        f"Command: `{command}`  ",
        f"Run: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {bench_pages.machine()}; "
        f"gunicorn {options.workers} sync workers; wrk -t2 -c8, {options.repetitions} × "
        f"{options.seconds} s per page; medians.",
        "",
        f"**city** ({loaded}; {counts}; load average {result.load_average:.1f} when measuring "
        "started)",
        "",
        *rows,
        "",
        "All budgets met." if not missed else "Missed: " + "; ".join(missed) + ".",
        "",
        END,
    ]
    return lines, not missed


def write(lines: list[str], quick: bool, output: Path | None) -> Path:
    text = "\n".join(lines) + "\n"
    if quick or output is not None:
        target = (output or bench_pages.ROOT / "var" / "bench" / "insights-quick.md").resolve()
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
        return target
    current = bench_pages.DOC.read_text()
    if START in current and END in current:
        head, rest = current.split(START, 1)
        bench_pages.DOC.write_text(head + text.rstrip("\n") + rest.split(END, 1)[1])
    else:
        bench_pages.DOC.write_text(current.rstrip("\n") + "\n\n" + text)
    return bench_pages.DOC


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.insights", description=__doc__)
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration per page")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--factor", type=float, default=1.0, help="data size (1 = a city)")
    parser.add_argument("--keep", action="store_true", help="keep the database")
    parser.add_argument("--reuse", action="store_true", help="measure a kept database again")
    parser.add_argument("--output", type=Path, help="write the table here, not docs/")
    parser.add_argument(
        "--quick", action="store_true", help="smoke run: city × 0.05, 1 repetition of 3 s"
    )
    options = parser.parse_args(argv)
    if options.quick:
        options.factor, options.repetitions, options.seconds = 0.05, 1, 3
    if shutil.which("wrk") is None:
        bench_pages.log("wrk is not installed. On Debian: apt-get install -y wrk")
        return 2
    command = "python -m bench.insights " + " ".join(argv if argv is not None else sys.argv[1:])
    os.environ.setdefault("BENCH_DB_NAME", "inbreng_bench_insights")
    bench_pages.setup_django()
    from bench import database

    if not database.is_postgres():
        bench_pages.log("This benchmark runs on PostgreSQL: set DATABASE_URL=postgres://...")
        return 2
    bench_pages.log(f"Database: {database.describe()}")
    try:
        result, _seconds = run(options)
        lines, met = report(result, command.strip(), options)
        target = write(lines, options.quick, options.output)
    finally:
        if not (options.keep or options.reuse):
            database.drop()
    bench_pages.log("\n".join(lines))
    bench_pages.log(f"Written to {target}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
