"""A small, pluggable SMS gateway.

`settings.SMS_GATEWAY = {"BACKEND": "file" | "console" | "memory" | "http", "OPTIONS": {...}}`.
The file backend (the default) appends each text to a JSON-lines file, so a developer or a
test can read what would have gone out. The HTTP backend posts JSON to a provider's API;
docs/messaging.md shows how to connect a real provider.
"""

from __future__ import annotations

import json
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Protocol

from django.conf import settings
from django.utils import timezone


class SmsError(Exception):
    """Sending failed. `permanent` means retrying will not help (e.g. a refused number)."""

    def __init__(self, reason: str, *, permanent: bool = False) -> None:
        super().__init__(reason)
        self.permanent = permanent


class SmsGateway(Protocol):
    def send(self, *, to: str, text: str, key: str) -> None:
        """Sends one text; `key` is the idempotency key a provider may use to drop copies."""


class FileGateway:
    def __init__(self, path: str | Path = "var/sms-outbox.jsonl") -> None:
        self.path = Path(path)

    def send(self, *, to: str, text: str, key: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps(
            {"to": to, "text": text, "key": key, "at": timezone.now().isoformat()},
            ensure_ascii=False,
        )
        with self.path.open("a", encoding="utf-8") as file:
            file.write(line + "\n")


class ConsoleGateway:
    def send(self, *, to: str, text: str, key: str) -> None:
        sys.stdout.write(f"SMS to {to} [{key}]\n{text}\n\n")


class MemoryGateway:
    """For tests: every text sent lands in `MemoryGateway.outbox`."""

    outbox: list[dict[str, str]] = []
    _lock = threading.Lock()

    def send(self, *, to: str, text: str, key: str) -> None:
        with self._lock:
            MemoryGateway.outbox.append({"to": to, "text": text, "key": key})


class HttpGateway:
    """Posts `{"to", "text", "reference"}` as JSON with a bearer token to a provider.

    A 4xx answer is permanent (the number or text was refused); 5xx and network errors
    are retried by the outbox.
    """

    def __init__(self, url: str, token: str = "", timeout: float = 10.0) -> None:
        if not url.startswith("https://") and not url.startswith("http://127.0.0.1"):
            raise ValueError("The SMS gateway URL must use https.")
        self.url = url
        self.token = token
        self.timeout = timeout

    def send(self, *, to: str, text: str, key: str) -> None:
        data = json.dumps({"to": to, "text": text, "reference": key}).encode()
        request = urllib.request.Request(  # noqa: S310 - the scheme is checked above
            self.url,
            data=data,
            method="POST",
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {self.token}"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:  # noqa: S310
                answer.read()
        except urllib.error.HTTPError as error:
            raise SmsError(f"gateway answered {error.code}", permanent=error.code < 500) from None
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise SmsError(f"gateway unreachable: {type(error).__name__}") from None


GATEWAYS: dict[str, type[Any]] = {
    "file": FileGateway,
    "console": ConsoleGateway,
    "memory": MemoryGateway,
    "http": HttpGateway,
}


def gateway() -> SmsGateway:
    config = getattr(settings, "SMS_GATEWAY", {"BACKEND": "file"})
    backend: SmsGateway = GATEWAYS[config["BACKEND"]](**config.get("OPTIONS", {}))
    return backend
