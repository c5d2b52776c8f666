"""Estimates against an established survey package, and weighting on a hand-computed case.

Reference data: the California Academic Performance Index stratified sample `apistrat`
(200 schools, strata by school type E/H/M, weights `pw`, stratum sizes `fpc`), public data
shipped with R's `survey` package (Lumley, "Complex Surveys", 2010, chapter 2) and copied to
data/apistrat.csv with write.csv() (only the columns used here).

Every reference number below was printed by R 4.2.2 with survey 4.1-1 (Debian package
r-cran-survey), on the design
    dstrat <- svydesign(id=~1, strata=~stype, weights=~pw, data=apistrat, fpc=~fpc)
and the command given beside each number. The first two also appear in Lumley's book and in
the survey package's documentation (svymean 662.29, SE 9.4089; svytotal 3687178, SE 114642).
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest

from inbreng.lib.suppression import suppressed
from inbreng.surveys import stats

DATA = Path(__file__).parent / "data" / "apistrat.csv"
POPULATION = {"E": 4421, "H": 755, "M": 1018}


def _schools() -> list[dict[str, str]]:
    with DATA.open(newline="") as handle:
        return list(csv.DictReader(handle))


def _question(column: str, *, numeric: bool) -> stats.QuestionData:
    """The column as the database hands it over: counts per (stratum, weight, value)."""
    counts: dict[tuple[str, float, str | float], int] = {}
    responses: dict[tuple[str, float], int] = {}
    for school in _schools():
        key = (school["stype"], float(school["pw"]))
        responses[key] = responses.get(key, 0) + 1
        value: str | float = float(school[column]) if numeric else school[column]
        counts[(*key, value)] = counts.get((*key, value), 0) + 1
    cells = [stats.Cell(s, w, v, n) for (s, w, v), n in counts.items()]
    return stats.QuestionData(cells=cells, responses=responses, population=POPULATION)


def same(value: float, reference: float, digits: int = 4) -> bool:
    """Equal to `digits` significant digits."""
    return f"{value:.{digits - 1}e}" == f"{reference:.{digits - 1}e}"


def test_it_estimates_a_mean_as_r_survey_does() -> None:
    table = stats.frame(_question("api00", numeric=True), numeric=True)
    (mean,) = stats.mean(table)
    # svymean(~api00, dstrat): 662.28736, SE 9.40894
    assert same(mean.estimate, 662.28736)
    assert same(mean.se, 9.40894)
    # confint(svymean(~api00, dstrat), df=degf(dstrat)): 643.7321883 680.842538
    assert same(mean.lower, 643.7321883)
    assert same(mean.upper, 680.842538)


def test_it_estimates_a_total_as_r_survey_does() -> None:
    total = stats.total(stats.frame(_question("enroll", numeric=True), numeric=True))
    # svytotal(~enroll, dstrat): 3687177.5, SE 114641.72
    assert same(total.estimate, 3687177.5)
    assert same(total.se, 114641.72)


def test_it_estimates_shares_as_r_survey_does() -> None:
    result = stats.question_result(_question("awards", numeric=False), numeric=False)
    yes = next(e for e in result.weighted if e.level == "Yes")
    no = next(e for e in result.weighted if e.level == "No")
    # svymean(~awards, dstrat): No 0.36106394 SE 0.03441, Yes 0.63893606 SE 0.03441
    assert same(no.estimate, 0.36106394)
    assert same(yes.estimate, 0.63893606)
    assert same(yes.se, 0.03440592)  # printed as 0.03441; SE(svymean) with digits=7
    # svyciprop(~I(awards=="Yes"), dstrat, method="logit"): 0.638936 0.568721 0.70368
    assert same(yes.lower, 0.568721)
    assert same(yes.upper, 0.70368)
    # The unweighted side is the plain sample: 113 of 200 schools.
    assert yes.n == 113
    unweighted_yes = next(e for e in result.unweighted if e.level == "Yes")
    assert math.isclose(unweighted_yes.estimate, 113 / 200)


def test_it_breaks_a_mean_down_per_stratum_as_r_survey_does() -> None:
    result = stats.question_result(_question("api00", numeric=True), numeric=True)
    per_stratum = {e.stratum: e for e in result.by_stratum}
    # svyby(~api00, ~stype, dstrat, svymean)
    for stratum, mean, se in [
        ("E", 674.43, 12.38247979),
        ("H", 625.82, 14.93712919),
        ("M", 636.60, 16.21470731),
    ]:
        assert same(per_stratum[stratum].estimate, mean)
        assert same(per_stratum[stratum].se, se)


def test_it_rakes_as_r_survey_does() -> None:
    schools = _schools()
    weights = stats.rake(
        {"stype": [s["stype"] for s in schools], "sch.wide": [s["sch.wide"] for s in schools]},
        [float(s["pw"]) for s in schools],
        {"stype": POPULATION, "sch.wide": {"No": 1072, "Yes": 5122}},
    )
    totals: dict[str, float] = {}
    for school, weight in zip(schools, weights, strict=True):
        totals[school["sch.wide"]] = totals.get(school["sch.wide"], 0) + weight
    assert math.isclose(totals["No"], 1072, rel_tol=1e-6)
    assert math.isclose(totals["Yes"], 5122, rel_tol=1e-6)
    mean = sum(w * float(s["api00"]) for s, w in zip(schools, weights, strict=True)) / sum(weights)
    # svymean(~api00, rake(dstrat, list(~stype, ~sch.wide), list(pop.types, pop.schwide))):
    # 662.2115
    assert same(mean, 662.2115)


def test_it_poststratifies_a_hand_computed_case() -> None:
    # Three women and one man answered, each with weight 10; the population is 20 women and
    # 20 men. Post-stratified, each woman stands for 20/3 people and the man for 20.
    weights = stats.poststratify(["v", "v", "v", "m"], [10, 10, 10, 10], {"v": 20, "m": 20})
    assert [round(w, 6) for w in weights] == [round(20 / 3, 6)] * 3 + [20.0]
    # A mean of 1 for women and 5 for men: weighted 3.0 where the sample says 2.0.
    data = stats.QuestionData(
        cells=[
            stats.Cell("", 20 / 3, 1.0, 3),
            stats.Cell("", 20.0, 5.0, 1),
        ],
        responses={("", 20 / 3): 3, ("", 20.0): 1},
    )
    (weighted,) = stats.mean(stats.frame(data, numeric=True))
    (unweighted,) = stats.mean(stats.frame(data, numeric=True), weighted=False)
    assert math.isclose(weighted.estimate, 3.0)
    assert math.isclose(unweighted.estimate, 2.0)


def test_it_compares_two_waves_with_the_interval_of_the_difference() -> None:
    before = _question("api99", numeric=True)
    after = _question("api00", numeric=True)
    (difference,) = stats.compare_waves(before, after, numeric=True)
    (mean_before,) = stats.mean(stats.frame(before, numeric=True))
    (mean_after,) = stats.mean(stats.frame(after, numeric=True))
    assert math.isclose(difference.difference, mean_after.estimate - mean_before.estimate)
    # Independent samples: the variances add up.
    assert math.isclose(difference.se, math.hypot(mean_before.se, mean_after.se), rel_tol=1e-9)
    assert difference.lower < difference.difference < difference.upper
    assert difference.clear  # API rose by about 32 points between 1999 and 2000


def test_it_keeps_those_who_skipped_a_question_in_the_design() -> None:
    # Ten responses in one stratum, six answered: the mean is over the six.
    data = stats.QuestionData(
        cells=[stats.Cell("a", 1.0, 4.0, 3), stats.Cell("a", 1.0, 2.0, 3)],
        responses={("a", 1.0): 10},
    )
    result = stats.question_result(data, numeric=True)
    assert result.answered == 6
    assert result.weighted[0].estimate == 3.0
    assert result.weighted[0].n == 6


def test_it_hides_answers_given_by_fewer_than_five() -> None:
    data = stats.QuestionData(
        cells=[
            stats.Cell("", 1.0, "yes", 40),
            stats.Cell("", 1.0, "no", 3),
            stats.Cell("", 1.0, "maybe", 6),
        ],
        responses={("", 1.0): 49},
    )
    result = stats.question_result(data, numeric=False)
    hidden = {e.level for e in result.weighted if e.hidden}
    # "no" (3) is hidden, and "maybe" too: else 49 − 40 − 6 would give it away.
    assert hidden == {"no", "maybe"}


@pytest.mark.parametrize(
    ("cells", "hidden"),
    [
        ({"a": 10, "b": 12}, set()),
        ({"a": 10, "b": 2, "c": 2, "d": 9}, {"b", "c", "d"}),
        ({"a": 3, "b": 6}, {"a", "b"}),
        ({"a": 0, "b": 7}, set()),
        ({"a": 4}, {"a"}),
    ],
)
def test_it_suppresses_small_cells(cells: dict[str, int], hidden: set[str]) -> None:
    assert suppressed(cells) == hidden


def test_it_computes_the_estimates_of_the_same_counts_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The results page takes an estimate from the cache when the counts are the same, in
    any order; other counts (a new response) are estimated anew."""
    from django.core.cache import cache

    cache.clear()
    computed: list[int] = []
    real_frame = stats.frame

    def counting_frame(data: stats.QuestionData, **kwargs: object) -> object:
        computed.append(data.answered)
        return real_frame(data, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(stats, "frame", counting_frame)
    data = _question("api00", numeric=True)
    first = stats.question_result(data, numeric=True)
    shuffled = stats.QuestionData(
        cells=list(reversed(data.cells)), responses=data.responses, population=POPULATION
    )
    again = stats.question_result(shuffled, numeric=True)
    assert len(computed) == 1
    assert again.weighted[0].estimate == first.weighted[0].estimate
    assert same(first.weighted[0].estimate, 662.28736)

    school = next(cell for cell in data.cells if cell.stratum == "E")
    key = ("E", school.weight)
    one_more = stats.QuestionData(
        cells=[*data.cells, stats.Cell("E", school.weight, 999.0, 1)],
        responses={**data.responses, key: data.responses[key] + 1},
        population=POPULATION,
    )
    changed = stats.question_result(one_more, numeric=True)
    assert len(computed) == 2
    assert changed.weighted[0].estimate != first.weighted[0].estimate
