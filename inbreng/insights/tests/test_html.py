"""The insights pages with data in them (charts, errors) pass the Nu Html Checker too.

The matrix-wide check opens them with almost no data: no chart, no error list.
"""

from __future__ import annotations

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import Loop, World
from tests.test_html_standards import _checker_or_skip, vnu_errors


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
    errors = vnu_errors(command, files)
    assert not errors, "\n".join(errors)


def test_trend_trajectory_and_report_with_signals_are_valid_html(
    world: World, loop: Loop, tmp_path: Path
) -> None:
    from .test_report_signals import make_signals
    from .test_trend import came, meeting_in, this_year

    command = _checker_or_skip()
    year = this_year(loop)
    came(world, meeting_in(loop, year - 1), 8, age_band="u25")
    came(world, meeting_in(loop, year - 1), 3, age_band="65p")
    came(world, loop.meeting, 9, age_band="u25")
    came(world, loop.meeting, 6, age_band="65p")
    make_signals(world, loop)
    coordinator = world.client_for("coordinator")
    pages = {
        "trend": coordinator.get(reverse("insights:reach"), {"jaar": year}),
        "trajectory": coordinator.get(
            reverse("insights:reach"),
            {"jaar": year, "traject": loop.trajectory.pk, "groep": loop.group.pk},
        ),
        "report": coordinator.get(reverse("insights:report", args=[year])),
    }
    files = []
    for name, response in pages.items():
        assert response.status_code == 200, name
        path = tmp_path / f"{name}.html"
        path.write_text(response.content.decode(), encoding="utf-8")
        files.append(str(path))
    assert 'class="chart chart--small"' in pages["trend"].content.decode()
    assert "field-error" in pages["trajectory"].content.decode()
    errors = vnu_errors(command, files)
    assert not errors, "\n".join(errors)
