"""The raw responses and the results table as rows for XLSX and Belgian CSV (insights/exports.py
writes them: formula-safe cells, byte-order mark, `;`)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from django.utils.translation import gettext as _

from .models import Answer, Mode, QuestionKind, SurveyQuestion, Wave
from .results import complete, question_results

CHUNK = 2000


def questions_of(wave: Wave) -> list[SurveyQuestion]:
    return list(
        SurveyQuestion.objects.filter(organisation=wave.organisation, version_id=wave.version_id)
        .order_by("position")
        .prefetch_related("choices")
    )


def response_headers(questions: Sequence[SurveyQuestion]) -> list[str]:
    return [_("Response"), _("Mode"), _("Stratum"), _("Weight"), _("Wave")] + [
        q.code for q in questions
    ]


def response_rows(wave: Wave, questions: Sequence[SurveyQuestion]) -> Iterator[list[Any]]:
    """One row per complete response, read in chunks: never all answers at once."""
    column = {q.pk: index for index, q in enumerate(questions)}
    kinds = {q.pk: q.kind for q in questions}
    modes = dict(Mode.choices)
    responses = complete(wave).order_by("pk").values_list("pk", "mode", "stratum", "weight")
    last = 0
    while True:
        chunk = list(responses.filter(pk__gt=last)[:CHUNK])
        if not chunk:
            return
        answers: dict[int, list[Any]] = {pk: [None] * len(questions) for pk, *_rest in chunk}
        for response_id, question_id, value, number in Answer.objects.filter(
            organisation=wave.organisation, response_id__in=list(answers)
        ).values_list("response_id", "question_id", "value", "number"):
            if question_id in column:
                answers[response_id][column[question_id]] = _cell(kinds[question_id], value, number)
        for pk, mode, stratum, weight in chunk:
            yield [pk, str(modes.get(mode, mode)), stratum, weight, wave.name, *answers[pk]]
        last = chunk[-1][0]


def _cell(kind: str, value: str, number: float | None) -> Any:
    """An answer as a reader of the export expects it: a whole number as a number, yes and
    no in Dutch, several choices as "2; 6"."""
    if kind in (QuestionKind.NUMBER, QuestionKind.SCALE) and number is not None:
        return int(number) if float(number).is_integer() else number
    if kind == QuestionKind.YES_NO:
        return {"yes": _("yes"), "no": _("no")}.get(value, value)
    if kind == QuestionKind.MULTIPLE:
        return "; ".join(value.split("|"))
    return value


def result_headers() -> list[str]:
    return [
        _("Question"),
        _("Answer"),
        _("Estimate"),
        _("Standard error"),
        _("Lower limit (95%)"),
        _("Upper limit (95%)"),
        _("Unweighted n"),
    ]


def result_rows(wave: Wave, questions: Sequence[SurveyQuestion]) -> Iterator[list[Any]]:
    """The results table: a share per answer (0 to 1) or a mean; small cells left empty."""
    for question in questions:
        if question.kind == QuestionKind.OPEN:
            continue
        results = question_results(wave, question)
        lines = list(results.rows) + ([results.mean] if results.mean else [])
        for row in lines:
            estimate = row.weighted
            if estimate is None or row.hidden:
                yield [question.code, row.label, None, None, None, None, _("not shown")]
                continue
            yield [
                question.code,
                row.label,
                round(estimate.estimate, 6),
                round(estimate.se, 6),
                round(estimate.lower, 6),
                round(estimate.upper, 6),
                row.n,
            ]
