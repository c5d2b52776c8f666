"""The documented production start works: gunicorn with config/gunicorn.conf.py."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

from tests.ops.pgcluster import free_port

ROOT = Path(__file__).resolve().parents[2]


def test_it_serves_with_the_workers_asked_for_and_keeps_query_strings_out_of_the_log(
    tmp_path: Path,
) -> None:
    port = free_port()
    log = tmp_path / "gunicorn.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "SECRET_KEY": "a-test-secret-that-is-long-enough-for-the-check",
        "SQLITE_PATH": str(tmp_path / "db.sqlite3"),
        "STATIC_ROOT": str(tmp_path / "static"),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
    }
    env.pop("DATABASE_URL", None)
    with log.open("w") as out:
        server = subprocess.Popen(  # noqa: S603 - gunicorn from this virtualenv
            [
                str(ROOT / ".venv" / "bin" / "gunicorn"),
                "-c",
                "config/gunicorn.conf.py",
                "config.wsgi:application",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        body = b""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                url = f"http://127.0.0.1:{port}/healthz?t=personal-token-123"
                with urllib.request.urlopen(url, timeout=5) as response:
                    body = response.read()
                break
            except OSError:
                time.sleep(0.3)
        assert body == b'{"status": "ok", "database": "ok"}'
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)

    text = log.read_text()
    assert text.count("Booting worker") == 2
    assert '"GET /healthz" 200' in text
    # A personal link's token (or a search term) never reaches the access log.
    assert "personal-token-123" not in text
