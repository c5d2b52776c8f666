"""Messaging benchmarks (issue 4): enqueueing invitations, delivering e-mail, printing letters.

    .venv/bin/python -m bench.messaging                  # SQLite, the issue's sizes
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python -m bench.messaging
    .venv/bin/python -m bench.messaging --recipients 200 --emails 100 --letters 5   # smoke run
    .venv/bin/python -m bench.messaging --recipients 0 --emails 0 --letters 0 --letters-job 1000

Run it from the repository root. It makes its own empty database (a SQLite file under
var/bench/, or the database `inbreng_bench` on the PostgreSQL server of DATABASE_URL),
starts an SMTP sink on 127.0.0.1, runs the scenarios, removes the database again, prints
each measured value next to its budget and exits with 1 when a budget is missed.
See docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import logging
import os
import platform
import pstats
import random
import resource
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.sink import SmtpSink

if TYPE_CHECKING:
    from bench.data import World
    from inbreng.messaging.models import Message
    from inbreng.participation.models import Meeting

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "var" / "bench"
SITE = "https://inbreng.example"

# The budgets and sizes of issue 4.
ISSUE_RECIPIENTS = 10_000
ISSUE_EMAILS = 2_000
ISSUE_LETTERS = 500
ENQUEUE_BUDGET_S = 5.0
EMAIL_BUDGET_PER_S = 100.0
LETTERS_BUDGET_S = 60.0
# Issue 9: a thousand letters in one PDF from the task worker.
ISSUE_LETTERS_JOB = 1_000
LETTERS_JOB_BUDGET_S = 120.0
LETTERS_JOB_MEMORY_MB = 1024.0
LETTERS_JOB_REQUEST_BUDGET_S = 2.0
WORKER_TIMEOUT_S = 600
# Above this 1-minute load average the report says that the machine was busy. The
# benchmark itself accounts for about 1.
BUSY_LOAD = 1.5


class BenchError(Exception):
    """The scenario did not do what it should: its time means nothing."""


@dataclass
class Result:
    name: str
    measured: float
    unit: str
    budget: float
    at_least: bool  # True: the measured value must reach the budget; False: stay under it
    details: list[str] = field(default_factory=list)
    load: float | None = None  # the 1-minute load average right after the measurement

    @property
    def passed(self) -> bool:
        if self.at_least:
            return self.measured >= self.budget
        return self.measured < self.budget

    def value(self) -> str:
        return f"{self.measured:,.2f} {self.unit}"

    def limit(self) -> str:
        return f"{'≥' if self.at_least else '<'} {self.budget:,.0f} {self.unit}"


class QueryCounter:
    """Counts the queries a block runs (`connection.execute_wrapper`), without recording SQL."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        self.count += 1
        return execute(sql, params, many, context)


@dataclass
class Timing:
    seconds: float  # wall clock: what the budget is about
    cpu: float  # CPU time of this process (all its threads), not of the database server
    load: float  # the machine's 1-minute load average right after the call

    def describe(self) -> str:
        return (
            f"wall {self.seconds:.2f} s, CPU of this process {self.cpu:.2f} s, load {self.load:.2f}"
        )


def timed[T](name: str, call: Callable[[], T], profile: bool) -> tuple[T, Timing]:
    """Runs `call` once and returns its result and timing. With `profile`, it runs under
    cProfile (slower), saves var/bench/<name>.pstats and prints the top functions."""
    profiler = cProfile.Profile() if profile else None
    cpu = time.process_time()
    start = time.perf_counter()
    if profiler is not None:
        profiler.enable()
    try:
        result = call()
    finally:
        if profiler is not None:
            profiler.disable()
        timing = Timing(time.perf_counter() - start, time.process_time() - cpu, os.getloadavg()[0])
    if profiler is not None:
        OUTPUT.mkdir(parents=True, exist_ok=True)
        path = OUTPUT / f"{name}.pstats"
        profiler.dump_stats(path)
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("cumulative").print_stats(30)
        stats.sort_stats("tottime").print_stats(20)
        print(f"\n== profile of {name} ({path.relative_to(ROOT)})\n{out.getvalue()}")
    return result, timing


def check(condition: bool, problem: str) -> None:
    if not condition:
        raise BenchError(problem)


def share(counts: Counter[str]) -> str:
    return ", ".join(f"{key or '-'} {number}" for key, number in counts.most_common())


def send_invitations(world: World, meeting: Meeting) -> Message:
    """What the "send invitations" button runs, outside any transaction as in a view: the
    task is enqueued when meeting_send's transaction commits."""
    from inbreng.messaging.models import Kind
    from inbreng.participation import outreach

    message = outreach.meeting_send(
        meeting=meeting, kind=Kind.INVITATION, by=world.coordinator, site=SITE
    )
    check(message is not None, "meeting_send sent nothing")
    assert message is not None
    return message


# Scenario 1 -----------------------------------------------------------------------------


def enqueue_invitations(world: World, count: int, rng: random.Random, profile: bool) -> Result:
    from django.db import connection
    from django_tasks_db.models import DBTaskResult

    from bench import data
    from inbreng.messaging.models import Delivery
    from inbreng.participation.models import PersonalLink

    people = data.make_participants(world, count, rng)
    meeting = data.make_meeting(world, "Grote bewonersbijeenkomst", people)
    tasks_before = DBTaskResult.objects.count()
    queries = QueryCounter()
    with connection.execute_wrapper(queries):
        message, timing = timed("enqueue", lambda: send_invitations(world, meeting), profile)

    deliveries = message.deliveries.all()
    statuses = Counter(deliveries.values_list("status", flat=True))
    check(sum(statuses.values()) == count, f"{sum(statuses.values())} deliveries, not {count}")
    check(statuses[Delivery.Status.SENT] == 0, "something was delivered inline")
    links = PersonalLink.objects.filter(participant__invitations__meeting=meeting).count()
    check(links == count, f"{links} personal links, not {count}")
    invited = meeting.invitations.filter(invited_at__isnull=False).count()
    check(invited == count, f"{invited} invitations marked as sent, not {count}")
    tasks = DBTaskResult.objects.count() - tasks_before
    check(tasks == 1, f"{tasks} delivery tasks enqueued, not 1")
    return Result(
        f"1 enqueue invitations, {count:,} recipients",
        timing.seconds,
        "s",
        ENQUEUE_BUDGET_S,
        at_least=False,
        load=timing.load,
        details=[
            timing.describe(),
            f"{queries.count} queries; wrote 1 message, {count:,} deliveries, "
            f"{links:,} personal links, 1 task",
            f"channels: {share(Counter(deliveries.values_list('channel', flat=True)))}",
            f"languages: {share(Counter(deliveries.values_list('language', flat=True)))}",
            f"statuses: {share(statuses)}",
        ],
    )


# Scenario 2 -----------------------------------------------------------------------------


def email_meeting(world: World, title: str, count: int, rng: random.Random) -> Message:
    """Invitations sent to `count` people who all prefer e-mail; nothing delivered yet."""
    from bench import data
    from inbreng.people.models import Channel

    people = data.make_participants(world, count, rng, channels={Channel.EMAIL: 1}, unreachable=0)
    return send_invitations(world, data.make_meeting(world, title, people))


def deliver_emails(
    world: World, count: int, rng: random.Random, sink: SmtpSink, profile: bool
) -> Result:
    from inbreng.messaging import services
    from inbreng.messaging.models import Delivery

    message = email_meeting(world, "Praatcafé", count, rng)
    sink.handler.reset()
    sent, timing = timed("deliver", lambda: services.deliver_due(message.pk), profile)

    expected = {d.message_id_header for d in message.deliveries.all()}
    statuses = Counter(message.deliveries.values_list("status", flat=True))
    check(sent == count, f"deliver_due reported {sent} sent, not {count}")
    check(sink.handler.count == count, f"the sink received {sink.handler.count}, not {count}")
    check(set(sink.handler.message_ids) == expected, "the sink got other Message-IDs")
    check(statuses[Delivery.Status.SENT] == count, f"statuses after delivery: {share(statuses)}")
    return Result(
        f"2 deliver e-mail to the SMTP sink, {count:,} messages",
        count / timing.seconds,
        "msg/s",
        EMAIL_BUDGET_PER_S,
        at_least=True,
        load=timing.load,
        details=[
            f"services.deliver_due: {timing.describe()} (CPU includes the sink thread)",
            f"the sink received {sink.handler.count:,} e-mails with "
            f"{len(set(sink.handler.message_ids)):,} distinct Message-IDs; all marked sent",
        ],
    )


def deliver_through_worker(world: World, count: int, rng: random.Random, sink: SmtpSink) -> Result:
    """The same, through a real `manage.py db_worker --batch` process. The rate is taken
    over the task's own run time (its started and finished times in the task table); the
    process's start-up is reported next to it."""
    from django.tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from inbreng.messaging.models import Delivery

    # The earlier scenarios' tasks are not part of this measurement.
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).delete()
    message = email_meeting(world, "Buurtfeest", count, rng)
    sink.handler.reset()
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--batch",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0.1",
            "--verbosity",
            "0",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
        check=True,
        timeout=WORKER_TIMEOUT_S,
    )
    process_seconds = time.perf_counter() - start

    statuses = Counter(message.deliveries.values_list("status", flat=True))
    check(sink.handler.count == count, f"the sink received {sink.handler.count}, not {count}")
    check(statuses[Delivery.Status.SENT] == count, f"statuses after delivery: {share(statuses)}")
    tasks = list(DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL))
    check(len(tasks) == 1, f"the worker ran {len(tasks)} tasks, not 1")
    task = tasks[0]
    check(task.return_value == count, f"the task reported {task.return_value} sent, not {count}")
    assert task.started_at is not None and task.finished_at is not None
    seconds = (task.finished_at - task.started_at).total_seconds()
    return Result(
        f"2b deliver e-mail through db_worker, {count:,} messages",
        count / seconds,
        "msg/s",
        EMAIL_BUDGET_PER_S,
        at_least=True,
        load=os.getloadavg()[0],
        details=[
            f"the task ran {seconds:.2f} s in the worker; the worker process, start-up "
            f"included, {process_seconds:.2f} s ({count / process_seconds:,.0f} msg/s)"
        ],
    )


# Scenario 3 -----------------------------------------------------------------------------


class WarningCounter(logging.Handler):
    """Collects WeasyPrint's warnings instead of printing one line per letter."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: Counter[str] = Counter()

    def emit(self, record: logging.LogRecord) -> None:
        self.messages[record.getMessage()] += 1


def letters_pdf(message: Message) -> bytes:
    """What the `letters` view does, without the response around it."""
    from inbreng.core.pdf import render_pdf
    from inbreng.messaging.models import Delivery
    from inbreng.messaging.views import letters_context

    rows = list(
        message.deliveries.filter(status=Delivery.Status.TO_PRINT).select_related("participant")
    )
    return render_pdf("messaging/letters.pdf.html", letters_context(message, rows))


def print_letters(
    world: World, count: int, rng: random.Random, profile: bool, keep: bool
) -> Result:
    from pypdf import PdfReader

    from bench import data
    from inbreng.people.models import Channel

    people = data.make_participants(
        world,
        count,
        rng,
        channels={Channel.LETTER: 1},
        languages=data.LETTER_LANGUAGE_MIX,
        unreachable=0,
    )
    message = send_invitations(world, data.make_meeting(world, "Bewonersbijeenkomst", people))

    logger = logging.getLogger("weasyprint")
    warnings = WarningCounter()
    logger.addHandler(warnings)
    logger.propagate = False
    try:
        pdf, timing = timed("letters", lambda: letters_pdf(message), profile)
    finally:
        logger.removeHandler(warnings)
        logger.propagate = True

    # The process's high-water mark so far: the letters' layout is by far its largest part.
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    check(pages >= count, f"{pages} pages for {count} letters")
    languages = Counter(message.deliveries.values_list("language", flat=True))
    details = [
        timing.describe(),
        f"{pages:,} pages ({pages / count:.2f} per letter), {len(pdf) / 1e6:.1f} MB, "
        f"{timing.seconds / count * 1000:.0f} ms per letter",
        f"languages: {share(languages)}",
        f"peak memory of the process: {peak_mb:,.0f} MB",
    ]
    details += [f"WeasyPrint warned {n}x: {text}" for text, n in warnings.messages.most_common(3)]
    if keep:
        OUTPUT.mkdir(parents=True, exist_ok=True)
        (OUTPUT / "letters.pdf").write_bytes(pdf)
        details.append("saved as var/bench/letters.pdf")
    return Result(
        f"3 letters as one PDF, {count:,} letters",
        timing.seconds,
        "s",
        LETTERS_BUDGET_S,
        at_least=False,
        load=timing.load,
        details=details,
    )


# Scenario 4 -----------------------------------------------------------------------------


class Poller:
    """Opens the message page (with the letters' progress) and the outbox, one after the
    other, from a thread while the worker makes the letters; records each request's time."""

    def __init__(self, world: World, message: Message) -> None:
        import threading

        self.world = world
        self.message = message
        self.times: dict[str, list[float]] = {"message page": [], "outbox": []}
        self.statuses: Counter[int] = Counter()
        self.pid = 0  # the worker, once started
        self.memory_mb = 0.0  # the highest sum of the worker's and its children's RSS
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def client(self) -> Any:
        from django.test import Client
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        client = Client(HTTP_HOST="localhost")
        user = self.world.coordinator
        device, _ = TOTPDevice.objects.get_or_create(
            user=user, name="bench", defaults={"confirmed": True}
        )
        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        return client

    def run(self) -> None:
        from django.db import connection
        from django.urls import reverse

        client = self.client()
        urls = {
            "message page": reverse("messaging:message", args=[self.message.pk]),
            "outbox": reverse("messaging:outbox"),
        }
        try:
            while not self.stop.is_set():
                for name, url in urls.items():
                    start = time.perf_counter()
                    response = client.get(url, secure=True)
                    self.times[name].append(time.perf_counter() - start)
                    self.statuses[response.status_code] += 1
                self.memory_mb = max(self.memory_mb, tree_rss_mb(self.pid))
                self.stop.wait(0.5)
        finally:
            connection.close()


def tree_rss_mb(pid: int) -> float:
    """The resident memory of a process and all its descendants now (Linux /proc)."""
    if not pid:
        return 0.0
    total = 0
    todo = [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue  # ended meanwhile
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


def letters_job(
    world: World, count: int, rng: random.Random, profile: bool, keep: bool
) -> list[Result]:
    """Scenario 4: the letters of a large message as one PDF, made by a real
    `manage.py db_worker` process; the web pages are opened from a thread meanwhile."""
    import pikepdf

    from bench import data
    from inbreng.messaging import letters
    from inbreng.messaging.models import LettersJob
    from inbreng.people.models import Channel

    people = data.make_participants(
        world,
        count,
        rng,
        channels={Channel.LETTER: 1},
        languages=data.LETTER_LANGUAGE_MIX,
        unreachable=0,
    )
    message = send_invitations(world, data.make_meeting(world, "Grote brievenronde", people))
    job = letters.letters_job_request(message=message, by=world.coordinator)
    command = [
        sys.executable,
        "manage.py",
        "db_worker",
        "--batch",
        "--no-reload",
        "--no-startup-delay",
        "--interval",
        "0.1",
        "--verbosity",
        "0",
    ]
    if profile:
        OUTPUT.mkdir(parents=True, exist_ok=True)
        command[1:1] = ["-m", "cProfile", "-o", str(OUTPUT / "letters_job.pstats")]
    poller = Poller(world, message)
    poller.thread.start()
    start = time.perf_counter()
    worker = subprocess.Popen(command, cwd=ROOT, env=os.environ.copy())  # noqa: S603
    poller.pid = worker.pid
    try:
        # wait4, not wait: it gives this one process's peak memory.
        _pid, status, usage = os.wait4(worker.pid, 0)
        worker.returncode = os.waitstatus_to_exitcode(status)
    finally:
        poller.stop.set()
        poller.thread.join(timeout=30)
    seconds = time.perf_counter() - start
    check(worker.returncode == 0, "the worker failed")
    job.refresh_from_db()
    check(job.status == LettersJob.Status.DONE, f"the job ended {job.status}: {job.error}")
    assert job.finished_at is not None
    job_seconds = (job.finished_at - job.created_at).total_seconds()
    peak_mb = usage.ru_maxrss / 1024
    if keep:
        OUTPUT.mkdir(parents=True, exist_ok=True)
        (OUTPUT / "letters-job.pdf").write_bytes(Path(job.file.path).read_bytes())
    with pikepdf.open(job.file.path) as pdf:
        pages = len(pdf.pages)
        tagged = "/StructTreeRoot" in pdf.Root and bool(pdf.Root.MarkInfo.Marked)
        # A section per page of each letter, each with the letter's language.
        sections = sum(1 for e in pdf.Root.StructTreeRoot.K[0].K if "/Lang" in e)
    check(pages >= count, f"{pages} pages for {count} letters")
    check(
        tagged and sections == pages,
        f"tagged {tagged}, {sections} of {pages} pages with a language",
    )
    size = job.file.size
    slowest = {name: max(times, default=0.0) for name, times in poller.times.items()}
    requests = sum(len(times) for times in poller.times.values())
    check(requests > 0, "no web request was made during the job")
    check(set(poller.statuses) == {200}, f"web requests answered {dict(poller.statuses)}")
    return [
        Result(
            f"4a letters job: {count:,} letters in one PDF",
            job_seconds,
            "s",
            LETTERS_JOB_BUDGET_S,
            at_least=False,
            load=os.getloadavg()[0],
            details=[
                f"from the request to the stored file; the worker process, start-up "
                f"included, ran {seconds:.1f} s",
                f"{pages:,} pages, {size / 1e6:.1f} MB, {job.parts_total} parts of "
                f"{letters.LETTERS_PER_PART}, {job_seconds / count * 1000:.0f} ms per letter; "
                f"tagged, every page's section with its letter's language",
            ],
        ),
        Result(
            "4b letters job: worker peak memory",
            max(peak_mb, poller.memory_mb),
            "MB",
            LETTERS_JOB_MEMORY_MB,
            at_least=False,
            details=[
                f"the largest single process (ru_maxrss of db_worker and the processes it "
                f"started, os.wait4): {peak_mb:,.0f} MB; the worker and its "
                f"{letters.processes()} rendering processes together, sampled every "
                f"0.5 s: {poller.memory_mb:,.0f} MB"
            ],
        ),
        Result(
            "4c letters job: slowest web request meanwhile",
            max(slowest.values()),
            "s",
            LETTERS_JOB_REQUEST_BUDGET_S,
            at_least=False,
            details=[
                f"{requests:,} requests from a thread through Django's test client: "
                + ", ".join(
                    f"{name} max {value:.2f} s, median "
                    f"{sorted(poller.times[name])[len(poller.times[name]) // 2]:.2f} s"
                    for name, value in slowest.items()
                )
            ],
        ),
    ]


def warm_up(world: World, rng: random.Random, sink: SmtpSink) -> None:
    """One small round of every scenario, untimed, so that what a running server has done
    once already (URL resolver, translation catalogues, phone metadata, fonts, the SMTP
    code) is not counted in the first scenario."""
    from bench import data
    from inbreng.messaging import services
    from inbreng.people.models import Channel

    people = data.make_participants(world, 20, rng, unreachable=0)
    people += data.make_participants(world, 2, rng, channels={Channel.LETTER: 1}, unreachable=0)
    people += data.make_participants(world, 2, rng, channels={Channel.EMAIL: 1}, unreachable=0)
    message = send_invitations(world, data.make_meeting(world, "Opwarmen", people))
    services.deliver_due(message.pk)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    try:
        letters_pdf(message)
    finally:
        logging.getLogger("weasyprint").setLevel(logging.NOTSET)
    sink.handler.reset()


# Running and reporting ------------------------------------------------------------------


def environment() -> list[str]:
    import django
    from django.db import connection

    from bench import database

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            server = f"PostgreSQL {cursor.fetchone()[0]}"
    else:
        import sqlite3

        server = f"SQLite {sqlite3.sqlite_version}"
    return [
        f"database: {database.describe()} ({server})",
        f"machine: {os.cpu_count()} CPUs, {platform.platform()}",
        f"Python {platform.python_version()}, Django {django.get_version()}",
        "load average before the run: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()),
    ]


def run(args: argparse.Namespace, sink: SmtpSink) -> list[Result]:
    from django.conf import settings
    from django.utils import translation

    from bench import data

    translation.activate(settings.LANGUAGE_CODE)
    rng = random.Random(args.seed)
    world = data.make_world()
    warm_up(world, rng, sink)
    results = []
    if args.recipients:
        results.append(enqueue_invitations(world, args.recipients, rng, args.profile))
    if args.emails:
        results.append(deliver_emails(world, args.emails, rng, sink, args.profile))
    if args.worker:
        results.append(deliver_through_worker(world, args.worker, rng, sink))
    if args.letters:
        results.append(print_letters(world, args.letters, rng, args.profile, args.keep))
    if args.letters_job:
        results += letters_job(world, args.letters_job, rng, args.profile, args.keep)
    return results


def report(results: list[Result], header: list[str], smoke: bool, profile: bool) -> None:
    rows = [(r.name, r.value(), r.limit(), "ok" if r.passed else "MISSED") for r in results]
    titles = ("scenario", "measured", "budget", "result")
    widths = [max(len(row[i]) for row in [titles, *rows]) for i in range(4)]
    print()
    for line in header:
        print(line)
    if smoke:
        print(
            f"smoke run: the budgets are for {ISSUE_RECIPIENTS:,} recipients, "
            f"{ISSUE_EMAILS:,} e-mails, {ISSUE_LETTERS:,} letters and a letters job of "
            f"{ISSUE_LETTERS_JOB:,}"
        )
    if profile:
        print("profiled run: times include cProfile's overhead and are not comparable")
    busiest = max([os.getloadavg()[0], *(r.load for r in results if r.load is not None)])
    if busiest > BUSY_LOAD:
        print(
            f"the machine was busy (1-minute load average up to {busiest:.2f}, of which about 1 "
            "is this benchmark): other processes competed for the CPUs, so these times are "
            "worse than on a quiet machine"
        )
    print()
    print("  ".join(t.ljust(w) for t, w in zip(titles, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for result, row in zip(results, rows, strict=True):
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))
        for detail in result.details:
            print(f"    {detail}")
    print()


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.messaging", description=__doc__.split("\n\n")[0] if __doc__ else ""
    )
    parser.add_argument("--recipients", type=int, default=ISSUE_RECIPIENTS, metavar="N")
    parser.add_argument("--emails", type=int, default=ISSUE_EMAILS, metavar="N")
    parser.add_argument("--letters", type=int, default=ISSUE_LETTERS, metavar="N")
    parser.add_argument(
        "--worker",
        type=int,
        default=0,
        metavar="N",
        help="also deliver N e-mails through a real `manage.py db_worker` process",
    )
    parser.add_argument(
        "--letters-job",
        type=int,
        default=0,
        metavar="N",
        help=f"scenario 4: N letters as one PDF from a real db_worker "
        f"(the issue's size: {ISSUE_LETTERS_JOB:,})",
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--profile",
        action="store_true",
        help="run the timed calls under cProfile; stats go to var/bench/*.pstats",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the benchmark database and var/bench/letters.pdf afterwards",
    )
    args = parser.parse_args(argv)
    for name in ("recipients", "emails", "letters", "worker", "letters_job"):
        if not 0 <= getattr(args, name) <= 1_000_000:
            parser.error(f"--{name} must be between 0 and 1,000,000")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # Everything the worker process needs comes from the environment (bench/settings.py).
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    with SmtpSink() as sink:
        os.environ["BENCH_SMTP_PORT"] = str(sink.port)
        # The letters job's file goes here, not into the site's own media.
        os.environ["MEDIA_ROOT"] = str(OUTPUT / "media")
        import django
        from django.core.management import call_command

        from bench import database

        database.create()
        try:
            django.setup()
            call_command("migrate", interactive=False, verbosity=0)
            header = environment()
            results = run(args, sink)
        except BenchError as error:
            print(f"benchmark invalid: {error}", file=sys.stderr)
            return 2
        finally:
            if args.keep:
                from django.db import connections

                connections.close_all()
                print(f"kept: {database.describe()}")
            else:
                database.drop()
    smoke = (
        0 < args.recipients < ISSUE_RECIPIENTS
        or 0 < args.emails < ISSUE_EMAILS
        or 0 < args.letters < ISSUE_LETTERS
        or 0 < args.letters_job < ISSUE_LETTERS_JOB
    )
    report(results, header, smoke, args.profile)
    return 0 if all(result.passed for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
