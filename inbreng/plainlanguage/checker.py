"""How easy a Dutch text is to read, measured against the B1 level of plain language.

The score is Flesch-Douma: W. H. Douma's 1960 adaptation of Rudolf Flesch's Reading Ease to
Dutch, whose words are longer than English ones. Like Flesch's, it rewards short sentences and
short words:

    206.835 - 0.93 * (words / sentences) - 77 * (syllables / words)

About 100 is very easy, 60 to 70 is plain everyday Dutch, below 30 is for specialists. The score
is not clipped: a text of very short words and sentences can score above 100, and a very hard one
below 0.

A score alone misses what makes plain Dutch (taalniveau B1) readable for most people, which is
why the report also lists what a writer can fix:

- sentences of about 12 words on average (`average_sentence_length`) and none longer than 20
  (`LONG_SENTENCE`, `long_sentences`);
- few rare words (`rare_words`: words that are seldom written in Dutch, by wordfreq's Zipf
  scale);
- no jargon of the social services (`jargon`), each with a plain word to use instead.

`Report.passes` checks the score and the sentence length; rare words and jargon are advice.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from .frequency import zipf
from .jargon import DEFAULT_JARGON, JargonHit, find_jargon
from .segment import PROTECTED, Kind, Sentence, Token, sentences
from .spans import Spans
from .syllables import count_syllables

# A sentence with more words than this is long.
LONG_SENTENCE = 20

_EMPTY_SCORE = 100.0
_LETTERS = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@dataclass(frozen=True)
class Report:
    """What the checker found in one text."""

    words: int
    sentences: int
    syllables: int
    flesch_douma: float
    average_sentence_length: float
    longest_sentence_length: int
    # The sentences, as written, with more than LONG_SENTENCE words.
    long_sentences: tuple[str, ...]
    # Distinct rare words in lower case, in the order they first appear.
    rare_words: tuple[str, ...]
    # Distinct jargon terms, in the order they first appear.
    jargon: tuple[JargonHit, ...]

    def passes(self, min_score: float) -> bool:
        """Whether the text scores at least `min_score` and has no long sentence."""
        return self.flesch_douma >= min_score and not self.long_sentences

    @property
    def is_empty(self) -> bool:
        """Whether the text has no words at all; an empty text scores 100 and passes."""
        return self.words == 0


def _is_rare_candidate(token: Token, index: int) -> bool:
    """Whether the word is one whose frequency says something about the text."""
    # Single letters, abbreviations and words with digits ("COVID-19") are not words a reader
    # would look up.
    if token.kind is not Kind.WORD or len(token.text) < 2 or not _LETTERS.fullmatch(token.text):
        return False
    # A capital inside a sentence marks a name: of a person, a street or a town.
    return index == 0 or not token.text[0].isupper()


def _rare_words(found: list[Sentence], jargon_spans: Spans, rare_below: float) -> tuple[str, ...]:
    rare: dict[str, None] = {}
    for sentence in found:
        for index, token in enumerate(sentence.tokens):
            if not _is_rare_candidate(token, index):
                continue
            # A jargon term is reported with its alternative; listing it again is noise.
            if jargon_spans.overlaps(token.start, token.end):
                continue
            word = token.text.lower().replace("’", "'")
            if word not in rare and zipf(word) < rare_below:
                rare[word] = None
    return tuple(rare)


def check(text: str, *, jargon: Mapping[str, str] | None = None, rare_below: float = 3.0) -> Report:
    """Measure how readable a Dutch text is.

    `jargon` maps terms to plain alternatives; None uses DEFAULT_JARGON and {} checks no jargon.
    A word is rare when its Zipf frequency in Dutch is below `rare_below`: 3.0 is about once in a
    million words.
    """
    if jargon is None:
        jargon = DEFAULT_JARGON
    # One form for accented letters, so that "cliënt" typed in two ways is one word.
    text = unicodedata.normalize("NFC", text)
    found = sentences(text)
    lengths = [len(sentence.tokens) for sentence in found]
    words = sum(lengths)
    if words == 0:
        return Report(
            words=0,
            sentences=0,
            syllables=0,
            flesch_douma=_EMPTY_SCORE,
            average_sentence_length=0.0,
            longest_sentence_length=0,
            long_sentences=(),
            rare_words=(),
            jargon=(),
        )
    syllables = sum(count_syllables(t.text) for sentence in found for t in sentence.tokens)
    words_per_sentence = words / len(found)
    score = 206.835 - 0.93 * words_per_sentence - 77 * (syllables / words)

    skip = [(t.start, t.end) for s in found for t in s.tokens if t.kind in PROTECTED]
    hits = find_jargon(text, jargon, skip=skip)
    distinct_hits = tuple(dict.fromkeys(hit for hit, _, _ in hits))

    return Report(
        words=words,
        sentences=len(found),
        syllables=syllables,
        flesch_douma=round(score, 1),
        average_sentence_length=round(words_per_sentence, 1),
        longest_sentence_length=max(lengths),
        long_sentences=tuple(s.text for s in found if len(s.tokens) > LONG_SENTENCE),
        rare_words=_rare_words(found, Spans((start, end) for _, start, end in hits), rare_below),
        jargon=distinct_hits,
    )
