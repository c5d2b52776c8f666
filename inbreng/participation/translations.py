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
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _

from inbreng.core.models import AuditEvent, Membership, Organisation, Role, User
from inbreng.core.services import answer_notes
from inbreng.lib.script import foreign_sentences, is_written_in, without_hidden_characters

from .models import Question, Response, Translation, Translator


@dataclass
class Translated:
    """Translations into one language, by question id and by response id."""

    language: str
    questions: dict[int, Translation] = field(default_factory=dict)
    responses: dict[int, Translation] = field(default_factory=dict)
    # What other apps say about an answer (core.services.answer_notes), per response id.
    notes: dict[int, list[dict[str, Any]]] = field(default_factory=dict)

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
    # Notes come in Dutch too: they are not translations of the loop's own texts.
    result.notes = answer_notes(response_ids, language)
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


def translation_links() -> list[tuple[str, str]]:
    """`(code, name)` of each language staff translate into, the name in the reader's
    language: for a row of links, computed once per page rather than once per link."""
    return [
        (code, str(get_language_info(code)["name_translated"])) for code in translatable_languages()
    ]


def may_change(translation: Translation, membership: Membership) -> bool:
    """Whether this person may change or remove an existing translation.

    A translation written by staff, or checked by a native speaker, is only changed by its
    author (who saved it last), a coordinator or an admin: a partner worker or a service
    cannot overwrite checked work. Any other translation every translator may improve.
    """
    if membership.has_role(Role.COORDINATOR, Role.ADMIN):
        return True
    if translation.updated_by_id is not None and translation.updated_by_id == membership.user_id:
        return True
    return not (translation.reviewed or translation.translator == Translator.STAFF)


def translator_name(membership: Membership) -> str:
    """Who translated, as the translation shows it: the person, and their partner organisation."""
    name = membership.user.display_name()
    if membership.partner_id and membership.has_role(Role.PARTNER_WORKER):
        return f"{name} ({membership.partner})"[:100]
    return name[:100]


def _clean(value: str) -> str:
    # Bidi overrides and other invisible characters turn text around on a page or hide a
    # word; a translation never needs them (the page sets the direction itself).
    return without_hidden_characters(value).strip()


@transaction.atomic
def translation_save(
    *,
    organisation: Organisation,
    language: str,
    question: Question | None = None,
    response: Response | None = None,
    title: str = "",
    text: str,
    translator: str,
    reviewed: bool,
    by: User,
) -> Translation:
    """Saves the translation of a question (title and explanation) or of an answer's reasons.

    Refuses a language participants do not read here and a text in the wrong script for its
    language (an Arabic field that holds Dutch, or one Dutch sentence in it), naming the field
    and the sentence. Who translated is the person saving, never a typed name. A checked or
    staff translation is refused to anyone but its author, a coordinator or an admin
    (`may_change`); when someone other than a coordinator or admin changes the words of a
    checked translation, it is no longer checked.
    """
    if (question is None) == (response is None):
        raise ValueError("Translate either a question or a response.")
    membership = Membership.objects.select_related("user", "partner").get(
        user=by, organisation=organisation, is_active=True
    )
    if language not in translatable_languages():
        raise ValidationError({"language": _("Choose one of the languages of the participants.")})
    title, text = _clean(title), _clean(text)
    errors: dict[str, str] = {}
    language_name = get_language_info(language)["name_translated"]
    for name, value in (("title", title), ("text", text)):
        if not value:
            continue
        foreign = foreign_sentences(value, language)
        if foreign:
            errors[name] = _(
                "This sentence is not in %(language)s: “%(sentence)s”. Translate it or take it out."
            ) % {"language": language_name, "sentence": _shorten(foreign[0])}
        elif not is_written_in(value, language):
            errors[name] = _(
                "This text is not written in %(language)s. Check that it is in the right box."
            ) % {"language": language_name}
    if errors:
        raise ValidationError(errors)
    translation = (
        Translation.objects.select_for_update()
        .filter(question=question, response=response, language=language)
        .first()
    )
    if translation is None:
        translation = Translation(
            organisation=organisation, question=question, response=response, language=language
        )
    elif not may_change(translation, membership):
        raise PermissionDenied(str(CHANGE_REFUSED))
    privileged = membership.has_role(Role.COORDINATOR, Role.ADMIN)
    if not privileged and membership.has_role(Role.PARTNER_WORKER):
        # A partner's translation is always marked as a partner's.
        translator = Translator.PARTNER
    words_changed = translation.pk is not None and (translation.title, translation.text) != (
        title,
        text,
    )
    if translation.reviewed and words_changed and not privileged:
        # The native speaker checked other words: the new ones are not checked yet.
        reviewed = False
    translation.title = title
    translation.text = text
    translation.translated_by = translator_name(membership)
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


def _shorten(sentence: str, limit: int = 80) -> str:
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


CHANGE_REFUSED = gettext_lazy(
    "A coordinator, or the person who wrote it, can change this translation: it was written "
    "by staff or checked by a native speaker."
)


@transaction.atomic
def translation_delete(*, translation: Translation, membership: Membership) -> None:
    """Removes a translation; participants read the Dutch text again. Same rule as changing."""
    if not may_change(translation, membership):
        raise PermissionDenied(str(CHANGE_REFUSED))
    AuditEvent.record(
        organisation=translation.organisation,
        actor=membership.user,
        action=AuditEvent.Action.UPDATE,
        obj=translation,
        deleted=True,
    )
    translation.delete()
