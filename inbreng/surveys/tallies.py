"""Derived state for the results: a wave's answers counted per (question, stratum, weight,
value) in AnswerTally, and its complete responses per (stratum, weight) in TallyState.

A question's counts are made again, with one GROUP BY over that question's answers, the first
time its results are asked for after the wave's complete responses changed (their number, the
last completion time or the sum of their weights). Every other visit reads a few hundred rows
instead of joining 100,000 answers with their responses.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count, Max, Sum
from django.utils import timezone

from .models import (
    Answer,
    AnswerTally,
    QuestionKind,
    Response,
    SurveyQuestion,
    TallyState,
    Wave,
)

BATCH = 2000


def fingerprint(wave: Wave) -> str:
    found = Response.objects.filter(
        organisation=wave.organisation, wave=wave, status=Response.Status.COMPLETE
    ).aggregate(n=Count("id"), last=Max("completed_at"), weights=Sum("weight"))
    last = found["last"].isoformat() if found["last"] else "-"
    return f"{found['n']}|{last}|{round(found['weights'] or 0, 6)}"


def _state(wave: Wave, current: str) -> TallyState:
    """The wave's state at `current`; the response cells are counted again when it moved."""
    state = TallyState.objects.filter(organisation=wave.organisation, wave=wave).first()
    if state is not None and state.fingerprint == current:
        return state
    cells = (
        Response.objects.filter(
            organisation=wave.organisation, wave=wave, status=Response.Status.COMPLETE
        )
        .values("stratum", "weight")
        .annotate(n=Count("id"))
        .order_by()
    )
    state = state or TallyState(organisation=wave.organisation, wave=wave)
    state.fingerprint = current
    state.responses = [[c["stratum"], c["weight"], c["n"]] for c in cells]
    state.counted_at = timezone.now()
    state.save()
    return state


@transaction.atomic
def count_question(wave: Wave, question: SurveyQuestion, state: TallyState) -> None:
    AnswerTally.objects.filter(
        organisation=wave.organisation, wave=wave, question=question
    ).delete()
    rows = (
        Answer.objects.filter(
            organisation=wave.organisation,
            question=question,
            response__wave=wave,
            response__status=Response.Status.COMPLETE,
        )
        .values("response__stratum", "response__weight", "value", "number")
        .annotate(n=Count("id"))
        .order_by()
    )
    AnswerTally.objects.bulk_create(
        (
            AnswerTally(
                organisation_id=wave.organisation_id,
                wave=wave,
                question=question,
                stratum=row["response__stratum"],
                weight=row["response__weight"],
                value=row["value"],
                number=row["number"],
                count=row["n"],
            )
            for row in rows.iterator(chunk_size=BATCH)
        ),
        batch_size=BATCH,
    )
    state.questions = {**state.questions, str(question.pk): state.fingerprint}
    state.save(update_fields=["questions"])


def ensure_counted(wave: Wave, question: SurveyQuestion) -> dict[tuple[str, float], int]:
    """Counts the question again when the responses changed since its last count; returns
    the complete responses per (stratum, weight)."""
    state = _state(wave, fingerprint(wave))
    if state.questions.get(str(question.pk)) != state.fingerprint:
        count_question(wave, question, state)
    return {(stratum, float(weight)): n for stratum, weight, n in state.responses}


def recount(wave: Wave) -> None:
    """Counts every question of the wave now (after a load, or in tests)."""
    state = _state(wave, fingerprint(wave))
    for question in SurveyQuestion.objects.filter(
        organisation=wave.organisation, version_id=wave.version_id
    ).exclude(kind=QuestionKind.OPEN):
        count_question(wave, question, state)
