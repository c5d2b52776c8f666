"""A representative group chosen from volunteers against quotas (sortition-algorithms)."""

from __future__ import annotations

import math
from collections.abc import Iterator

import pytest
from django.utils import translation

from inbreng.surveys.selection import QuotaSpec, SelectionFailed, select


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


# 16 volunteers: 12 women and 4 men; 8 young and 8 older.
VOLUNTEERS = [
    (f"V{i:02d}", {"gender": "v" if i < 12 else "m", "age": "jong" if i % 2 else "ouder"})
    for i in range(16)
]
QUOTAS = [
    QuotaSpec("gender", "v", 3, 3),
    QuotaSpec("gender", "m", 3, 3),
    QuotaSpec("age", "jong", 2, 4),
    QuotaSpec("age", "ouder", 2, 4),
]


def test_it_chooses_a_group_that_meets_every_quota() -> None:
    result = select(VOLUNTEERS, QUOTAS, size=6, seed=11)
    assert len(result.selected) == 6
    assert all(check.met for check in result.checks)
    men = next(c for c in result.checks if c.category == "m")
    assert (men.chosen, men.volunteers) == (3, 4)
    # Every chance is a probability, and the chances add up to the size of the group.
    assert all(0 <= p <= 1 for p in result.probabilities.values())
    assert math.isclose(sum(result.probabilities.values()), 6, rel_tol=1e-6)
    # Three of four men are chosen: each man's chance is 3/4; each woman's 3/12.
    assert math.isclose(result.probabilities["V12"], 0.75, abs_tol=1e-6)
    assert math.isclose(result.probabilities["V00"], 0.25, abs_tol=1e-6)


def test_it_chooses_the_same_group_from_the_same_seed() -> None:
    first = select(VOLUNTEERS, QUOTAS, size=6, seed=11)
    again = select(list(reversed(VOLUNTEERS)), QUOTAS, size=6, seed=11)
    assert first.selected == again.selected


def test_it_says_when_no_group_meets_the_quotas() -> None:
    impossible = [*QUOTAS[:1], QuotaSpec("gender", "m", 5, 5), *QUOTAS[2:]]
    with pytest.raises(SelectionFailed, match="No group of"):
        select(VOLUNTEERS, impossible, size=8, seed=1)


def test_it_says_when_a_volunteer_falls_outside_the_quotas() -> None:
    volunteers = [*VOLUNTEERS, ("V99", {"gender": "x", "age": "jong"})]
    with pytest.raises(SelectionFailed, match="V99"):
        select(volunteers, QUOTAS, size=6, seed=1)


def test_within_a_time_limit_it_gives_the_same_group_or_a_clear_message() -> None:
    from inbreng.surveys.selection import select_within

    assert select_within(VOLUNTEERS, QUOTAS, size=6, seed=11).selected == (
        select(VOLUNTEERS, QUOTAS, size=6, seed=11).selected
    )
    # A solver that would take longer than the request may wait is stopped, with a reason.
    with pytest.raises(SelectionFailed, match="too long"):
        select_within(VOLUNTEERS, QUOTAS, size=6, seed=11, seconds=0.001)
