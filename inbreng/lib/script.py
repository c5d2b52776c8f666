"""Which writing system a text is in, and the invisible characters that have no place in it.

It catches a translation pasted into the wrong language (also one sentence of Dutch inside
an Arabic text) and the control characters that turn text around on a page (U+202E) or hide
a word. No Django here: plain Unicode data.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# The script each participant language is written in.
LANGUAGE_SCRIPTS = {"nl": "LATIN", "fr": "LATIN", "en": "LATIN", "ar": "ARABIC"}

# A sentence shorter than this (in letters) is too short to say which language it is in:
# "OK", "Gent", "OCMW".
MEANINGFUL_LETTERS = 12
# A run of this many words in another script, most of them not capitalised, is a sentence
# in another language hidden inside one sentence ("... kom zeker naar de vergadering").
# Names and places are written with capitals ("Buurthuis De Linde") and stay allowed.
FOREIGN_RUN_WORDS = 4
FOREIGN_RUN_LOWER = 3
# Longer than any name or place, even written With Capitals Throughout.
LONG_RUN = 6

# Bidirectional embeddings, overrides and isolates: they turn around or move the text that
# follows them, also outside the field they were typed in.
BIDI_CONTROLS = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
# Format characters a word may need: the zero-width (non-)joiner shapes Arabic-script and
# Indic words. Every other format character (zero-width space, marks, soft hyphen, byte order
# mark, tags) is invisible and has no place in what people type here.
ALLOWED_FORMAT = frozenset({"\u200c", "\u200d"})

# Placeholders, web and e-mail addresses are not language: left out of the script check.
_NOT_TEXT = re.compile(r"\{[^{}]*\}|https?://\S+|www\.\S+|\S+@\S+")
# The end of a sentence: a line break, or . ! ? (also the Arabic question mark and full
# stop) followed by a space or the end.
_SENTENCE_END = re.compile(r"(?:\r?\n|\r|\u2028|\u2029)+|(?<=[.!?\u061f\u06d4])\s+")
_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_ISOLATED = re.compile("[\u2066\u2067\u2068][^\u2066-\u2069]*\u2069")


def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else "UNKNOWN"


def letter_scripts(text: str) -> dict[str, int]:
    """How many letters of each script the text holds (digits, spaces and signs not counted)."""
    counts: dict[str, int] = {}
    for char in text:
        if not char.isalpha():
            continue
        script = _script(char)
        counts[script] = counts.get(script, 0) + 1
    return counts


def _share_is_fair(text: str, expected: str) -> bool:
    counts = letter_scripts(text)
    total = sum(counts.values())
    return total == 0 or counts.get(expected, 0) * 3 >= total


def sentences(text: str) -> list[str]:
    """The sentences and lines of a text, without the parts that are no language.

    Text between bidi isolates (FSI ... PDI) is left out too: a page or letter puts a name,
    a title or a place people typed there on purpose, as a quotation in its own direction.
    Typed text loses its isolates before it is checked (`without_hidden_characters`), so
    that they cannot hide a sentence.
    """
    cleaned = _NOT_TEXT.sub(" ", without_hidden_characters(_ISOLATED.sub(" ", text)))
    return [part.strip() for part in _SENTENCE_END.split(cleaned) if part.strip()]


def _foreign_run(sentence: str, expected: str) -> str:
    """A run of words in another script that reads as a sentence, not as a name."""
    run: list[str] = []
    best = ""
    for match in _WORD.finditer(sentence):
        word = match.group(0)
        if _script(word[0]) == expected:
            run = []
            continue
        run.append(word)
        lower = sum(1 for w in run if not w[0].isupper())
        if len(run) >= FOREIGN_RUN_WORDS and (lower >= FOREIGN_RUN_LOWER or len(run) >= LONG_RUN):
            best = " ".join(run)
    return best


def foreign_sentences(text: str, language: str) -> list[str]:
    """The sentences of `text` that are not written in the script of `language`.

    Each sentence or line of meaningful length must have a fair share (a third) of its
    letters in the expected script, and may not hide a run of words in another script that
    reads as a sentence. A Dutch name or place inside an Arabic sentence is fine; a Dutch
    sentence inside an Arabic text is not, wherever it stands.
    """
    expected = LANGUAGE_SCRIPTS.get(language)
    if expected is None:
        return []
    found = []
    for sentence in sentences(text):
        # Capitalised words in another script are names and places ("Sociaal Huis
        # Testdorp"): they neither count for nor against the sentence.
        words = " ".join(
            word
            for word in _WORD.findall(sentence)
            if _script(word[0]) == expected or not word[0].isupper()
        )
        letters = sum(letter_scripts(words).values())
        if letters >= MEANINGFUL_LETTERS and not _share_is_fair(words, expected):
            found.append(sentence)
            continue
        run = _foreign_run(sentence, expected)
        if run:
            found.append(run)
    return found


def is_written_in(text: str, language: str) -> bool:
    """Whether `text` is written in the script of `language`.

    A fair share (a third) of all its letters must be in that script, and no sentence may
    be in another one (see `foreign_sentences`). Languages without a known script, and texts
    without letters, pass.
    """
    expected = LANGUAGE_SCRIPTS.get(language)
    if expected is None:
        return True
    return _share_is_fair(_NOT_TEXT.sub(" ", text), expected) and not foreign_sentences(
        text, language
    )


# Invisible characters ---------------------------------------------------------------------


@dataclass(frozen=True)
class HiddenCharacter:
    char: str

    @property
    def code(self) -> str:
        """How to name it to a person: "U+202E"."""
        return f"U+{ord(self.char):04X}"


def hidden_characters(text: str, *, allow_line_breaks: bool = False) -> list[HiddenCharacter]:
    """Control and format characters that have no place in typed text, in order, once each.

    Bidi overrides, embeddings and isolates, zero-width spaces, marks and other format
    characters, control characters (a tab, a null) and line or paragraph separators. Only the
    zero-width (non-)joiner is allowed; line breaks only where `allow_line_breaks`.
    """
    found: list[HiddenCharacter] = []
    for char in text:
        category = unicodedata.category(char)
        if char in ALLOWED_FORMAT:
            continue
        if allow_line_breaks and char in "\r\n":
            continue
        if category in {"Cc", "Cf", "Zl", "Zp"} or char in BIDI_CONTROLS:
            hidden = HiddenCharacter(char)
            if hidden not in found:
                found.append(hidden)
    return found


def without_hidden_characters(text: str) -> str:
    """The text without the characters `hidden_characters` finds (line breaks and tabs kept
    as they are in a longer text)."""
    return "".join(
        char
        for char in text
        if char in ALLOWED_FORMAT
        or char in "\r\n\t"
        or unicodedata.category(char) not in {"Cc", "Cf", "Zl", "Zp"}
    )
