"""SMS text: keep it in the GSM-7 alphabet where the language allows, and count its parts.

A text message is sent in one of two encodings (3GPP TS 23.038 and 23.040):

- GSM-7, for texts in the GSM alphabet: 160 characters in one message, or 153 per part when
  the text is split. The characters of the extension table (``^{}\\[~]|€`` and form feed)
  take two places (an escape and the character), and a phone never gets those two split
  over two parts.
- UCS-2 (UTF-16), for any other text, such as Arabic: 70 code units in one message, or 67
  per part. A character outside the basic plane (an emoji) takes two code units, and those
  two are never split over two parts either.

One typographic dash or curly quote turns a whole Dutch text into UCS-2, so it costs two
or three times as many messages. `normalise` replaces such characters with their plain
equivalents, but only when the whole text then fits GSM-7: an Arabic text is left exactly
as written (its bidi isolates keep Dutch names and places the right way round).

No Django here: plain Unicode data.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Final, Literal

Encoding = Literal["gsm7", "ucs2"]
GSM7: Final = "gsm7"
UCS2: Final = "ucs2"

# The basic GSM 03.38 alphabet. The escape (0x1B) is left out: it only introduces a
# character of the extension table.
BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# The extension table: each takes two places (the escape and the character).
EXTENSION = frozenset("^{}\\[~]|€\f")

SINGLE_GSM7 = 160
PART_GSM7 = 153
SINGLE_UCS2 = 70
PART_UCS2 = 67

# Typographic characters and their plain equivalents.
REPLACEMENTS: dict[str, str] = {
    # Dashes and minus signs.
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    # Quotes.
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u00b4": "'",
    "`": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2039": "'",
    "\u203a": "'",
    # Ellipsis, bullets.
    "\u2026": "...",
    "\u2022": "-",
    "\u00b7": "-",
    # Spaces: non-breaking, thin, narrow and the other widths; a tab.
    "\u00a0": " ",
    "\u2000": " ",
    "\u2001": " ",
    "\u2002": " ",
    "\u2003": " ",
    "\u2004": " ",
    "\u2005": " ",
    "\u2006": " ",
    "\u2007": " ",
    "\u2008": " ",
    "\u2009": " ",
    "\u200a": " ",
    "\u202f": " ",
    "\u205f": " ",
    "\u3000": " ",
    "\t": " ",
    # Ligatures that have no single GSM letter.
    "œ": "oe",
    "Œ": "OE",
    "ĳ": "ij",
    "Ĳ": "IJ",
}

# Invisible marks: bidi isolates, embeddings and marks, zero-width characters and the soft
# hyphen. They are dropped when a text goes out as GSM-7, which has no place for them.
INVISIBLE = frozenset(
    "\u2066\u2067\u2068\u2069"  # isolates: LRI, RLI, FSI, PDI
    "\u202a\u202b\u202c\u202d\u202e"  # embeddings and overrides: LRE, RLE, PDF, LRO, RLO
    "\u200e\u200f\u061c"  # marks: LRM, RLM, ALM
    "\u200b\u200c\u200d\u2060\ufeff"  # zero width space, (non-)joiner, word joiner, BOM
    "\u00ad"  # soft hyphen
)


# The same as a pattern, and the replacements as a table: thousands of texts are normalised
# when a message goes out, so the common cases run at C speed.
_GSM7_CLASS = "".join(re.escape(c) for c in sorted(BASIC | EXTENSION))
_ONLY_GSM7 = re.compile(f"[{_GSM7_CLASS}]*")
_NOT_GSM7 = re.compile(f"[^{_GSM7_CLASS}]")


def is_gsm7(text: str) -> bool:
    """Whether every character of the text is in the GSM-7 alphabet (basic or extension)."""
    return _ONLY_GSM7.fullmatch(text) is not None


@functools.lru_cache(maxsize=4096)
def _plain(char: str) -> str | None:
    """The GSM-7 spelling of one character, or None when it has none."""
    if char in BASIC or char in EXTENSION:
        return char
    if char in INVISIBLE or unicodedata.combining(char):
        # An accent that could not be joined to its letter is left off with the rest.
        return ""
    if char in REPLACEMENTS:
        return REPLACEMENTS[char]
    # A letter with an accent GSM lacks (ê, ç, ï, ō) becomes the letter without it; a
    # compatibility form (a full-width letter, a ligature like ﬁ) becomes its plain letters.
    decomposed = unicodedata.normalize("NFKD", char)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    recomposed = unicodedata.normalize("NFC", base)
    if recomposed and is_gsm7(recomposed):
        return recomposed
    return None


def to_gsm7(text: str) -> str | None:
    """The text in the GSM-7 alphabet, or None when it cannot be (Arabic, an emoji)."""
    if is_gsm7(text):
        return text
    # Composed first: "e" followed by a combining acute is the GSM letter "é".
    text = unicodedata.normalize("NFC", text)
    plain: dict[str, str] = {}
    for char in set(_NOT_GSM7.findall(text)):
        spelled = _plain(char)
        if spelled is None:
            return None
        plain[char] = spelled
    return _NOT_GSM7.sub(lambda match: plain[match.group()], text)


def normalise(text: str) -> str:
    """The text as it should be sent: in GSM-7 when the whole text can be, else unchanged.

    Typographic dashes, quotes and ellipses become plain ones, special spaces become a
    space, accents GSM lacks are left off and invisible bidi marks are dropped. A text that
    still holds a character outside GSM-7 (Arabic, an emoji) goes out as UCS-2 exactly as
    written: its bidi isolates then keep Dutch names and places the right way round.
    """
    plain = to_gsm7(text)
    return text if plain is None else plain


@dataclass(frozen=True)
class Count:
    """How a text goes out: its encoding, its length in that encoding, and its parts."""

    encoding: Encoding
    # Septets for GSM-7 (an extension character counts 2), UTF-16 code units for UCS-2.
    characters: int
    parts: int

    @property
    def per_part(self) -> int:
        """How many characters one part holds for a text of this encoding and length."""
        if self.encoding == GSM7:
            return SINGLE_GSM7 if self.parts <= 1 else PART_GSM7
        return SINGLE_UCS2 if self.parts <= 1 else PART_UCS2


def _sizes(text: str) -> tuple[Encoding, list[int]]:
    """The encoding of a text and the places each of its characters takes."""
    if is_gsm7(text):
        return GSM7, [2 if char in EXTENSION else 1 for char in text]
    return UCS2, [2 if ord(char) > 0xFFFF else 1 for char in text]


def split(text: str) -> list[str]:
    """The parts a phone receives, in order; a character is never split over two parts.

    An empty text has no parts.
    """
    encoding, sizes = _sizes(text)
    single, part = (SINGLE_GSM7, PART_GSM7) if encoding == GSM7 else (SINGLE_UCS2, PART_UCS2)
    if not text:
        return []
    if sum(sizes) <= single:
        return [text]
    parts: list[str] = []
    start = used = 0
    for index, size in enumerate(sizes):
        if used + size > part:
            parts.append(text[start:index])
            start, used = index, 0
        used += size
    parts.append(text[start:])
    return parts


def count(text: str) -> Count:
    """Counts a text as it will be sent (call `normalise` first for what goes out)."""
    encoding, sizes = _sizes(text)
    return Count(encoding, sum(sizes), len(split(text)))


def measure(text: str) -> Count:
    """The count of the text after `normalise`: what the gateway will be charged for."""
    return count(normalise(text))
