"""The page benchmark (issue 14): every staff page and the personal page under load, on
PostgreSQL with `city` data and again with `region` data, against the production server.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python -m bench.pages
    ... -m bench.pages --quick        # smoke run: small data, city only, 1 repetition of 3 s

For each scale: a fresh database `BENCH_DB_NAME` (default inbreng_bench_pages), `migrate`,
`seed_demo --scale city|region`, `collectstatic`, then gunicorn (sync workers, WhiteNoise)
with `bench.web_settings`. Each role gets a session made directly in the database (with a
verified second-factor device, as after a real login); the participant gets a personal-link
session. Each page is loaded with `wrk -t2 -c8 --latency` per repetition, with the floor
page measured at the start and the end of the same repetition. The queries per request are
counted once, outside the load, with django.test.Client. The table goes to
docs/benchmarks.md (a quick run writes var/bench/pages-quick.md instead). Exit status 1
when a budget is missed, 2 when a page does not answer 200.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"
START = "<!-- bench.pages results: start -->"
END = "<!-- bench.pages results: end -->"

# Budgets of issue 14.
STAFF_RATIO = 0.25
# Issue 13: a survey's results page computes in under 1 s at 100,000 responses.
SURVEY_P95_MS = 1000.0
STAFF_P95_MS = 100.0
PERSONAL_P95_MS = 50.0
REPORT_P95_MS = 300.0
REGION_SLOWDOWN = 1.5

WRK_SCRIPT = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  io.write(string.format("BENCH %d %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    summary.errors.status, errors))
end
"""


@dataclass
class Page:
    key: str
    label: str
    role: str  # a session name: coordinator, service, lco, participant
    url: str
    kind: str = "staff"  # staff, personal, report, survey, floor
    queries: int = 0
    size: int = 0
    error: str = ""
    alone: float = 0.0  # ms for one request without load, in the benchmark's process
    runs: list[dict[str, float]] = field(default_factory=list)


@dataclass
class Result:
    scale: str
    pages: list[Page]
    floors: list[float]
    counts: dict[str, int]
    load_seconds: float
    load_average: float = 0.0  # 1-minute load average when the measuring started


def log(text: str) -> None:
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def setup_django() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.web_settings"
    # Its own database name, so that it can run beside the messaging benchmark.
    os.environ.setdefault("BENCH_DB_NAME", "inbreng_bench_pages")
    import django

    django.setup()


def load(scale: str, factor: float) -> float:
    """A fresh database with `scale` data; returns the seconds it took to load."""
    from django.core.management import call_command
    from django.db import connections

    from bench import database

    # The previous scale's connection would be cut by DROP DATABASE ... WITH (FORCE).
    connections.close_all()
    database.create()
    started = time.monotonic()
    call_command("migrate", verbosity=0)
    call_command("seed_demo", scale=scale, factor=factor)
    seconds = time.monotonic() - started
    refresh_indicators()
    call_command("collectstatic", interactive=False, verbosity=0)
    settle()
    return seconds


def settle() -> None:
    """Fresh statistics and visibility maps, as autovacuum leaves them on a database in use:
    right after a bulk load every row is "maybe not visible yet", so a count that an index
    could answer alone reads the table as well (the outbox's counts: 7 ms instead of 1)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")


def refresh_indicators() -> None:
    """Computes the demo organisation's indicators, as the task worker would after a load
    (no task worker runs during the benchmark)."""
    try:
        from inbreng.participation.indicators import refresh
    except ImportError:
        return
    from inbreng.core.models import Membership

    organisation = Membership.objects.get(user__username="coordinator").organisation_id
    started = time.monotonic()
    refresh(organisation)
    log(f"Indicators computed in {time.monotonic() - started:.1f} s")


def sessions() -> dict[str, str]:
    """Session cookies for each role, made in the database as a real login would leave them."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.db.models import Count
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from inbreng.core.middleware import SESSION_KEY as ORGANISATION_KEY
    from inbreng.core.models import Membership, User
    from inbreng.participation.models import Contribution

    cookies: dict[str, str] = {}
    for role in ("coordinator", "service", "lco", "policy"):
        user = User.objects.filter(username=role).first()
        if user is None:
            continue
        membership = Membership.objects.get(user=user)
        device, _ = TOTPDevice.objects.get_or_create(
            user=user, name="bench", defaults={"confirmed": True}
        )
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "inbreng.core.backends.AccountBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session[ORGANISATION_KEY] = membership.organisation_id
        session.create()
        cookies[role] = session.session_key or ""
    # The participant who said the most in the demo organisation opens their page as they
    # would: the button behind their personal link (a POST), which starts their session.
    from django.test import Client

    from inbreng.participation import links, services

    organisation = Membership.objects.get(user__username="coordinator").organisation_id
    top = (
        Contribution.objects.filter(organisation=organisation, participant__isnull=False)
        .values("participant")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    if top is not None:
        link = links.current_links([top["participant"]])[top["participant"]]
        client = Client()
        response = client.post("/p/", {"t": services.link_token(link)})
        if response.status_code == 302 and "sessionid" in client.cookies:
            cookies["participant"] = client.cookies["sessionid"].value
        else:
            log(f"The personal link did not open a page ({response.status_code}).")
    return cookies


def pages() -> list[Page]:
    """The pages of issue 14, picked from the data: the largest and the median group, the
    meeting and the question with the most input, the person who said the most."""
    from django.db.models import Count

    from inbreng.core.models import Membership
    from inbreng.groups.models import ParticipationGroup
    from inbreng.participation.models import Contribution

    organisation = Membership.objects.get(user__username="coordinator").organisation_id
    groups = list(
        ParticipationGroup.objects.filter(organisation=organisation)
        .annotate(n=Count("memberships"))
        .order_by("-n", "pk")
        .values_list("pk", "n")
    )
    largest, median = groups[0], groups[len(groups) // 2]
    live = Contribution.objects.filter(organisation=organisation, withdrawn_at__isnull=True)
    meeting = live.exclude(meeting=None).values("meeting").annotate(n=Count("id")).order_by("-n")
    question = live.values("question").annotate(n=Count("id")).order_by("-n")
    person = (
        live.exclude(participant=None).values("participant").annotate(n=Count("id")).order_by("-n")
    )
    top_meeting, top_question, top_person = meeting[0], question[0], person[0]
    result = [
        Page("floor", "floor", "coordinator", "/bench/floor/", kind="floor"),
        Page("home_coordinator", "coordinator's start page", "coordinator", "/"),
        Page("home_service", "service contact's start page", "service", "/"),
        Page("register", "register list", "coordinator", "/deelnemers/"),
        Page("register_search", "register search", "coordinator", "/deelnemers/?q=anouk"),
        Page(
            "group_largest",
            f"largest group ({largest[1]} members)",
            "coordinator",
            f"/groepen/{largest[0]}/",
        ),
        Page(
            "group_median",
            f"median group ({median[1]} members)",
            "coordinator",
            f"/groepen/{median[0]}/",
        ),
        Page(
            "meeting_top",
            f"meeting with the most input ({top_meeting['n']:,})",
            "coordinator",
            f"/bijeenkomsten/{top_meeting['meeting']}/",
        ),
        Page(
            "question_top",
            f"question with the most input ({top_question['n']:,})",
            "coordinator",
            f"/vragen/{top_question['question']}/",
        ),
        Page(
            "answer_top",
            "answer form of that question",
            "coordinator",
            f"/vragen/{top_question['question']}/antwoorden/",
        ),
        Page("outbox", "outbox", "coordinator", "/berichten/"),
        Page(
            "participant",
            f"participant detail ({top_person['n']} inputs)",
            "coordinator",
            f"/deelnemers/{top_person['participant']}/",
        ),
        Page("personal", "personal page", "participant", "/mijn/", kind="personal"),
        Page("indicators", "indicators", "coordinator", "/inzichten/", kind="report"),
    ]
    from django.apps import apps

    if apps.is_installed("inbreng.casework"):
        result.append(Page("casework", "case conferences list", "lco", "/clientoverleg/"))
    result += later_pages(organisation)
    return result


def later_pages(organisation: int) -> list[Page]:
    """The pages issues 10, 11 and 13 added, on the same data (each app's `seed_scale`)."""
    from django.apps import apps
    from django.db.models import Count
    from django.utils import timezone

    found: list[Page] = []
    year = timezone.localdate().year
    if apps.is_installed("inbreng.insights"):
        found += [
            Page("reach", "reach", "coordinator", f"/inzicht/bereik/?jaar={year}", kind="report"),
            Page(
                "report",
                "yearly report",
                "coordinator",
                f"/inzicht/jaarverslag/{year}/",
                kind="report",
            ),
        ]
    if apps.is_installed("inbreng.signals"):
        found += [
            Page("signals", "signals and advice", "coordinator", "/signalen/"),
            Page("home_policy", "policy maker's desk", "policy", "/"),
            Page("results", "results", "coordinator", "/signalen/resultaten/"),
        ]
    if apps.is_installed("inbreng.archive"):
        found.append(Page("memory", "memory search", "coordinator", "/geheugen/?q=schulden"))
    if apps.is_installed("inbreng.surveys"):
        from inbreng.surveys.models import Response, SurveyQuestion

        wave = (
            Response.objects.filter(organisation=organisation)
            .values("wave")
            .annotate(n=Count("id"))
            .order_by("-n")
            .first()
        )
        if wave is not None:
            question = (
                SurveyQuestion.objects.filter(
                    organisation=organisation, version__waves=wave["wave"], kind="scale1_5"
                )
                .order_by("position")
                .first()
            )
            found.append(
                Page(
                    "survey",
                    f"survey results, one question ({wave['n']:,} responses)",
                    "coordinator",
                    f"/bevragingen/rondes/{wave['wave']}/resultaten/{getattr(question, 'pk', 0)}/",
                    kind="survey",
                )
            )
    return found


def count_queries(items: list[Page], cookies: dict[str, str]) -> list[str]:
    """Queries and bytes per request, one request each outside the load. Returns problems."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    problems = []
    for page in items:
        client = Client()
        client.cookies["sessionid"] = cookies.get(page.role, "")
        try:
            client.get(page.url)  # warm: the first request of a process pays one-time costs
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(page.url)
                page.alone = (time.perf_counter() - started) * 1000
        except Exception as error:
            page.error = f"{type(error).__name__}: {str(error)[:160]}"
        else:
            page.queries = len(queries)
            page.size = len(response.content)
            if response.status_code != 200:
                page.error = f"answered {response.status_code}"
        if page.error:
            problems.append(f"{page.label} ({page.url}): {page.error}")
    return problems


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start_server(port: int, workers: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.web_settings"}
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    server = subprocess.Popen(  # noqa: S603 - our own executable and arguments
        [
            gunicorn,
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            if server.poll() is not None:
                raise RuntimeError("gunicorn stopped at start-up") from None
            time.sleep(0.3)
    stop_server(server)
    raise RuntimeError("gunicorn did not start within 60 s")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def warm(items: list[Page], cookies: dict[str, str], port: int, workers: int) -> None:
    """Every worker loads every page a few times before anything is measured: a fresh
    gunicorn worker imports the code and fills its caches on its first requests."""
    import urllib.request

    for page in items:
        if page.role not in cookies or page.error:
            continue
        for _ in range(2 * workers + 1):
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}{page.url}",
                headers={"Cookie": f"sessionid={cookies[page.role]}"},
            )
            try:
                with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
                    response.read()
            except OSError as error:
                log(f"  warm-up of {page.url}: {error}")


def wrk(url: str, cookie: str, seconds: int, script: str) -> dict[str, float]:
    output = subprocess.run(  # noqa: S603 - fixed executable, our own arguments
        [
            shutil.which("wrk") or "wrk",
            "-t2",
            "-c8",
            f"-d{seconds}s",
            "--timeout",
            "30s",
            "--latency",
            "-s",
            script,
            "-H",
            f"Cookie: sessionid={cookie}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    match = re.search(r"^BENCH (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)$", output, re.M)
    if match is None:
        raise RuntimeError(f"wrk gave no summary:\n{output}")
    requests, duration, p50, p95, p99, status, errors = (int(g) for g in match.groups())
    return {
        "rps": requests / (duration / 1e6) if duration else 0.0,
        "p50": p50 / 1000,
        "p95": p95 / 1000,
        "p99": p99 / 1000,
        "bad": status + errors,
        "requests": requests,
    }


def measure(
    items: list[Page], cookies: dict[str, str], port: int, repetitions: int, seconds: int
) -> list[float]:
    """Runs every page `repetitions` times; returns the floor's req/s per repetition (the
    mean of its runs at the start and the end of the repetition)."""
    floors = []
    base = f"http://127.0.0.1:{port}"
    floor = items[0]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(WRK_SCRIPT)
        script = handle.name
    try:
        for repetition in range(repetitions):
            first = wrk(base + floor.url, cookies[floor.role], seconds, script)
            floor.runs.append(first)
            for page in items[1:]:
                if page.role not in cookies or page.error:
                    continue
                run = wrk(base + page.url, cookies[page.role], seconds, script)
                page.runs.append(run)
                log(
                    f"  {repetition + 1}/{repetitions} {page.label:<45} {run['rps']:7.1f} req/s"
                    f"  p95 {run['p95']:7.1f} ms"
                )
            last = wrk(base + floor.url, cookies[floor.role], seconds, script)
            floor.runs.append(last)
            floors.append((first["rps"] + last["rps"]) / 2)
            log(f"  {repetition + 1}/{repetitions} floor {first['rps']:.1f} / {last['rps']:.1f}")
    finally:
        os.unlink(script)
    return floors


def summary(page: Page, floors: list[float]) -> dict[str, float]:
    runs = page.runs
    if not runs:
        return {}
    ratios = [run["rps"] / floor for run, floor in zip(runs, floors, strict=False) if floor]
    return {
        "rps": statistics.median(run["rps"] for run in runs),
        "p50": statistics.median(run["p50"] for run in runs),
        "p95": statistics.median(run["p95"] for run in runs),
        "p99": statistics.median(run["p99"] for run in runs),
        "ratio": statistics.median(ratios) if ratios and page.kind != "floor" else 1.0,
        "bad": sum(run["bad"] for run in runs),
    }


def budget(page: Page, values: dict[str, float]) -> tuple[str, bool]:
    """The budget as text, and whether it is met."""
    if page.kind == "floor" or not values:
        return "", True
    if page.kind == "personal":
        return f"p95 ≤ {PERSONAL_P95_MS:.0f} ms", values["p95"] <= PERSONAL_P95_MS
    if page.kind == "report":
        return f"p95 ≤ {REPORT_P95_MS:.0f} ms", values["p95"] <= REPORT_P95_MS
    if page.kind == "survey":
        return f"p95 ≤ {SURVEY_P95_MS:.0f} ms", values["p95"] <= SURVEY_P95_MS
    met = values["ratio"] >= STAFF_RATIO and values["p95"] <= STAFF_P95_MS
    return f"≥ {STAFF_RATIO} and p95 ≤ {STAFF_P95_MS:.0f} ms", met


def table(result: Result, city: Result | None = None) -> tuple[list[str], list[str]]:
    """Markdown lines for one scale, and the budgets it missed."""
    lines = [
        "| page | req/s | ratio to floor | p50 ms | p95 ms | p99 ms | alone ms | queries | KB "
        "| budget | met |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    missed = []
    city_pages = {page.key: summary(page, city.floors) for page in city.pages} if city else {}
    for page in result.pages:
        values = summary(page, result.floors)
        if not values:
            why = page.error or "no session for this role"
            lines.append(f"| {page.label} | not measured: {why} | | | | | | | | | **no** |")
            missed.append(f"{result.scale}: {page.label} not measured")
            continue
        text, met = budget(page, values)
        if city is not None and page.kind != "floor" and page.key in city_pages:
            before = city_pages[page.key]
            # "At most 1.5× slower": compared as ratios to each run's own floor.
            slower = before["ratio"] / values["ratio"] if values["ratio"] else float("inf")
            text += f"; ≤ {REGION_SLOWDOWN}× city ({slower:.2f}×)"
            met = met and slower <= REGION_SLOWDOWN
        if values["bad"]:
            text += f"; {values['bad']:.0f} failed requests"
            met = False
        if not met:
            missed.append(f"{result.scale}: {page.label} ({text})")
        lines.append(
            f"| {page.label} | {values['rps']:.1f} | {values['ratio']:.3f} | "
            f"{values['p50']:.0f} | {values['p95']:.0f} | {values['p99']:.0f} | "
            f"{page.alone:.0f} | {page.queries} | {page.size / 1024:.0f} | {text} | "
            f"{'yes' if met else '**no**'} |"
        )
    return lines, missed


def machine() -> str:
    load = os.getloadavg()
    import django

    return (
        f"{os.cpu_count()} CPUs, load average {load[0]:.2f} at the end; Python "
        f"{sys.version.split()[0]}, Django {django.get_version()}"
    )


def report(results: list[Result], command: str, options: argparse.Namespace) -> list[str]:
    lines = [
        START,
        "",
        f"Command: `{command}`  ",
        f"Run: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {machine()}; gunicorn "
        f"{options.workers} sync workers; wrk -t2 -c8, {options.repetitions} × {options.seconds} s "
        "per page; medians.",
        "",
    ]
    missed: list[str] = []
    city = next((r for r in results if r.scale == "city"), None)
    for result in results:
        counts = ", ".join(f"{k} {v:,}" for k, v in result.counts.items())
        loaded = (
            f"loaded in {result.load_seconds:.0f} s"
            if result.load_seconds
            else "data loaded by an earlier run"
        )
        lines += [
            f"**{result.scale}** ({loaded}; {counts}; "
            f"load average {result.load_average:.1f} when measuring started)",
            "",
        ]
        rows, miss = table(result, city if result.scale == "region" else None)
        lines += [*rows, ""]
        missed += miss
    lines.append("All budgets met." if not missed else "Missed: " + "; ".join(missed) + ".")
    lines += ["", END]
    return lines


def write_report(lines: list[str], quick: bool, output: Path | None = None) -> Path:
    text = "\n".join(lines) + "\n"
    if quick or output is not None:
        target = (output or ROOT / "var" / "bench" / "pages-quick.md").resolve()
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
        return target
    current = DOC.read_text()
    if START in current and END in current:
        head, rest = current.split(START, 1)
        tail = rest.split(END, 1)[1]
        DOC.write_text(head + text.rstrip("\n") + tail)
    else:
        DOC.write_text(current.rstrip("\n") + "\n\n" + text)
    return DOC


def counts() -> dict[str, int]:
    from inbreng.core.models import AuditEvent, Organisation
    from inbreng.messaging.models import Delivery
    from inbreng.participation.models import Contribution, Question, Response
    from inbreng.people.models import Participant

    return {
        "organisations": Organisation.objects.count(),
        "participants": Participant.objects.count(),
        "questions": Question.objects.count(),
        "inputs": Contribution.objects.count(),
        "answers": Response.objects.count(),
        "deliveries": Delivery.objects.count(),
        "audit events": AuditEvent.objects.count(),
    }


def reuse() -> None:
    """The database as an earlier `--keep` run left it, brought up to date: for measuring a
    change without loading the data again."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    settle()


def run_scale(scale: str, options: argparse.Namespace) -> Result:
    from django.db import connections

    if options.reuse:
        log(f"[{scale}] reusing the database {os.environ['BENCH_DB_NAME']}")
        reuse()
        seconds = 0.0
    else:
        log(f"[{scale}] loading data into a fresh database...")
        seconds = load(scale, options.factor)
        log(f"[{scale}] loaded in {seconds:.0f} s")
    cookies = sessions()
    items = pages()
    if options.pages:
        wanted = set(options.pages.split(","))
        items = [page for page in items if page.kind == "floor" or page.key in wanted]
    problems = count_queries(items, cookies)
    if problems:
        log("Pages that do not answer 200 (not measured):\n  " + "\n  ".join(problems))
    connections.close_all()
    port = free_port()
    load_average = os.getloadavg()[0]
    server = start_server(port, options.workers)
    try:
        warm(items, cookies, port, options.workers)
        floors = measure(items, cookies, port, options.repetitions, options.seconds)
    finally:
        stop_server(server)
    return Result(scale, items, floors, counts(), seconds, load_average)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.pages", description=__doc__)
    parser.add_argument("--scale", choices=["city", "region", "both"], default="both")
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration per page")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--factor", type=float, default=1.0, help="data size (1 = the scale)")
    parser.add_argument("--keep", action="store_true", help="keep the last database")
    parser.add_argument(
        "--output", type=Path, help="write the table here instead of docs/benchmarks.md"
    )
    parser.add_argument(
        "--quick", action="store_true", help="smoke run: city × 0.05, 1 repetition of 3 s"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure the database an earlier --keep run left (one scale), without loading",
    )
    parser.add_argument("--pages", help="only these pages (keys, comma-separated) and the floor")
    options = parser.parse_args(argv)
    if options.reuse and options.scale == "both":
        parser.error("--reuse measures one scale: add --scale city or --scale region")
    if options.reuse:
        options.keep = True
    if options.quick:
        options.scale, options.factor, options.repetitions, options.seconds = "city", 0.05, 1, 3
    if shutil.which("wrk") is None:
        log("wrk is not installed. On Debian: apt-get install -y wrk")
        return 2
    command = "python -m bench.pages " + " ".join(argv if argv is not None else sys.argv[1:])
    setup_django()
    from bench import database

    if not database.is_postgres():
        log("The page benchmark runs on PostgreSQL: set DATABASE_URL=postgres://...")
        return 2
    log(f"Database: {database.describe()}")
    scales = ["city", "region"] if options.scale == "both" else [options.scale]
    results: list[Result] = []
    try:
        for scale in scales:
            results.append(run_scale(scale, options))
            # Written after each scale: a region run that fails keeps the city's table.
            lines = report(results, command.strip(), options)
            target = write_report(lines, options.quick, options.output)
    finally:
        if not options.keep:
            database.drop()
    print("\n".join(lines[2:-2]))
    log(f"Written to {target}")
    return 1 if "Missed:" in "\n".join(lines) else 0


if __name__ == "__main__":
    sys.exit(main())
