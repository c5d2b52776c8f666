"""Writing questionnaires, their versions, questions and translations; surveys and waves.

A version is frozen once a wave fields it: from then on an edit goes to a new version (a
copy with the next number), so a wave's questions never change under it. Questions keep
their `code` across versions, which is how two waves are compared question by question.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from inbreng.core.models import Organisation, User
from inbreng.lib.script import is_written_in, without_hidden_characters

from .. import template_satisfaction
from ..models import (
    Choice,
    Mode,
    QuestionKind,
    Questionnaire,
    QuestionnaireVersion,
    QuestionTranslation,
    Survey,
    SurveyQuestion,
    Wave,
)
from ..models.core import SKIP_TO_END

# The stored values of a yes/no answer; the interview keys are j and n.
YES, NO = "yes", "no"
TRANSLATED_LANGUAGES = ("fr", "ar", "en")


def latest_version(questionnaire: Questionnaire) -> QuestionnaireVersion:
    version = questionnaire.versions.order_by("-number").first()
    assert version is not None  # every questionnaire is created with version 1
    return version


@transaction.atomic
def questionnaire_create(
    *, organisation: Organisation, title: str, description: str = "", by: User
) -> Questionnaire:
    """A new questionnaire with an empty first version."""
    questionnaire = Questionnaire(
        organisation=organisation, title=title, description=description, created_by=by
    )
    questionnaire.full_clean()
    questionnaire.save()
    QuestionnaireVersion.objects.create(
        organisation=organisation, questionnaire=questionnaire, number=1, created_by=by
    )
    return questionnaire


@transaction.atomic
def questionnaire_from_template(*, organisation: Organisation, by: User | None) -> Questionnaire:
    """The standard client-satisfaction questionnaire (12 questions, with French and Arabic
    wording), ready to field or to adapt."""
    questionnaire = Questionnaire(
        organisation=organisation,
        title=template_satisfaction.TITLE,
        description=template_satisfaction.DESCRIPTION,
        template="satisfaction",
        created_by=by,
    )
    questionnaire.full_clean()
    questionnaire.save()
    version = QuestionnaireVersion.objects.create(
        organisation=organisation, questionnaire=questionnaire, number=1, created_by=by
    )
    for position, item in enumerate(template_satisfaction.QUESTIONS, start=1):
        skip_value, skip_to = item.get("skip", ("", ""))
        question = SurveyQuestion.objects.create(
            organisation=organisation,
            version=version,
            position=position,
            code=item["code"],
            kind=item["kind"],
            text=item["text"],
            help_text=item.get("help_text", ""),
            optional=item.get("optional", False),
            minimum=item.get("minimum"),
            maximum=item.get("maximum"),
            skip_value=skip_value,
            skip_to=skip_to,
        )
        Choice.objects.bulk_create(
            Choice(organisation=organisation, question=question, position=i, value=v, label=label)
            for i, (v, label) in enumerate(item.get("choices", []), start=1)
        )
        for language in ("fr", "ar"):
            text, labels = item[language]
            QuestionTranslation.objects.create(
                organisation=organisation,
                question=question,
                language=language,
                text=text,
                choice_labels=labels,
                translated_by="Inbreng",
            )
    return questionnaire


@transaction.atomic
def version_for_edit(*, questionnaire: Questionnaire, by: User) -> QuestionnaireVersion:
    """The version an edit goes to: the latest, or a copy of it when it is frozen."""
    current = latest_version(questionnaire)
    if current.frozen_at is None:
        return current
    copy = QuestionnaireVersion.objects.create(
        organisation=questionnaire.organisation,
        questionnaire=questionnaire,
        number=current.number + 1,
        created_by=by,
    )
    for question in current.questions.prefetch_related("choices", "translations"):
        old_choices = list(question.choices.all())
        old_translations = list(question.translations.all())
        question.pk = None
        question._state.adding = True
        question.version = copy
        question.save()
        for choice in old_choices:
            choice.pk = None
            choice._state.adding = True
            choice.question = question
        Choice.objects.bulk_create(old_choices)
        for translation in old_translations:
            translation.pk = None
            translation._state.adding = True
            translation.question = question
        QuestionTranslation.objects.bulk_create(old_translations)
    return copy


def _in_version(question: SurveyQuestion, version: QuestionnaireVersion) -> SurveyQuestion:
    """The same question (by code) in `version`, which may be a fresh copy."""
    if question.version_id == version.pk:
        return question
    found = SurveyQuestion.objects.filter(version=version, code=question.code).first()
    if found is None:
        raise ValidationError(_("This question is no longer in the newest version."))
    return found


def _check_skip(question: SurveyQuestion, choice_values: Sequence[str]) -> None:
    if not question.skip_value and not question.skip_to:
        return
    if not question.skip_value or not question.skip_to:
        raise ValidationError(
            {"skip_to": _("Fill in both: the answer, and the question to go to.")}
        )
    valid = {
        QuestionKind.YES_NO: [YES, NO],
        QuestionKind.SCALE: ["1", "2", "3", "4", "5"],
        QuestionKind.SINGLE: list(choice_values),
    }.get(QuestionKind(question.kind))
    if valid is None:
        raise ValidationError(
            {"skip_value": _("Only yes/no, scale and one-answer questions can skip.")}
        )
    if question.skip_value not in valid:
        raise ValidationError(
            {
                "skip_value": _("Choose one of these answers: %(answers)s.")
                % {"answers": ", ".join(valid)}
            }
        )
    if question.skip_to == SKIP_TO_END:
        return
    later = SurveyQuestion.objects.filter(
        version=question.version, code=question.skip_to, position__gt=question.position
    ).exists()
    if not later:
        raise ValidationError({"skip_to": _('Give the code of a later question, or "end".')})


@transaction.atomic
def question_save(
    *,
    questionnaire: Questionnaire,
    by: User,
    question: SurveyQuestion | None = None,
    choices: Sequence[str] = (),
    **fields: Any,
) -> SurveyQuestion:
    """Adds a question at the end, or changes one. A frozen version is copied first.

    `choices` are the answer labels of a single or multiple choice question, in order; the
    values stay "1", "2", ... so an edited label keeps comparing across versions.
    """
    version = version_for_edit(questionnaire=questionnaire, by=by)
    if question is None:
        last = version.questions.aggregate(m=Max("position"))["m"] or 0
        question = SurveyQuestion(
            organisation=questionnaire.organisation, version=version, position=last + 1
        )
    else:
        question = _in_version(question, version)
    for name, value in fields.items():
        setattr(question, name, value)
    labels = [c.strip() for c in choices if c.strip()]
    has_choices = question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
    if has_choices and len(labels) < 2:
        raise ValidationError({"choices": _("Give at least two answers, one per line.")})
    if question.kind != QuestionKind.NUMBER:
        question.minimum = question.maximum = None
    elif (
        question.minimum is not None
        and question.maximum is not None
        and question.minimum > question.maximum
    ):
        raise ValidationError({"maximum": _("The highest number is lower than the lowest.")})
    if (
        SurveyQuestion.objects.filter(version=version, code=question.code)
        .exclude(pk=question.pk)
        .exists()
    ):
        raise ValidationError({"code": _("Another question already has this code.")})
    values = [str(i) for i in range(1, len(labels) + 1)] if has_choices else []
    _check_skip(question, values)
    question.full_clean(exclude=["version"])
    question.save()
    question.choices.all().delete()
    Choice.objects.bulk_create(
        Choice(
            organisation=questionnaire.organisation,
            question=question,
            position=i,
            value=value,
            label=label,
        )
        for i, (value, label) in enumerate(zip(values, labels, strict=True), start=1)
    )
    return question


@transaction.atomic
def question_delete(*, questionnaire: Questionnaire, question: SurveyQuestion, by: User) -> None:
    """Removes a question (from a copy when the version is frozen); closes the gap."""
    version = version_for_edit(questionnaire=questionnaire, by=by)
    target = _in_version(question, version)
    if version.questions.filter(skip_to=target.code).exists():
        raise ValidationError(_("Another question skips to this one. Change that skip rule first."))
    target.delete()
    for position, item in enumerate(version.questions.order_by("position"), start=1):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


@transaction.atomic
def question_move(
    *, questionnaire: Questionnaire, question: SurveyQuestion, up: bool, by: User
) -> None:
    """Swaps a question with the one above or below it."""
    version = version_for_edit(questionnaire=questionnaire, by=by)
    target = _in_version(question, version)
    neighbour = (
        version.questions.filter(position__lt=target.position).order_by("-position").first()
        if up
        else version.questions.filter(position__gt=target.position).order_by("position").first()
    )
    if neighbour is None:
        return
    first, second = target.position, neighbour.position
    # The unique-free two-step swap keeps the ordering valid at every moment.
    target.position, neighbour.position = second, first
    target.save(update_fields=["position"])
    neighbour.save(update_fields=["position"])


@transaction.atomic
def translation_save(
    *,
    questionnaire: Questionnaire,
    question: SurveyQuestion,
    language: str,
    text: str,
    help_text: str = "",
    choice_labels: dict[str, str] | None = None,
    translated_by: str,
    reviewed: bool = False,
    by: User,
) -> QuestionTranslation:
    """A question's wording in another language (in a copy when the version is frozen)."""
    if language not in TRANSLATED_LANGUAGES:
        raise ValidationError({"language": _("Choose a language.")})
    # As for the loop's translations (lib/script.py): no invisible characters that turn text
    # around, and the text in the script of its language (Arabic in Arabic letters).
    text = without_hidden_characters(text).strip()
    help_text = without_hidden_characters(help_text).strip()
    labels = {
        value: without_hidden_characters(label).strip()
        for value, label in (choice_labels or {}).items()
    }
    wrong = [
        name
        for name, value in (("text", text), ("help_text", help_text), *labels.items())
        if value and not is_written_in(value, language)
    ]
    if wrong:
        message = _(
            "This text is not written in %(language)s. Check that it is in the right box."
        ) % {"language": get_language_info(language)["name_translated"]}
        raise ValidationError(
            {name if name in ("text", "help_text") else "choice_labels": message for name in wrong}
        )
    version = version_for_edit(questionnaire=questionnaire, by=by)
    target = _in_version(question, version)
    translation, _created = QuestionTranslation.objects.get_or_create(
        organisation=questionnaire.organisation,
        question=target,
        language=language,
        defaults={"text": text},
    )
    translation.text = text
    translation.help_text = help_text
    translation.choice_labels = labels
    translation.translated_by = translated_by
    translation.reviewed = reviewed
    translation.full_clean()
    translation.save()
    return translation


@transaction.atomic
def survey_create(
    *,
    organisation: Organisation,
    title: str,
    purpose: str = "",
    questionnaire: Questionnaire,
    by: User,
) -> Survey:
    survey = Survey(
        organisation=organisation,
        title=title,
        purpose=purpose,
        questionnaire=questionnaire,
        created_by=by,
    )
    survey.full_clean()
    survey.save()
    return survey


@transaction.atomic
def wave_create(
    *,
    survey: Survey,
    name: str,
    starts_on: date,
    ends_on: date,
    mode_mix: dict[str, int] | None = None,
    double_entry_every: int = 10,
    by: User,
) -> Wave:
    """A new wave on the questionnaire's latest version, which is frozen from now on."""
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The end date is before the start date.")})
    mix = {mode: int(n) for mode, n in (mode_mix or {}).items() if n}
    if any(mode not in Mode.values or n < 0 for mode, n in mix.items()):
        raise ValidationError({"mode_mix": _("Give a number of 0 or more per mode.")})
    version = latest_version(survey.questionnaire)
    if not version.questions.exists():
        raise ValidationError(_("The questionnaire has no questions yet."))
    if version.frozen_at is None:
        version.frozen_at = timezone.now()
        version.save(update_fields=["frozen_at"])
    wave = Wave(
        organisation=survey.organisation,
        survey=survey,
        version=version,
        name=name,
        starts_on=starts_on,
        ends_on=ends_on,
        mode_mix=mix,
        double_entry_every=double_entry_every,
    )
    wave.full_clean()
    wave.save()
    return wave


@transaction.atomic
def wave_set_status(*, wave: Wave, status: str, by: User) -> Wave:
    if status not in Wave.Status.values:
        raise ValidationError(_("Unknown status."))
    wave.status = status
    wave.save(update_fields=["status"])
    return wave
