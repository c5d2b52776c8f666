"""Selecting a representative group from volunteers against quotas, with sortition-algorithms.

The library's Nash-welfare algorithm (Flanigan et al., as used for citizens' assemblies) finds
a lottery over groups that all meet the quotas, maximising the product of everyone's chances.
Unlike maximin, which only lifts the least likely volunteer and leaves the others' chances to
the solver, its chances are unique: the same volunteers and quotas always give the same
chances. From that lottery we read each volunteer's chance of being chosen (the sum of the
chances of the groups they are in), then draw one group with the recorded seed. The same
volunteers, quotas and seed give the same group.

Plain functions, no database: volunteers are (ref, {feature: category}) and quotas
(feature, category, minimum, maximum).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from .sampling import SEED_MAX

if TYPE_CHECKING:
    from sortition_algorithms.features import FeatureCollection

MAX_VOLUNTEERS = 500


class SelectionFailed(ValueError):
    """No group meets the quotas, or the input cannot be used; the message is for the user."""


@dataclass(frozen=True)
class QuotaSpec:
    feature: str
    category: str
    minimum: int
    maximum: int


@dataclass
class QuotaCheck:
    """How the chosen group compares with one quota."""

    feature: str
    category: str
    minimum: int
    maximum: int
    chosen: int
    volunteers: int

    @property
    def met(self) -> bool:
        return self.minimum <= self.chosen <= self.maximum


@dataclass
class SelectionResult:
    selected: list[str]
    probabilities: dict[str, float]
    checks: list[QuotaCheck] = field(default_factory=list)


def _check_input(
    volunteers: Sequence[tuple[str, Mapping[str, str]]], quotas: Sequence[QuotaSpec], size: int
) -> None:
    if not 1 <= size <= len(volunteers):
        raise SelectionFailed(
            _("The group must hold between 1 and %(max)d people (the volunteers).")
            % {"max": len(volunteers)}
        )
    if len(volunteers) > MAX_VOLUNTEERS:
        raise SelectionFailed(
            _("A pool can hold at most %(max)d volunteers.") % {"max": MAX_VOLUNTEERS}
        )
    if not quotas:
        raise SelectionFailed(_("Add at least one quota."))
    for quota in quotas:
        if quota.minimum > quota.maximum:
            raise SelectionFailed(
                _("The minimum for %(category)s is above its maximum.")
                % {"category": quota.category}
            )
    features = {q.feature for q in quotas}
    for ref, values in volunteers:
        for feature in features:
            categories = {q.category for q in quotas if q.feature == feature}
            if values.get(feature, "") not in categories:
                raise SelectionFailed(
                    _("Volunteer %(ref)s has no quota for their %(feature)s.")
                    % {"ref": ref, "feature": feature}
                )


def select(
    volunteers: Sequence[tuple[str, Mapping[str, str]]],
    quotas: Sequence[QuotaSpec],
    *,
    size: int,
    seed: int,
) -> SelectionResult:
    """Chooses `size` volunteers meeting every quota; every volunteer's chance comes along."""
    # Imported here: the library (with its solver) takes more than a second to import.
    import numpy as np
    from sortition_algorithms import errors as sortition_errors
    from sortition_algorithms.committee_generation import (
        find_distribution_nash,
        standardize_distribution,
    )
    from sortition_algorithms.features import FeatureValueMinMax
    from sortition_algorithms.people import People
    from sortition_algorithms.utils import set_random_provider

    _check_input(volunteers, quotas, size)
    # In the order of their ref, so that the order of the list does not change the lottery.
    volunteers = sorted(volunteers, key=lambda v: v[0])
    quotas = sorted(quotas, key=lambda q: (q.feature, q.category))
    if not 1 <= seed <= SEED_MAX:
        raise SelectionFailed(
            _("The seed must be a whole number from 1 to %(max)d.") % {"max": SEED_MAX}
        )
    features: FeatureCollection = {}
    for quota in quotas:
        features.setdefault(quota.feature, {})[quota.category] = FeatureValueMinMax(
            min=quota.minimum, max=quota.maximum
        )
    for values in features.values():
        for minmax in values.values():
            minmax.set_default_max_flex(len(volunteers) + 1)
    people = People(columns_to_keep=[])
    for row, (ref, own) in enumerate(volunteers, start=1):
        people.add(ref, {f: own.get(f, "") for f in features}, features, row)
    # The library draws its own random numbers (and seeds Python's `random` with our seed).
    set_random_provider(seed)
    try:
        committees, probabilities, _report = find_distribution_nash(features, people, size, [])
    except (sortition_errors.SortitionBaseError, ValueError, RuntimeError) as error:
        raise SelectionFailed(
            _("No group of %(size)d meets all the quotas. Widen the quotas or add volunteers.")
            % {"size": size}
        ) from error
    committees, probabilities = standardize_distribution(committees, probabilities)
    chance = dict.fromkeys((ref for ref, _values in volunteers), 0.0)
    for committee, probability in zip(committees, probabilities, strict=True):
        for ref in committee:
            chance[ref] += probability
    # Committees in a fixed order, so the seeded draw does not depend on set ordering.
    ordered = sorted(zip(committees, probabilities, strict=True), key=lambda c: sorted(c[0]))
    generator = np.random.default_rng(seed)
    weights = np.array([p for _c, p in ordered])
    picked = ordered[int(generator.choice(len(ordered), p=weights / weights.sum()))][0]
    selected = sorted(picked)
    return SelectionResult(
        selected=selected,
        probabilities={ref: min(max(p, 0.0), 1.0) for ref, p in chance.items()},
        checks=compare_with_quotas(volunteers, quotas, selected),
    )


def compare_with_quotas(
    volunteers: Sequence[tuple[str, Mapping[str, str]]],
    quotas: Sequence[QuotaSpec],
    selected: Sequence[str],
) -> list[QuotaCheck]:
    chosen = set(selected)
    checks = []
    for quota in quotas:
        members = [ref for ref, values in volunteers if values.get(quota.feature) == quota.category]
        checks.append(
            QuotaCheck(
                feature=quota.feature,
                category=quota.category,
                minimum=quota.minimum,
                maximum=quota.maximum,
                chosen=sum(1 for ref in members if ref in chosen),
                volunteers=len(members),
            )
        )
    return checks


# A web request may wait this long for the solver; a pool and quotas that need longer get a
# clear message instead of a worker held for minutes (or killed by the server's time limit).
SELECTION_SECONDS = 20


def select_within(
    volunteers: Sequence[tuple[str, Mapping[str, str]]],
    quotas: Sequence[QuotaSpec],
    *,
    size: int,
    seed: int,
    seconds: float = SELECTION_SECONDS,
) -> SelectionResult:
    """`select`, in a child process that is stopped after `seconds`.

    The child is a fresh process (spawned, not forked: a fork of a threaded server can
    deadlock); it touches no database. The solver cannot be interrupted from inside.
    """
    import multiprocessing

    from django.utils import translation

    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe(duplex=False)
    from .selection_process import run

    child = context.Process(
        target=run,
        args=(
            theirs,
            translation.get_language() or "nl",
            [(ref, dict(values)) for ref, values in volunteers],
            [(q.feature, q.category, q.minimum, q.maximum) for q in quotas],
            size,
            seed,
        ),
        daemon=True,
    )
    child.start()
    theirs.close()
    try:
        if not ours.poll(seconds):
            raise SelectionFailed(
                _(
                    "Choosing takes too long with this many quotas. Use fewer groups per "
                    "feature, or wider quotas, and try again."
                )
            )
        outcome, value = ours.recv()
    except EOFError as error:
        raise SelectionFailed(_("Choosing stopped unexpectedly. Try again.")) from error
    finally:
        if child.is_alive():
            child.kill()
        child.join(1)
        ours.close()
    if outcome == "failed":
        raise SelectionFailed(value)
    return value  # type: ignore[no-any-return]
