"""The results and sampling pages in their filled states pass the Nu Html Checker."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from conftest import World
from inbreng.surveys.models import Selection
from inbreng.surveys.services import questionnaires
from tests.test_html_standards import _checker_or_skip, vnu_errors

from .factories import question
from .results_factories import fill, frame_with_sample, pool_of, results_wave

pytestmark = pytest.mark.django_db


def _pages(world: World) -> dict[str, str]:
    client = world.client_for("coordinator")
    before = results_wave(world)
    frame_with_sample(world, before, {"Noord": 300, "Zuid": 300})
    client.post(reverse("surveys:weights", kwargs={"pk": before.pk}))
    wave = questionnaires.wave_create(
        survey=before.survey,
        name="Voorjaar",
        starts_on=timezone.localdate() + timedelta(days=60),
        ends_on=timezone.localdate() + timedelta(days=90),
        by=world.users["coordinator"],
    )
    fill(wave, {"Noord": 20, "Zuid": 20, "Oost": 3}, seed=4, shift=-1)
    better = question(wave, "better")
    client.post(
        reverse("surveys:theme_add", kwargs={"pk": wave.pk, "question_pk": better.pk}),
        {"name": "Wachttijd"},
    )
    urls = {"overview": reverse("surveys:results", kwargs={"pk": wave.pk})}
    for code in ("overall", "next_step", "reason", "contact", "visits", "better"):
        urls[code] = reverse(
            "surveys:results_question",
            kwargs={"pk": wave.pk, "question_pk": question(wave, code).pk},
        )
    sample = frame_with_sample(world, None, {"Noord": 30, "Zuid": 20})
    pool = pool_of(world)
    selection = Selection.objects.create(
        organisation=world.org,
        pool=pool,
        size=2,
        seed=3,
        selected=["V00", "V01"],
        probabilities={"V00": 0.5, "V01": 0.5},
        checks=[
            {
                "feature": "geslacht",
                "category": "v",
                "minimum": 1,
                "maximum": 2,
                "chosen": 2,
                "volunteers": 8,
            }
        ],
    )
    urls |= {
        "sampling": reverse("surveys:sampling"),
        "frame": reverse("surveys:frame", kwargs={"pk": sample.frame_id}),
        "sample": reverse("surveys:sample", kwargs={"pk": sample.pk}),
        "pool": reverse("surveys:pool", kwargs={"pk": pool.pk}),
        "selection": reverse("surveys:selection", kwargs={"pk": selection.pk}),
        "upload": reverse("surveys:frame_upload"),
    }
    pages = {name: client.get(url).content.decode() for name, url in urls.items()}
    bad = SimpleUploadedFile("kader.csv", b"id;kantoor\nK1;Noord\nK1;\n")
    pages["upload_errors"] = client.post(
        reverse("surveys:frame_upload"), {"name": "Lijst", "file": bad}
    ).content.decode()
    good = SimpleUploadedFile("kader.csv", b"id;kantoor\nK1;Noord\nK2;Zuid\n")
    client.post(reverse("surveys:frame_upload"), {"name": "Lijst", "file": good})
    pages["preview"] = client.get(reverse("surveys:frame_preview")).content.decode()
    pages["draw_errors"] = client.post(
        reverse("surveys:frame", kwargs={"pk": sample.frame_id}),
        {"size": "999", "allocation": "minimum"},
    ).content.decode()
    return pages


def test_the_results_and_sampling_pages_have_no_html_errors(world: World, tmp_path: Path) -> None:
    command = _checker_or_skip()
    files = []
    for name, html in _pages(world).items():
        assert html.lstrip().lower().startswith("<!doctype html"), name
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        files.append(str(path))
    errors = vnu_errors(command, files)
    assert not errors, "\n".join(errors)
