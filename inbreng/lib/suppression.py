"""Small cells: which counts of a shown table to hide so that no one is singled out.

Django-free, so that every app that publishes counts (insights' reach, surveys' results) can
use the same rule. Counts of 1 to 4 are hidden. Then, while the hidden counts could be worked
out from the shown total (only one hidden, or the hidden ones together fewer than MIN_SHOWN),
the smallest shown count above zero is hidden too. When none is left, everything is hidden.
"""

from __future__ import annotations

MIN_SHOWN = 5


def suppressed(cells: dict[str, int]) -> set[str]:
    """The keys of `cells` to hide from a table whose total is shown."""
    hidden = {key for key, n in cells.items() if 0 < n < MIN_SHOWN}
    while hidden and (len(hidden) == 1 or sum(cells[k] for k in hidden) < MIN_SHOWN):
        candidates = sorted((n, key) for key, n in cells.items() if key not in hidden and n > 0)
        if not candidates:
            return set(cells)
        hidden.add(candidates[0][1])
    return hidden
