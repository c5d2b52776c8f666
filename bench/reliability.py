"""Reliability under load (issue 14): restart PostgreSQL, stop the read replica and kill the
task worker while the app serves a busy morning twice over, and check that it recovers.

    .venv/bin/python -m bench.reliability              # 300 s, results to docs/benchmarks.md
    .venv/bin/python -m bench.reliability --quick      # 60 s smoke run, var/bench/

It starts everything it disturbs itself: its own PostgreSQL primary and streaming replica
(initdb and pg_basebackup -R in a temporary folder, free ports, run as the postgres user, as
tests/ops/pgcluster.py does), so restarting them disturbs nobody. Then: `migrate`,
`seed_demo --scale city --factor F`, sessions for staff and a participant's personal-link
session (bench.pages.sessions), gunicorn with config/gunicorn.conf.py, one
`manage.py db_worker` supervised as systemd would (started again 1 s after it dies), and an
SMTP sink (bench/sink.py) that records every Message-ID it receives.

The load: `--rate` requests a second (default 10, about twice a busy morning, see
docs/benchmarks.md), open loop from a thread pool with a 30 s client timeout: staff pages,
the personal page and, every few seconds, a reminder sent to a meeting's invitees by e-mail
through the real two-step form (preview, then send). Events, at fixed points of the run:
the replica stops at 1/6 and starts again at 1/4, PostgreSQL restarts
(`pg_ctl restart -m fast`) at 1/3, and the task worker is killed with SIGKILL at 2/3.

Afterwards every e-mail delivery of the run must be `sent` and the sink must have received
each one's Message-ID exactly once. The report gives per event the error window (first and
last failing second, errors, seconds until requests succeed again), the largest latency and
whether any request passed 30 s. Exit status 1 when a budget is missed, 2 when it cannot run.
"""

from __future__ import annotations

import argparse
import html.parser
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.sink import SmtpSink

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"
START = "<!-- bench.reliability results: start -->"
END = "<!-- bench.reliability results: end -->"
DB_NAME = "inbreng_reliability"

# Budgets of issue 14 ("recovers by itself within seconds").
RECOVERY_BUDGET_S = 10.0
CLIENT_TIMEOUT_S = 30.0
# The dead worker's batch is taken over when its claim runs out: short here, so that it
# happens within the run (production: 300 s, docs/operations.md).
CLAIM_SECONDS = 20
SEND_EVERY_S = 5.0
# A request that waited this long for a free client thread is not sent at all.
LATE = "waited 30 s in the client"


def log(text: str) -> None:
    sys.stderr.write(f"[{time.strftime('%H:%M:%S', time.gmtime())}] {text}\n")
    sys.stderr.flush()


# Data --------------------------------------------------------------------------------------


@dataclass
class Target:
    url: str
    role: str
    weight: int


def prepare(factor: float) -> tuple[dict[str, str], list[Target], int, int]:
    """Loads the data; returns the sessions, the pages, the meeting that gets reminders and
    the number of people each reminder reaches by e-mail."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count

    from bench import database, pages
    from inbreng.core.models import Membership
    from inbreng.participation.models import Invitation, Meeting
    from inbreng.people.models import Participant

    database.create()
    started = time.monotonic()
    call_command("migrate", verbosity=0)
    call_command("seed_demo", scale="city", factor=factor, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    log(f"Data loaded in {time.monotonic() - started:.0f} s")

    organisation = Membership.objects.get(user__username="coordinator").organisation_id
    # A coming meeting with a dozen or two invitees: each reminder reaches them by e-mail
    # (the SMTP sink), so a lost or repeated message shows.
    from django.utils import timezone

    meeting = (
        Meeting.objects.filter(organisation=organisation, starts_at__gt=timezone.now())
        .annotate(n=Count("invitations"))
        .filter(n__gte=5)
        .order_by("n", "pk")
        .first()
    )
    if meeting is None:
        raise RuntimeError("no coming meeting with invitees in the data")
    invited = list(
        Invitation.objects.filter(meeting=meeting)
        .exclude(reply=Invitation.Reply.NO)
        .values_list("participant_id", flat=True)[:25]
    )
    Invitation.objects.filter(meeting=meeting).exclude(participant_id__in=invited).delete()
    for pk in invited:
        Participant.objects.filter(pk=pk).update(
            email=f"reliability-{pk}@example.be", preferred_channel="email"
        )

    cookies = pages.sessions()
    items = {page.key: page for page in pages.pages()}
    targets = [
        Target("/bench/floor/", "coordinator", 4),
        Target("/", "coordinator", 6),
        Target("/", "service", 4),
        Target("/deelnemers/", "coordinator", 4),
        Target(items["group_median"].url, "coordinator", 4),
        Target(items["participant"].url, "coordinator", 4),
        Target(f"/bijeenkomsten/{meeting.pk}/", "coordinator", 3),
        Target("/berichten/", "coordinator", 3),
        Target("/mijn/", "participant", 8),
    ]
    return cookies, [t for t in targets if t.role in cookies], meeting.pk, len(invited)


# Processes ---------------------------------------------------------------------------------


def start_web(
    port: int, workers: int, env: dict[str, str], logfile: Path
) -> subprocess.Popen[bytes]:
    """gunicorn as in production (config/gunicorn.conf.py), with the benchmark's settings."""
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    web_env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": str(workers)}
    with logfile.open("ab") as out:
        server = subprocess.Popen(  # noqa: S603 - our own executable and arguments
            [gunicorn, "-c", "config/gunicorn.conf.py", "config.wsgi:application"],
            cwd=ROOT,
            env=web_env,
            stdout=out,
            stderr=out,
            start_new_session=True,
        )
    import socket

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            if server.poll() is not None:
                raise RuntimeError(f"gunicorn stopped at start-up, see {logfile}") from None
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not start within 60 s")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


class Supervisor:
    """Runs `manage.py db_worker` and starts it again 1 s after it dies, as systemd's
    `Restart=always` does (deploy/systemd/inbreng-worker@.service)."""

    def __init__(self, env: dict[str, str], logfile: Path) -> None:
        self.env = env
        self.logfile = logfile
        self.process: subprocess.Popen[bytes] | None = None
        self.running = True
        self.deaths: list[tuple[float, int]] = []  # (monotonic time, exit code)
        self.starts: list[float] = []
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._lock = threading.Lock()

    def start(self) -> None:
        self._thread.start()

    def _spawn(self) -> subprocess.Popen[bytes]:
        with self.logfile.open("ab") as out:
            return subprocess.Popen(
                [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.5"],
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=out,
                start_new_session=True,
            )

    def _resume(self) -> bool:
        """`manage.py resume_outbox` before each start, as the unit's `ExecStartPre=` would:
        it queues delivery again for messages a dead worker left behind."""
        with self.logfile.open("ab") as out:
            done = subprocess.run(
                [sys.executable, "manage.py", "resume_outbox"],
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=out,
                timeout=120,
                check=False,
            )
        return done.returncode == 0

    def _loop(self) -> None:
        while self.running:
            if not self._resume():
                # The database is not back yet: like a failed ExecStartPre, try again.
                self.deaths.append((time.monotonic(), -1))
                time.sleep(1.0)
                continue
            with self._lock:
                if not self.running:
                    return
                self.process = self._spawn()
                self.starts.append(time.monotonic())
            code = self.process.wait()
            if not self.running:
                return
            self.deaths.append((time.monotonic(), code))
            time.sleep(1.0)

    def kill(self) -> int | None:
        """SIGKILL to the worker, waiting up to 30 s for one that runs (it may be starting)."""
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with self._lock:
                if self.process is not None and self.process.poll() is None:
                    self.process.send_signal(signal.SIGKILL)
                    return self.process.pid
            time.sleep(0.2)
        return None

    def close(self) -> None:
        with self._lock:
            self.running = False
            if self.process is not None:
                stop(self.process)
        self._thread.join(timeout=40)


# Load --------------------------------------------------------------------------------------


@dataclass
class Sample:
    # Seconds since the load started when the answer came. A failure is dated by its answer:
    # on a busy machine a request may wait seconds in gunicorn's queue before a worker
    # takes it, and it fails (or not) when it is handled, not when it was sent.
    at: float
    seconds: float  # from sending to the answer: what the 30 s budget is about
    ok: bool
    what: str
    error: str = ""
    waited: float = 0.0  # how long it waited for a free client thread before it was sent


class _Form(html.parser.HTMLParser):
    """The inputs of the form that holds `name="seen"` (the send step), or the CSRF token."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[list[tuple[str, str]]] = []
        self._current: list[tuple[str, str]] | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._current = []
            self.forms.append(self._current)
        elif self._current is not None and tag == "input" and values.get("name"):
            if values.get("type") not in ("checkbox", "radio") or "checked" in values:
                self._current.append((values["name"], values.get("value", "")))
        elif self._current is not None and tag == "textarea":
            self._textarea = values.get("name")
            self._current.append((self._textarea or "", ""))

    def handle_data(self, data: str) -> None:
        if self._current is not None and self._textarea:
            name, text = self._current[-1]
            self._current[-1] = (name, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._current = None


class Load:
    def __init__(
        self,
        base: str,
        cookies: dict[str, str],
        targets: list[Target],
        meeting: int,
        rate: float,
    ) -> None:
        self.base = base
        self.cookies = cookies
        self.targets = targets
        self.meeting = meeting
        self.rate = rate
        self.samples: list[Sample] = []
        self.sends_ok = 0
        self.sends_failed = 0
        self._lock = threading.Lock()
        self.t0 = 0.0

    def _request(
        self, path: str, role: str, data: dict[str, str] | list[tuple[str, str]] | None = None
    ) -> tuple[int, str]:
        headers = {"Cookie": f"sessionid={self.cookies[role]}; csrftoken={CSRF}"}
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = CSRF
            headers["Referer"] = self.base + path
        request = urllib.request.Request(self.base + path, data=body, headers=headers)  # noqa: S310
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            with opener.open(request, timeout=CLIENT_TIMEOUT_S) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            if error.code in (301, 302, 303):
                return error.code, ""
            return error.code, ""

    def _record(
        self, due: float, ok: bool, what: str, error: str = "", sent: float | None = None
    ) -> None:
        end = time.monotonic()
        start = sent if sent is not None else end
        sample = Sample(end - self.t0, end - start, ok, what, error, start - due)
        with self._lock:
            self.samples.append(sample)

    def _late(self, scheduled: float, what: str) -> bool:
        """A request that waited for a free client thread past the client timeout counts as
        failed without being sent: the server was that far behind."""
        if time.monotonic() - scheduled < CLIENT_TIMEOUT_S:
            return False
        self._record(scheduled, False, what, LATE)
        return True

    def page(self, target: Target, scheduled: float) -> None:
        # Latency counts from when the request was due, so a server that falls behind
        # shows it even when the client's threads are all waiting.
        if self._late(scheduled, target.url):
            return
        sent = time.monotonic()
        try:
            status, _ = self._request(target.url, target.role)
        except Exception as error:
            self._record(scheduled, False, target.url, type(error).__name__, sent)
            return
        problem = "" if status == 200 else str(status)
        self._record(scheduled, status == 200, target.url, problem, sent)

    def send(self, scheduled: float) -> None:
        """A reminder through the two steps a coordinator takes: preview, then send."""
        path = f"/bijeenkomsten/{self.meeting}/bericht/"
        ok = False
        if self._late(scheduled, "POST preview"):
            self.sends_failed += 1
            return
        for step in ("preview", "confirm"):
            due = scheduled if step == "preview" else time.monotonic()
            sent = time.monotonic()
            try:
                if step == "preview":
                    status, body = self._request(path, "coordinator", {"kind": "reminder"})
                    fields = _send_form(body)
                    good = status == 200 and fields is not None
                else:
                    assert fields is not None
                    status, _ = self._request(path, "coordinator", [*fields, ("confirm", "1")])
                    good = status == 302
            except Exception as error:
                self._record(due, False, f"POST {step}", type(error).__name__, sent)
                break
            self._record(due, good, f"POST {step}", "" if good else str(status), sent)
            if not good:
                break
            ok = step == "confirm"
        with self._lock:
            if ok:
                self.sends_ok += 1
            else:
                self.sends_failed += 1

    def run(self, seconds: float, events: list[tuple[float, Any]]) -> None:
        weights = [t for t in self.targets for _ in range(t.weight)]
        pool = ThreadPoolExecutor(max_workers=64)
        self.t0 = time.monotonic()
        pending = sorted(events, key=lambda e: e[0])
        n = 0
        next_send = 2.0
        try:
            while True:
                now = time.monotonic() - self.t0
                if now >= seconds:
                    break
                while pending and pending[0][0] <= now:
                    _, action = pending.pop(0)
                    threading.Thread(target=action, daemon=True).start()
                if now >= next_send:
                    pool.submit(self.send, time.monotonic())
                    next_send += SEND_EVERY_S
                pool.submit(self.page, weights[n % len(weights)], time.monotonic())
                n += 1
                time.sleep(max(0.0, n / self.rate - (time.monotonic() - self.t0)))
        finally:
            pool.shutdown(wait=True)


CSRF = "reliabilitybench0123456789abcdef"  # a fixed token: the cookie and header agree


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _send_form(body: str) -> list[tuple[str, str]] | None:
    parser = _Form()
    parser.feed(body)
    for form in parser.forms:
        if any(name == "seen" for name, _ in form):
            return [(k, v) for k, v in form if k not in ("confirm", "edit")]
    return None


# Events ------------------------------------------------------------------------------------


@dataclass
class Event:
    name: str
    at: float = 0.0  # seconds since the load started
    took: float = 0.0  # how long the action itself took (e.g. pg_ctl restart)
    note: str = ""


@dataclass
class Run:
    events: list[Event] = field(default_factory=list)


def pg_ctl(clusters: Any, cluster: Any, action: str) -> None:
    """Stops, starts or restarts one of the clusters, with the options and log file it was
    first started with (tests/ops/pgcluster.py): the server must not inherit our pipes."""
    options = (
        f"-p {cluster.port} -k {clusters.root} -c listen_addresses=127.0.0.1 "
        "-c fsync=off -c full_page_writes=off"
    )
    args = ["-m", "fast"] if action in ("stop", "restart") else []
    if action in ("start", "restart"):
        args += ["-o", options, "-l", str(cluster.log)]
    clusters.run(
        str(clusters.bin / "pg_ctl"), "-D", str(cluster.data), *args, "-w", "-t", "60", action,
        timeout=120,
    )  # fmt: skip


def timed_event(load: Load, run: Run, name: str, action: Any) -> Any:
    def go() -> None:
        event = Event(name, at=time.monotonic() - load.t0)
        run.events.append(event)
        started = time.monotonic()
        try:
            event.note = action() or ""
        except Exception as error:
            event.note = f"failed: {type(error).__name__}: {str(error)[:200]}"
        event.took = time.monotonic() - started
        log(f"{name} at {event.at:.1f} s ({event.took:.1f} s) {event.note}")

    return go


# Analysis ----------------------------------------------------------------------------------


@dataclass
class Window:
    event: Event
    errors: int
    first: float | None
    last: float | None
    recovered_after: float  # seconds from the event until requests succeed again
    requests: int


def window(samples: list[Sample], event: Event, until: float) -> Window:
    """Failures of requests answered between the event and the next one. Requests never sent
    because the server was far behind (the machine's capacity, not the event) are left out:
    the report counts them apart."""
    inside = [s for s in samples if event.at - 1 <= s.at < until and s.error != LATE]
    failing = [s for s in inside if not s.ok]
    if not failing:
        return Window(event, 0, None, None, 0.0, len(inside))
    last = max(s.at for s in failing)
    return Window(
        event,
        len(failing),
        min(s.at for s in failing) - event.at,
        last - event.at,
        max(0.0, last - event.at),
        len(inside),
    )


def deliveries_check(since: int, sink: SmtpSink, wait_seconds: float) -> dict[str, Any]:
    """Waits until every e-mail delivery made during the run is final; then compares the
    deliveries with what the sink received, per Message-ID."""
    from django.db import close_old_connections

    from inbreng.messaging.models import Delivery

    deadline = time.monotonic() + wait_seconds
    final = {Delivery.Status.SENT, Delivery.Status.FAILED}
    while True:
        close_old_connections()
        rows = list(
            Delivery.objects.filter(message__pk__gt=since, channel="email").values_list(
                "key", "status"
            )
        )
        if all(status in final for _, status in rows) or time.monotonic() > deadline:
            break
        time.sleep(1)
    from inbreng.core.mail import message_id

    statuses = Counter(status for _, status in rows)
    expected = {message_id(str(key)) for key, _ in rows}
    received = Counter(sink.handler.message_ids)
    details = Delivery.objects.filter(message__pk__gt=since, channel="email")
    (ROOT / "var" / "bench" / "reliability-mail.csv").write_text(
        "message,delivery,status,attempts,last_error,received\n"
        + "".join(
            f"{m},{pk},{status},{attempts},{error},{received[message_id(str(key))]}\n"
            for m, pk, key, status, attempts, error in details.values_list(
                "message_id", "pk", "key", "status", "attempts", "last_error"
            )
        )
    )
    return {
        "deliveries": len(rows),
        "statuses": dict(statuses),
        "received": sum(received.values()),
        "lost": len(expected - set(received)),
        "repeated": sorted(k for k, n in received.items() if n > 1),
        "unexpected": len(set(received) - expected),
    }


# Report ------------------------------------------------------------------------------------


def per_second(samples: list[Sample], seconds: int) -> list[tuple[int, int, float]]:
    ok = [0] * (seconds + 1)
    bad = [0] * (seconds + 1)
    slow = [0.0] * (seconds + 1)
    for s in samples:
        second = min(int(s.at), seconds)
        if s.ok:
            ok[second] += 1
        else:
            bad[second] += 1
        slow[second] = max(slow[second], s.seconds)
    return [(ok[i], bad[i], slow[i]) for i in range(seconds + 1)]


def report(
    options: argparse.Namespace,
    command: str,
    load: Load,
    run: Run,
    windows: list[Window],
    mail: dict[str, Any],
    supervisor: Supervisor,
    replica_note: str,
) -> tuple[list[str], list[str]]:
    samples = load.samples
    missed: list[str] = []
    worst = max((s.seconds for s in samples), default=0.0)
    over = sum(1 for s in samples if s.seconds >= CLIENT_TIMEOUT_S or s.error == "TimeoutError")
    waited = max((s.waited for s in samples), default=0.0)
    errors = Counter(s.error for s in samples if not s.ok)
    lines = [
        START,
        "",
        f"Command: `{command}`  ",
        f"Run: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.2f} at the end; gunicorn {options.workers} sync "
        f"workers (config/gunicorn.conf.py), 1 task worker; data `seed_demo --scale city "
        f"--factor {options.factor}`; {options.seconds} s at {options.rate:.0f} req/s offered.",
        "",
        f"{len(samples):,} requests ({len(samples) / options.seconds:.1f}/s), "
        f"{sum(1 for s in samples if not s.ok)} failed"
        + (f" ({', '.join(f'{k} × {v}' for k, v in errors.most_common())})" if errors else "")
        + f"; largest latency {worst:.2f} s (sent to answered; the longest wait for a free "
        f"client thread before sending {waited:.1f} s); requests over {CLIENT_TIMEOUT_S:.0f} s: "
        f"{over}; "
        f"reminders sent through the form: {load.sends_ok} (failed: {load.sends_failed}).",
        "",
        "| event | at s | action took s | failed requests | first / last failing s after "
        "| requests succeed again after s | budget ≤ 10 s |",
        "|---|---|---|---|---|---|---|",
    ]
    for w in windows:
        span = f"{w.first:.1f} / {w.last:.1f}" if w.first is not None else "–"
        met = w.recovered_after <= RECOVERY_BUDGET_S and not w.event.note.startswith("failed")
        if not met:
            missed.append(f"{w.event.name}: recovered after {w.recovered_after:.1f} s")
        lines.append(
            f"| {w.event.name}{' (' + w.event.note + ')' if w.event.note else ''} | "
            f"{w.event.at:.0f} | {w.event.took:.1f} | {w.errors} of {w.requests} | {span} | "
            f"{w.recovered_after:.1f} | {'yes' if met else '**no**'} |"
        )
    if over:
        missed.append(f"{over} requests took {CLIENT_TIMEOUT_S:.0f} s or more")
    late = errors.get(LATE, 0)
    if late:
        missed.append(
            f"the machine did not keep up with {options.rate:.0f} req/s ({late} requests were "
            "not sent after waiting 30 s for a client thread)"
        )
    deaths = ", ".join(f"{at - load.t0:.0f} s (exit {code})" for at, code in supervisor.deaths)
    lines += [
        "",
        f"Task worker: started {len(supervisor.starts)} times; died at {deaths or 'never'}.  ",
        f"Messages: {mail['deliveries']} e-mail deliveries made during the run, statuses "
        f"{mail['statuses']}; the SMTP sink received {mail['received']}: lost "
        f"{mail['lost']}, Message-IDs received more than once {len(mail['repeated'])}, "
        f"unknown {mail['unexpected']}.  ",
        f"Replica: {replica_note}",
        "",
    ]
    if mail["lost"] or mail["repeated"] or mail["unexpected"]:
        missed.append(f"messages lost {mail['lost']}, repeated {len(mail['repeated'])}")
    not_final = sum(n for s, n in mail["statuses"].items() if s not in ("sent", "failed"))
    if not_final:
        missed.append(f"{not_final} deliveries not final")
    if not load.sends_ok:
        missed.append("no reminder was sent through the form")
    lines.append("All budgets met." if not missed else "Missed: " + "; ".join(missed) + ".")
    lines += ["", END]
    return lines, missed


def write(lines: list[str], quick: bool) -> Path:
    text = "\n".join(lines) + "\n"
    if quick:
        target = ROOT / "var" / "bench" / "reliability-quick.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
        return target
    current = DOC.read_text()
    if START in current and END in current:
        head, rest = current.split(START, 1)
        DOC.write_text(head + text.rstrip("\n") + rest.split(END, 1)[1])
    else:
        DOC.write_text(current.rstrip("\n") + "\n\n" + text)
    return DOC


# Main --------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.reliability", description=__doc__)
    parser.add_argument("--seconds", type=int, default=300)
    parser.add_argument("--rate", type=float, default=10.0, help="requests a second offered")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers")
    parser.add_argument("--factor", type=float, default=0.05, help="city data size")
    parser.add_argument("--no-replica", action="store_true")
    parser.add_argument("--quick", action="store_true", help="smoke run of 60 s")
    options = parser.parse_args(argv)
    if options.quick:
        options.seconds = 60
    command = "python -m bench.reliability " + " ".join(argv if argv is not None else sys.argv[1:])

    sys.path.insert(0, str(ROOT))
    from tests.ops.pgcluster import make_clusters, missing_requirement

    problem = missing_requirement()
    if problem:
        log(f"Cannot start PostgreSQL clusters: {problem}")
        return 2
    logs = ROOT / "var" / "bench"
    logs.mkdir(parents=True, exist_ok=True)
    for name in ("reliability-web.log", "reliability-worker.log"):
        (logs / name).write_text("")
    clusters = make_clusters()
    web = None
    supervisor = None
    try:
        primary = clusters.start_primary()
        replica = None if options.no_replica else clusters.start_replica(primary)
        log(
            f"PostgreSQL primary on {primary.port}"
            + (f", replica on {replica.port}" if replica else "")
        )
        with SmtpSink() as sink:
            env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "bench.reliability_settings",
                "DATABASE_URL": primary.url,
                "BENCH_DB_NAME": DB_NAME,
                "BENCH_SMTP_PORT": str(sink.port),
                "MESSAGING_CLAIM_SECONDS": str(CLAIM_SECONDS),
                "DATABASE_REPLICA_RETRY_SECONDS": "5",
                "INBRENG_SITE_URL": "https://inbreng.example",
                "LOG_LEVEL": "ERROR",
            }
            env.pop("DATABASE_REPLICA_URL", None)
            if replica is not None:
                env["DATABASE_REPLICA_URL"] = replica.url.rsplit("/", 1)[0] + "/" + DB_NAME
            os.environ.clear()
            os.environ.update(env)
            import django

            django.setup()
            from django.db import connections
            from django.db.models import Max

            from inbreng.messaging.models import Message

            cookies, targets, meeting, reach = prepare(options.factor)
            connections.close_all()
            # Messages of the run: those made after the data (whose dates span a year).
            since = Message.objects.aggregate(last=Max("pk"))["last"] or 0

            from bench.pages import free_port

            port = free_port()
            web = start_web(port, options.workers, env, logs / "reliability-web.log")
            supervisor = Supervisor(env, logs / "reliability-worker.log")
            supervisor.start()
            load = Load(f"http://127.0.0.1:{port}", cookies, targets, meeting, options.rate)
            for target in targets:  # warm every worker
                for _ in range(options.workers * 2):
                    load.page(target, time.monotonic())
            load.samples.clear()

            run = Run()
            total = options.seconds
            events: list[tuple[float, Any]] = []
            if replica is not None:
                events.append(
                    (total / 6, timed_event(load, run, "replica stopped",
                        lambda: pg_ctl(clusters, replica, "stop")))
                )  # fmt: skip
                events.append(
                    (total / 4, timed_event(load, run, "replica started again",
                        lambda: pg_ctl(clusters, replica, "start")))
                )  # fmt: skip
            events.append(
                (total / 3, timed_event(load, run, "PostgreSQL restart",
                    lambda: pg_ctl(clusters, primary, "restart")))
            )  # fmt: skip

            def kill() -> str:
                pid = supervisor.kill() if supervisor else None
                return "worker was not running" if pid is None else ""

            events.append(
                (2 * total / 3, timed_event(load, run, "task worker killed (SIGKILL)", kill))
            )
            log(
                f"Load: {options.rate:.0f} req/s for {total} s; "
                f"each reminder reaches {reach} by e-mail"
            )
            load.run(total, events)
            log(f"Load done: {len(load.samples)} requests")

            run.events.sort(key=lambda e: e.at)
            windows = []
            for i, event in enumerate(run.events):
                until = run.events[i + 1].at if i + 1 < len(run.events) else total
                windows.append(window(load.samples, event, until))
            baseline = [
                s for s in load.samples if s.at < (run.events[0].at if run.events else total)
            ]
            mail = deliveries_check(since, sink, wait_seconds=CLAIM_SECONDS + 60)
            replica_note = "not used (--no-replica)."
            if replica is not None:
                stopped = next((w for w in windows if w.event.name == "replica stopped"), None)
                if stopped is not None:
                    reads = [
                        s for s in load.samples
                        if stopped.event.at <= s.at < stopped.event.at + total / 12
                        and not s.what.startswith("POST")
                    ]  # fmt: skip
                    good = sum(1 for s in reads if s.ok)
                    replica_note = (
                        f"while it was down, {good} of {len(reads)} page requests answered "
                        "(read from the primary)."
                    )
            lines, missed = report(
                options, command.strip(), load, run, windows, mail, supervisor, replica_note
            )
            bad_before = sum(1 for s in baseline if not s.ok)
            if bad_before:
                missed.append(f"{bad_before} requests failed before any event")
                lines.insert(-2, f"Also failed before any event: {bad_before}.")
            seconds_table = per_second(load.samples, total)
            (logs / "reliability-seconds.csv").write_text(
                "second,ok,failed,max_latency_s\n"
                + "".join(f"{i},{o},{b},{m:.3f}\n" for i, (o, b, m) in enumerate(seconds_table))
            )
            written = write(lines, options.quick)
            print("\n".join(lines[2:-2]))
            log(
                f"Written to {written.relative_to(ROOT)}; "
                "per second in var/bench/reliability-seconds.csv"
            )
            return 1 if missed else 0
    finally:
        if supervisor is not None:
            supervisor.close()
        if web is not None:
            stop(web)
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # noqa: S110 - Django may not be set up yet
            pass
        clusters.close()


if __name__ == "__main__":
    sys.exit(main())
