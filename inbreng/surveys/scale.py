"""Surveys at a city's scale: a 30-question wave with its responses, for `seed_demo --scale`
and bench.surveys.

A city-sized organisation gets 100,000 responses (the size issue 13's results page must
handle); a smaller one a few thousand, in proportion. Fictional answers, written in bulk.
"""

from __future__ import annotations

import random
from typing import Any

from .models import Answer, Response

RESPONSES_PER_CITY = 100_000
RESPONSES_PER_SMALLER_CITY = 5_000
STRATA = ["Noord", "Zuid", "Oost", "West", "Centrum", "Haven"]
MODES = ["interview_phone", "interview_in_person", "self", "paper"]
KINDS = ["scale1_5"] * 12 + ["yes_no"] * 6 + ["single"] * 6 + ["multiple"] * 3
KINDS += ["number"] * 2 + ["open"]


def make_wave(organisation: Any, user: Any) -> tuple[Any, list[Any]]:
    from datetime import date

    from .models import (
        Choice,
        Questionnaire,
        QuestionnaireVersion,
        Survey,
        SurveyQuestion,
        Wave,
    )

    questionnaire = Questionnaire.objects.create(
        organisation=organisation, title="Tevredenheid", created_by=user
    )
    version = QuestionnaireVersion.objects.create(
        organisation=organisation, questionnaire=questionnaire, number=1, created_by=user
    )
    questions = []
    for position, kind in enumerate(KINDS, start=1):
        question = SurveyQuestion.objects.create(
            organisation=organisation,
            version=version,
            position=position,
            code=f"v{position:02d}",
            kind=kind,
            text=f"Vraag {position}",
            optional=kind in ("open", "number"),
        )
        if kind in ("single", "multiple"):
            Choice.objects.bulk_create(
                Choice(
                    organisation=organisation,
                    question=question,
                    position=i,
                    value=str(i),
                    label=f"Antwoord {i}",
                )
                for i in range(1, 5)
            )
        questions.append(question)
    survey = Survey.objects.create(
        organisation=organisation, title="Tevredenheid 2026", questionnaire=questionnaire
    )
    wave = Wave.objects.create(
        organisation=organisation,
        survey=survey,
        version=version,
        name="Najaar 2026",
        starts_on=date(2026, 10, 1),
        ends_on=date(2026, 11, 30),
    )
    return wave, questions


def answer_value(kind: str, generator: random.Random) -> tuple[str | None, float | None]:
    if kind == "scale1_5":
        score = min(5, max(1, round(generator.gauss(3.6, 1.0))))
        return str(score), float(score)
    if kind == "yes_no":
        yes = generator.random() < 0.72
        return ("yes" if yes else "no"), (1.0 if yes else 0.0)
    if kind == "single":
        return str(generator.choice("1112234")), None
    if kind == "multiple":
        return "|".join(sorted(generator.sample("1234", k=generator.randint(1, 3)))), None
    if kind == "number":
        if generator.random() < 0.2:
            return None, None
        number = generator.randint(0, 12)
        return str(number), float(number)
    if generator.random() < 0.9:
        return None, None
    return generator.choice(["Minder wachten.", "Vriendelijk.", "Duidelijke brieven."]), None


def seed_scale(context: Any) -> dict[str, int]:
    """One wave of the satisfaction survey with its responses (see core.scale)."""
    organisation, rng, now = context.organisation, context.rng, context.now
    per_city = RESPONSES_PER_CITY if context.factor >= 1 else RESPONSES_PER_SMALLER_CITY
    count = max(10, round(per_city * context.factor))
    wave, questions = make_wave(organisation, None)
    responses = context.write(
        Response,
        (
            {
                "organisation": organisation.pk,
                "wave": wave.pk,
                "mode": rng.choice(MODES),
                "status": "complete",
                "language": "nl",
                "stratum": STRATA[min(int(rng.random() ** 1.4 * len(STRATA)), 5)],
                "weight": 1.0,
                "started_at": now,
                "completed_at": now,
            }
            for _ in range(count)
        ),
    )
    answers = context.write(
        Answer,
        (
            {
                "organisation": organisation.pk,
                "response": response,
                "question": question.pk,
                "value": value,
                "number": number,
            }
            for response in responses
            for question in questions
            for value, number in (answer_value(question.kind, rng),)
            if value is not None
        ),
    )
    return {"survey responses": len(responses), "survey answers": len(answers)}
