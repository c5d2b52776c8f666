"""Authorization-matrix rows for survey results, sampling and selection (svs)."""

from __future__ import annotations

from typing import Any

MANAGERS = {"admin", "coordinator"}
RESULT_READERS = {"admin", "coordinator", "policy_maker"}


def _wave(w: Any) -> Any:
    from .factories import satisfaction_wave
    from .results_factories import fill, frame_with_sample

    wave = satisfaction_wave(w)
    fill(wave, {"Noord": 6})
    frame_with_sample(w, wave, {"Noord": 40})
    return wave


def wave_pk(w: Any, loop: Any) -> dict[str, Any]:
    return {"pk": _wave(w).pk}


def wave_fmt(fmt: str) -> Any:
    return lambda w, loop: {"pk": _wave(w).pk, "fmt": fmt}


def wave_question(code: str) -> Any:
    def kwargs(w: Any, loop: Any) -> dict[str, Any]:
        wave = _wave(w)
        return {"pk": wave.pk, "question_pk": wave.version.questions.get(code=code).pk}

    return kwargs


def frame_pk(w: Any, loop: Any) -> dict[str, Any]:
    from .results_factories import frame_of

    return {"pk": frame_of(w).pk}


def sample_pk(w: Any, loop: Any) -> dict[str, Any]:
    from .results_factories import frame_with_sample

    return {"pk": frame_with_sample(w, None, {"Noord": 20, "Zuid": 20}).pk}


def pool_pk(w: Any, loop: Any) -> dict[str, Any]:
    from .results_factories import pool_of

    return {"pk": pool_of(w).pk}


def selection_pk(w: Any, loop: Any) -> dict[str, Any]:
    from inbreng.surveys.models import Selection

    from .results_factories import pool_of

    pool = pool_of(w)
    made = Selection.objects.create(
        organisation=w.org,
        pool=pool,
        size=2,
        seed=1,
        selected=["V00", "V01"],
        probabilities={"V00": 0.5, "V01": 0.5},
    )
    return {"pk": made.pk}


def survey_result_routes(route: Any) -> dict[str, Any]:
    return {
        "surveys:results": route(RESULT_READERS, kwargs=wave_pk, scoped=True),
        "surveys:results_question": route(
            RESULT_READERS, kwargs=wave_question("overall"), scoped=True
        ),
        "surveys:theme_add": route(
            MANAGERS, kwargs=wave_question("better"), method="post", ok=302, scoped=True
        ),
        "surveys:answers_code": route(
            MANAGERS, kwargs=wave_question("better"), method="post", ok=302, scoped=True
        ),
        "surveys:weights": route(MANAGERS, kwargs=wave_pk, method="post", ok=302, scoped=True),
        "surveys:export_responses": route(MANAGERS, kwargs=wave_fmt("csv"), scoped=True),
        "surveys:export_results": route(RESULT_READERS, kwargs=wave_fmt("xlsx"), scoped=True),
        "surveys:sampling": route(MANAGERS),
        "surveys:frame_upload": route(MANAGERS),
        "surveys:frame_preview": route(MANAGERS, ok=302),
        "surveys:frame": route(MANAGERS, kwargs=frame_pk, scoped=True),
        "surveys:sample": route(MANAGERS, kwargs=sample_pk, scoped=True),
        "surveys:pool_upload": route(MANAGERS),
        "surveys:pool": route(MANAGERS, kwargs=pool_pk, scoped=True),
        "surveys:selection": route(MANAGERS, kwargs=selection_pk, scoped=True),
    }
