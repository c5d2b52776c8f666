"""The substance of a message for one person: each thing they said, with its own answer.

A caller (today: participation, for feedback) builds the items as plain JSON dicts, one per
input, stores them on the delivery (`Delivery.items`) and hands their text as `{antwoorden}`
and their short form as `{uitkomst}`. Messaging renders them: on letters with a pictogram per
status, as plain text for e-mail, the social worker and the call script, and in a few words
for an SMS. It knows nothing of meetings or questions; it reads only these keys:

    question, question_title, question_title_nl, language, said, said_by ("me" | "group"),
    answer (an id or None), status, status_text, reasons, reasons_nl, expected_on,
    decided_by, decided_on, due_on (dates as "YYYY-MM-DD" or None), results (a list of
    what changed because of the answer: title, title_nl, text, text_nl, language, status,
    status_text, progress, due_on)

`*_nl` holds the Dutch original when the text beside it is a translation (else it is empty).
Items answered by the same answer are shown together, under that one answer, which then says
what it is about ("this answer is about what you said and about what the group said").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import get_language_info, ngettext, override
from django.utils.translation import gettext as _

from inbreng.core import dates

# The pictogram beside each status, on letters and on the personal page: a tick for yes, a
# cross for no, a clock for "we decide later", a speech balloon for the rest.
STATUS_PICTOGRAMS = {
    "adopted": "yes",
    "done": "yes",
    "not_adopted": "no",
    "partly": "answer",
    "studying": "time",
    "received": "answer",
}
ME, GROUP = "me", "group"


def _day(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if not value:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def _direction(language: str) -> str:
    try:
        return "rtl" if get_language_info(language)["bidi"] else "ltr"
    except KeyError:
        return "ltr"


def long_date(value: date) -> str:
    """A date as people say it, in the active language: "donderdag 3 december 2026"."""
    return dates.long_date(value)


def answer_late() -> str:
    """Said instead of "You get an answer by <day>" once that day is over: a promise for a
    day that has passed would not be true."""
    return _("The answer is late. We will let you know as soon as possible.")


def decision_late() -> str:
    """Said instead of "We decide by <day>" once that day is over."""
    return _("The decision is late. We will let you know as soon as possible.")


def waiting_sentence(due_on: date | None, *, today: date | None = None) -> str:
    """What a person hears about input that waits for its answer."""
    if due_on is None:
        return _("No answer yet.")
    if due_on < (today or timezone.localdate()):
        return answer_late()
    return _("No answer yet. You get an answer by %(day)s.") % {"day": long_date(due_on)}


@dataclass(frozen=True)
class Said:
    """One thing the person (or their group, while they were there) said."""

    by: str
    text: str
    # On the personal page only: the input itself, to take it back or to say it waits.
    contribution: int | None = None
    review: str = "approved"
    withdrawable: bool = False

    @property
    def is_mine(self) -> bool:
        return self.by == ME


@dataclass(frozen=True)
class ResultNote:
    """What changed because of an answer, in plain words: a result and how far it is."""

    title: str
    title_nl: str
    text: str
    text_nl: str
    language: str
    status: str
    status_text: str
    progress: int
    due_on: date | None

    @property
    def direction(self) -> str:
        return _direction(self.language)

    @property
    def done(self) -> bool:
        return self.status == "done"

    def progress_sentence(self, today: date | None = None) -> str:
        if self.done:
            return _("It is done.")
        if self.status == "stopped":
            return _("It has stopped.")
        sentence = _("%(status)s: %(progress)d%% done.") % {
            "status": self.status_text,
            "progress": self.progress,
        }
        if self.due_on is None:
            return sentence
        # Not inside f-strings: makemessages does not find gettext calls there.
        if self.due_on < (today or timezone.localdate()):
            later = _("It takes longer than planned.")
        else:
            later = _("Planned ready by %(day)s.") % {"day": long_date(self.due_on)}
        return f"{sentence} {later}"


def _result_notes(item: Mapping[str, Any]) -> tuple[ResultNote, ...]:
    notes = []
    for note in item.get("results") or ():
        if not isinstance(note, Mapping):
            continue
        try:
            progress = int(note.get("progress") or 0)
        except (TypeError, ValueError):
            progress = 0
        notes.append(
            ResultNote(
                title=str(note.get("title") or ""),
                title_nl=str(note.get("title_nl") or ""),
                text=str(note.get("text") or ""),
                text_nl=str(note.get("text_nl") or ""),
                language=str(note.get("language") or "nl"),
                status=str(note.get("status") or ""),
                status_text=str(note.get("status_text") or ""),
                progress=progress,
                due_on=_day(note.get("due_on")),
            )
        )
    return tuple(notes)


@dataclass(frozen=True)
class Answer:
    """What was done with it: the status in plain words, the reasons, who decided and when."""

    pk: int
    status: str
    status_text: str
    reasons: str
    reasons_nl: str
    language: str
    expected_on: date | None
    decided_by: str
    decided_on: date | None
    results: tuple[ResultNote, ...] = ()

    @property
    def pictogram(self) -> str:
        return STATUS_PICTOGRAMS.get(self.status, "answer")

    @property
    def studying(self) -> bool:
        return self.status == "studying"

    @property
    def reasons_language(self) -> str:
        """The reasons are in the person's language only when they were translated."""
        return self.language if self.reasons_nl else "nl"

    @property
    def reasons_direction(self) -> str:
        return _direction(self.reasons_language)

    def expected_sentence(self, today: date | None = None) -> str:
        if not (self.studying and self.expected_on):
            return ""
        if self.expected_on < (today or timezone.localdate()):
            return decision_late()
        return _("We decide by %(day)s.") % {"day": long_date(self.expected_on)}

    def decided_sentence(self) -> str:
        # Who decided is written by staff, in Dutch: kept apart from the sentence around it
        # (a bidi isolate), so that it reads right in an Arabic sentence too.
        who, day = f"\u2068{self.decided_by.strip()}\u2069", self.decided_on
        if not self.decided_by.strip():
            who = ""
        if who and day:
            return _("Decided by %(who)s, on %(day)s.") % {"who": who, "day": long_date(day)}
        if who:
            return _("Decided by %(who)s.") % {"who": who}
        if day:
            return _("Decided on %(day)s.") % {"day": long_date(day)}
        return ""


@dataclass
class Pair:
    """One answer and the input it answers: one thing said, or several under one answer."""

    said: list[Said]
    answer: Answer | None

    @property
    def shared(self) -> bool:
        return self.answer is not None and len(self.said) > 1

    @property
    def waiting(self) -> bool:
        """Input that reached the service and waits for its answer."""
        return self.answer is None and any(s.review != "rejected" for s in self.said)

    def shared_sentence(self) -> str:
        """What a shared answer is about, so that nobody wonders which answer is theirs."""
        if not self.shared:
            return ""
        by = {s.by for s in self.said}
        if by == {ME, GROUP}:
            return _("This answer is about what you said and about what the group said.")
        if by == {ME}:
            return _("This answer is about all the things you said here.")
        return _("This answer is about all the things the group said here.")


@dataclass
class Topic:
    """One question, with each input and its own answer right under it."""

    question: int
    title: str
    title_nl: str
    language: str
    due_on: date | None
    pairs: list[Pair] = field(default_factory=list)

    @property
    def title_language(self) -> str:
        return self.language if self.title_nl else "nl"

    @property
    def title_direction(self) -> str:
        return _direction(self.title_language)

    @property
    def answered(self) -> bool:
        return bool(self.pairs) and all(p.answer is not None for p in self.pairs)

    def waiting_sentence(self) -> str:
        return waiting_sentence(self.due_on)


def _answer(item: Mapping[str, Any]) -> Answer | None:
    if not item.get("answer"):
        return None
    return Answer(
        pk=int(item["answer"]),
        status=str(item.get("status") or ""),
        status_text=str(item.get("status_text") or ""),
        reasons=str(item.get("reasons") or ""),
        reasons_nl=str(item.get("reasons_nl") or ""),
        language=str(item.get("language") or "nl"),
        expected_on=_day(item.get("expected_on")),
        decided_by=str(item.get("decided_by") or ""),
        decided_on=_day(item.get("decided_on")),
        results=_result_notes(item),
    )


def topics(items: Iterable[Mapping[str, Any]]) -> list[Topic]:
    """The items per question, in the order given; within a question each answer once, right
    under the input it answers. Input without an answer yet stands together, last."""
    found: dict[Any, Topic] = {}
    pairs: dict[tuple[Any, Any], Pair] = {}
    for item in items:
        question = item.get("question")
        topic = found.get(question)
        if topic is None:
            topic = found[question] = Topic(
                question=int(question or 0),
                title=str(item.get("question_title") or ""),
                title_nl=str(item.get("question_title_nl") or ""),
                language=str(item.get("language") or "nl"),
                due_on=_day(item.get("due_on")),
            )
        said = Said(
            by=GROUP if item.get("said_by") == GROUP else ME,
            text=str(item.get("said") or ""),
            contribution=item.get("contribution"),
            review=str(item.get("review") or "approved"),
            withdrawable=bool(item.get("withdrawable")),
        )
        # Input the coordinator did not pass on gets no answer: it stands apart.
        key = (question, item.get("answer") or ("rejected" if said.review == "rejected" else None))
        pair = pairs.get(key)
        if pair is None:
            pair = pairs[key] = Pair([], _answer(item))
            topic.pairs.append(pair)
        pair.said.append(said)
    for topic in found.values():
        # Waiting input goes after the answers: the answers are what the person came for.
        topic.pairs.sort(key=lambda p: (p.answer is None, not p.waiting))
    return list(found.values())


# Plain text: e-mail, the social worker's pass-on, the call script ----------------------------


def said_label(said: Said) -> str:
    return _("You said:") if said.is_mine else _("The group said:")


def _answer_lines(pair: Pair, topic: Topic, today: date | None) -> list[str]:
    answer = pair.answer
    if answer is None and not pair.waiting:
        return []
    if answer is None:
        return [waiting_sentence(topic.due_on, today=today)]
    lines = [_("Answer: %(status)s") % {"status": answer.status_text}]
    lines += [
        line
        for line in (
            answer.expected_sentence(today),
            answer.reasons.strip(),
            answer.decided_sentence(),
            pair.shared_sentence(),
        )
        if line
    ]
    for note in answer.results:
        lines += [
            _("What changed: %(title)s") % {"title": note.title},
            note.text.strip(),
            note.progress_sentence(today),
        ]
    return lines


def items_text(items: Iterable[Mapping[str, Any]], *, today: date | None = None) -> str:
    """Each input with its own answer as plain text, in the active language.

    For the e-mail, the social worker's pass-on and the call script: it holds no web address
    and reads aloud as it stands. What people said stays on its own line, as they said it.
    A day that is over (`today`, by default the current one) is not promised: the text then
    says the answer is late.
    """
    blocks = []
    for topic in topics(items):
        # The question on a line of its own: untranslated, it is Dutch, and a Dutch fragment
        # inside an Arabic sentence reads the wrong way round.
        lines = [_("The question:"), topic.title]
        for pair in topic.pairs:
            for said in pair.said:
                lines += [said_label(said), f'"{said.text}"']
            lines += _answer_lines(pair, topic, today)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


SHORT_TITLE = 45


def _shortened(title: str, size: int = SHORT_TITLE) -> str:
    title = " ".join(title.split())
    if len(title) <= size:
        return title
    return title[: size - 3].rsplit(" ", 1)[0].rstrip(" ,;:") + "..."


def _topic_short(topic: Topic, *, with_title: bool) -> str:
    answered = [p for p in topic.pairs if p.answer is not None]
    if len(answered) == 1:
        statuses = answered[0].answer.status_text  # type: ignore[union-attr]
    else:
        # Several answers to one question: say whose input each one answers.
        statuses = " ".join(
            (_("You:") if p.said[0].is_mine else _("The group:")) + " " + p.answer.status_text  # type: ignore[union-attr]
            for p in answered
        )
    if not with_title:
        return statuses
    title = _shortened(topic.title)
    joiner = " " if title.endswith(("?", ".", "!", "؟")) else ": "
    return f"{title}{joiner}{statuses}"


def items_short(items: Iterable[Mapping[str, Any]], *, limit: int = 120) -> str:
    """The answers in a few words, for an SMS: each question and its status in plain words.

    Stays within `limit` characters where it can: past it, the rest is counted ("And 2 more
    answers."), and a single question too long to name is left out, keeping its status.
    """
    return short_answers(items, limit=limit)[0]


def short_answers(items: Iterable[Mapping[str, Any]], *, limit: int = 120) -> tuple[str, set[int]]:
    """`items_short`, and the questions whose answers it really holds: those counted in
    "And 2 more answers." are not told, and must not count as heard back."""
    answered = [t for t in topics(items) if any(p.answer for p in t.pairs)]
    parts: list[str] = []
    told: set[int] = set()
    for index, topic in enumerate(answered):
        left = len(answered) - index - 1
        # Keep room to say how many answers did not fit.
        room = limit - (len(_more(left)) + 1 if left else 0)
        part = _topic_short(topic, with_title=True)
        if len(" ".join([*parts, part])) <= room:
            parts.append(part)
        elif not parts:
            # Something must be said: the status words without the question.
            parts.append(_topic_short(topic, with_title=False))
        else:
            parts.append(_more(left + 1))
            break
        told.add(topic.question)
    return " ".join(parts), told


def _more(count: int) -> str:
    return ngettext("And %(count)d more answer.", "And %(count)d more answers.", count) % {
        "count": count
    }


# On paper ------------------------------------------------------------------------------------


# Promises made on the day a text was sent ("You get an answer by 20 December") that are
# over on the day it is printed, read aloud or passed on.
_PROMISES = (
    ("due_on", "No answer yet. You get an answer by %(day)s.", answer_late),
    ("expected_on", "We decide by %(day)s.", decision_late),
)
# Texts sent before every date read "l j F Y" were filled in with "j F Y".
_EARLIER_FORMATS = (dates.LONG_DATE, "j F Y")


def refreshed(text: str, items: Iterable[Mapping[str, Any]], language: str) -> str:
    """A stored text (letter, call script, pass-on text) as it is true today, in `language`:
    an answer or decision promised "by <day>" for a day that is over now says it is late,
    and a day still to come is written as every text writes it now (with its weekday)."""
    today = timezone.localdate()
    days = {
        (key, day)
        for item in items
        for key, _promise, _late in _PROMISES
        if (day := _day(item.get(key))) is not None
    }
    if not days or not text:
        return text
    with override(language):
        for key, promise, late in _PROMISES:
            for k, day in days:
                if k != key:
                    continue
                now = late() if day < today else _(promise) % {"day": long_date(day)}
                for fmt in _EARLIER_FORMATS:
                    said = _(promise) % {"day": formats.date_format(day, fmt)}
                    if said != now:
                        text = text.replace(said, now)
    return text


@dataclass(frozen=True)
class LetterText:
    """A letter's text around its items: the items print with a pictogram per answer,
    between the text before and after `{antwoorden}`."""

    before: str
    topics: list[Topic]
    after: str


def letter_text(body: str, items: list[Mapping[str, Any]], language: str) -> LetterText:
    """Splits a delivery's text where its items were filled in, to print them in full.

    A text without `{antwoorden}` (an organisation's own, older text) still gets the items,
    after the text: nothing a person is told may depend on opening a link.
    """
    if not items:
        return LetterText(body, [], "")
    # The text was filled in on the day it was sent: a day promised then may be over now.
    body = refreshed(body, items, language)
    with override(language):
        found = topics(items)
        plain = items_text(items)
    start = body.find(plain) if plain else -1
    if start < 0:
        return LetterText(body, found, "")
    # A right-to-left text holds the items between bidi isolates (FSI ... PDI).
    before = body[:start].removesuffix("\u2068")
    after = body[start + len(plain) :].removeprefix("\u2069")
    return LetterText(before, found, after)


# Before sending ------------------------------------------------------------------------------


@dataclass
class Untranslated:
    """An answer whose reasons have no translation into a language some people read: they
    will read them in Dutch. `title` is the question's Dutch title, for staff."""

    language: str
    answer: int
    title: str
    people: list[Any] = field(default_factory=list)


def note_untranslated(
    found: dict[tuple[str, int], Untranslated],
    person: Any,
    language: str,
    items: Iterable[Mapping[str, Any]],
) -> None:
    """Adds `person` to each answer in their items that stays Dutch in `language`."""
    if language == "nl":
        return
    for item in items:
        answer = item.get("answer")
        if not answer or not str(item.get("reasons") or "").strip() or item.get("reasons_nl"):
            continue
        entry = found.setdefault(
            (language, int(answer)),
            Untranslated(
                language,
                int(answer),
                str(item.get("question_title_nl") or item.get("question_title") or ""),
            ),
        )
        if person not in entry.people:
            entry.people.append(person)
