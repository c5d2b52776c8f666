"""Demo data for surveys, called by `manage.py seed_demo` (SurveysConfig.seed_demo).

The satisfaction questionnaire from the template, one survey with one open wave, and some
complete responses in each mode: interviews by phone and in person, self-completion links
(one left half-way, to resume) and paper forms (one typed twice, with a difference to
check). The answers are drawn with a fixed seed. All made up.
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from django.utils import timezone

from inbreng.core.models import Organisation

from .models import Mode, QuestionKind, Response, SurveyQuestion
from .services import questionnaires, responses

OFFICES = ["Loket Centrum", "Loket Noord"]


def _raw(question: SurveyQuestion, rng: random.Random) -> list[str]:
    kind = question.kind
    if kind == QuestionKind.SCALE:
        return [str(rng.choices([1, 2, 3, 4, 5], weights=[1, 2, 4, 6, 4])[0])]
    if kind == QuestionKind.YES_NO:
        return [rng.choice(["yes", "no", "no"])]
    if kind == QuestionKind.NUMBER:
        return [str(rng.randint(1, 12))]
    if kind == QuestionKind.OPEN:
        return [rng.choice(["", "Minder lang wachten.", "Een vaste persoon om mee te praten."])]
    values = [c.value for c in question.choices.all()]
    if kind == QuestionKind.MULTIPLE:
        return rng.sample(values, rng.randint(1, 2))
    return [rng.choice(values)]


def _answer_all(response: Response, questions: list[SurveyQuestion], rng: random.Random) -> None:
    where = responses.route(questions, {})
    while where.current is not None:
        question = questions[where.current]
        where = responses.answer_record(
            response=response, questions=questions, question=question, raw=_raw(question, rng)
        )


def seed_surveys(organisation: Organisation, users: dict[str, Any]) -> None:
    rng = random.Random(13)  # noqa: S311 - demo data, not security
    coordinator, worker = users["coordinator"], users.get("worker", users["coordinator"])
    questionnaire = questionnaires.questionnaire_from_template(
        organisation=organisation, by=coordinator
    )
    survey = questionnaires.survey_create(
        organisation=organisation,
        title="Tevredenheid over het sociaal huis",
        purpose="Elke twee jaar vragen we wat cliënten van onze hulp vinden.",
        questionnaire=questionnaire,
        by=coordinator,
    )
    today = timezone.localdate()
    wave = questionnaires.wave_create(
        survey=survey,
        name=f"Najaar {today.year}",
        starts_on=today - timedelta(days=20),
        ends_on=today + timedelta(days=40),
        mode_mix={Mode.INTERVIEW_PHONE: 20, Mode.INTERVIEW_IN_PERSON: 20, Mode.SELF: 20},
        double_entry_every=5,
        by=coordinator,
    )
    questions = responses.questions_of(wave)
    for i, mode in enumerate([Mode.INTERVIEW_PHONE] * 4 + [Mode.INTERVIEW_IN_PERSON] * 4):
        response = responses.response_start(wave=wave, mode=mode, by=worker, stratum=OFFICES[i % 2])
        _answer_all(response, questions, rng)
    for i, language in enumerate(["nl", "nl", "fr", "ar"]):
        link, _token = responses.link_issue(
            wave=wave, language=language, by=coordinator, stratum=OFFICES[i % 2]
        )
        _answer_all(link.response, questions, rng)
    # One person stopped after three questions: the link takes them back to question four.
    half, _token = responses.link_issue(wave=wave, language="nl", by=coordinator)
    for question in questions[:3]:
        responses.answer_record(
            response=half.response, questions=questions, question=question, raw=_raw(question, rng)
        )
    for number in range(1, 6):
        values = {q.code: "|".join(_raw(q, rng)).replace("|", " ") for q in questions}
        responses.paper_entry_record(
            wave=wave, form_number=number, values=values, stratum=OFFICES[number % 2], by=worker
        )
        if number == 5:
            # Form 5 is typed a second time by someone else, with one slip of the finger.
            first = {q.code: v for q, v in zip(questions, values.values(), strict=True)}
            first["reception"] = "1" if first["reception"] != "1" else "2"
            responses.paper_entry_record(wave=wave, form_number=5, values=first, by=coordinator)
