"""What the interview screen and the self-completion pages share: one question, shown."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from ..models import Answer, QuestionKind, SurveyQuestion
from ..services.questionnaires import NO, YES

# The five faces of the 1–5 scale: the word is always shown beside the face, so the scale
# reads without colour and without the picture.
SCALE = [
    ("1", _("Very bad")),
    ("2", _("Bad")),
    ("3", _("So-so")),
    ("4", _("Good")),
    ("5", _("Very good")),
]


@dataclass
class Option:
    value: str
    label: str
    key: str
    checked: bool = False


@dataclass
class Shown:
    """One question as a page shows it, in the page's language."""

    question: SurveyQuestion
    text: str
    help_text: str
    number: int  # 1-based position
    total: int
    options: list[Option] = field(default_factory=list)
    typed: str = ""
    error: str = ""

    @property
    def kind(self) -> str:
        return self.question.kind

    @property
    def is_scale(self) -> bool:
        return self.kind == QuestionKind.SCALE

    @property
    def is_multiple(self) -> bool:
        return self.kind == QuestionKind.MULTIPLE

    @property
    def is_number(self) -> bool:
        return self.kind == QuestionKind.NUMBER

    @property
    def is_open(self) -> bool:
        return self.kind == QuestionKind.OPEN

    @property
    def has_options(self) -> bool:
        return bool(self.options)


def shown(
    question: SurveyQuestion,
    *,
    position: int,
    total: int,
    language: str,
    answer: Answer | None,
    posted: Sequence[str] | None = None,
    error: str = "",
) -> Shown:
    """The question with its options, in `language` where translated (else Dutch), with what
    was answered or typed before marked."""
    translation = None
    if language != "nl":
        translation = next((t for t in question.translations.all() if t.language == language), None)
    text = translation.text if translation and translation.text else question.text
    help_text = (
        translation.help_text if translation and translation.help_text else question.help_text
    )
    labels: dict[str, str] = translation.choice_labels if translation else {}
    if posted is not None:
        chosen = [p for p in posted if p]
    elif answer is not None:
        chosen = (
            answer.value.split("|") if question.kind == QuestionKind.MULTIPLE else [answer.value]
        )
    else:
        chosen = []
    options: list[Option] = []
    if question.kind == QuestionKind.SCALE:
        options = [Option(v, str(label), v) for v, label in SCALE]
    elif question.kind == QuestionKind.YES_NO:
        options = [Option(YES, str(_("Yes")), "j"), Option(NO, str(_("No")), "n")]
    elif question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        options = [
            Option(c.value, labels.get(c.value) or c.label, c.value) for c in question.choices.all()
        ]
    for option in options:
        option.checked = option.value in chosen
    typed = chosen[0] if chosen and not options else ""
    return Shown(question, text, help_text, position + 1, total, options, typed, error)


def position_from(request: Any, default: int | None, path: list[int]) -> int | None:
    """The question asked for with ?q= (or the posted q), if the response's route reached
    it; else `default`. A position off the route is never shown or answered."""
    source = request.POST if request.method == "POST" else request.GET
    try:
        asked = int(source.get("q", ""))
    except ValueError:
        return default
    return asked if asked in path else default
