"""Counting Dutch syllables.

Dutch spelling is regular enough to count syllables by their vowels: every syllable has one
vowel sound, written as one letter ("kat"), a long vowel or diphthong ("maan", "huis", "ijs") or a
trigraph ("mooi", "leeuw"). Each run of vowel letters is split into such units, longest first,
and every unit is one syllable. Vowel pairs that are no Dutch unit ("ia" in "piano", "eo" in
"video", "ua" in "januari") therefore count as two syllables, which is right for Dutch. A
diaeresis always starts a new syllable: "be-ëin-di-gen", "i-dee-ën", "ge-ïn-te-res-seerd".

Pyphen's Dutch hyphenation patterns are only a cross-check inside vowel runs. Compared over the
30,000 most frequent Dutch words, pyphen's piece count is a poor syllable count on its own: its
patterns cut between consonants where no syllable ends ("mee-st-al", "de-n-e-mar-ken") and never
cut near a word's edges ("over", "Italië" in two). But where it does cut inside a run of vowels
it is reliable, and that is exactly where the vowel units alone can be wrong: "ge-au-to-ma-ti-
seerd" (not "eau" as in "cadeau"), "be-aamt", "ge-uit", "pri-eel". So a vowel run is split where
pyphen splits it, and counted by units on either side.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata

import pyphen

# Vowel units, longest first so that "mooi" is read as "ooi" rather than "oo" + "i".
_UNITS = (
    "eeu",
    "ieu",
    "oei",
    "aai",
    "ooi",
    "eau",
    "aa",
    "ee",
    "oo",
    "uu",
    "ie",
    "oe",
    "eu",
    "ei",
    "ij",
    "ui",
    "ou",
    "au",
    "ai",
    "oi",
)
# "eeu" and "ieu" are one sound only before a "w" ("leeuw", "nieuw"); elsewhere they are two
# syllables, as in the French loans "mi-li-eu", "se-ri-eus", "in-ge-ni-eur".
_BEFORE_W_ONLY = frozenset({"eeu", "ieu"})
_VOWELS = frozenset("aeiouy")
# A diaeresis, and a grave accent after another vowel ("car-ri-è-re", "pre-mi-è-re"), start a new
# syllable. Other accents do not: "één" is one syllable.
_NEW_SYLLABLE_MARKS = frozenset({"\u0308", "\u0300"})

# Acronyms that are spelled out letter by letter ("OCMW" is o-cee-em-wee, "CAW" is cee-a-wee):
# one syllable per letter.
_ACRONYM = re.compile(r"[A-Z]{2,5}")
_DIGIT_GROUP = re.compile(r"\d+")
_LETTER = re.compile(r"[^\W\d_]")
_PLACEHOLDER = re.compile(r"\{\{\s*[\w.]+\s*\}\}|\{[\w.]+\}")
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_HYPHENS = re.compile(r"[-‐‑–]")

# A placeholder such as {naam} stands for a short word the writer does not choose, and a URL or
# an e-mail address must stay as it is. Neither should make a text look harder than its own
# words, so both weigh like an ordinary word of two syllables.
PLACEHOLDER_SYLLABLES = 2
ADDRESS_SYLLABLES = 2


@functools.cache
def _hyphenator() -> pyphen.Pyphen:
    # Built once: loading the pattern file takes milliseconds, far too long for every keystroke.
    return pyphen.Pyphen(lang="nl_NL")


def _letters(word: str) -> list[tuple[str, bool]]:
    """The word's letters (indexed as the NFC word), lower case and without accents, each with
    whether a mark on it starts a new syllable."""
    letters: list[tuple[str, bool]] = []
    for char in word.lower():
        decomposed = unicodedata.normalize("NFD", char)
        starts_syllable = any(mark in _NEW_SYLLABLE_MARKS for mark in decomposed[1:])
        letters.append((decomposed[0], starts_syllable))
    return letters


def _units_in_run(run: str, following: str) -> int:
    """Count the vowel units in one run of vowel letters; `following` is the letter after it."""
    count = 0
    start = 0
    while start < len(run):
        for unit in _UNITS:
            if not run.startswith(unit, start):
                continue
            if unit in _BEFORE_W_ONLY and (start + len(unit) < len(run) or following != "w"):
                continue
            start += len(unit)
            break
        else:
            start += 1
        count += 1
    return count


def _is_vowel(letters: list[tuple[str, bool]], position: int) -> bool:
    char = letters[position][0]
    if char not in _VOWELS:
        return False
    if char == "y" and position == 0:
        # "y" before a vowel at the start of a word is a consonant: "yoga".
        return len(letters) == 1 or letters[1][0] not in _VOWELS
    # The "u" after a "q" belongs to the consonant: "quiz".
    return not (char == "u" and position > 0 and letters[position - 1][0] == "q")


def _count_plain_word(word: str) -> int:
    """Count the syllables of a word of letters, without hyphens or apostrophes."""
    if _ACRONYM.fullmatch(word):
        return len(word)
    word = unicodedata.normalize("NFC", word)
    letters = _letters(word)
    cuts: set[int] | None = None
    count = 0
    position = 0
    while position < len(letters):
        if not _is_vowel(letters, position):
            position += 1
            continue
        # One run of vowel letters; the "j" of "ij" belongs to it. A mark that starts a new
        # syllable ends the run before it.
        end = position + 1
        while end < len(letters):
            next_char, starts_syllable = letters[end]
            if starts_syllable:
                break
            if next_char in _VOWELS or (next_char == "j" and letters[end - 1][0] == "i"):
                end += 1
                continue
            break
        if end - position > 1 and cuts is None:
            cuts = set(_hyphenator().positions(word))
        pieces = [position, *sorted(c for c in cuts or () if position < c < end), end]
        for start, stop in itertools.pairwise(pieces):
            run = "".join(letter for letter, _ in letters[start:stop])
            following = letters[stop][0] if stop < len(letters) else ""
            count += _units_in_run(run, following)
        position = end
    if count == 0:
        # "tl", "pst": no vowel, but still something to read.
        return 1
    return count


@functools.lru_cache(maxsize=16384)
def count_syllables(word: str) -> int:
    """Count the syllables of one word as `split_words` returns it.

    Every word with a letter has at least one syllable. A number counts one syllable per group
    of digits ("12" is 1, "14.30" is 2): saying a number takes more, but a number is quicker to
    read than a word of the same spoken length, and this simple rule is good enough for a score.
    Placeholders, URLs and e-mail addresses count as PLACEHOLDER_SYLLABLES and
    ADDRESS_SYLLABLES.
    """
    word = word.strip()
    if not word:
        return 0
    if _PLACEHOLDER.fullmatch(word):
        return PLACEHOLDER_SYLLABLES
    if _ADDRESS.fullmatch(word):
        return ADDRESS_SYLLABLES
    # A hyphenated word ("e-mail", "zee-egel") is read as its parts; an apostrophe ("auto's")
    # adds no syllable.
    total = 0
    for part in _HYPHENS.split(word.replace("'", "").replace("’", "")):
        if _LETTER.search(part):
            total += _count_plain_word(part)
        else:
            total += len(_DIGIT_GROUP.findall(part))
    if total == 0 and _LETTER.search(word):
        return 1
    return total
