"""Whom we reach: the self-declared profile of those who took part against the clients.

Who took part in a period: everyone who was at a meeting (attendance ticked) or whose own
input was recorded in it; for a group, at that group's meetings. "Rather not say" is counted
as such; an empty answer means the question was not asked.

Small cells (see docs/insights.md): no count from 1 to 4 is shown, nor a share or a gap that
would give one away. When a count is hidden, so many other counts are hidden too (the smallest
ones first) that the shown total minus the shown counts never reveals a hidden one: at least
two hidden counts, together at least MIN_SHOWN. This is done at two levels: the people who
answered against "rather not say" and "not asked" (which add up to everyone who took part),
and the answers among those who answered.

Under-represented: the share of those who took part is lower than the clients' share, and a
one-sided exact binomial test says a gap this large would happen by chance less than 5 times
in 100 if the people who took part had been drawn at random from the clients.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from inbreng.core.models import Organisation
from inbreng.lib.suppression import MIN_SHOWN as MIN_SHOWN
from inbreng.lib.suppression import suppressed as suppressed
from inbreng.lib.text import fold
from inbreng.participation.models import Contribution, Invitation, Trajectory
from inbreng.people.models import PREFER_NOT, Participant

from .models import Dimension, PopulationCount
from .population import CHOICES

SIGNIFICANCE = 0.05
NOT_ASKED = ""


def suppressed_beside(cells: dict[str, int], *rests: dict[str, int]) -> set[str]:
    """The cells to hide from one table when wider tables are shown too.

    A group's table is shown beside the organisation's, a trajectory's beside the
    organisation's and its group's: the rest (the wider table minus this one) can be worked
    out by subtracting, so each rest is protected like a shown table. A cell whose rest is
    1 to 4 is hidden here too, and the hidden cells must add up to MIN_SHOWN or more here
    and, when not zero, in every rest.
    """
    hidden = {
        key
        for key in cells
        if 0 < cells[key] < MIN_SHOWN or any(0 < rest.get(key, 0) < MIN_SHOWN for rest in rests)
    }

    def revealing(keys: set[str]) -> bool:
        ours = sum(cells[k] for k in keys)
        if len(keys) == 1 or ours < MIN_SHOWN:
            return True
        return any(0 < sum(rest.get(k, 0) for k in keys) < MIN_SHOWN for rest in rests)

    while hidden and revealing(hidden):
        candidates = sorted(
            (cells[key] + sum(rest.get(key, 0) for rest in rests), key)
            for key in cells
            if key not in hidden and (cells[key] > 0 or any(rest.get(key, 0) for rest in rests))
        )
        if not candidates:
            return set(cells)
        hidden.add(candidates[0][1])
    return hidden


def binomial_lower_tail(k: int, n: int, p: float) -> float:
    """P(X <= k) for X ~ Binomial(n, p), summed in log space so that n may be large."""
    if n <= 0 or k >= n:
        return 1.0
    if p <= 0.0:
        return 1.0
    if p >= 1.0:
        return 0.0 if k < n else 1.0
    log_p, log_q = math.log(p), math.log1p(-p)
    base = math.lgamma(n + 1)
    total = 0.0
    for i in range(k + 1):
        total += math.exp(
            base - math.lgamma(i + 1) - math.lgamma(n - i + 1) + i * log_p + (n - i) * log_q
        )
    return min(1.0, total)


def period_bounds(year: int) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    start = datetime.combine(date(year, 1, 1), time.min, tzinfo=zone)
    end = datetime.combine(date(year + 1, 1, 1), time.min, tzinfo=zone)
    return start, end


def took_part(
    organisation: Organisation,
    year: int,
    group_id: int | None = None,
    trajectory_id: int | None = None,
) -> QuerySet[Any]:
    """The people who took part in the year (optionally in one group or one trajectory),
    each once. In a trajectory: at a meeting with one of its questions on the agenda, or
    with own input on one of its questions."""
    start, end = period_bounds(year)
    attended = Invitation.objects.filter(
        organisation=organisation,
        attended=True,
        meeting__starts_at__gte=start,
        meeting__starts_at__lt=end,
    )
    spoke = Contribution.objects.filter(
        organisation=organisation,
        participant__isnull=False,
        withdrawn_at__isnull=True,
        created_at__gte=start,
        created_at__lt=end,
    )
    if group_id is not None:
        attended = attended.filter(meeting__group_id=group_id)
        spoke = spoke.filter(meeting__group_id=group_id)
    if trajectory_id is not None:
        attended = attended.filter(meeting__agenda_items__question__trajectory_id=trajectory_id)
        spoke = spoke.filter(question__trajectory_id=trajectory_id)
    return Participant.objects.filter(organisation=organisation, erased_at__isnull=True).filter(
        Q(pk__in=attended.values("participant_id")) | Q(pk__in=spoke.values("participant_id"))
    )


@dataclass
class ReachRow:
    key: str
    label: str
    count: int | None  # None: hidden (fewer than 5, or it would give one away)
    share: int | None  # percent of those who answered
    population_share: int | None
    gap: int | None  # share minus population share, in percentage points
    under_represented: bool
    missing: bool

    @property
    def hidden(self) -> bool:
        return self.count is None


@dataclass
class ReachTable:
    dimension: str
    label: str
    total: int
    answered: int | None
    prefer_not: int | None
    not_asked: int | None
    rows: list[ReachRow]
    population_year: int | None
    summary: list[str] = field(default_factory=list)


@dataclass
class Reach:
    year: int
    total: int
    tables: list[ReachTable]

    @property
    def too_few(self) -> bool:
        return 0 < self.total < MIN_SHOWN


PopulationByYear = dict[str, dict[int, dict[str, int]]]


def population_by_year(organisation: Organisation) -> PopulationByYear:
    """All client numbers of the organisation: per question, per year, per answer. One query."""
    rows = PopulationCount.objects.filter(organisation=organisation).values_list(
        "year", "dimension", "category", "count"
    )
    by_year: PopulationByYear = {}
    for row_year, dimension, category, count in rows:
        by_year.setdefault(dimension, {}).setdefault(row_year, {})[category] = count
    return by_year


def _population(
    organisation: Organisation, year: int, by_year: PopulationByYear | None = None
) -> dict[str, tuple[int, dict[str, int]]]:
    """Per question: the year used (the latest up to `year`, else the first after) and counts."""
    if by_year is None:
        by_year = population_by_year(organisation)
    chosen: dict[str, tuple[int, dict[str, int]]] = {}
    for dimension, years in by_year.items():
        earlier = [y for y in years if y <= year]
        pick = max(earlier) if earlier else min(years)
        chosen[dimension] = (pick, years[pick])
    return chosen


def _labels(dimension: str) -> dict[str, str]:
    return {code: str(label) for code, label in CHOICES.get(dimension, [])}


def _share(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def reach(
    organisation: Organisation,
    year: int,
    group_id: int | None = None,
    trajectory_id: int | None = None,
    *,
    population: PopulationByYear | None = None,
) -> Reach:
    """The reach tables for one year, for the organisation, one group or one trajectory.

    Seven queries for the organisation; five more per wider table it is shown beside (the
    organisation for a group; the organisation and the trajectory's group for a trajectory).
    One query only when fewer than MIN_SHOWN took part: then nothing is shown anyway.
    `population` is `population_by_year`, when the caller has it already.
    """
    people = took_part(organisation, year, group_id, trajectory_id)
    total = people.count()
    if total < MIN_SHOWN:
        return Reach(year=year, total=total, tables=[])
    chosen = _population(organisation, year, population)
    # A part is shown beside the wider tables: protect each difference too.
    wider: list[QuerySet[Any]] = []
    if group_id is not None or trajectory_id is not None:
        wider.append(took_part(organisation, year))
    if trajectory_id is not None:
        within = (
            Trajectory.objects.filter(organisation=organisation, pk=trajectory_id)
            .values_list("group_id", flat=True)
            .first()
        )
        if within is not None:
            wider.append(took_part(organisation, year, within))
    tables = []
    for dimension, label in Dimension.choices:
        known = {fold(c) for c in chosen.get(dimension, (None, {}))[1]}
        counted, names = _count(people, dimension, known)
        rests = []
        for everyone in wider:
            whole, _names = _count(everyone, dimension, known)
            rests.append({key: whole.get(key, 0) - counted.get(key, 0) for key in whole})
        tables.append(
            _table(dimension, str(label), total, counted, names, chosen.get(dimension), rests)
        )
    return Reach(year=year, total=total, tables=tables)


OTHER_NEIGHBOURHOOD = "~other"


def _count(
    people: QuerySet[Any], dimension: str, known: set[str]
) -> tuple[dict[str, int], dict[str, str]]:
    """Counts per answer. A neighbourhood is free text: only those in the client numbers are
    shown by name; anything else a person wrote is counted as "another neighbourhood"."""
    counted: dict[str, int] = {}
    names: dict[str, str] = {}
    for value, n in people.order_by().values_list(dimension).annotate(n=Count("pk")):
        key = value
        if dimension == Dimension.NEIGHBOURHOOD and value not in (NOT_ASKED, PREFER_NOT):
            key = fold(value) if fold(value) in known else OTHER_NEIGHBOURHOOD
            value = value if key != OTHER_NEIGHBOURHOOD else str(_("another neighbourhood"))
        counted[key] = counted.get(key, 0) + n
        names.setdefault(key, value)
    return counted, names


def _table(
    dimension: str,
    label: str,
    total: int,
    counted: dict[str, int],
    names: dict[str, str],
    population: tuple[int, dict[str, int]] | None,
    rests: list[dict[str, int]] | None = None,
) -> ReachTable:
    prefer_not = counted.pop(PREFER_NOT, 0)
    not_asked = counted.pop(NOT_ASKED, 0)
    answered = sum(counted.values())
    labels = _labels(dimension)
    population_year, population_counts = population or (None, {})
    if dimension == Dimension.NEIGHBOURHOOD:
        folded_population: dict[str, int] = {}
        for category, n in population_counts.items():
            folded_population[fold(category)] = folded_population.get(fold(category), 0) + n
            names.setdefault(fold(category), category)
        population_counts = folded_population
        order = sorted(set(counted) | set(population_counts))
        labels = {key: names.get(key, key) for key in order}
    else:
        order = [code for code in labels if code in counted or code in population_counts]
    population_total = sum(population_counts.values())
    # First level: answered / rather not say / not asked add up to everyone who took part.
    top = suppressed({"answered": answered, "prefer_not": prefer_not, "not_asked": not_asked})
    # Second level: the answers add up to those who answered.
    cells = {key: counted.get(key, 0) for key in order}
    if "answered" in top:
        hidden = set(cells)
    elif rests:
        hidden = suppressed_beside(cells, *({key: r.get(key, 0) for key in order} for r in rests))
    else:
        hidden = suppressed(cells)
    rows = []
    summary = []
    for key in order:
        n = cells[key]
        shown = key not in hidden
        share = _share(n, answered) if shown else None
        theirs = (
            _share(population_counts[key], population_total) if key in population_counts else None
        )
        under = False
        # A hidden count still gets its mark: "fewer than 5 took part" is what hiding it
        # says already, and the mark is what a council needs to hear.
        if theirs is not None and answered and "answered" not in top and population_total:
            p = population_counts[key] / population_total
            under = n / answered < p and binomial_lower_tail(n, answered, p) < SIGNIFICANCE
        row = ReachRow(
            key=key,
            label=labels.get(key, key),
            count=n if shown else None,
            share=share,
            population_share=theirs,
            gap=share - theirs if share is not None and theirs is not None else None,
            under_represented=under,
            missing=shown and n == 0 and bool(population_counts.get(key)),
        )
        rows.append(row)
        if under:
            summary.append(_sentence(row))
    return ReachTable(
        dimension=dimension,
        label=label,
        total=total,
        answered=None if "answered" in top else answered,
        prefer_not=None if "prefer_not" in top else prefer_not,
        not_asked=None if "not_asked" in top else not_asked,
        rows=rows,
        population_year=population_year,
        summary=summary,
    )


def _sentence(row: ReachRow) -> str:
    if row.missing:
        return _("%(category)s: nobody took part, but they are %(theirs)s%% of our clients.") % {
            "category": row.label,
            "theirs": row.population_share,
        }
    if row.share is None:
        return _(
            "%(category)s: under-represented. Fewer than 5 took part; they are %(theirs)s%% "
            "of our clients."
        ) % {"category": row.label, "theirs": row.population_share}
    return _(
        "%(category)s: under-represented. %(ours)s%% of those who took part, %(theirs)s%% of "
        "our clients."
    ) % {"category": row.label, "ours": row.share, "theirs": row.population_share}
