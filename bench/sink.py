"""An SMTP server on 127.0.0.1 that accepts every message and only counts it.

It runs in a thread of the benchmark process (aiosmtpd's threaded controller) and knows
nothing of Django, so it can start before Django is configured.
"""

from __future__ import annotations

import socket
import threading
from email.parser import BytesHeaderParser
from types import TracebackType
from typing import Any

from aiosmtpd.controller import Controller


def free_port() -> int:
    """A port that was free a moment ago. The sink binds it right after."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class CountingHandler:
    """Counts messages and remembers their Message-IDs."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._parser = BytesHeaderParser()
        self.count = 0
        self.message_ids: list[str] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        content = envelope.original_content or envelope.content or b""
        message_id = self._parser.parsebytes(content).get("Message-ID", "")
        with self._lock:
            self.count += 1
            self.message_ids.append(str(message_id))
        return "250 Message accepted"

    def reset(self) -> None:
        with self._lock:
            self.count = 0
            self.message_ids = []


class SmtpSink:
    """`with SmtpSink() as sink:` serves on 127.0.0.1:`sink.port` until the block ends."""

    def __init__(self) -> None:
        self.handler = CountingHandler()
        self.port = free_port()
        self._controller = Controller(
            self.handler, hostname="127.0.0.1", port=self.port, ready_timeout=10.0
        )

    def __enter__(self) -> SmtpSink:
        self._controller.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._controller.stop()
