"""Surveys, questionnaires, questions, translations and waves (admin and coordinator)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from inbreng import plainlanguage
from inbreng.core.decorators import permission_required
from inbreng.core.types import MemberRequest
from inbreng.messaging.services import PlainCheck, jargon_for, plain_checks

from .. import selectors
from ..forms import (
    TRANSLATION_LANGUAGES,
    QuestionForm,
    QuestionnaireForm,
    SurveyForm,
    TranslationForm,
    WaveForm,
)
from ..models import QuestionTranslation, Wave
from ..services import questionnaires as services


def add_errors(form: Form, error: ValidationError) -> None:
    """A service's errors at their fields (or at the top), keeping what was typed."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@permission_required("surveys.view_surveys")
def home(request: MemberRequest) -> HttpResponse:
    return render(
        request,
        "surveys/home.html",
        {
            "surveys": selectors.surveys_of(request.organisation)[:50],
            "questionnaires": selectors.questionnaires_of(request.organisation)[:50],
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("surveys.manage")
def questionnaire_new(request: MemberRequest) -> HttpResponse:
    if request.method == "POST" and "template" in request.POST:
        made = services.questionnaire_from_template(
            organisation=request.organisation, by=request.user
        )
        messages.success(request, _("The satisfaction questionnaire is ready to adapt."))
        return redirect("surveys:questionnaire", pk=made.pk)
    form = QuestionnaireForm(request.POST or None)
    if form.is_valid():
        made = services.questionnaire_create(
            organisation=request.organisation, by=request.user, **form.cleaned_data
        )
        return redirect("surveys:questionnaire", pk=made.pk)
    return render(request, "surveys/questionnaire_form.html", {"form": form})


@permission_required("surveys.manage")
def questionnaire_detail(request: MemberRequest, pk: int) -> HttpResponse:
    questionnaire = selectors.questionnaire_for(request.organisation, pk)
    version = services.latest_version(questionnaire)
    questions = list(
        version.questions.order_by("position").prefetch_related("choices", "translations")
    )
    selectors.label_skip_rules(questions)
    # The organisation's jargon list is read once for all questions.
    jargon = jargon_for(request.organisation)
    threshold = request.organisation.plain_language_min_score
    reports = {q.pk: plainlanguage.check(q.text, jargon=jargon) for q in questions}
    rows = [
        {
            "question": q,
            "check": PlainCheck(reports[q.pk], threshold, reports[q.pk].passes(threshold)),
            "languages": sorted(t.language for t in q.translations.all()),
        }
        for q in questions
    ]
    return render(
        request,
        "surveys/questionnaire_detail.html",
        {
            "questionnaire": questionnaire,
            "version": version,
            "rows": rows,
            "versions": questionnaire.versions.order_by("-number")[:20],
            "translation_languages": TRANSLATION_LANGUAGES,
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("surveys.manage")
def question_edit(request: MemberRequest, pk: int, question_pk: int | None = None) -> HttpResponse:
    questionnaire = selectors.questionnaire_for(request.organisation, pk)
    question = selectors.question_for(questionnaire, question_pk) if question_pk else None
    initial = QuestionForm.initial_for(question) if question else {}
    form = QuestionForm(request.POST or None, initial=initial)
    if form.is_valid():
        try:
            services.question_save(
                questionnaire=questionnaire,
                question=question,
                by=request.user,
                choices=form.choice_lines(),
                **form.service_fields(),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The question is saved."))
            return redirect("surveys:questionnaire", pk=questionnaire.pk)
    context: dict[str, Any] = {
        "form": form,
        "questionnaire": questionnaire,
        "question": question,
        "frozen": services.latest_version(questionnaire).frozen_at is not None,
        "plain_checks": plain_checks(request.organisation, form),
    }
    return render(request, "surveys/question_form.html", context)


@require_POST
@permission_required("surveys.manage")
def question_delete(request: MemberRequest, pk: int, question_pk: int) -> HttpResponse:
    questionnaire = selectors.questionnaire_for(request.organisation, pk)
    question = selectors.question_for(questionnaire, question_pk)
    try:
        services.question_delete(questionnaire=questionnaire, question=question, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The question is removed."))
    return redirect("surveys:questionnaire", pk=questionnaire.pk)


@require_POST
@permission_required("surveys.manage")
def question_move(request: MemberRequest, pk: int, question_pk: int) -> HttpResponse:
    questionnaire = selectors.questionnaire_for(request.organisation, pk)
    question = selectors.question_for(questionnaire, question_pk)
    try:
        services.question_move(
            questionnaire=questionnaire,
            question=question,
            up=request.POST.get("direction") != "down",
            by=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("surveys:questionnaire", pk=questionnaire.pk)


@require_http_methods(["GET", "POST"])
@permission_required("surveys.manage")
def translation_edit(
    request: MemberRequest, pk: int, question_pk: int, language: str
) -> HttpResponse:
    questionnaire = selectors.questionnaire_for(request.organisation, pk)
    question = selectors.question_for(questionnaire, question_pk)
    if language not in dict(TRANSLATION_LANGUAGES):
        return redirect("surveys:questionnaire", pk=questionnaire.pk)
    choices = list(question.choices.all())
    existing = QuestionTranslation.objects.filter(question=question, language=language).first()
    initial = (
        {
            "text": existing.text,
            "help_text": existing.help_text,
            "choice_labels": "\n".join(existing.choice_labels.get(c.value, "") for c in choices),
            "translated_by": existing.translated_by,
            "reviewed": existing.reviewed,
        }
        if existing
        else {}
    )
    form = TranslationForm(request.POST or None, initial=initial)
    if form.is_valid():
        lines = str(form.cleaned_data["choice_labels"]).splitlines()
        labels = {
            c.value: line.strip() for c, line in zip(choices, lines, strict=False) if line.strip()
        }
        try:
            services.translation_save(
                questionnaire=questionnaire,
                question=question,
                language=language,
                text=form.cleaned_data["text"],
                help_text=form.cleaned_data["help_text"],
                choice_labels=labels,
                translated_by=form.cleaned_data["translated_by"],
                reviewed=form.cleaned_data["reviewed"],
                by=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The translation is saved."))
            return redirect("surveys:questionnaire", pk=questionnaire.pk)
    return render(
        request,
        "surveys/translation_form.html",
        {
            "form": form,
            "questionnaire": questionnaire,
            "question": question,
            "choices": choices,
            "language_name": dict(TRANSLATION_LANGUAGES)[language],
            "language": language,
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("surveys.manage")
def survey_new(request: MemberRequest) -> HttpResponse:
    form = SurveyForm(request.POST or None, organisation=request.organisation)
    if form.is_valid():
        questionnaire = form.cleaned_data["questionnaire"] or services.questionnaire_from_template(
            organisation=request.organisation, by=request.user
        )
        survey = services.survey_create(
            organisation=request.organisation,
            title=form.cleaned_data["title"],
            purpose=form.cleaned_data["purpose"],
            questionnaire=questionnaire,
            by=request.user,
        )
        return redirect("surveys:survey", pk=survey.pk)
    return render(request, "surveys/survey_form.html", {"form": form})


@permission_required("surveys.view_surveys")
def survey_detail(request: MemberRequest, pk: int) -> HttpResponse:
    survey = selectors.survey_for(request.organisation, pk)
    return render(
        request,
        "surveys/survey_detail.html",
        {"survey": survey, "waves": selectors.waves_with_counts(survey)},
    )


@require_http_methods(["GET", "POST"])
@permission_required("surveys.manage")
def wave_new(request: MemberRequest, pk: int) -> HttpResponse:
    survey = selectors.survey_for(request.organisation, pk)
    form = WaveForm(request.POST or None)
    if form.is_valid():
        try:
            wave = services.wave_create(
                survey=survey,
                name=form.cleaned_data["name"],
                starts_on=form.cleaned_data["starts_on"],
                ends_on=form.cleaned_data["ends_on"],
                mode_mix=form.mode_mix(),
                double_entry_every=form.cleaned_data["double_entry_every"],
                by=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            return redirect("surveys:wave", pk=wave.pk)
    return render(request, "surveys/wave_form.html", {"form": form, "survey": survey})


@permission_required("surveys.view_surveys")
def wave_detail(request: MemberRequest, pk: int) -> HttpResponse:
    from ..forms import InterviewStartForm, LinkForm
    from ..services.responses import next_form_number, typing_error_rate

    wave = selectors.wave_for(request.organisation, pk)
    counts = selectors.mode_counts(wave)
    return render(
        request,
        "surveys/wave_detail.html",
        {
            "wave": wave,
            "survey": wave.survey,
            "modes": _mode_rows(wave, counts),
            "interviews": selectors.open_interviews(wave),
            "start_form": InterviewStartForm(prefix="interview"),
            "link_form": LinkForm(prefix="link", languages=selectors.complete_languages(wave)),
            "next_number": next_form_number(wave),
            "errors": typing_error_rate(wave),
            "open_differences": selectors.open_differences(wave).count(),
        },
    )


def _mode_rows(wave: Wave, counts: dict[str, int]) -> list[dict[str, Any]]:
    from ..models import Mode

    return [
        {"label": label, "done": counts.get(mode, 0), "planned": wave.mode_mix.get(mode, 0)}
        for mode, label in Mode.choices
    ]


@require_POST
@permission_required("surveys.manage")
def wave_status(request: MemberRequest, pk: int) -> HttpResponse:
    wave = selectors.wave_for(request.organisation, pk)
    try:
        services.wave_set_status(wave=wave, status=request.POST.get("status", ""), by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("surveys:wave", pk=wave.pk)
