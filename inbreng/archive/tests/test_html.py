"""The memory's pages with data in them (hits, marks, errors) pass the Nu Html Checker too.

The matrix-wide check opens them with almost no data.
"""

from __future__ import annotations

from pathlib import Path

from django.urls import reverse

from conftest import World
from tests.test_html_standards import _checker_or_skip, vnu_errors

from .factories import dossier, hand_entry, put


def test_memory_pages_with_data_are_valid_html(world: World, tmp_path: Path) -> None:
    command = _checker_or_skip()
    put(
        world.org,
        "s",
        "Schulden & <b>huur</b>",
        "Gezinnen met schulden. " * 20,
        themes=["wonen"],
        body_name="College",
        status="open",
        group_name="Praatgroep",
    )
    put(world.other_org, "o", "Schulden elders", shareable=True)
    note = hand_entry(world.org)
    made = dossier(world.org)
    made.entries.add(note, through_defaults={"organisation": world.org})
    client = world.client_for("coordinator")
    pages = {
        "search": client.get(reverse("archive:search"), {"q": "\u202eschulden &"}),
        "long": client.get(reverse("archive:search"), {"q": "schuld " * 100, "year": "x"}),
        "entry": client.get(reverse("archive:entry", args=[note.pk])),
        "note_error": client.post(
            reverse("archive:entry_add"), {"kind": "note", "title": "", "text": "a@b.be"}
        ),
        "dossier": client.get(reverse("archive:dossier", args=[made.pk])),
        "dossiers": client.get(reverse("archive:dossiers")),
    }
    files = []
    for name, response in pages.items():
        assert response.status_code == 200, name
        path = tmp_path / f"{name}.html"
        path.write_text(response.content.decode(), encoding="utf-8")
        files.append(str(path))
    assert "<mark>" in pages["search"].content.decode()
    errors = vnu_errors(command, files)
    assert not errors, "\n".join(errors)
