"""Stratified random samples from a sampling frame: allocation, the draw and the reserve list.

Plain functions over lists, no database. The draw is reproducible: the units of each stratum
are put in the order of their id, and a NumPy generator seeded with the recorded seed shuffles
them, strata in the order of their key. The same frame, allocation and seed give the same
sample, whatever order the file had.

Allocation (see docs/surveys.md):
- proportional: each stratum gets its share n * N_h / N, rounded by largest remainder so the
  parts add up to n and each is within one of its exact share;
- minimum per stratum: each stratum first gets the minimum (or all its units when it has
  fewer), the rest of the sample is shared in proportion to the units still left.

The frame file holds a pseudonymous id per client and the strata columns; see `parse_frame`.
"""

from __future__ import annotations

import math
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext as _

from inbreng.lib.script import hidden_characters
from inbreng.lib.text import fold
from inbreng.people.importing import MAX_LINES as READ_LINES
from inbreng.people.importing import ImportFileError, _read_rows

# The reader of XLSX files stops one line past READ_LINES, so a frame is bounded by it.
MAX_UNITS = READ_LINES - 1
MAX_BYTES = 5 * 1024 * 1024
MAX_STRATA_COLUMNS = 6
ID_MAX = 64
VALUE_MAX = 60
STRATUM_SEPARATOR = " | "
SEED_MAX = 2**31 - 1

ID_HEADERS = {
    "id",
    "client",
    "client id",
    "client_id",
    "clientnummer",
    "klant",
    "klantnummer",
    "nummer",
    "code",
    "referentie",
    "pseudoniem",
    "ref",
}


class SamplingError(ValueError):
    """The sample cannot be drawn as asked; the message is for the user."""


@dataclass
class FrameRow:
    line: int
    client_ref: str
    strata: dict[str, str]

    @property
    def stratum(self) -> str:
        return stratum_key(self.strata.values())


@dataclass
class FrameFile:
    """A read frame: the strata columns, the good rows and the errors per line."""

    strata_columns: list[str]
    rows: list[FrameRow] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def strata_sizes(self) -> dict[str, int]:
        sizes: dict[str, int] = {}
        for row in self.rows:
            sizes[row.stratum] = sizes.get(row.stratum, 0) + 1
        return dict(sorted(sizes.items()))


def stratum_key(values: Iterable[str]) -> str:
    return STRATUM_SEPARATOR.join(str(v) for v in values)


def new_seed() -> int:
    """A seed for a new draw, shown and recorded so that the draw can be repeated."""
    return secrets.randbelow(SEED_MAX) + 1


def parse_frame(name: str, content: bytes) -> FrameFile:
    """Reads a frame: a header row, then one pseudonymous id and its strata per line.

    The id column is the one headed id, klantnummer, code, ... (else the first column); every
    other named column is a stratum. A missing id or stratum, a duplicate id and an empty line
    between lines are errors with their line number. Raises ImportFileError when the file as a
    whole cannot be used (too large, no header, no strata, too many lines).
    """
    if len(content) > MAX_BYTES:
        raise ImportFileError(_("The file is larger than 5 MB."))
    rows = _read_rows(name, content)
    try:
        _line, header = next(rows)
    except StopIteration:
        raise ImportFileError(_("The file is empty.")) from None
    titles = [title.strip() for title in header]
    id_index = next((i for i, t in enumerate(titles) if fold(t) in ID_HEADERS), 0)
    strata_indexes = [i for i, t in enumerate(titles) if t and i != id_index]
    if not any(titles):
        raise ImportFileError(_("The first row must name the columns: an id and the strata."))
    if not strata_indexes:
        raise ImportFileError(
            _("The file has no strata columns. Add at least one column, for example the office.")
        )
    if len(strata_indexes) > MAX_STRATA_COLUMNS:
        raise ImportFileError(
            _("The file has more than %(max)d strata columns.") % {"max": MAX_STRATA_COLUMNS}
        )
    columns = [titles[i][:VALUE_MAX] for i in strata_indexes]
    if len({fold(c) for c in columns}) < len(columns):
        raise ImportFileError(_("Two columns have the same name."))
    frame = FrameFile(strata_columns=columns)
    seen: dict[str, int] = {}
    empty_lines: list[int] = []
    for line, values in rows:
        if line > MAX_UNITS + 1:
            raise ImportFileError(
                _("The file has more than %(max)d lines. Split it.") % {"max": MAX_UNITS}
            )
        if not any(values):
            empty_lines.append(line)
            continue
        # An empty line between filled lines often means a part of the list went missing.
        frame.errors.extend((empty, _("This line is empty.")) for empty in empty_lines)
        empty_lines = []

        def cell(index: int, values: list[str] = values) -> str:
            return values[index] if index < len(values) else ""

        line_errors: list[str] = []
        client_ref = cell(id_index)
        if not client_ref:
            line_errors.append(_("The id is missing."))
        elif len(client_ref) > ID_MAX or hidden_characters(client_ref):
            line_errors.append(
                _("The id must be at most %(max)d visible characters.") % {"max": ID_MAX}
            )
        elif client_ref in seen:
            line_errors.append(
                _("This id is already on line %(line)d.") % {"line": seen[client_ref]}
            )
        else:
            seen[client_ref] = line
        strata: dict[str, str] = {}
        for column, index in zip(columns, strata_indexes, strict=True):
            value = cell(index)
            if not value:
                line_errors.append(_("The value for “%(column)s” is missing.") % {"column": column})
            elif len(value) > VALUE_MAX or STRATUM_SEPARATOR.strip() in value:
                line_errors.append(
                    _("The value for “%(column)s” is too long or holds a “|”.") % {"column": column}
                )
            else:
                strata[column] = value
        if line_errors:
            frame.errors.extend((line, error) for error in line_errors)
        else:
            frame.rows.append(FrameRow(line=line, client_ref=client_ref, strata=strata))
    if not frame.rows and not frame.errors:
        raise ImportFileError(_("The file has no clients in it, only a header row."))
    return frame


def _largest_remainder(
    total: int, weights: Mapping[str, float], caps: Mapping[str, int]
) -> dict[str, int]:
    """`total` shared in proportion to `weights`, whole numbers, none above its cap.

    A stratum whose exact share exceeds its cap gets the cap, and the rest is shared again
    among the others. The leftover units after rounding down go to the largest remainders
    (ties: the stratum whose key comes first).
    """
    result = dict.fromkeys(weights, 0)
    open_keys = [k for k in sorted(weights) if caps[k] > 0]
    left = total
    while True:
        weight_sum = sum(weights[k] for k in open_keys)
        if not open_keys or left <= 0 or weight_sum <= 0:
            break
        exact = {k: left * weights[k] / weight_sum for k in open_keys}
        over = [k for k in open_keys if exact[k] >= caps[k]]
        if not over:
            floors = {k: math.floor(exact[k]) for k in open_keys}
            rest = left - sum(floors.values())
            order = sorted(open_keys, key=lambda k: (-(exact[k] - floors[k]), k))
            for k in order[:rest]:
                floors[k] += 1
            for k in open_keys:
                result[k] += floors[k]
            break
        for k in over:
            result[k] += caps[k]
            left -= caps[k]
        open_keys = [k for k in open_keys if k not in over]
    return result


def allocate(sizes: Mapping[str, int], n: int, *, minimum: int = 0) -> dict[str, int]:
    """The sample size per stratum; sums to n. Raises SamplingError when n cannot be drawn."""
    population = sum(sizes.values())
    if n < 1:
        raise SamplingError(_("The sample must hold at least one person."))
    if n > population:
        raise SamplingError(
            _("The sample (%(n)d) is larger than the frame (%(total)d people).")
            % {"n": n, "total": population}
        )
    floors = {k: min(minimum, size) for k, size in sizes.items()}
    if sum(floors.values()) > n:
        raise SamplingError(
            _(
                "A minimum of %(minimum)d per stratum needs %(needed)d people; "
                "the sample holds %(n)d."
            )
            % {"minimum": minimum, "needed": sum(floors.values()), "n": n}
        )
    caps = {k: sizes[k] - floors[k] for k in sizes}
    weights = {k: float(caps[k]) if minimum else float(sizes[k]) for k in sizes}
    extra = _largest_remainder(n - sum(floors.values()), weights, caps)
    return {k: floors[k] + extra[k] for k in sorted(sizes)}


@dataclass
class StratumDraw:
    stratum: str
    population: int
    drawn: list[str]
    reserve: list[str]


def draw(
    units: Sequence[tuple[str, str]],
    allocation: Mapping[str, int],
    *,
    seed: int,
    reserve_per_stratum: int = 0,
) -> list[StratumDraw]:
    """Draws `allocation[h]` ids from each stratum h, then a reserve list in drawing order.

    `units` are (client_ref, stratum) pairs. Nobody is drawn twice, nor both drawn and on the
    reserve list: drawn and reserve are the first parts of one random order of the stratum.
    """
    if not 1 <= seed <= SEED_MAX:
        raise SamplingError(
            _("The seed must be a whole number from 1 to %(max)d.") % {"max": SEED_MAX}
        )
    members: dict[str, list[str]] = {}
    for ref, stratum in units:
        members.setdefault(stratum, []).append(ref)
    generator = np.random.default_rng(seed)
    result = []
    for stratum in sorted(members):
        refs = sorted(members[stratum])
        wanted = allocation.get(stratum, 0)
        if wanted > len(refs):
            raise SamplingError(
                _("The stratum %(stratum)s has %(size)d people, fewer than %(n)d.")
                % {"stratum": stratum, "size": len(refs), "n": wanted}
            )
        order = generator.permutation(len(refs))
        shuffled = [refs[i] for i in order]
        result.append(
            StratumDraw(
                stratum=stratum,
                population=len(refs),
                drawn=shuffled[:wanted],
                reserve=shuffled[wanted : wanted + reserve_per_stratum],
            )
        )
    return result
