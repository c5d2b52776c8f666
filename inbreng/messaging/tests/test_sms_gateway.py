"""The SMS gateways: the file backend by default, and the HTTP adapter against a local server."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest

from inbreng.messaging.sms import FileGateway, HttpGateway, SmsError, gateway


class Provider(BaseHTTPRequestHandler):
    """A pretend SMS provider: answers with the status the test asks for."""

    status = 200
    received: list[dict[str, Any]] = []

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        Provider.received.append(
            {"auth": self.headers["Authorization"], **json.loads(self.rfile.read(length))}
        )
        self.send_response(Provider.status)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def provider() -> Iterator[str]:
    Provider.received = []
    Provider.status = 200
    server = HTTPServer(("127.0.0.1", 0), Provider)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/send"
    server.shutdown()
    server.server_close()


def test_it_posts_the_text_with_the_token_and_the_reference(provider: str) -> None:
    HttpGateway(provider, token="secret").send(to="+32470123456", text="Dag Anouk", key="k-1")
    assert Provider.received == [
        {"auth": "Bearer secret", "to": "+32470123456", "text": "Dag Anouk", "reference": "k-1"}
    ]


def test_a_refusal_is_permanent_and_a_server_error_is_not(provider: str) -> None:
    Provider.status = 400
    with pytest.raises(SmsError) as refused:
        HttpGateway(provider).send(to="+32470123456", text="x", key="k")
    assert refused.value.permanent
    Provider.status = 503
    with pytest.raises(SmsError) as down:
        HttpGateway(provider).send(to="+32470123456", text="x", key="k")
    assert not down.value.permanent


def test_an_unreachable_provider_is_retried_later() -> None:
    with pytest.raises(SmsError) as error:
        HttpGateway("http://127.0.0.1:9/none", timeout=1).send(to="+32470123456", text="x", key="k")
    assert not error.value.permanent


def test_the_gateway_must_use_https() -> None:
    with pytest.raises(ValueError, match="https"):
        HttpGateway("http://sms.example.be/send")


def test_the_file_backend_keeps_every_text(tmp_path: Path) -> None:
    path = tmp_path / "sms.jsonl"
    FileGateway(path).send(to="+32470123456", text="Dag Anouk", key="k-1")
    FileGateway(path).send(to="+32470999888", text="مرحبا", key="k-2")
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [(line["to"], line["text"]) for line in lines] == [
        ("+32470123456", "Dag Anouk"),
        ("+32470999888", "مرحبا"),
    ]


def test_settings_pick_the_backend(settings: Any, tmp_path: Path) -> None:
    settings.SMS_GATEWAY = {"BACKEND": "file", "OPTIONS": {"path": str(tmp_path / "out.jsonl")}}
    assert isinstance(gateway(), FileGateway)
    settings.SMS_GATEWAY = {"BACKEND": "http", "OPTIONS": {"url": "https://sms.example.be/send"}}
    assert isinstance(gateway(), HttpGateway)
