"""Collecting responses: interviews, self-completion links and paper forms.

Every mode goes through the same parsing (`parse_answer`) and the same skip logic (`route`),
so an answer means the same whichever way it came in. A self-completion is saved with every
answer and resumes where it stopped. A paper form chosen for double entry is typed a second
time and compared: differences are flagged for a coordinator, never written over.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from inbreng.core.models import User

from ..models import (
    Answer,
    Mode,
    PaperDifference,
    PaperEntry,
    QuestionKind,
    Response,
    SurveyLink,
    SurveyQuestion,
    Wave,
)
from ..models.core import SKIP_TO_END
from .questionnaires import NO, YES

LINK_LIFETIME = timedelta(days=90)
MAX_OPEN_LENGTH = 2000
# What a typist or interviewer may press for yes and no (Dutch, French, English).
YES_KEYS = {"yes", "j", "ja", "y", "o", "oui", "1"}
NO_KEYS = {"no", "n", "nee", "non", "0"}


def questions_of(wave: Wave) -> list[SurveyQuestion]:
    """The wave's questions in order, with their choices, in two queries."""
    return list(wave.version.questions.order_by("position").prefetch_related("choices"))


def _empty_error(question: SurveyQuestion) -> ValidationError:
    if question.kind == QuestionKind.NUMBER:
        return ValidationError(_("Fill in a number."))
    if question.kind == QuestionKind.OPEN:
        return ValidationError(_("Write an answer."))
    return ValidationError(_("Choose an answer."))


def parse_answer(
    question: SurveyQuestion, raw: Sequence[str], *, required: bool | None = None
) -> tuple[str, float | None]:
    """What was chosen or typed, as the stored value and its number. Raises ValidationError
    with a message for the person. Keys are accepted as typed on a paper-entry screen:
    "j"/"n" for yes/no and "13" or "1 3" for a multiple choice."""
    items = [str(r).strip() for r in raw if str(r).strip()]
    must = (not question.optional) if required is None else required
    if not items:
        if must:
            raise _empty_error(question)
        return "", None
    first = items[0]
    kind = question.kind
    if kind == QuestionKind.OPEN:
        text = "\n".join(items)
        if len(text) > MAX_OPEN_LENGTH:
            raise ValidationError(_("Write at most %(n)s characters.") % {"n": MAX_OPEN_LENGTH})
        return text, None
    if kind == QuestionKind.SCALE:
        if first not in {"1", "2", "3", "4", "5"}:
            raise ValidationError(_("Choose a number from 1 to 5."))
        return first, float(first)
    if kind == QuestionKind.YES_NO:
        key = first.lower()
        if key in YES_KEYS:
            return YES, 1.0
        if key in NO_KEYS:
            return NO, 0.0
        raise ValidationError(_("Choose yes or no."))
    if kind == QuestionKind.NUMBER:
        try:
            number = int(first.replace(" ", ""))
        except ValueError:
            raise ValidationError(_("Fill in a whole number, for example 3.")) from None
        low, high = question.minimum, question.maximum
        if (low is not None and number < low) or (high is not None and number > high):
            raise ValidationError(
                _("Fill in a number from %(low)s to %(high)s.")
                % {
                    "low": low if low is not None else "…",
                    "high": high if high is not None else "…",
                }
            )
        return str(number), float(number)
    values = [c.value for c in question.choices.all()]
    if kind == QuestionKind.SINGLE:
        if len(items) > 1 or first not in values:
            raise ValidationError(_("Choose one of the answers."))
        return first, None
    # Multiple choice: separate items, or digits typed together ("13") on the entry screen.
    chosen: list[str] = []
    for item in items:
        parts = item.replace(",", " ").split()
        if len(parts) == 1 and parts[0] not in values and parts[0].isdigit():
            parts = list(parts[0])
        for part in parts:
            if part not in values:
                raise ValidationError(_("Choose from the answers in the list."))
            if part not in chosen:
                chosen.append(part)
    chosen.sort(key=values.index)
    return "|".join(chosen), None


@dataclass(frozen=True)
class Route:
    """Where a response stands: the positions (0-based) it went through following the skip
    rules, and the one it is at now (None when every question on its route is answered)."""

    path: list[int]
    current: int | None

    def previous(self, position: int) -> int | None:
        if position in self.path:
            i = self.path.index(position)
            return self.path[i - 1] if i > 0 else None
        return self.path[-1] if self.path else None


def route(questions: Sequence[SurveyQuestion], answers: dict[int, Answer]) -> Route:
    """Follows the questions from the first, jumping where a skip rule says so."""
    index = {q.code: i for i, q in enumerate(questions)}
    path: list[int] = []
    i = 0
    while i < len(questions):
        question = questions[i]
        path.append(i)
        answer = answers.get(question.pk)
        if answer is None:
            return Route(path, i)
        if question.skip_value and answer.value == question.skip_value:
            i = (
                len(questions)
                if question.skip_to == SKIP_TO_END
                else index.get(question.skip_to, i + 1)
            )
        else:
            i += 1
    return Route(path, None)


def answers_of(response: Response) -> dict[int, Answer]:
    return {a.question_id: a for a in Answer.objects.filter(response=response)}


@transaction.atomic
def response_start(
    *,
    wave: Wave,
    mode: str,
    by: User | None,
    language: str = "nl",
    stratum: str = "",
    form_number: int | None = None,
) -> Response:
    """A new response in `wave`, by interview, link or paper."""
    if wave.status == Wave.Status.CLOSED:
        raise ValidationError(_("This wave is closed."))
    response = Response(
        organisation=wave.organisation,
        wave=wave,
        mode=mode,
        language=language,
        stratum=stratum,
        form_number=form_number,
        entered_by=by if mode != Mode.SELF else None,
    )
    response.full_clean(exclude=["sample_unit"])
    response.save()
    return response


@transaction.atomic
def answer_record(
    *,
    response: Response,
    questions: Sequence[SurveyQuestion],
    question: SurveyQuestion,
    raw: Sequence[str],
) -> Route:
    """Saves one answer (an empty one for a skipped optional question) and moves the
    response on. When its route ends, the response is complete."""
    if response.status == Response.Status.COMPLETE and response.mode == Mode.SELF:
        raise ValidationError(_("You have already sent your answers. Thank you."))
    # Published results must not change under the reader: a finished interview or paper
    # form, or any response of a closed wave, is not edited (paper differences are resolved
    # through their own check, which records who chose).
    if response.status == Response.Status.COMPLETE:
        raise ValidationError(_("These answers are complete. They can no longer be changed."))
    if response.wave.status == Wave.Status.CLOSED:
        raise ValidationError(_("This wave is closed. Its answers can no longer be changed."))
    value, number = parse_answer(question, raw)
    Answer.objects.update_or_create(
        organisation=response.organisation,
        response=response,
        question=question,
        defaults={"value": value, "number": number},
    )
    where = route(questions, answers_of(response))
    if where.current is None:
        _complete(response, questions, where)
    else:
        response.position = where.current
        response.save(update_fields=["position"])
    return where


def _complete(response: Response, questions: Sequence[SurveyQuestion], where: Route) -> None:
    # Answers left off the route (after going back and taking another turn) do not count.
    on_route = [questions[i].pk for i in where.path]
    Answer.objects.filter(response=response).exclude(question_id__in=on_route).delete()
    response.status = Response.Status.COMPLETE
    response.position = len(questions)
    response.completed_at = response.completed_at or timezone.now()
    response.save(update_fields=["status", "position", "completed_at"])


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def link_issue(*, wave: Wave, language: str, by: User, stratum: str = "") -> tuple[SurveyLink, str]:
    """A self-completion link for one new respondent. The token is returned once, to print
    or send; only its hash is kept, so the database alone reveals no link."""
    response = response_start(
        wave=wave, mode=Mode.SELF, by=None, language=language, stratum=stratum
    )
    token = secrets.token_urlsafe(24)
    link = SurveyLink.objects.create(
        organisation=wave.organisation,
        response=response,
        token_hash=_hash(token),
        created_by=by,
        expires_at=timezone.now() + LINK_LIFETIME,
    )
    return link, token


def link_resolve(token: str) -> SurveyLink | None:
    """The working link with this token, or None (unknown, revoked, expired, wave closed)."""
    if not token or len(token) > 100:
        return None
    link = (
        SurveyLink.objects.select_related("response__wave", "organisation")
        .filter(token_hash=_hash(token), revoked_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if link is None or link.response.wave.status == Wave.Status.CLOSED:
        return None
    return link


@transaction.atomic
def link_revoke(*, link: SurveyLink, by: User) -> None:
    link.revoked_at = timezone.now()
    link.save(update_fields=["revoked_at"])


@transaction.atomic
def response_set_language(*, response: Response, language: str) -> None:
    response.language = language
    response.save(update_fields=["language"])


# Paper forms ------------------------------------------------------------------------------


def next_form_number(wave: Wave) -> int:
    return (wave.responses.aggregate(m=Max("form_number"))["m"] or 0) + 1


def needs_second_entry(wave: Wave, response: Response) -> bool:
    every = wave.double_entry_every
    chosen = bool(every and response.form_number and response.form_number % every == 0)
    return chosen or response.double_entry


def _parse_form(
    questions: Sequence[SurveyQuestion], values: dict[str, str]
) -> dict[str, tuple[str, float | None]]:
    """Every typed field parsed; all errors at once, by question code. On paper a person may
    leave any question open: an empty field is no answer."""
    parsed: dict[str, tuple[str, float | None]] = {}
    errors: dict[str, list[str]] = {}
    for question in questions:
        try:
            parsed[question.code] = parse_answer(
                question, [values.get(question.code, "")], required=False
            )
        except ValidationError as error:
            errors[question.code] = error.messages
    if errors:
        raise ValidationError(errors)
    return parsed


@dataclass(frozen=True)
class EntryResult:
    entry: PaperEntry
    differences: int
    second_needed: bool


@transaction.atomic
def paper_entry_record(
    *,
    wave: Wave,
    form_number: int,
    values: dict[str, str],
    stratum: str = "",
    by: User,
) -> EntryResult:
    """Types in one returned paper form.

    The first typing makes the response and its answers. A form chosen for double entry (every
    n-th form of the wave, or chosen by hand) is then typed again by someone: that second
    typing is compared field by field, and each difference is flagged for a coordinator
    instead of replacing the first answer.
    """
    if form_number < 1:
        raise ValidationError({"form_number": _("Fill in the number printed on the form.")})
    questions = questions_of(wave)
    parsed = _parse_form(questions, values)
    response = (
        Response.objects.select_for_update().filter(wave=wave, form_number=form_number).first()
    )
    if response is None:
        try:
            response = response_start(
                wave=wave, mode=Mode.PAPER, by=by, stratum=stratum, form_number=form_number
            )
        except IntegrityError:  # typed at the same moment by someone else
            raise ValidationError(
                {"form_number": _("Form %(n)s was just typed in.") % {"n": form_number}}
            ) from None
        Answer.objects.bulk_create(
            Answer(
                organisation=wave.organisation,
                response=response,
                question=q,
                value=parsed[q.code][0],
                number=parsed[q.code][1],
            )
            for q in questions
            if parsed[q.code][0]
        )
        response.status = Response.Status.COMPLETE
        response.completed_at = timezone.now()
        response.position = len(questions)
        response.save(update_fields=["status", "completed_at", "position"])
        entry = PaperEntry.objects.create(
            organisation=wave.organisation,
            response=response,
            round=1,
            values={code: value for code, (value, _n) in parsed.items()},
            entered_by=by,
        )
        return EntryResult(entry, 0, needs_second_entry(wave, response))
    if response.mode != Mode.PAPER:
        raise ValidationError(
            {
                "form_number": _("Number %(n)s belongs to another kind of response.")
                % {"n": form_number}
            }
        )
    rounds = set(response.paper_entries.values_list("round", flat=True))
    if 2 in rounds:
        raise ValidationError(
            {"form_number": _("Form %(n)s has already been typed twice.") % {"n": form_number}}
        )
    if not needs_second_entry(wave, response):
        raise ValidationError(
            {"form_number": _("Form %(n)s has already been typed in.") % {"n": form_number}}
        )
    first = response.paper_entries.get(round=1)
    if first.entered_by_id == by.pk:
        raise ValidationError(
            {"form_number": _("Someone else types the second time, to catch typing errors.")}
        )
    differences = [
        PaperDifference(
            organisation=wave.organisation,
            response=response,
            question=q,
            first_value=str(first.values.get(q.code, "")),
            second_value=parsed[q.code][0],
        )
        for q in questions
        if str(first.values.get(q.code, "")) != parsed[q.code][0]
    ]
    PaperDifference.objects.bulk_create(differences)
    entry = PaperEntry.objects.create(
        organisation=wave.organisation,
        response=response,
        round=2,
        values={code: value for code, (value, _n) in parsed.items()},
        entered_by=by,
        fields_compared=len(questions),
        fields_different=len(differences),
    )
    if differences:
        response.needs_check = True
        response.save(update_fields=["needs_check"])
    return EntryResult(entry, len(differences), False)


@transaction.atomic
def paper_choose_for_double_entry(*, response: Response, by: User) -> None:
    response.double_entry = True
    response.save(update_fields=["double_entry"])


@transaction.atomic
def difference_resolve(*, difference: PaperDifference, value: str, by: User) -> None:
    """The coordinator looked at the paper form and decides what it says."""
    if difference.resolved_at is not None:
        raise ValidationError(_("This difference is already resolved."))
    question = difference.question
    parsed, number = parse_answer(question, [value], required=False)
    if parsed:
        Answer.objects.update_or_create(
            organisation=difference.organisation,
            response=difference.response,
            question=question,
            defaults={"value": parsed, "number": number},
        )
    else:
        Answer.objects.filter(response=difference.response, question=question).delete()
    difference.resolved_value = parsed
    difference.resolved_at = timezone.now()
    difference.resolved_by = by
    difference.save(update_fields=["resolved_value", "resolved_at", "resolved_by"])
    open_left = PaperDifference.objects.filter(
        response=difference.response, resolved_at__isnull=True
    ).exists()
    if not open_left:
        Response.objects.filter(pk=difference.response_id).update(needs_check=False)


@dataclass(frozen=True)
class TypingErrors:
    forms: int
    fields: int
    different: int

    @property
    def rate(self) -> float | None:
        return self.different / self.fields if self.fields else None


def typing_error_rate(wave: Wave) -> TypingErrors:
    """How often the second typing of a form differed from the first, per field."""
    totals = PaperEntry.objects.filter(
        organisation=wave.organisation, response__wave=wave, round=2
    ).aggregate(fields=Sum("fields_compared"), different=Sum("fields_different"))
    forms = PaperEntry.objects.filter(
        organisation=wave.organisation, response__wave=wave, round=2
    ).count()
    return TypingErrors(forms, totals["fields"] or 0, totals["different"] or 0)
