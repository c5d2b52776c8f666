"""E-mail through a real SMTP server, with the task worker killed in the middle of a batch.

Everything runs as it does in production: a SQLite database file, `manage.py db_worker`
processes and an SMTP server (aiosmtpd) on the loopback address. The worker is killed
with SIGKILL after part of the batch went out; after a restart every recipient has the
message, and at most the one delivery cut between the server's acceptance and our record
of it arrives twice, with the same Message-ID.
"""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from email import message_from_bytes
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parents[3]
RECIPIENTS = 150
KILL_AFTER = 40

SEED = f"""
from django.utils import timezone
from inbreng.core.models import Organisation, User
from inbreng.messaging.services import Recipient, message_send
from inbreng.people.models import Participant

org = Organisation.objects.create(name="Sociaal Huis Test")
user = User.objects.create_user(username="coordinator", password="not-used-here-1234")
people = Participant.objects.bulk_create(
    Participant(organisation=org, name=f"Persoon {{n}}", email=f"p{{n}}@example.be",
                preferred_channel="email", last_activity_at=timezone.now())
    for n in range({RECIPIENTS})
)
message_send(organisation=org, kind="thanks", title="Bedankt",
             recipients=[Recipient(p) for p in people],
             context={{"onderwerp": "de praatgroep"}}, by=user)
"""


class Sink:
    """Counts what the SMTP server accepted, and is a little slow, like a real one."""

    def __init__(self) -> None:
        self.received: list[tuple[str, str]] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        time.sleep(0.01)
        mail = message_from_bytes(envelope.content)
        with self.lock:
            self.received.append((envelope.rcpt_tos[0], str(mail["Message-ID"])))
        return "250 OK"

    def count(self) -> int:
        with self.lock:
            return len(self.received)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def manage(env: dict[str, str], *args: str, **kwargs: Any) -> Any:
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=180,
        **kwargs,
    )


def wait_until(condition: Any, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def test_a_worker_killed_mid_batch_misses_nobody_and_repeats_no_message_id(
    tmp_path: Path,
) -> None:
    sink = Sink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    database = tmp_path / "inbreng.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DATABASE_URL": f"sqlite:///{database}",
        "SECRET_KEY": "a-test-secret-key-for-the-worker-crash-test-0123456789",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        "EMAIL_USE_TLS": "0",
        "MESSAGING_CLAIM_SECONDS": "2",
        "INBRENG_DEMO": "0",
        "INBRENG_SITE_URL": "https://inbreng.test",
    }
    try:
        manage(env, "migrate", "--no-input", "-v0")
        manage(env, "shell", "-c", SEED)

        worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.1"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            assert wait_until(lambda: sink.count() >= KILL_AFTER, 120), "the worker sent nothing"
            worker.send_signal(signal.SIGKILL)
        finally:
            worker.wait(timeout=30)
        sent_before_restart = sink.count()
        assert sent_before_restart < RECIPIENTS, "the batch finished before the kill"

        # A restart: the dead worker's claim expires, the outbox is resumed, a worker runs.
        time.sleep(2.5)
        manage(env, "resume_outbox")
        manage(env, "db_worker", "--batch", "--no-reload", "--no-startup-delay")
    finally:
        controller.stop()

    with sqlite3.connect(database) as db:
        keys = {
            email: f"<{key.replace('-', '')}@inbreng.test>"
            for email, key in db.execute(
                "SELECT p.email, d.key FROM messaging_delivery d "
                "JOIN people_participant p ON p.id = d.participant_id"
            )
        }
        statuses = Counter(
            status for (status,) in db.execute("SELECT status FROM messaging_delivery")
        )
    assert statuses == {"sent": RECIPIENTS}
    received_by = {email for email, _id in sink.received}
    assert received_by == set(keys), "somebody did not get the message"
    per_id = Counter(message_id for _email, message_id in sink.received)
    repeated = [message_id for message_id, n in per_id.items() if n > 1]
    assert len(repeated) <= 1, f"more than the one cut delivery arrived twice: {repeated}"
    assert all(n <= 2 for n in per_id.values())
    for email, message_id in sink.received:
        assert _same_id(message_id, keys[email]), "a copy carried another Message-ID"


def _same_id(header: str, expected: str) -> bool:
    return header.replace("-", "") == expected
