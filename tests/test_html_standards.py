"""Every page Inbreng serves passes the Nu Html Checker (vnu) with 0 errors.

The pages are the ones the authorization matrix declares: each GET route, opened by the
first role allowed to see it, plus the participant's own pages. All of them go to one run of
the checker (it starts a Java VM, so once is enough).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from conftest import ROLES, Loop, World
from tests.test_authorization_matrix import ROUTES

ROOT = Path(__file__).resolve().parent.parent
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Who opens a page: the role that sees the most of it.
PREFERENCE = ["coordinator", "admin", *ROLES]


def _checker_or_skip() -> list[str]:
    java = shutil.which("java")
    if java and VNU.is_file():
        return [java, "-Xss4m", "-jar", str(VNU)]
    message = (
        "The Nu Html Checker needs Java and node_modules/vnu-jar "
        "(apt-get install default-jre-headless; npm ci)."
    )
    if os.environ.get("INBRENG_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{message} INBRENG_REQUIRE_BROWSER=1 makes this a failure.", pytrace=False)
    pytest.skip(message)


def vnu_errors(command: list[str], files: Sequence[str | Path]) -> list[str]:
    """The Nu Html Checker's errors over `files`, one line each: file, line, message, extract."""
    result = subprocess.run(  # noqa: S603 - our own command, our own files
        [*command, "--errors-only", "--format", "json", "--stdout", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report: dict[str, Any] = json.loads(result.stdout or "{}")
    return [
        f"{Path(m.get('url', '')).stem} line {m.get('lastLine')}: {m.get('message')} "
        f"«{(m.get('extract') or '').strip()[:120]}»"
        for m in report.get("messages", [])
        if m.get("type") == "error"
    ]


def _staff_pages(world: World, loop: Loop) -> dict[str, str]:
    pages: dict[str, str] = {}
    clients: dict[str, Client] = {}
    for name, route in sorted(ROUTES.items()):
        if route.method != "get":
            continue
        actors = [a for a in PREFERENCE if a in route.allowed] or (
            ["anonymous"] if route.public else []
        )
        if not actors:
            continue
        actor = actors[0]
        if actor not in clients:
            clients[actor] = Client() if actor == "anonymous" else world.client_for(actor)
        response = clients[actor].get(reverse(name, kwargs=route.kwargs(world, loop)))
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            pages[name] = response.content.decode()
    return pages


def _participant_pages(world: World) -> dict[str, str]:
    from inbreng.participation import selectors, services
    from inbreng.participation.views.personal import LANGUAGE_KEY, SESSION_KEY, page_session

    link = services.link_issue(participant=world.participant, by=None)
    pages = {}
    for language in ("nl", "ar"):
        client = Client()
        session = client.session
        session[SESSION_KEY] = page_session(world.participant)
        session[LANGUAGE_KEY] = language
        session.save()
        pages[f"my_page.{language}"] = client.get(reverse("participation:my_page")).content.decode()
        for question in selectors.my_question_order(world.participant):
            url = reverse("participation:my_question", args=[question])
            pages[f"my_question.{question}.{language}"] = client.get(url).content.decode()
    pages["open_link"] = Client().get(services.link_path(link)).content.decode()
    return pages


def test_every_page_has_no_html_errors(world: World, loop: Loop, tmp_path: Path) -> None:
    command = _checker_or_skip()
    pages = {**_staff_pages(world, loop), **_participant_pages(world)}
    assert len(pages) > 40, "the matrix should give most pages"
    assert any(name.startswith("my_question.") for name in pages), "a question's own page"
    files = []
    for name, html in pages.items():
        if not html.lstrip().lower().startswith("<!doctype html"):
            continue  # a redirect page or a fragment
        path = tmp_path / f"{name.replace(':', '__')}.html"
        path.write_text(html, encoding="utf-8")
        files.append(str(path))
    errors = vnu_errors(command, files)
    assert not errors, "The Nu Html Checker found errors:\n" + "\n".join(errors)
