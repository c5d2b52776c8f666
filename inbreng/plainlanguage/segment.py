"""Splitting Dutch text into words and sentences, the way a reader counts them.

A word is a run of letters and digits: accents belong to it ("cliënt"), an apostrophe or hyphen
inside it keeps it whole ("auto's", "e-mail", "Sint-Niklaas"), and "'s", "'t" and "'n" are words
of their own ("'s avonds"). An abbreviation with periods ("o.a.", "d.w.z.") is one word. A
number is a word ("12", "14.30", "14u30", "3,5", "3de"). A placeholder a letter template fills
in ("{naam}", "{{ datum }}"), a URL and an e-mail address are each one word.

A sentence ends at ".", "!", "?" or "…" followed by a space, and at the end of every line: in a
letter or a list, each line that does not end with punctuation is its own sentence. A list
marker at the start of a line ("-", "•", "1.", "a)") belongs to no sentence. A period after a
known abbreviation ("bv.", "o.a.", "art. 60", "nr.", "dhr.", "mevr.") or an initial ("J.
Peeters") does not end the sentence, and neither does one inside a number ("3.5", "14.30") or
an address. Text that was wrapped by hand inside a sentence is read as separate sentences;
callers unwrap such text first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from .spans import Spans


class Kind(StrEnum):
    WORD = "word"
    NUMBER = "number"
    PLACEHOLDER = "placeholder"
    ADDRESS = "address"


# Words that are copied or filled in as they are, never rewritten: no sentence ends inside them,
# and they hold no jargon and no rare words.
PROTECTED = frozenset({Kind.PLACEHOLDER, Kind.ADDRESS})


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    kind: Kind
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    tokens: tuple[Token, ...]


_TOKEN = re.compile(
    r"""
    (?P<address>
        (?:https?://|www\.)[^\s<>"]*[^\s<>".,;:!?)\]'’”]
      | [\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+
    )
  | (?P<placeholder>\{\{\s*[\w.]+\s*\}\}|\{[\w.]+\})
  | (?P<number>\d+(?:[.,:/hu-]\d+)*(?:[^\W\d_]{1,3}(?![^\W_]))?(?:['’-][^\W_]+)*)
  | (?P<clitic>['’][stn](?![^\W_]))
  | (?P<abbreviation>[^\W\d_](?:\.[^\W\d_])+\.?(?![^\W_]))
  | (?P<word>[^\W_]+(?:['’-][^\W_]+)*)
    """,
    re.VERBOSE,
)

_LINE = re.compile(r"[^\r\n]+")
_LIST_MARKER = re.compile(r"\s*(?:[-*•·–—▪◦‣>]+|\(?\d{1,2}[.)]|\(?[a-zA-Z]\))(?=\s)")
_SENTENCE_END = re.compile(r"(?:[.!?]+|…)[\"'”’»)\]]*(?=\s|$)")
_NEXT_CHARACTER = re.compile(r"\s*(\S)")
_DOTTED_ABBREVIATION = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")

# Abbreviations that are written with a final period in Dutch, in lower case and without that
# period. A period after them does not end a sentence.
_ABBREVIATIONS = frozenset(
    {
        "a.s",
        "a.u.b",
        "aub",
        "afd",
        "art",
        "bijv",
        "bijvoorbeeld",
        "blz",
        "bv",
        "ca",
        "d.w.z",
        "dhr",
        "dr",
        "drs",
        "e.a",
        "e.d",
        "e.v",
        "enz",
        "etc",
        "evt",
        "excl",
        "fam",
        "i.p.v",
        "i.s.m",
        "i.v.m",
        "incl",
        "ing",
        "ir",
        "jl",
        "lic",
        "m.a.w",
        "m.b.t",
        "max",
        "mevr",
        "min",
        "mr",
        "n.a.v",
        "nl",
        "nr",
        "o.a",
        "o.l.v",
        "o.m",
        "ong",
        "p",
        "pag",
        "prof",
        "resp",
        "st",
        "t.a.v",
        "t.e.m",
        "tel",
        "tav",
        "vb",
        "vnl",
        "vs",
        "z.o.z",
        "zgn",
    }
)
# Abbreviations that can also close a sentence: "We hebben koffie, thee enz. Kom je ook?"
# After these, a capital letter starts a new sentence.
_CLOSING_ABBREVIATIONS = frozenset({"enz", "etc", "e.a", "e.d", "e.v"})
# Month abbreviations end a sentence unless a number follows ("1 jan. 2026"): "jan" is also a
# name that can close a sentence.
_MONTHS = frozenset(
    {"jan", "feb", "mrt", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dec"}
)
_OPENING_PUNCTUATION = "([{\"'‘“«"


def tokenize(text: str) -> list[Token]:
    """All words of the text, with their kind and place."""
    tokens = []
    for match in _TOKEN.finditer(text):
        group = match.lastgroup
        if group == "address":
            kind = Kind.ADDRESS
        elif group == "placeholder":
            kind = Kind.PLACEHOLDER
        elif group == "number":
            kind = Kind.NUMBER
        else:
            kind = Kind.WORD
        tokens.append(Token(match.group(), kind, match.start(), match.end()))
    return tokens


def split_words(text: str) -> list[str]:
    """The words of the text, as written, without list markers."""
    return [token.text for sentence in sentences(text) for token in sentence.tokens]


def _ends_sentence(line: str, start: int, end: int) -> bool:
    """Whether the punctuation at line[start:end] ends a sentence."""
    mark = line[start:end]
    next_match = _NEXT_CHARACTER.match(line, end)
    following = next_match.group(1) if next_match else ""
    if "?" in mark or "!" in mark:
        return True
    if mark.startswith(("..", "…")):
        # "Ik weet het niet... misschien" goes on; "Ik weet het niet... Misschien" does not.
        return not following.islower()
    # The text between the last space and the period: "bv", "o.a", "Peeters".
    chunk_start = start
    while chunk_start > 0 and not line[chunk_start - 1].isspace():
        chunk_start -= 1
    chunk = line[chunk_start:start].lstrip(_OPENING_PUNCTUATION)
    if not chunk:
        return True
    lowered = chunk.lower()
    if lowered in _CLOSING_ABBREVIATIONS:
        return following == "" or following.isupper()
    if lowered in _ABBREVIATIONS:
        return False
    if lowered in _MONTHS:
        return not (following.isdigit() or following.islower())
    if chunk.isupper() and (len(chunk) == 1 or _DOTTED_ABBREVIATION.fullmatch(chunk)):
        # Initials: "J. Peeters", "J.P. Peeters".
        return False
    if _DOTTED_ABBREVIATION.fullmatch(chunk):
        # An abbreviation we do not know, such as "v.z.w.": only a capital after it starts a
        # new sentence.
        return following == "" or following.isupper()
    return True


def _sentence_spans(text: str, tokens: list[Token]) -> list[tuple[int, int]]:
    """Where each candidate sentence starts and ends in the text."""
    # Punctuation inside an address or placeholder ("www.example.be/?a") ends nothing.
    protected = Spans((t.start, t.end) for t in tokens if t.kind in PROTECTED)
    spans: list[tuple[int, int]] = []
    for line_match in _LINE.finditer(text):
        line = line_match.group()
        offset = line_match.start()
        marker = _LIST_MARKER.match(line)
        begin = marker.end() if marker else 0
        for end_match in _SENTENCE_END.finditer(line, begin):
            absolute = offset + end_match.start()
            if protected.overlaps(absolute, absolute + 1):
                continue
            if _ends_sentence(line, end_match.start(), end_match.end()):
                spans.append((offset + begin, offset + end_match.end()))
                begin = end_match.end()
        spans.append((offset + begin, offset + len(line)))
    return spans


def sentences(text: str) -> list[Sentence]:
    """The sentences of the text that hold at least one word, with their words."""
    tokens = tokenize(text)
    result = []
    index = 0
    for start, end in _sentence_spans(text, tokens):
        # Tokens and spans both run through the text in order; a list marker's number lies
        # between spans and belongs to none.
        while index < len(tokens) and tokens[index].start < start:
            index += 1
        first = index
        while index < len(tokens) and tokens[index].start < end:
            index += 1
        if index > first:
            result.append(Sentence(text[start:end].strip(), tuple(tokens[first:index])))
    return result


def split_sentences(text: str) -> list[str]:
    """The sentences of the text, as written, without list markers."""
    return [sentence.text for sentence in sentences(text)]
