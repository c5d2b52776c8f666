"""A Dutch plain-language checker: Flesch-Douma score, long sentences, rare words and jargon.

It imports no Django, so that it can run anywhere: in a form, in a test over rendered letters,
or on its own. See `checker` for what is measured and why.
"""

from __future__ import annotations

from .checker import LONG_SENTENCE, Report, check
from .jargon import DEFAULT_JARGON, JargonHit
from .segment import split_sentences, split_words
from .syllables import count_syllables

__all__ = [
    "DEFAULT_JARGON",
    "LONG_SENTENCE",
    "JargonHit",
    "Report",
    "check",
    "count_syllables",
    "split_sentences",
    "split_words",
]
