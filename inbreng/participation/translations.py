"""The substance in the participant's language: questions and answers, translated.

Pages and letters ask for the translations of everything they show in one query, and fall
back to the Dutch original where there is none. Staff and partners (an interpreter, adult
education) write them; each says who translated it and whether a native speaker checked it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from inbreng.core.models import AuditEvent, Membership, Organisation, Role, User
from inbreng.lib.script import is_written_in

from .models import Question, Response, Translation


@dataclass
class Translated:
    """Translations into one language, by question id and by response id."""

    language: str
    questions: dict[int, Translation] = field(default_factory=dict)
    responses: dict[int, Translation] = field(default_factory=dict)

    def question_title(self, question_id: int, original: str) -> str:
        found = self.questions.get(question_id)
        return found.title if found and found.title else original

    def question_body(self, question_id: int, original: str) -> str:
        found = self.questions.get(question_id)
        return found.text if found and found.text else original

    def response_text(self, response_id: int, original: str) -> str:
        found = self.responses.get(response_id)
        return found.text if found and found.text else original


def translations_for(
    *, language: str, questions: Iterable[int] = (), responses: Iterable[int] = ()
) -> Translated:
    """Every translation into `language` of these questions and responses, in one query.

    Dutch is the original: asking for Dutch returns nothing to translate.
    """
    result = Translated(language)
    question_ids, response_ids = list(questions), list(responses)
    if language == "nl" or not (question_ids or response_ids):
        return result
    rows = Translation.objects.filter(
        Q(question_id__in=question_ids) | Q(response_id__in=response_ids), language=language
    )
    for row in rows:
        if row.question_id is not None:
            result.questions[row.question_id] = row
        elif row.response_id is not None:
            result.responses[row.response_id] = row
    return result


# What to translate ------------------------------------------------------------------------


def questions_to_translate(membership: Membership, *, only_missing: bool = False) -> Any:
    """The questions this person may translate, newest first.

    Coordinators and admins: all of the organisation; a service: its own; a partner worker
    (an interpreter, adult education): every question that reached the participants.
    `only_missing` keeps those where a language is missing for the question or an answer.
    """
    questions = Question.objects.filter(organisation=membership.organisation)
    if membership.has_role(Role.COORDINATOR, Role.ADMIN):
        pass
    elif membership.is_service_contact and membership.service_id:
        questions = questions.filter(service_id=membership.service_id)
    elif membership.has_role(Role.PARTNER_WORKER):
        questions = questions.filter(
            status__in=[Question.Status.ACCEPTED, Question.Status.SCHEDULED]
        )
    else:
        return questions.none()
    if only_missing:
        languages = translatable_languages()
        done = (
            Translation.objects.filter(question=OuterRef("pk"))
            .values("question")
            .annotate(n=Count("pk"))
            .values("n")
        )
        missing_answer = (
            Response.objects.filter(question=OuterRef("pk"))
            .exclude(explanation="")
            .annotate(
                n=Subquery(
                    Translation.objects.filter(response=OuterRef("pk"))
                    .values("response")
                    .annotate(n=Count("pk"))
                    .values("n")
                )
            )
            .filter(Q(n__isnull=True) | Q(n__lt=len(languages)))
        )
        questions = questions.annotate(done=Subquery(done)).filter(
            Q(done__isnull=True) | Q(done__lt=len(languages)) | Exists(missing_answer)
        )
    return questions.select_related("service").order_by("-created_at", "-pk")


@dataclass
class TranslationRow:
    question: Question
    done: dict[str, Translation]
    responses: list[tuple[Response, dict[str, Translation]]]


def translation_rows(questions: list[Question]) -> list[TranslationRow]:
    """Each question of a page with its answers and their translations, in two queries."""
    responses = list(
        Response.objects.filter(question__in=questions)
        .exclude(explanation="")
        .order_by("created_at", "pk")
    )
    found = Translation.objects.filter(Q(question__in=questions) | Q(response__in=responses)).only(
        "pk", "question_id", "response_id", "language", "reviewed", "translator"
    )
    by_question: dict[int, dict[str, Translation]] = {}
    by_response: dict[int, dict[str, Translation]] = {}
    for row in found:
        if row.question_id:
            by_question.setdefault(row.question_id, {})[row.language] = row
        elif row.response_id:
            by_response.setdefault(row.response_id, {})[row.language] = row
    return [
        TranslationRow(
            question,
            by_question.get(question.pk, {}),
            [(r, by_response.get(r.pk, {})) for r in responses if r.question_id == question.pk],
        )
        for question in questions
    ]


# Writes ----------------------------------------------------------------------------------


def translatable_languages() -> list[str]:
    """The participant languages other than Dutch, the original."""
    return [code for code in settings.PARTICIPANT_LANGUAGES if code != "nl"]


@transaction.atomic
def translation_save(
    *,
    organisation: Organisation,
    language: str,
    question: Question | None = None,
    response: Response | None = None,
    title: str = "",
    text: str,
    translated_by: str,
    translator: str,
    reviewed: bool,
    by: User,
) -> Translation:
    """Saves the translation of a question (title and explanation) or of an answer's reasons.

    Refuses a language participants do not read here and a text in the wrong script for its
    language (an Arabic field that holds Dutch), naming the field.
    """
    if (question is None) == (response is None):
        raise ValueError("Translate either a question or a response.")
    if language not in translatable_languages():
        raise ValidationError({"language": _("Choose one of the languages of the participants.")})
    errors: dict[str, str] = {}
    for name, value in (("title", title), ("text", text)):
        if value.strip() and not is_written_in(value, language):
            errors[name] = _(
                "This text is not written in %(language)s. Check that it is in the right box."
            ) % {"language": get_language_info(language)["name_translated"]}
    if errors:
        raise ValidationError(errors)
    translation, _created = Translation.objects.get_or_create(
        organisation=organisation,
        question=question,
        response=response,
        language=language,
        defaults={"translated_by": translated_by, "updated_by": by},
    )
    translation.title = title.strip()
    translation.text = text.strip()
    translation.translated_by = translated_by.strip()
    translation.translator = translator
    translation.reviewed = reviewed
    translation.updated_by = by
    translation.full_clean()
    translation.save()
    AuditEvent.record(
        organisation=organisation,
        actor=by,
        action=AuditEvent.Action.UPDATE,
        obj=translation,
        language=language,
    )
    return translation


@transaction.atomic
def translation_delete(*, translation: Translation, by: User) -> None:
    AuditEvent.record(
        organisation=translation.organisation,
        actor=by,
        action=AuditEvent.Action.UPDATE,
        obj=translation,
        deleted=True,
    )
    translation.delete()
