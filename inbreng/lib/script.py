"""Which writing system a text is in, to catch a translation pasted into the wrong language.

No Django here: plain Unicode data.
"""

from __future__ import annotations

import unicodedata

# The script each participant language is written in.
LANGUAGE_SCRIPTS = {"nl": "LATIN", "fr": "LATIN", "en": "LATIN", "ar": "ARABIC"}


def letter_scripts(text: str) -> dict[str, int]:
    """How many letters of each script the text holds (digits, spaces and signs not counted)."""
    counts: dict[str, int] = {}
    for char in text:
        if not char.isalpha():
            continue
        name = unicodedata.name(char, "")
        script = name.split(" ", 1)[0] if name else "UNKNOWN"
        counts[script] = counts.get(script, 0) + 1
    return counts


def is_written_in(text: str, language: str) -> bool:
    """Whether a fair share (a third) of the letters of `text` are in the script of `language`.

    A Dutch name or place inside an Arabic sentence is fine, even a long one; an Arabic field
    that holds a Dutch sentence is not. Languages without a known script, and texts without letters,
    pass.
    """
    expected = LANGUAGE_SCRIPTS.get(language)
    counts = letter_scripts(text)
    total = sum(counts.values())
    if expected is None or total == 0:
        return True
    return counts.get(expected, 0) * 3 >= total
