"""Dutch text to search terms: the same terms are indexed and asked for, on every database.

A Dutch reader who searches "schulden" means "schuld", "kinderen" means "kind", "bestrijden"
means "bestrijding" and "energiefacturen" means "energiefactuur". No single kept tool joins
all of these: the Snowball Dutch stemmer joins the verb and the noun but not the irregular
plurals, a lemmatizer joins the plurals but not the verb and the noun. So each word is first
lemmatised with `simplemma` (which ships its Dutch data) and then stemmed with Snowball.
Compounds that the lemmatizer does not know ("energiefacturen") still meet their singular
because Snowball strips the same ending from both.

No Django here, so that the rules can be property-tested on their own.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import simplemma
import snowballstemmer

# Letters and digits, in any script; everything else separates words. Digits are kept:
# "2024" or "artikel 12" are things people search for.
_WORD = re.compile(r"[^\W_]+")
# A word longer than this is no word anybody searches for (a pasted hash, a URL without
# separators); it is cut so that neither database refuses or silently drops it.
MAX_TERM_LENGTH = 60

_STEMMER = snowballstemmer.stemmer("dutch")


@dataclass(frozen=True)
class Word:
    """A word as written in the text, where it stands, and the term it is searched by."""

    start: int
    end: int
    term: str


def fold(word: str) -> str:
    """Compatibility forms joined (NFKC), lower case, accents off: "Café" and "cafe" meet."""
    composed = unicodedata.normalize("NFKC", word).casefold()
    decomposed = unicodedata.normalize("NFKD", composed)
    return "".join(c for c in decomposed if c.isalnum())


@lru_cache(maxsize=65536)
def term(word: str) -> str:
    """The search term of one word: folded, lemmatised, then stemmed. "" for no word."""
    folded = fold(word)[:MAX_TERM_LENGTH]
    if not folded:
        return ""
    if folded.isdigit():
        return folded
    lemma = fold(simplemma.lemmatize(folded, lang="nl"))[:MAX_TERM_LENGTH] or folded
    stem = fold(_STEMMER.stemWord(lemma))
    return stem or lemma


def words(text: str) -> list[Word]:
    """Every word of the text with its place, for highlighting the words that matched."""
    found = []
    for match in _WORD.finditer(text):
        word_term = term(match.group(0))
        if word_term:
            found.append(Word(match.start(), match.end(), word_term))
    return found


def terms(text: str) -> list[str]:
    """The text's terms in order, repeats kept (they weigh in the ranking)."""
    return [w.term for w in words(text)]


def query_terms(text: str, *, limit: int = 20) -> list[str]:
    """The distinct terms of a search, in the order typed, at most `limit` of them.

    Operators, quotes and other signs are not words, so they never reach the database's
    query language: "schuld & !kind" asks for "schuld" and "kind".
    """
    seen: dict[str, None] = {}
    for word_term in terms(text):
        seen.setdefault(word_term, None)
        if len(seen) >= limit:
            break
    return list(seen)
