"""Surveys for tests, on the shared `world` (conftest.py). Everything here is made up."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from conftest import World
from inbreng.surveys.models import Response, SurveyQuestion, Wave
from inbreng.surveys.services import questionnaires, responses


def satisfaction_wave(world: World, *, double_entry_every: int = 10) -> Wave:
    """The template questionnaire in a survey with one open wave."""
    by = world.users["coordinator"]
    questionnaire = questionnaires.questionnaire_from_template(organisation=world.org, by=by)
    survey = questionnaires.survey_create(
        organisation=world.org, title="Tevredenheid", questionnaire=questionnaire, by=by
    )
    today = timezone.localdate()
    return questionnaires.wave_create(
        survey=survey,
        name="Najaar",
        starts_on=today,
        ends_on=today + timedelta(days=30),
        double_entry_every=double_entry_every,
        by=by,
    )


def question(wave: Wave, code: str) -> SurveyQuestion:
    return wave.version.questions.get(code=code)


def interview(world: World, wave: Wave) -> Response:
    return responses.response_start(
        wave=wave, mode="interview_phone", by=world.users["social_worker"]
    )


# A complete paper form: every question of the template, typed as on the entry screen.
PAPER = {
    "contact": "1",
    "reason": "1 3",
    "reception": "4",
    "waiting": "2",
    "clarity": "5",
    "next_step": "j",
    "respect": "5",
    "visits": "3",
    "unsolved": "n",
    "unsolved_what": "",
    "overall": "4",
    "better": "Minder lang wachten.",
}


# For the authorization matrix (tests/test_authorization_matrix.py): each builds what one
# route needs in the world's organisation and returns the URL's kwargs.


def wave_kwargs(w: World, loop: object) -> dict[str, int]:
    return {"pk": satisfaction_wave(w).pk}


def survey_kwargs(w: World, loop: object) -> dict[str, int]:
    return {"pk": satisfaction_wave(w).survey_id}


def questionnaire_kwargs(w: World, loop: object) -> dict[str, int]:
    return {"pk": satisfaction_wave(w).survey.questionnaire_id}


def question_kwargs(w: World, loop: object) -> dict[str, int]:
    wave = satisfaction_wave(w)
    return {"pk": wave.survey.questionnaire_id, "question_pk": question(wave, "reception").pk}


def translation_kwargs(w: World, loop: object) -> dict[str, object]:
    return {**question_kwargs(w, loop), "language": "fr"}


def interview_kwargs(w: World, loop: object) -> dict[str, int]:
    return {"pk": interview(w, satisfaction_wave(w)).pk}


def difference_kwargs(w: World, loop: object) -> dict[str, int]:
    wave = satisfaction_wave(w, double_entry_every=1)
    responses.paper_entry_record(wave=wave, form_number=1, values=PAPER, by=w.users["admin"])
    responses.paper_entry_record(
        wave=wave, form_number=1, values={**PAPER, "overall": "1"}, by=w.users["social_worker"]
    )
    from inbreng.surveys.models import PaperDifference

    return {"pk": PaperDifference.objects.get(response__wave=wave).pk}
