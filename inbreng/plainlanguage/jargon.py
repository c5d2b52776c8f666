"""Finding the jargon of Flemish social services in a text, with a plain alternative for each.

A term matches as a whole word or phrase, whatever the case and accents ("ocmw", "clientoverleg"),
with any spaces, periods or hyphens between its parts ("art. 60", "art 60", "art.60"), in the
plural or genitive ("ervaringsdeskundigen", "OCMW's") and with an inflected adjective
("maatschappelijke werker"). When two terms overlap, the longer one wins: "equivalent leefloon"
is one hit, not also "leefloon".
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .spans import Spans


@dataclass(frozen=True)
class JargonHit:
    """A jargon term found in a text: `term` as written in the jargon list, and what to write
    instead."""

    term: str
    alternative: str


DEFAULT_JARGON: dict[str, str] = {
    "OCMW": "sociaal huis",
    "GPMI": "afspraken over je traject met het sociaal huis",
    "RMI": "recht op hulp en een inkomen",
    "leefloon": "geld om van te leven, van het sociaal huis",
    "equivalent leefloon": "geld om van te leven, van het sociaal huis",
    "aanvullende steun": "extra geld",
    "art. 60": "werk via het sociaal huis",
    "artikel 60": "werk via het sociaal huis",
    "maatschappelijk werker": "begeleider",
    "sociaal onderzoek": "gesprek over je situatie",
    "bijzonder comité": "de groep die beslist over je hulp",
    "schuldbemiddeling": "hulp bij schulden",
    "collectieve schuldenregeling": "hulp bij schulden via de rechter",
    "budgetbeheer": "het sociaal huis beheert je geld",
    "budgetbegeleiding": "hulp om zelf je geld te beheren",
    "huurwaarborg": "borg voor je huis",
    "verhoogde tegemoetkoming": "minder betalen bij de dokter en de apotheek",
    "cliëntoverleg": "overleg over je hulp, samen met jou",
    "lokaal cliëntoverleg": "overleg over je hulp, samen met jou",
    "participatietraject": "samen nadenken en beslissen",
    "beleidsparticipatie": "meepraten over wat de gemeente beslist",
    "coproductie": "samen maken",
    "ervaringsdeskundige": "iemand die het zelf heeft meegemaakt",
    "rechthebbende": "wie er recht op heeft",
    "intake": "eerste gesprek",
}

_PART = re.compile(r"[^\W_]+")
# A letter or digit just before or after a match means it is part of a longer word.
_BEFORE = r"(?<![^\W_])"
_AFTER = r"(?![^\W_])"


_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


@functools.lru_cache(maxsize=1024)
def _fold_char(char: str) -> str:
    return unicodedata.normalize("NFD", char)[0]


def fold_accents(text: str) -> str:
    """The text with accents removed, one character for one, so offsets stay the same."""
    return _NOT_ASCII.sub(lambda match: _fold_char(match.group()), text)


def _term_pattern(term: str) -> str:
    parts = _PART.findall(fold_accents(term))
    pieces = []
    for index, part in enumerate(parts):
        piece = re.escape(part)
        last = index == len(parts) - 1
        if part[-1].isalpha():
            # An adjective before a noun may be inflected; a noun at the end may be plural or
            # genitive.
            piece += r"(?:['’]?s|e?n)?" if last else "e?"
        pieces.append(piece)
    return r"[\s.\-‐]*".join(pieces)


@functools.lru_cache(maxsize=32)
def _compile(terms: tuple[str, ...]) -> re.Pattern[str]:
    # One alternation, longest term first: at one position the regex takes the first
    # alternative that matches, so "equivalent leefloon" is tried before "leefloon".
    ordered = sorted(range(len(terms)), key=lambda i: len(terms[i]), reverse=True)
    alternatives = "|".join(f"(?P<t{i}>{_term_pattern(terms[i])})" for i in ordered)
    return re.compile(f"{_BEFORE}(?:{alternatives}){_AFTER}", re.IGNORECASE)


def find_jargon(
    text: str, jargon: Mapping[str, str], *, skip: Iterable[tuple[int, int]] = ()
) -> list[tuple[JargonHit, int, int]]:
    """Every jargon term in the text with its place, in order; `skip` holds spans (such as
    placeholders and addresses) where no term counts."""
    terms = tuple(term for term in jargon if _PART.search(term))
    if not terms:
        return []
    skipped = Spans(skip)
    found = []
    for match in _compile(terms).finditer(fold_accents(text)):
        start, end = match.span()
        if skipped.overlaps(start, end):
            continue
        assert match.lastgroup is not None
        term = terms[int(match.lastgroup[1:])]
        found.append((JargonHit(term, jargon[term]), start, end))
    return found
