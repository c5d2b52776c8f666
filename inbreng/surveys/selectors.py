"""Reads scoped to the organisation: another organisation's record is a 404."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from inbreng.core.models import Organisation

from .models import (
    PaperDifference,
    Questionnaire,
    QuestionTranslation,
    Response,
    Survey,
    SurveyQuestion,
    Wave,
)


def surveys_of(organisation: Organisation) -> QuerySet[Survey]:
    return Survey.objects.filter(organisation=organisation).select_related("questionnaire")


def questionnaires_of(organisation: Organisation) -> QuerySet[Questionnaire]:
    return Questionnaire.objects.filter(organisation=organisation, archived_at__isnull=True)


def questionnaire_for(organisation: Organisation, pk: int) -> Questionnaire:
    return get_object_or_404(Questionnaire, organisation=organisation, pk=pk)


def question_for(questionnaire: Questionnaire, pk: int) -> SurveyQuestion:
    return get_object_or_404(
        SurveyQuestion.objects.select_related("version"),
        organisation=questionnaire.organisation,
        version__questionnaire=questionnaire,
        pk=pk,
    )


def survey_for(organisation: Organisation, pk: int) -> Survey:
    return get_object_or_404(surveys_of(organisation), pk=pk)


def wave_for(organisation: Organisation, pk: int) -> Wave:
    return get_object_or_404(
        Wave.objects.select_related("survey", "version__questionnaire"),
        organisation=organisation,
        pk=pk,
    )


def waves_with_counts(survey: Survey) -> QuerySet[Wave]:
    complete = Q(responses__status=Response.Status.COMPLETE)
    return (
        Wave.objects.filter(organisation=survey.organisation, survey=survey)
        .select_related("version")
        .annotate(
            complete=Count("responses", filter=complete),
            started=Count("responses", filter=~complete),
        )
    )


def response_for(organisation: Organisation, pk: int) -> Response:
    return get_object_or_404(
        Response.objects.select_related("wave__version", "wave__survey"),
        organisation=organisation,
        pk=pk,
    )


def open_interviews(wave: Wave) -> QuerySet[Response]:
    return Response.objects.filter(
        organisation=wave.organisation,
        wave=wave,
        status=Response.Status.IN_PROGRESS,
        mode__in=["interview_phone", "interview_in_person"],
    ).order_by("-started_at")[:20]


def mode_counts(wave: Wave) -> dict[str, int]:
    rows = (
        Response.objects.filter(
            organisation=wave.organisation, wave=wave, status=Response.Status.COMPLETE
        )
        .values_list("mode")
        .annotate(n=Count("pk"))
    )
    return {mode: n for mode, n in rows}


def open_differences(wave: Wave) -> QuerySet[PaperDifference]:
    return (
        PaperDifference.objects.filter(
            organisation=wave.organisation, response__wave=wave, resolved_at__isnull=True
        )
        .select_related("response", "question")
        .order_by("response__form_number", "question__position")
    )


def difference_for(organisation: Organisation, pk: int) -> PaperDifference:
    return get_object_or_404(
        PaperDifference.objects.select_related("response__wave", "question"),
        organisation=organisation,
        pk=pk,
    )


def forms_awaiting_second_entry(wave: Wave) -> list[int]:
    """Numbers of paper forms chosen for double entry and typed only once."""
    every = wave.double_entry_every
    chosen = Q(double_entry=True)
    if every:
        chosen |= Q(form_number__isnull=False)  # filtered below on the modulo
    numbers = (
        Response.objects.filter(organisation=wave.organisation, wave=wave, mode="paper")
        .filter(chosen)
        .annotate(rounds=Count("paper_entries"))
        .filter(rounds=1)
        .order_by("form_number")
        .values_list("form_number", "double_entry")
    )
    return [n for n, by_hand in numbers if n and (by_hand or (every and n % every == 0))][:50]


def label_skip_rules(questions: list[SurveyQuestion]) -> None:
    """Marks each skip rule with the answer's words and the target's number (paper, editor)."""
    positions = {q.code: q.position for q in questions}
    for q in questions:
        if not q.skip_to:
            continue
        labels = {c.value: c.label for c in q.choices.all()}
        labels.update({"yes": _("Yes"), "no": _("No")})
        q.skip_label = labels.get(q.skip_value, q.skip_value)  # type: ignore[attr-defined]
        q.skip_position = positions.get(q.skip_to)  # type: ignore[attr-defined]


def complete_languages(wave: Wave) -> set[str]:
    """The languages every question of the wave's questionnaire is translated into."""
    questions = SurveyQuestion.objects.filter(
        organisation=wave.organisation, version_id=wave.version_id
    ).count()
    counts = (
        QuestionTranslation.objects.filter(
            organisation=wave.organisation, question__version_id=wave.version_id
        )
        .values("language")
        .annotate(n=Count("question", distinct=True))
    )
    return {row["language"] for row in counts if questions and row["n"] == questions}
