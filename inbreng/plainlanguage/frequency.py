"""How common a Dutch word is, behind one small function.

The numbers come from wordfreq, whose data is frozen: its author stopped updating it. That is
fine for telling everyday words from rare ones, but keeping it behind `zipf` means another
source can replace it here without touching the checker.
"""

from __future__ import annotations

import functools


@functools.lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """The word's frequency in Dutch on the Zipf scale: about 7 for "de", 5 for "koffie", 3 for
    a word most people know but seldom use, 0 for a word wordfreq has never seen."""
    # Imported on first use: importing wordfreq takes about 0.3 s, which every Django process
    # (and every management command) would otherwise pay at start-up.
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "nl"))
