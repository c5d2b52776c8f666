"""Waves with made-up complete responses, frames, samples and pools for the results and
sampling tests. Rows are written in bulk: the statistics read counts, not the services."""

from __future__ import annotations

import random
from typing import Any

from django.utils import timezone

from conftest import World
from inbreng.surveys import sampling as draws
from inbreng.surveys.models import (
    Answer,
    QuestionKind,
    Response,
    Sample,
    SamplingFrame,
    Wave,
)
from inbreng.surveys.services import sampling as services
from inbreng.surveys.services.questionnaires import NO, YES

from .factories import satisfaction_wave

OPEN_TEXTS = ["Minder lang wachten.", "Vriendelijk onthaal.", "Een vaste contactpersoon."]


def fill(wave: Wave, per_stratum: dict[str, int], *, seed: int = 1, shift: int = 0) -> None:
    """Complete responses in each stratum, with an answer to every question."""
    generator = random.Random(seed)
    questions = list(wave.version.questions.order_by("position").prefetch_related("choices"))
    made = Response.objects.bulk_create(
        Response(
            organisation=wave.organisation,
            wave=wave,
            mode=generator.choice(["interview_phone", "paper", "self"]),
            status=Response.Status.COMPLETE,
            stratum=stratum,
            completed_at=timezone.now(),
        )
        for stratum, n in per_stratum.items()
        for _ in range(n)
    )
    answers = []
    for response in made:
        for question in questions:
            value, number = _answer(question, generator, shift)
            answers.append(
                Answer(
                    organisation=wave.organisation,
                    response=response,
                    question=question,
                    value=value,
                    number=number,
                )
            )
    Answer.objects.bulk_create(answers, batch_size=2000)


def _answer(question: Any, generator: random.Random, shift: int) -> tuple[str, float | None]:
    if question.kind == QuestionKind.SCALE:
        score = min(5, max(1, generator.randint(2, 5) + shift))
        return str(score), float(score)
    if question.kind == QuestionKind.YES_NO:
        yes = generator.random() < 0.7
        return (YES if yes else NO), (1.0 if yes else 0.0)
    if question.kind == QuestionKind.NUMBER:
        number = generator.randint(0, 6)
        return str(number), float(number)
    if question.kind == QuestionKind.OPEN:
        return generator.choice(OPEN_TEXTS), None
    values = [c.value for c in question.choices.all()]
    if question.kind == QuestionKind.MULTIPLE:
        return "|".join(sorted(generator.sample(values, k=min(2, len(values))))), None
    return generator.choice(values), None


def frame_with_sample(world: World, wave: Wave | None, sizes: dict[str, int]) -> Sample:
    """A frame with `sizes` units per stratum, and a sample for the wave."""
    rows = [
        draws.FrameRow(line=i + 2, client_ref=f"K{i:05d}", strata={"kantoor": stratum})
        for i, stratum in enumerate(s for s, n in sizes.items() for _ in range(n))
    ]
    frame = services.frame_import(
        organisation=world.org,
        name="Cliënten 2026",
        strata_columns=["kantoor"],
        rows=rows,
        by=world.users["coordinator"],
    )
    return services.sample_draw(
        frame=frame,
        size=min(40, len(rows)),
        allocation=Sample.Allocation.PROPORTIONAL,
        minimum=0,
        reserve_per_stratum=2,
        seed=777,
        wave=wave,
        by=world.users["coordinator"],
    )


def results_wave(world: World) -> Wave:
    wave = satisfaction_wave(world)
    fill(wave, {"Noord": 30, "Zuid": 12})
    return wave


def frame_of(world: World) -> SamplingFrame:
    return frame_with_sample(world, None, {"Noord": 30, "Zuid": 20}).frame


def pool_of(world: World) -> Any:
    volunteers = [
        draws.FrameRow(
            line=i + 2,
            client_ref=f"V{i:02d}",
            strata={"geslacht": "v" if i < 8 else "m", "leeftijd": "jong" if i % 2 else "ouder"},
        )
        for i in range(12)
    ]
    return services.pool_create(
        organisation=world.org,
        name="Klankbordgroep",
        features=["geslacht", "leeftijd"],
        volunteers=volunteers,
    )
