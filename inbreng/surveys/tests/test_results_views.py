"""The results pages: estimates per question, weights, wave comparison, themes, exports."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from conftest import World
from inbreng.core.models import AuditEvent
from inbreng.insights.exports import read_csv
from inbreng.surveys import tallies
from inbreng.surveys.models import Answer, Response, Theme, ThemeCode
from inbreng.surveys.services import questionnaires

from .factories import question
from .results_factories import fill, frame_with_sample, results_wave

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def _get(client: Any, name: str, **kwargs: Any) -> Any:
    return client.get(reverse(name, kwargs=kwargs), HTTP_ACCEPT_LANGUAGE="en")


def test_it_shows_the_share_of_each_answer_with_its_interval(
    world: World, django_assert_max_num_queries: Any
) -> None:
    wave = results_wave(world)
    asked = question(wave, "next_step")
    client = world.client_for("policy_maker")
    # The answers are counted once after they change (derived state); the page reads counts.
    tallies.recount(wave)
    with django_assert_max_num_queries(20):
        response = client.get(
            reverse("surveys:results_question", kwargs={"pk": wave.pk, "question_pk": asked.pk})
        )
    assert response.status_code == 200
    rows = response.context["results"].rows
    assert [r.n for r in rows] == [
        Answer.objects.filter(question=asked, value=v).count() for v in ("yes", "no")
    ]
    yes = rows[0].weighted
    assert yes.lower < yes.estimate < yes.upper
    html = response.content.decode()
    assert "<svg" in html and "<table" in html
    # Two groups (strata): the breakdown per group is shown.
    assert [r.stratum for r in response.context["results"].strata] == ["Noord", "Zuid"]


def test_it_hides_answers_given_by_fewer_than_five(world: World) -> None:
    wave = questionnaires.wave_create(
        survey=results_wave(world).survey,
        name="Klein",
        starts_on=wave_start(world),
        ends_on=wave_start(world) + timedelta(days=3),
        by=world.users["coordinator"],
    )
    fill(wave, {"Noord": 3})
    asked = question(wave, "next_step")
    response = world.client_for("coordinator").get(
        reverse("surveys:results_question", kwargs={"pk": wave.pk, "question_pk": asked.pk})
    )
    results = response.context["results"]
    assert all(row.hidden for row in results.rows)
    with translation.override("nl"):
        shown = translation.gettext("not shown")
    assert response.content.decode().count(shown) >= len(results.rows)


def wave_start(world: World) -> Any:
    from django.utils import timezone

    return timezone.localdate() + timedelta(days=60)


def test_it_weights_to_the_frame_and_shows_both(world: World) -> None:
    wave = results_wave(world)
    sample = frame_with_sample(world, wave, {"Noord": 300, "Zuid": 300})
    client = world.client_for("coordinator")
    response = client.post(reverse("surveys:weights", kwargs={"pk": wave.pk}))
    assert response.status_code == 302
    # 30 answered in Noord and 12 in Zuid; each group stands for its 300 clients.
    weights = dict(Response.objects.filter(wave=wave).values_list("stratum", "weight").distinct())
    assert weights == pytest.approx({"Noord": 10.0, "Zuid": 25.0})
    sample.refresh_from_db()
    assert sample.weighted_at is not None
    asked = question(wave, "overall")
    page = client.get(
        reverse("surveys:results_question", kwargs={"pk": wave.pk, "question_pk": asked.pk})
    )
    mean = page.context["results"].mean
    scores = list(Answer.objects.filter(question=asked).values_list("response__stratum", "number"))
    by_group = {g: [n for s, n in scores if s == g] for g in ("Noord", "Zuid")}
    plain = sum(n for _s, n in scores) / len(scores)
    weighted = (sum(by_group["Noord"]) / 30 + sum(by_group["Zuid"]) / 12) / 2
    assert mean.unweighted.estimate == pytest.approx(plain)
    assert mean.weighted.estimate == pytest.approx(weighted)


def test_it_compares_with_the_wave_before(world: World) -> None:
    before = results_wave(world)
    later = questionnaires.wave_create(
        survey=before.survey,
        name="Voorjaar",
        starts_on=wave_start(world),
        ends_on=wave_start(world) + timedelta(days=30),
        by=world.users["coordinator"],
    )
    fill(later, {"Noord": 30, "Zuid": 12}, seed=2, shift=-2)
    asked = question(later, "overall")
    page = world.client_for("coordinator").get(
        reverse("surveys:results_question", kwargs={"pk": later.pk, "question_pk": asked.pk})
    )
    results = page.context["results"]
    assert results.previous == before
    _label, difference = results.comparison[0]
    assert difference.difference < 0
    assert difference.lower <= difference.difference <= difference.upper
    with translation.override("nl"):
        compared = translation.gettext("Compared with %(name)s") % {"name": "Voorjaar"}
    assert compared.split(" ")[0] in page.content.decode()


def test_it_lists_open_answers_and_counts_themes(world: World) -> None:
    wave = results_wave(world)
    asked = question(wave, "better")
    client = world.client_for("coordinator")
    url = reverse("surveys:results_question", kwargs={"pk": wave.pk, "question_pk": asked.pk})
    client.post(
        reverse("surveys:theme_add", kwargs={"pk": wave.pk, "question_pk": asked.pk}),
        {"name": "Wachttijd"},
    )
    theme = Theme.objects.get(wave=wave, question=asked)
    waiting = list(
        Answer.objects.filter(question=asked, value="Minder lang wachten.").values_list(
            "pk", flat=True
        )
    )
    client.post(
        reverse("surveys:answers_code", kwargs={"pk": wave.pk, "question_pk": asked.pk}),
        {"theme": theme.pk, "answer": [str(pk) for pk in waiting]},
    )
    assert ThemeCode.objects.filter(theme=theme).count() == len(waiting)
    page = client.get(url)
    assert page.context["themes"][0].n == len(waiting)
    assert AuditEvent.objects.filter(object_type="survey_open_answers").exists()
    # A policy maker reads the answers and the themes, but does not code them.
    reader = world.client_for("policy_maker").get(url)
    assert reader.status_code == 200
    assert 'name="answer"' not in reader.content.decode()


def test_it_exports_one_row_per_response(world: World) -> None:
    wave = results_wave(world)
    response = world.client_for("coordinator").get(
        reverse("surveys:export_responses", kwargs={"pk": wave.pk, "fmt": "csv"})
    )
    assert response.status_code == 200
    rows = read_csv(b"".join(response.streaming_content))
    codes = list(wave.version.questions.order_by("position").values_list("code", flat=True))
    assert rows[0][5:] == codes
    assert len(rows) == 1 + 42
    assert {row[2] for row in rows[1:]} == {"Noord", "Zuid"}


def test_it_exports_the_results_table(world: World) -> None:
    wave = results_wave(world)
    response = world.client_for("policy_maker").get(
        reverse("surveys:export_results", kwargs={"pk": wave.pk, "fmt": "xlsx"})
    )
    assert response.status_code == 200
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Vraag"  # the page language: Dutch
    next_step = [r for r in rows if r[0] == "next_step"]
    assert len(next_step) == 2
    assert next_step[0][4] < next_step[0][2] < next_step[0][5]


def test_a_policy_maker_cannot_download_the_raw_responses(world: World) -> None:
    wave = results_wave(world)
    response = world.client_for("policy_maker").get(
        reverse("surveys:export_responses", kwargs={"pk": wave.pk, "fmt": "csv"})
    )
    assert response.status_code == 403


def test_another_organisation_sees_no_results(world: World) -> None:
    wave = results_wave(world)
    response = world.client_for("other_org").get(reverse("surveys:results", kwargs={"pk": wave.pk}))
    assert response.status_code == 404


@pytest.mark.parametrize("per_stratum", [6, 60])
def test_the_results_pages_keep_their_query_budget(
    world: World, django_assert_max_num_queries: Any, per_stratum: int
) -> None:
    from .factories import satisfaction_wave

    wave = satisfaction_wave(world)
    fill(wave, {"Noord": per_stratum, "Zuid": per_stratum})
    frame_with_sample(world, wave, {"Noord": 200, "Zuid": 200})
    client = world.client_for("coordinator")
    client.post(reverse("surveys:weights", kwargs={"pk": wave.pk}))
    tallies.recount(wave)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("surveys:results", kwargs={"pk": wave.pk})).status_code == 200
    for code in ("overall", "reason", "visits", "better"):
        url = reverse(
            "surveys:results_question",
            kwargs={"pk": wave.pk, "question_pk": question(wave, code).pk},
        )
        with django_assert_max_num_queries(20):
            assert client.get(url).status_code == 200


def test_it_counts_again_when_responses_change(world: World) -> None:
    wave = results_wave(world)
    asked = question(wave, "next_step")
    url = reverse("surveys:results_question", kwargs={"pk": wave.pk, "question_pk": asked.pk})
    client = world.client_for("coordinator")
    first = client.get(url).context["results"].answered
    fill(wave, {"Noord": 5}, seed=9)
    assert client.get(url).context["results"].answered == first + 5
