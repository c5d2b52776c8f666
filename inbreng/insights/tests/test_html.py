"""The insights pages with data in them (charts, errors) pass the Nu Html Checker too.

The matrix-wide check opens them with almost no data: no chart, no error list.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import Loop, World
from tests.test_html_standards import _checker_or_skip


def test_reach_report_and_import_errors_are_valid_html(
    world: World,
    loop: Loop,
    crafted: int,
    tmp_path: Path,
) -> None:
    command = _checker_or_skip()
    coordinator = world.client_for("coordinator")
    admin = world.client_for("admin")
    admin.post(
        reverse("insights:population"),
        {"file": SimpleUploadedFile("p.csv", b"jaar;vraag;antwoord;aantal\n2025;Leeftijd;x;-1\n")},
    )
    pages = {
        "reach": coordinator.get(reverse("insights:reach"), {"jaar": crafted}),
        "report": coordinator.get(reverse("insights:report", args=[crafted])),
        "preview": admin.get(reverse("insights:population_preview")),
    }
    files = []
    for name, response in pages.items():
        assert response.status_code == 200, name
        path = tmp_path / f"{name}.html"
        path.write_text(response.content.decode(), encoding="utf-8")
        files.append(str(path))
    assert "<svg" in pages["reach"].content.decode()
    result = subprocess.run(  # noqa: S603 - our own command, our own files
        [*command, "--errors-only", "--format", "json", "--stdout", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report: dict[str, Any] = json.loads(result.stdout or "{}")
    errors = [
        f"{Path(m.get('url', '')).stem} line {m.get('lastLine')}: {m.get('message')}"
        for m in report.get("messages", [])
        if m.get("type") == "error"
    ]
    assert not errors, "\n".join(errors)
