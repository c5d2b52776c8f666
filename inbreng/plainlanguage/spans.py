"""Sorted, non-overlapping stretches of a text, asked about in logarithmic time.

Words, placeholders and jargon terms never overlap each other, so their places can be kept in
order and searched by bisection: a text of thousands of sentences stays linear to check.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable


class Spans:
    """Half-open spans (start, end) that do not overlap, given in any order."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._ends = [end for _, end in ordered]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any span shares a character with start..end (or holds `start`, if empty)."""
        # The last span that starts at or before `start`, and the first that starts after it.
        index = bisect.bisect_right(self._starts, start) - 1
        if index >= 0 and self._ends[index] > start:
            return True
        following = index + 1
        return following < len(self._starts) and self._starts[following] < end
