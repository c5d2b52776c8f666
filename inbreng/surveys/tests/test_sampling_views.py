"""Importing a frame, drawing a sample, and choosing a group from volunteers, as pages."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from conftest import World
from inbreng.surveys.models import FrameUnit, Sample, SampleUnit, SamplingFrame, Selection

from .results_factories import frame_of, pool_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def _upload(client: Any, text: str, name: str = "Cliënten") -> Any:
    return client.post(
        reverse("surveys:frame_upload"),
        {"name": name, "file": SimpleUploadedFile("kader.csv", text.encode("utf-8"))},
    )


def test_it_refuses_a_frame_with_mistakes_and_names_the_lines(world: World) -> None:
    client = world.client_for("coordinator")
    response = _upload(client, "klantnummer;kantoor\nK1;Noord\nK1;Zuid\nK3;\n")
    assert response.status_code == 200
    errors = response.context["errors"]
    assert [line for line, _message in errors] == [3, 4]
    html = response.content.decode()
    assert "Line 3:" in html or "Regel 3:" in html
    # What was typed stays: the name is still in the form.
    assert 'value="Cliënten"' in html
    assert not SamplingFrame.objects.exists()


def test_it_imports_a_frame_after_the_preview_and_draws_a_sample(world: World) -> None:
    client = world.client_for("coordinator")
    lines = ["klantnummer;kantoor"] + [
        f"K{i:03d};{'Noord' if i < 60 else 'Zuid'}" for i in range(100)
    ]
    response = _upload(client, "\n".join(lines))
    assert response.status_code == 302
    preview = client.get(reverse("surveys:frame_preview"))
    assert preview.context["sizes"] == [("Noord", 60), ("Zuid", 40)]
    assert not SamplingFrame.objects.exists()  # nothing stored before the preview is confirmed
    stored = client.post(reverse("surveys:frame_preview"), {"save": "1"})
    frame = SamplingFrame.objects.get()
    assert stored.url == reverse("surveys:frame", kwargs={"pk": frame.pk})
    assert FrameUnit.objects.filter(frame=frame).count() == 100

    drawn = client.post(
        reverse("surveys:frame", kwargs={"pk": frame.pk}),
        {"size": "10", "allocation": "proportional", "reserve": "3", "seed": "12345"},
    )
    sample = Sample.objects.get()
    assert drawn.url == reverse("surveys:sample", kwargs={"pk": sample.pk})
    assert sample.allocation_plan == {"Noord": 6, "Zuid": 4}
    assert SampleUnit.objects.filter(sample=sample, kind="reserve").count() == 6
    page = client.get(drawn.url)
    assert "12345" in page.content.decode()

    # The same seed again gives the same people.
    client.post(
        reverse("surveys:frame", kwargs={"pk": frame.pk}),
        {"size": "10", "allocation": "proportional", "reserve": "3", "seed": "12345"},
    )
    first, second = Sample.objects.order_by("pk")
    assert set(SampleUnit.objects.filter(sample=first).values_list("unit", "kind")) == set(
        SampleUnit.objects.filter(sample=second).values_list("unit", "kind")
    )


def test_it_refuses_a_sample_larger_than_the_frame(world: World) -> None:
    frame = frame_of(world)
    client = world.client_for("coordinator")
    response = client.post(
        reverse("surveys:frame", kwargs={"pk": frame.pk}),
        {"size": "51", "allocation": "proportional", "reserve": "0"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["size"]
    assert 'value="51"' in response.content.decode()


def test_it_chooses_a_group_against_the_quotas(world: World) -> None:
    pool = pool_of(world)
    client = world.client_for("coordinator")
    page = client.get(reverse("surveys:pool", kwargs={"pk": pool.pk}))
    rows = page.context["quota_rows"]
    data: dict[str, str] = {"quotas": "1"}
    for quota, _low, _high in rows:
        data[f"q-min_{quota.pk}"] = "2"
        data[f"q-max_{quota.pk}"] = "2" if quota.feature == "geslacht" else "3"
    assert client.post(reverse("surveys:pool", kwargs={"pk": pool.pk}), data).status_code == 302
    chosen = client.post(
        reverse("surveys:pool", kwargs={"pk": pool.pk}), {"select": "1", "size": "4", "seed": "9"}
    )
    selection = Selection.objects.get()
    assert chosen.url == reverse("surveys:selection", kwargs={"pk": selection.pk})
    assert len(selection.selected) == 4
    assert all(
        check["minimum"] <= check["chosen"] <= check["maximum"] for check in selection.checks
    )
    shown = client.get(chosen.url)
    assert len(shown.context["chances"]) == 12


def test_it_says_when_the_quotas_cannot_be_met(world: World) -> None:
    pool = pool_of(world)
    client = world.client_for("coordinator")
    response = client.post(
        reverse("surveys:pool", kwargs={"pk": pool.pk}), {"select": "1", "size": "13"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["size"]


@pytest.mark.parametrize("size", [20, 200])
def test_the_sampling_pages_keep_their_query_budget(
    world: World, django_assert_max_num_queries: Any, size: int
) -> None:
    from .results_factories import frame_with_sample

    sample = frame_with_sample(world, None, {"Noord": size, "Zuid": size})
    pool = pool_of(world)
    client = world.client_for("coordinator")
    for url in (
        reverse("surveys:sampling"),
        reverse("surveys:frame", kwargs={"pk": sample.frame_id}),
        reverse("surveys:sample", kwargs={"pk": sample.pk}),
        reverse("surveys:pool", kwargs={"pk": pool.pk}),
    ):
        with django_assert_max_num_queries(16):
            assert client.get(url).status_code == 200
