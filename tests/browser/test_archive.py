"""The memory (inbreng/archive) with data in it: axe-core 0 violations, also at 320 px."""

from __future__ import annotations

from typing import Any

import pytest

from inbreng.archive.tests.factories import dossier, hand_entry, put

from .helpers import (
    WIDTH,
    BrowserWorld,
    assert_accessible,
    assert_fits,
    click_and_load,
    login,
    visit,
)

pytestmark = pytest.mark.browser


def test_search_entry_and_dossier_pages(new_page: Any, bworld: BrowserWorld) -> None:
    org = bworld.org
    put(
        org,
        "s1",
        "Schulden door energiefacturen",
        "Gezinnen met schulden wachten lang. " * 8,
        themes=["schulden", "energie"],
        body_name="College",
        status="open",
        group_name="Praatgroep",
    )
    for i in range(25):
        put(org, f"e{i}", f"Huur en schulden {i}", "De huur stijgt.")
    note = hand_entry(org)
    made = dossier(org)
    made.entries.add(note, through_defaults={"organisation": org})
    for width in (1280, WIDTH):
        page = new_page(viewport={"width": width, "height": 800})
        login(page, bworld.users["coordinator"])
        check = assert_fits if width == WIDTH else assert_accessible
        visit(page, "/geheugen/?q=schulden")
        assert page.locator("mark").count() > 0
        check(page, "memory search with hits")
        click_and_load(page, "main .search-result__title a")
        check(page, "memory entry")
        visit(page, f"/geheugen/{note.pk}/bewerken/")
        page.locator("#id_text").fill("Bel 0470 12 34 56.")
        click_and_load(page, "main form.form button[type=submit]")
        assert page.locator("#id_text_error").is_visible()
        check(page, "memory note form with an error")
        visit(page, "/geheugen/dossiers/")
        check(page, "dossier list")
        visit(page, f"/geheugen/dossiers/{made.pk}/")
        check(page, "dossier")
        visit(page, "/geheugen/?year=twintig")
        check(page, "memory search with a wrong filter")
