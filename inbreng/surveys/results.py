"""Results of a wave: the database counts, svy estimates (see stats.py).

Nothing here loads answers one by one. For one question the database groups the complete
responses' answers by (stratum, weight, value) and counts them; the responses are counted
per (stratum, weight); the stratum sizes come from the sample (kept when it was drawn). That
is three small queries whatever the number of responses, and stats.py rebuilds the columns
svy needs from the counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from inbreng.insights.charts import Bar, Chart, ChartRow
from inbreng.lib.suppression import MIN_SHOWN

from . import stats
from .models import Answer, AnswerTally, QuestionKind, Response, Sample, SurveyQuestion, Wave
from .services.questionnaires import NO, YES
from .tallies import ensure_counted
from .views.common import SCALE

NUMERIC = {QuestionKind.NUMBER}
SHARES = {QuestionKind.SINGLE, QuestionKind.YES_NO, QuestionKind.SCALE, QuestionKind.MULTIPLE}
CHART_LABEL = 220
CHART_BAR = 300
CHART_ROW = 40
CHART_TOP = 34


def complete(wave: Wave) -> QuerySet[Response]:
    return Response.objects.filter(
        organisation=wave.organisation, wave=wave, status=Response.Status.COMPLETE
    )


def sample_of(wave: Wave) -> Sample | None:
    return Sample.objects.filter(organisation=wave.organisation, wave=wave).order_by("-pk").first()


def labels_for(question: SurveyQuestion) -> dict[str, str]:
    """Each stored value's label, in the page's language."""
    if question.kind == QuestionKind.SCALE:
        return {value: f"{value} – {label}" for value, label in SCALE}
    if question.kind == QuestionKind.YES_NO:
        return {YES: _("Yes"), NO: _("No")}
    return {choice.value: choice.label for choice in question.choices.all()}


def question_data(
    wave: Wave,
    question: SurveyQuestion,
    *,
    responses: dict[tuple[str, float], int],
    population: dict[str, int] | None,
) -> tuple[stats.QuestionData, stats.QuestionData | None]:
    """The counts for the shares (or the number), and for a 1-5 scale also the mean."""
    rows = AnswerTally.objects.filter(
        organisation=wave.organisation, wave=wave, question=question
    ).values("stratum", "weight", "value", "number", "count")
    shares: list[stats.Cell] = []
    numbers: list[stats.Cell] = []
    options: dict[tuple[str, float], dict[str, int]] = {}
    answered: dict[tuple[str, float], int] = {}
    for row in rows:
        key = (row["stratum"], float(row["weight"]))
        if question.kind == QuestionKind.MULTIPLE:
            answered[key] = answered.get(key, 0) + row["count"]
            for value in {v for v in row["value"].split("|") if v}:
                options.setdefault(key, {})
                options[key][value] = options[key].get(value, 0) + row["count"]
            continue
        if question.kind in SHARES:
            shares.append(stats.Cell(key[0], key[1], row["value"], row["count"]))
        if row["number"] is not None and question.kind in (QuestionKind.SCALE, QuestionKind.NUMBER):
            numbers.append(stats.Cell(key[0], key[1], float(row["number"]), row["count"]))
    if question.kind == QuestionKind.MULTIPLE:
        # Each answer of a multiple-choice question is its own yes/no: chosen or not, among
        # those who answered the question. The caller estimates them one by one.
        for key, counts in options.items():
            for value, n in counts.items():
                shares.append(stats.Cell(key[0], key[1], value, n))
        return stats.QuestionData(shares, responses, population), stats.QuestionData(
            [stats.Cell(k[0], k[1], "", n) for k, n in answered.items()], responses, population
        )
    if question.kind == QuestionKind.NUMBER:
        return stats.QuestionData(numbers, responses, population), None
    mean_data = stats.QuestionData(numbers, responses, population) if numbers else None
    return stats.QuestionData(shares, responses, population), mean_data


@dataclass
class Row:
    """One line of the results table."""

    label: str
    weighted: stats.Estimate | None
    unweighted: stats.Estimate | None
    n: int

    @property
    def hidden(self) -> bool:
        return bool(self.weighted and self.weighted.hidden) or bool(
            self.unweighted and self.unweighted.hidden
        )


@dataclass
class StratumRow:
    stratum: str
    cells: list[stats.Estimate | None]


@dataclass
class Results:
    question: SurveyQuestion
    answered: int
    rows: list[Row] = field(default_factory=list)
    mean: Row | None = None
    strata_levels: list[str] = field(default_factory=list)
    strata: list[StratumRow] = field(default_factory=list)
    comparison: list[tuple[str, stats.Difference]] = field(default_factory=list)
    previous: Wave | None = None
    chart: Chart | None = None
    percent: bool = True


def _multiple_shares(
    data: stats.QuestionData, answered: stats.QuestionData
) -> list[tuple[str, stats.QuestionResult]]:
    """Per option: chosen (1) or not (0) among those who answered the question."""
    answered_by_key = {(c.stratum, c.weight): c.count for c in answered.cells}
    values = sorted({str(c.value) for c in data.cells})
    out = []
    for value in values:
        chosen = {(c.stratum, c.weight): c.count for c in data.cells if c.value == value}
        cells = []
        for key, n in answered_by_key.items():
            cells.append(stats.Cell(key[0], key[1], 1.0, chosen.get(key, 0)))
            cells.append(stats.Cell(key[0], key[1], 0.0, n - chosen.get(key, 0)))
        option = stats.QuestionData([c for c in cells if c.count], data.responses, data.population)
        out.append((value, stats.question_result(option, numeric=True, breakdown=False)))
    return out


def _chart(rows: list[Row]) -> Chart:
    chart_rows = []
    for index, row in enumerate(rows):
        top = CHART_TOP + index * CHART_ROW
        chart_rows.append(
            ChartRow(
                label=row.label,
                label_y=top + 14,
                ours=_bar(top, None if row.hidden or not row.weighted else row.weighted.estimate),
                theirs=_bar(
                    top + 16, None if row.hidden or not row.unweighted else row.unweighted.estimate
                ),
            )
        )
    return Chart(
        width=CHART_LABEL + CHART_BAR + 60,
        height=CHART_TOP + len(rows) * CHART_ROW + 4,
        label_width=CHART_LABEL,
        rows=chart_rows,
    )


def _bar(y: int, share: float | None) -> Bar | None:
    if share is None:
        return None
    percent = round(100 * min(max(share, 0.0), 1.0))
    width = round(CHART_BAR * percent / 100)
    return Bar(y=y, width=width, text_x=CHART_LABEL + width + 6, text=f"{percent}%")


def previous_wave(wave: Wave) -> Wave | None:
    return (
        Wave.objects.filter(
            organisation=wave.organisation, survey_id=wave.survey_id, starts_on__lt=wave.starts_on
        )
        .order_by("-starts_on", "-pk")
        .first()
    )


def same_question(wave: Wave, question: SurveyQuestion) -> SurveyQuestion | None:
    """The question with the same code in another wave's version (how waves are compared)."""
    return SurveyQuestion.objects.filter(
        organisation=wave.organisation, version_id=wave.version_id, code=question.code
    ).first()


def question_results(wave: Wave, question: SurveyQuestion) -> Results:
    """Every estimate the results page shows for one question."""
    sample = sample_of(wave)
    population = dict(sample.strata_sizes) if sample and sample.weighted_at else None
    responses = ensure_counted(wave, question)
    if population is not None and any(s not in population for s, _w in responses):
        population = None
    data, extra = question_data(wave, question, responses=responses, population=population)
    labels = labels_for(question)
    results = Results(question=question, answered=data.answered)
    if question.kind == QuestionKind.MULTIPLE and extra is not None:
        results.answered = extra.answered
        for value, option in _multiple_shares(data, extra):
            weighted = option.weighted[0] if option.weighted else None
            unweighted = option.unweighted[0] if option.unweighted else None
            n = sum(c.count for c in data.cells if c.value == value)
            row = Row(labels.get(value, value), weighted, unweighted, n)
            if n < MIN_SHOWN or results.answered - n < MIN_SHOWN:
                for estimate in (weighted, unweighted):
                    if estimate:
                        estimate.hidden = True
            results.rows.append(row)
        results.chart = _chart(results.rows)
        return results
    if results.answered == 0:
        return results
    numeric = question.kind == QuestionKind.NUMBER
    main = stats.question_result(data, numeric=numeric)
    if numeric:
        results.percent = False
        results.mean = Row(
            _("Mean"),
            main.weighted[0] if main.weighted else None,
            main.unweighted[0] if main.unweighted else None,
            results.answered,
        )
    else:
        plain = {e.level: e for e in main.unweighted}
        order = list(labels) + sorted(e.level for e in main.weighted if e.level not in labels)
        by_level = {e.level: e for e in main.weighted}
        for level in order:
            if level in by_level:
                estimate = by_level[level]
                results.rows.append(
                    Row(labels.get(level, level), estimate, plain.get(level), estimate.n)
                )
        results.chart = _chart(results.rows)
        if extra is not None and extra.answered:
            means = stats.question_result(extra, numeric=True, breakdown=False)
            results.mean = Row(
                _("Mean (1 to 5)"),
                means.weighted[0] if means.weighted else None,
                means.unweighted[0] if means.unweighted else None,
                extra.answered,
            )
    _breakdown(results, main, labels, numeric)
    _compare(results, wave, question, numeric=numeric or extra is not None, data=extra or data)
    return results


def _breakdown(
    results: Results, main: stats.QuestionResult, labels: dict[str, str], numeric: bool
) -> None:
    if not main.by_stratum:
        return
    strata = sorted({e.stratum for e in main.by_stratum})
    levels = [""] if numeric else [k for k in labels if any(e.level == k for e in main.by_stratum)]
    results.strata_levels = (
        [labels.get(level, level) for level in levels] if not numeric else [_("Mean")]
    )
    cells = {(e.stratum, e.level): e for e in main.by_stratum}
    results.strata = [
        StratumRow(stratum, [cells.get((stratum, level)) for level in levels]) for stratum in strata
    ]


def _compare(
    results: Results,
    wave: Wave,
    question: SurveyQuestion,
    *,
    numeric: bool,
    data: stats.QuestionData,
) -> None:
    before = previous_wave(wave)
    if before is None:
        return
    earlier = same_question(before, question)
    if earlier is None or (earlier.kind != question.kind):
        return
    results.previous = before
    sample = sample_of(before)
    population = dict(sample.strata_sizes) if sample and sample.weighted_at else None
    responses = ensure_counted(before, earlier)
    if population is not None and any(s not in population for s, _w in responses):
        population = None
    old, old_extra = question_data(before, earlier, responses=responses, population=population)
    old_data = old_extra if numeric and old_extra is not None else old
    if old_data.answered < MIN_SHOWN or data.answered < MIN_SHOWN:
        return
    if numeric and question.kind == QuestionKind.MULTIPLE:
        return
    labels = labels_for(question)
    for difference in stats.compare_waves(old_data, data, numeric=numeric):
        label = _("Mean") if numeric else labels.get(difference.level, difference.level)
        results.comparison.append((label, difference))


def open_answers(wave: Wave, question: SurveyQuestion) -> QuerySet[Any]:
    return (
        Answer.objects.filter(
            organisation=wave.organisation,
            question=question,
            response__wave=wave,
            response__status=Response.Status.COMPLETE,
        )
        .exclude(value="")
        .order_by("pk")
        .values_list("pk", "value")
    )
