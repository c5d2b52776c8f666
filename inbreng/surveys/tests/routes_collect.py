"""Authorization-matrix rows for the questionnaire, interview, self-completion and paper pages
(tests/test_authorization_matrix.py imports them). svs keeps the results/sampling rows."""

from __future__ import annotations

from typing import Any

from .factories import (
    difference_kwargs,
    interview_kwargs,
    question_kwargs,
    questionnaire_kwargs,
    survey_kwargs,
    translation_kwargs,
    wave_kwargs,
)

MANAGERS = {"admin", "coordinator"}
COLLECTORS = {"admin", "coordinator", "social_worker"}
VIEWERS = {"admin", "coordinator", "social_worker", "policy_maker"}


def collect_routes(route: Any) -> dict[str, Any]:
    """`route` is the matrix's Route class."""
    return {
        "surveys:home": route(VIEWERS),
        "surveys:survey_new": route(MANAGERS),
        "surveys:questionnaire_new": route(MANAGERS),
        "surveys:survey": route(VIEWERS, kwargs=survey_kwargs, scoped=True),
        "surveys:wave_new": route(MANAGERS, kwargs=survey_kwargs, scoped=True),
        "surveys:questionnaire": route(MANAGERS, kwargs=questionnaire_kwargs, scoped=True),
        "surveys:question_add": route(MANAGERS, kwargs=questionnaire_kwargs, scoped=True),
        "surveys:question_edit": route(MANAGERS, kwargs=question_kwargs, scoped=True),
        "surveys:question_delete": route(
            MANAGERS, kwargs=question_kwargs, scoped=True, method="post", ok=302
        ),
        "surveys:question_move": route(
            MANAGERS, kwargs=question_kwargs, scoped=True, method="post", ok=302
        ),
        "surveys:translation": route(MANAGERS, kwargs=translation_kwargs, scoped=True),
        "surveys:wave": route(VIEWERS, kwargs=wave_kwargs, scoped=True),
        "surveys:wave_status": route(
            MANAGERS, kwargs=wave_kwargs, scoped=True, method="post", ok=302
        ),
        "surveys:interview_start": route(
            COLLECTORS, kwargs=wave_kwargs, scoped=True, method="post", ok=302
        ),
        "surveys:link_new": route(
            COLLECTORS, kwargs=wave_kwargs, scoped=True, method="post", ok=302
        ),
        "surveys:paper_pdf": route(COLLECTORS, kwargs=wave_kwargs, scoped=True),
        "surveys:paper_entry": route(COLLECTORS, kwargs=wave_kwargs, scoped=True),
        "surveys:paper_choose": route(
            COLLECTORS, kwargs=wave_kwargs, scoped=True, method="post", ok=302
        ),
        "surveys:checks": route(MANAGERS, kwargs=wave_kwargs, scoped=True),
        "surveys:resolve": route(
            MANAGERS, kwargs=difference_kwargs, scoped=True, method="post", ok=302
        ),
        "surveys:interview": route(COLLECTORS, kwargs=interview_kwargs, scoped=True),
        # The respondent's pages: no staff login. Without a token or a session they refuse
        # everyone kindly: an unknown link is a 404, a page without a session a 403.
        "surveys:self_open": route(set(), public=True, ok=404),
        "surveys:self_question": route(set(), public=True, ok=403),
        "surveys:self_language": route(set(), public=True, method="post", ok=403),
        "surveys:self_thanks": route(set(), public=True, ok=403),
    }
