"""Stratified samples: allocation, the seeded draw, the reserve list and the frame file."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from django.utils import translation
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from inbreng.people.importing import ImportFileError
from inbreng.surveys.sampling import (
    MAX_UNITS,
    SamplingError,
    allocate,
    draw,
    parse_frame,
)


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    # The messages are compared in the source language; the Dutch ones come with the lead's merge.
    with translation.override("en"):
        yield


sizes_strategy = st.dictionaries(
    st.sampled_from(["Noord", "Zuid", "Oost", "West", "Centrum", "Haven"]),
    st.integers(min_value=0, max_value=400),
    min_size=1,
).filter(lambda d: sum(d.values()) > 0)


@settings(max_examples=300, deadline=None)
@given(sizes=sizes_strategy, data=st.data())
def test_it_allocates_proportionally_within_rounding(
    sizes: dict[str, int], data: st.DataObject
) -> None:
    population = sum(sizes.values())
    n = data.draw(st.integers(min_value=1, max_value=population))
    allocation = allocate(sizes, n)
    assert sum(allocation.values()) == n
    for stratum, size in sizes.items():
        share = n * size / population
        assert abs(allocation[stratum] - share) < 1
        assert 0 <= allocation[stratum] <= size


@settings(max_examples=300, deadline=None)
@given(sizes=sizes_strategy, minimum=st.integers(min_value=0, max_value=30), data=st.data())
def test_it_gives_every_stratum_its_minimum(
    sizes: dict[str, int], minimum: int, data: st.DataObject
) -> None:
    needed = sum(min(minimum, size) for size in sizes.values())
    population = sum(sizes.values())
    assume(needed <= population and max(needed, 1) <= population)
    n = data.draw(st.integers(min_value=max(needed, 1), max_value=population))
    allocation = allocate(sizes, n, minimum=minimum)
    assert sum(allocation.values()) == n
    for stratum, size in sizes.items():
        assert min(minimum, size) <= allocation[stratum] <= size


def test_it_shares_by_largest_remainder() -> None:
    # 10 of 100: exact shares 5.5, 3.3, 1.2 → 5, 3, 1 and the one left goes to the largest
    # remainder (0.5 of the first stratum).
    assert allocate({"a": 55, "b": 33, "c": 12}, 10) == {"a": 6, "b": 3, "c": 1}
    # A minimum of 3 first (9), then the last one goes where the most people are left.
    assert allocate({"a": 55, "b": 33, "c": 12}, 10, minimum=3) == {"a": 4, "b": 3, "c": 3}


def test_it_refuses_a_sample_larger_than_the_frame() -> None:
    with pytest.raises(SamplingError, match="larger than the frame"):
        allocate({"a": 3, "b": 4}, 8)
    with pytest.raises(SamplingError, match="minimum"):
        allocate({"a": 30, "b": 40, "c": 50}, 10, minimum=5)


UNITS = [(f"K{i:04d}", ["Noord", "Zuid", "Oost"][i % 3]) for i in range(300)]


def test_it_draws_the_same_sample_from_the_same_seed() -> None:
    allocation = allocate({"Noord": 100, "Oost": 100, "Zuid": 100}, 30)
    first = draw(UNITS, allocation, seed=4242, reserve_per_stratum=5)
    # The order of the file does not matter: only the frame, the allocation and the seed.
    second = draw(list(reversed(UNITS)), allocation, seed=4242, reserve_per_stratum=5)
    assert first == second
    other = draw(UNITS, allocation, seed=4243, reserve_per_stratum=5)
    assert [d.drawn for d in other] != [d.drawn for d in first]


@settings(max_examples=100, deadline=None)
@given(seed=st.integers(min_value=1, max_value=2**31 - 1), reserve=st.integers(0, 120))
def test_it_never_puts_anyone_twice_on_the_lists(seed: int, reserve: int) -> None:
    allocation = {"Noord": 10, "Oost": 20, "Zuid": 5}
    result = draw(UNITS, allocation, seed=seed, reserve_per_stratum=reserve)
    everyone = [ref for part in result for ref in part.drawn + part.reserve]
    assert len(everyone) == len(set(everyone))
    for part in result:
        assert len(part.drawn) == allocation[part.stratum]
        assert len(part.reserve) == min(reserve, part.population - allocation[part.stratum])
        assert all(dict(UNITS)[ref] == part.stratum for ref in part.drawn + part.reserve)


def _csv(text: str) -> bytes:
    return text.encode("utf-8")


def test_it_reads_a_frame_with_its_strata() -> None:
    frame = parse_frame(
        "kader.csv", _csv("klantnummer;kantoor;leeftijd\nK1;Noord;<25\nK2;Zuid;65+\nK3;Noord;<25\n")
    )
    assert frame.errors == []
    assert frame.strata_columns == ["kantoor", "leeftijd"]
    assert frame.strata_sizes == {"Noord | <25": 2, "Zuid | 65+": 1}


def test_it_names_the_line_of_each_error() -> None:
    frame = parse_frame(
        "kader.csv",
        _csv(
            "id;kantoor;gezin\n"
            "K1;Noord;alleen\n"  # line 2
            "K2;;koppel\n"  # line 3: stratum missing
            "K1;Zuid;koppel\n"  # line 4: duplicate of line 2
            ";;\n"  # line 5: empty between filled lines
            ";Zuid;alleen\n"  # line 6: id missing
            "\n\n"  # trailing empty lines are fine
        ),
    )
    assert frame.errors == [
        (3, "The value for “kantoor” is missing."),
        (4, "This id is already on line 2."),
        (5, "This line is empty."),
        (6, "The id is missing."),
    ]
    assert [row.client_ref for row in frame.rows] == ["K1"]


def test_it_reads_an_excel_frame() -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["code", "kantoor"])
    sheet.append(["A-1", "Noord"])
    sheet.append([17, "Zuid"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    frame = parse_frame("kader.xlsx", buffer.getvalue())
    assert [(r.client_ref, r.stratum) for r in frame.rows] == [("A-1", "Noord"), ("17", "Zuid")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"id;kantoor\n", "no clients"),
        (b"id\nK1\n", "no strata"),
        (b"id;a;b;c;d;e;f;g\n1;1;1;1;1;1;1;1\n", "more than 6 strata"),
        (b"id;kantoor\n" + b"K;N\n" * (MAX_UNITS + 1), "more than"),
    ],
)
def test_it_refuses_an_unusable_file(content: bytes, message: str) -> None:
    with pytest.raises(ImportFileError, match=message):
        parse_frame("kader.csv", content)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_it_never_fails_on_any_bytes(content: bytes) -> None:
    try:
        frame = parse_frame("kader.csv", content)
    except ImportFileError:
        return
    lines = {row.line for row in frame.rows} | {line for line, _e in frame.errors}
    assert len({row.client_ref for row in frame.rows}) == len(frame.rows)
    assert all(line >= 2 for line in lines)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=8),
            st.sampled_from(["Noord", "Zuid", ""]),
        ),
        max_size=30,
    )
)
def test_it_keeps_every_good_line_and_reports_every_bad_one(rows: list[tuple[str, str]]) -> None:
    lines = ["id;kantoor"] + [f"{ref.replace(';', '')};{office}" for ref, office in rows]
    try:
        frame = parse_frame("kader.csv", "\n".join(lines).encode())
    except ImportFileError:
        return
    reported = {line for line, _e in frame.errors}
    kept = {row.line for row in frame.rows}
    assert not reported & kept
    for row in frame.rows:
        assert row.strata["kantoor"] in {"Noord", "Zuid"}
