"""Survey results, sampling and selection in a real browser: axe-core with 0 violations, at
320 px without sideways scrolling, charts beside their tables."""

from __future__ import annotations

from typing import Any

import pytest

from .helpers import BrowserWorld, assert_accessible, assert_fits, click_and_load, login, visit

pytestmark = pytest.mark.browser


def _results(bworld: BrowserWorld) -> Any:
    from datetime import timedelta

    from django.utils import timezone

    from inbreng.surveys.services import questionnaires
    from inbreng.surveys.tests.results_factories import fill, frame_with_sample, results_wave

    wave = results_wave(bworld.world)
    frame_with_sample(bworld.world, wave, {"Noord": 300, "Zuid": 300})
    later = questionnaires.wave_create(
        survey=wave.survey,
        name="Voorjaar",
        starts_on=timezone.localdate() + timedelta(days=60),
        ends_on=timezone.localdate() + timedelta(days=90),
        by=bworld.users["coordinator"],
    )
    fill(later, {"Noord": 20, "Zuid": 20}, seed=3, shift=-1)
    return later


def test_results_pages_at_320_px(new_page: Any, bworld: BrowserWorld) -> None:
    wave = _results(bworld)
    page = new_page(viewport={"width": 320, "height": 640})
    login(page, bworld.users["coordinator"])
    visit(page, f"/bevragingen/rondes/{wave.pk}/resultaten/")
    assert_fits(page, "results overview")
    for code in ("overall", "next_step", "reason", "visits", "better"):
        question = wave.version.questions.get(code=code)
        visit(page, f"/bevragingen/rondes/{wave.pk}/resultaten/{question.pk}/")
        assert_fits(page, f"results of {code}")
    overall = wave.version.questions.get(code="overall")
    visit(page, f"/bevragingen/rondes/{wave.pk}/resultaten/{overall.pk}/")
    assert page.locator("svg.chart[role=img]").count() == 1
    assert (
        page.get_by_text("Vergeleken met", exact=False).count()
        + page.get_by_text("Compared with", exact=False).count()
        >= 1
    )


def test_sampling_and_selection_pages(page: Any, bworld: BrowserWorld, tmp_path: Any) -> None:
    from inbreng.surveys.tests.results_factories import frame_with_sample, pool_of

    sample = frame_with_sample(bworld.world, None, {"Noord": 30, "Zuid": 20})
    pool = pool_of(bworld.world)
    login(page, bworld.users["coordinator"])
    visit(page, "/bevragingen/steekproef/")
    assert_accessible(page, "sampling home")
    visit(page, f"/bevragingen/steekproef/kader/{sample.frame_id}/")
    assert_accessible(page, "frame with the draw form")
    visit(page, f"/bevragingen/steekproef/{sample.pk}/")
    assert page.get_by_text("777").count() >= 1
    assert_accessible(page, "sample with its seed")
    visit(page, f"/bevragingen/panel/{pool.pk}/")
    assert_accessible(page, "pool with quotas")
    page.locator("#id_size").fill("4")
    page.locator("#id_seed").fill("9")
    click_and_load(page, "main button[name=select]")
    assert "/bevragingen/panel/keuze/" in page.url
    assert_accessible(page, "chosen group")
    # A frame with mistakes: the errors per line, nothing stored.
    visit(page, "/bevragingen/steekproef/kader/nieuw/")
    bad = tmp_path / "kader.csv"
    bad.write_text("klantnummer;kantoor\nK1;Noord\nK1;Zuid\n", encoding="utf-8")
    page.locator("#id_name").fill("Cliënten")
    page.locator("#id_file").set_input_files(str(bad))
    click_and_load(page, "main button[type=submit]")
    assert page.locator(".error-summary li").count() >= 1
    assert_accessible(page, "frame upload with mistakes")
