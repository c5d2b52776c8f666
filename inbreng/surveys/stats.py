"""Design-based estimates per question, computed with svy (see docs/surveys.md).

The database hands over counts, not answers: for one question, how many complete responses in
each (stratum, weight) cell gave each value (`Cell`), and how many responses each cell holds
(`responses`). For estimates of one question at a time that is all the design needs: strata,
weights and, when the stratum sizes are known, the finite-population correction. `frame()`
rebuilds one row per response from those counts as NumPy arrays (a response that skipped the
question is a null: it stays in the design, as svy's `drop_nulls` wants), and svy does the rest.

Intervals are 95 % with the design's degrees of freedom (as R's `confint(..., df=degf(d))`);
shares use svy's logit interval (as R's `svyciprop(method="logit")`). A stratum with a single
respondent gets svy's "center" rule (R's `lonely.psu="adjust"`), so one lonely respondent does
not make the whole estimate fail.

"Unweighted" is the plain sample: every response counts once, no strata, no correction.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.core.cache import cache

from inbreng.lib.suppression import MIN_SHOWN, suppressed

STRATUM = "stratum"
WEIGHT = "weight"
POPULATION = "population"
WAVE = "wave"
Y = "y"
ALPHA = 0.05

if TYPE_CHECKING:
    import polars as pl

# svy, polars and NumPy are imported where they are used: svy alone takes more than a second
# and 70 MB to import, which every web process and task worker would otherwise pay at start.


@dataclass(frozen=True)
class Cell:
    """`count` complete responses in `stratum` with `weight` answered `value`."""

    stratum: str
    weight: float
    value: str | float
    count: int


@dataclass
class QuestionData:
    """The counts for one question in one wave.

    `responses` is the number of complete responses per (stratum, weight), answered or not;
    `population` the number of units per stratum in the frame (for the finite-population
    correction), or None when unknown.
    """

    cells: Sequence[Cell]
    responses: Mapping[tuple[str, float], int]
    population: Mapping[str, int] | None = None

    @property
    def answered(self) -> int:
        return sum(cell.count for cell in self.cells)


@dataclass
class Estimate:
    """One estimate: a mean, or the share of one answer (`level`), maybe for one stratum."""

    estimate: float
    se: float
    lower: float
    upper: float
    n: int
    level: str = ""
    stratum: str = ""
    hidden: bool = False

    @property
    def margin(self) -> float:
        return (self.upper - self.lower) / 2

    @property
    def no_interval(self) -> bool:
        """No interval could be computed (nobody in the cell gave this answer, say)."""
        return math.isnan(self.lower) or math.isnan(self.upper)


@dataclass
class Difference:
    """Later wave minus earlier wave, with the interval of the difference."""

    before: float
    after: float
    difference: float
    se: float
    lower: float
    upper: float
    level: str = ""

    @property
    def clear(self) -> bool:
        """The interval leaves out zero: the change is larger than chance would explain."""
        return self.lower > 0 or self.upper < 0


@dataclass
class QuestionResult:
    """All estimates of one question, as the results page and the export show them."""

    numeric: bool
    answered: int
    weighted: list[Estimate] = field(default_factory=list)
    unweighted: list[Estimate] = field(default_factory=list)
    by_stratum: list[Estimate] = field(default_factory=list)


def frame(data: QuestionData, *, numeric: bool, wave: str = "") -> pl.DataFrame:
    """One row per complete response: stratum, weight, population (or null), y (or null)."""
    import numpy as np
    import polars as pl

    # Everything as NumPy arrays, one block per (stratum, weight) cell: strata and answers as
    # codes into their lists of names (NaN stands for "not answered"), so that no Python
    # object is made per response.
    strata: list[np.ndarray[Any, Any]] = []
    weights: list[np.ndarray[Any, Any]] = []
    sizes: list[np.ndarray[Any, Any]] = []
    values: list[np.ndarray[Any, Any]] = []
    stratum_codes: dict[str, int] = {}
    levels: dict[str, int] = {}
    population = data.population
    by_group: dict[tuple[str, float], list[Cell]] = {}
    for cell in data.cells:
        by_group.setdefault((cell.stratum, cell.weight), []).append(cell)
    for key in sorted(data.responses):
        total = data.responses[key]
        group = by_group.get(key, [])
        answered = sum(c.count for c in group)
        if answered > total:
            raise ValueError("more answers than responses in a cell")
        code = stratum_codes.setdefault(key[0], len(stratum_codes))
        strata.append(np.full(total, code, dtype=np.int32))
        weights.append(np.full(total, key[1], dtype=float))
        if population is not None:
            sizes.append(np.full(total, float(population.get(key[0], 0)), dtype=float))
        for cell in group:
            if numeric:
                value = float(cell.value)
            else:
                value = float(levels.setdefault(str(cell.value), len(levels)))
            values.append(np.full(cell.count, value, dtype=float))
        values.append(np.full(total - answered, np.nan, dtype=float))

    def joined(parts: list[np.ndarray[Any, Any]], dtype: Any) -> np.ndarray[Any, Any]:
        return np.concatenate(parts) if parts else np.array([], dtype=dtype)

    names = pl.Series(STRATUM, list(stratum_codes), dtype=pl.String)
    stratum_column = names.gather(pl.Series(joined(strata, np.int32))).alias(STRATUM)
    y = pl.Series(Y, joined(values, float), dtype=pl.Float64).fill_nan(None)
    if not numeric:
        answers = pl.Series(Y, list(levels), dtype=pl.String)
        y = answers.gather(y.cast(pl.Int64)) if len(answers) else y.cast(pl.String)
    columns: dict[str, Any] = {
        STRATUM: stratum_column,
        WEIGHT: pl.Series(WEIGHT, joined(weights, float), dtype=pl.Float64),
        Y: y,
    }
    if population is not None:
        columns[POPULATION] = pl.Series(POPULATION, joined(sizes, float), dtype=pl.Float64)
    result = pl.DataFrame(columns)
    if wave:
        result = result.with_columns(
            pl.lit(wave).alias(WAVE), (pl.lit(wave + ":") + pl.col(STRATUM)).alias(STRATUM)
        )
    return result


def _sample(table: pl.DataFrame, *, weighted: bool) -> Any:
    import svy

    if not weighted:
        return svy.Sample(table)
    population = POPULATION if POPULATION in table.columns else None
    return svy.Sample(
        table,
        svy.Design(stratum=STRATUM, wgt=WEIGHT, pop_size=population, singleton="center"),
    )


def _finite(value: Any) -> float:
    return float(value) if value is not None and math.isfinite(value) else float("nan")


def _estimates(result: Any, *, level_column: str | None, by: str | None) -> list[Estimate]:
    rows = []
    for row in result.to_polars().iter_rows(named=True):
        rows.append(
            Estimate(
                estimate=_finite(row["est"]),
                se=_finite(row["se"]),
                lower=_finite(row["lci"]),
                upper=_finite(row["uci"]),
                n=int(row["n"]),
                level=str(row[level_column]) if level_column else "",
                stratum=str(row[by]) if by else "",
            )
        )
    return rows


def mean(table: pl.DataFrame, *, weighted: bool = True, by: str | None = None) -> list[Estimate]:
    if table.get_column(Y).null_count() == table.height:
        return []
    result = _sample(table, weighted=weighted).estimation.mean(
        Y, by=by, drop_nulls=True, alpha=ALPHA
    )
    return _estimates(result, level_column=None, by=by)


def total(table: pl.DataFrame) -> Estimate:
    result = _sample(table, weighted=True).estimation.total(Y, drop_nulls=True, alpha=ALPHA)
    return _estimates(result, level_column=None, by=None)[0]


def shares(table: pl.DataFrame, *, weighted: bool = True, by: str | None = None) -> list[Estimate]:
    """The share of each answer among those who answered, with its logit interval."""

    if table.get_column(Y).null_count() == table.height:
        return []
    result = _sample(table, weighted=weighted).estimation.prop(
        Y, by=by, drop_nulls=True, alpha=ALPHA
    )
    estimates = _estimates(result, level_column=Y, by=by)
    # svy's n is the rows used in the domain; the page shows how many gave each answer.
    counts = table.drop_nulls(Y).group_by([*([by] if by else []), Y]).len().iter_rows()
    found = {(str(r[0]), str(r[1])) if by else ("", str(r[0])): int(r[-1]) for r in counts}
    for estimate in estimates:
        estimate.n = found.get((estimate.stratum, estimate.level), 0)
    return estimates


def hide_small(estimates: list[Estimate], *, group_by_stratum: bool = False) -> list[Estimate]:
    """Marks the estimates that rest on fewer than MIN_SHOWN people, and those that would
    give them away (see inbreng/lib/suppression.py). Shares are protected per table (per
    stratum in a breakdown); means per stratum are hidden when the stratum is small."""
    groups: dict[str, list[Estimate]] = {}
    for estimate in estimates:
        groups.setdefault(estimate.stratum if group_by_stratum else "", []).append(estimate)
    for members in groups.values():
        if all(e.level == "" for e in members):
            for e in members:
                e.hidden = e.n < MIN_SHOWN
            continue
        hidden = suppressed({e.level: e.n for e in members})
        for e in members:
            e.hidden = e.level in hidden
    return estimates


def plain(data: QuestionData, *, numeric: bool) -> list[Estimate]:
    """The unweighted side, straight from the counts: every answer counts once. Only the
    estimate is shown beside the weighted one, so no interval is computed for it."""
    answered = data.answered
    if answered == 0:
        return []
    nan = float("nan")
    if numeric:
        total = sum(float(c.value) * c.count for c in data.cells)
        return [Estimate(total / answered, nan, nan, nan, answered)]
    counts: dict[str, int] = {}
    for cell in data.cells:
        counts[str(cell.value)] = counts.get(str(cell.value), 0) + cell.count
    return [Estimate(n / answered, nan, nan, nan, n, level=k) for k, n in sorted(counts.items())]


# Part of every memo key: raise it when an estimate is computed differently, so that a
# shared cache (Redis) does not serve estimates of the old way after a deploy.
MEMO_VERSION = 1
MEMO_SECONDS = 24 * 3600


def _canonical(value: Any) -> Any:
    """The inputs as plain, ordered values: the same counts give the same key."""
    if isinstance(value, QuestionData):
        return (
            sorted((c.stratum, c.weight, repr(c.value), c.count) for c in value.cells),
            sorted(value.responses.items()),
            sorted(value.population.items()) if value.population is not None else None,
        )
    return value


def memoised[**P, R](function: Callable[P, R]) -> Callable[P, R]:
    """An estimate is a function of the counts alone: the results page computes it once
    per set of counts (svy takes 0.1 to 0.3 s on a wave of 100,000 responses) and takes it
    from the cache after. A new response changes the counts (`tallies`), so the key; there
    is nothing to invalidate."""

    @wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        inputs = repr(
            (
                MEMO_VERSION,
                function.__name__,
                [_canonical(a) for a in args],
                sorted((k, _canonical(v)) for k, v in kwargs.items()),
            )
        )
        key = "surveys:estimate:" + hashlib.sha256(inputs.encode()).hexdigest()
        found: R | None = cache.get(key)
        if found is None:
            found = function(*args, **kwargs)
            cache.set(key, found, MEMO_SECONDS)
        return found

    return wrapper


@memoised
def question_result(data: QuestionData, *, numeric: bool, breakdown: bool = True) -> QuestionResult:
    """Weighted and unweighted estimates of one question, and the breakdown per stratum."""
    result = QuestionResult(numeric=numeric, answered=data.answered)
    if result.answered == 0:
        return result
    table = frame(data, numeric=numeric)
    estimate = mean if numeric else shares
    result.weighted = hide_small(estimate(table, weighted=True))
    result.unweighted = hide_small(plain(data, numeric=numeric))
    strata = {cell.stratum for cell in data.cells}
    if breakdown and len(strata) > 1:
        result.by_stratum = hide_small(
            estimate(table, weighted=True, by=STRATUM), group_by_stratum=True
        )
    return result


@memoised
def compare_waves(before: QuestionData, after: QuestionData, *, numeric: bool) -> list[Difference]:
    """The change from one wave to the next, per mean or per answer's share.

    The waves are independent samples, so they are put side by side as strata of one design
    (each wave's strata prefixed with the wave) and svy estimates the contrast with its
    standard error.
    """
    import polars as pl
    import svy

    table = pl.concat(
        [frame(before, numeric=numeric, wave="1"), frame(after, numeric=numeric, wave="2")],
        how="diagonal",
    )
    if table.filter(pl.col(Y).is_not_null()).get_column(WAVE).n_unique() < 2:
        return []
    if POPULATION in table.columns and table.get_column(POPULATION).null_count():
        table = table.drop(POPULATION)
    sample = _sample(table, weighted=True)
    if numeric:
        result = sample.estimation.mean(Y, by=WAVE, drop_nulls=True, alpha=ALPHA)
        contrasts = [("", svy.estd("2") - svy.estd("1"))]
        levels = {"": ("1", "2")}
    else:
        result = sample.estimation.prop(Y, by=WAVE, drop_nulls=True, alpha=ALPHA)
        found = [key for key in result.keys() if isinstance(key, tuple)]  # noqa: SIM118
        names = sorted({str(level) for _wave, level in found})
        contrasts = [
            (name, svy.estd(("2", name)) - svy.estd(("1", name)))
            for name in names
            if ("1", name) in found and ("2", name) in found
        ]
        levels = {name: (("1", name), ("2", name)) for name, _c in contrasts}  # type: ignore[misc]
    estimates = {
        (str(r[WAVE]), str(r[Y])) if not numeric else (str(r[WAVE]), ""): float(r["est"])
        for r in result.to_polars().iter_rows(named=True)
    }
    differences = []
    for name, expression in contrasts:
        row = result.contrast(expression).to_polars().row(0, named=True)
        differences.append(
            Difference(
                before=estimates[("1", name)],
                after=estimates[("2", name)],
                difference=_finite(row["est"]),
                se=_finite(row["se"]),
                lower=_finite(row["lci"]),
                upper=_finite(row["uci"]),
                level=name,
            )
        )
    del levels
    return differences


# Weighting for non-response: one row per response with its base weight and its classes.


def poststratify(
    classes: Sequence[str], weights: Sequence[float], controls: Mapping[str, float]
) -> list[float]:
    """New weights so that the weighted count of each class equals its population count."""
    import polars as pl
    import svy

    table = pl.DataFrame({"cls": list(classes), WEIGHT: [float(w) for w in weights]})
    sample = svy.Sample(table, svy.Design(wgt=WEIGHT))
    adjusted = sample.weighting.poststratify(
        controls={str(k): float(v) for k, v in controls.items()}, cells="cls", wgt_name="adjusted"
    )
    return _weights(adjusted)


def _weights(sample: Any) -> list[float]:
    return [float(w) for w in sample.data.get_column("adjusted")]


def rake(
    margins: Mapping[str, Sequence[str]],
    weights: Sequence[float],
    controls: Mapping[str, Mapping[str, float]],
) -> list[float]:
    """New weights that match several population margins at once (iterative raking)."""
    import polars as pl
    import svy

    table = pl.DataFrame(
        {**{name: list(values) for name, values in margins.items()}, WEIGHT: list(weights)}
    )
    sample = svy.Sample(table, svy.Design(wgt=WEIGHT))
    adjusted = sample.weighting.rake(
        controls={m: {str(k): float(v) for k, v in c.items()} for m, c in controls.items()},
        wgt_name="adjusted",
    )
    return _weights(adjusted)
