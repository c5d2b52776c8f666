"""Results of a wave (admin, coordinator, policy maker), weighting, open answers and exports."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inbreng.core.decorators import permission_required
from inbreng.core.services import audit_read
from inbreng.core.types import MemberRequest
from inbreng.insights.exports import FORMATS, export_response
from inbreng.lib.numbers import positive_int
from inbreng.lib.suppression import MIN_SHOWN

from .. import exports, results, selectors
from ..models import QuestionKind, SurveyQuestion, Theme, ThemeCode
from ..sampling_forms import ThemeForm
from ..services import sampling as sampling_services
from ..services import themes as theme_services

# As in insights: the decorators are typed for HttpResponse and FileResponse only.
Download = Any
PAGE_SIZE = 50


def _question(wave: Any, pk: int) -> SurveyQuestion:
    return get_object_or_404(
        SurveyQuestion.objects.prefetch_related("choices"),
        organisation=wave.organisation,
        version_id=wave.version_id,
        pk=pk,
    )


@permission_required("surveys.view_results")
def overview(request: MemberRequest, pk: int) -> HttpResponse:
    wave = selectors.wave_for(request.organisation, pk)
    complete = results.complete(wave)
    per_stratum = [
        {"stratum": row["stratum"], "n": row["n"], "hidden": 0 < row["n"] < MIN_SHOWN}
        for row in complete.values("stratum").annotate(n=Count("id")).order_by("stratum")[:200]
    ]
    return render(
        request,
        "surveys/results/overview.html",
        {
            "wave": wave,
            "survey": wave.survey,
            "total": sum(row["n"] for row in per_stratum),
            "per_stratum": per_stratum,
            "questions": exports.questions_of(wave),
            "sample": results.sample_of(wave),
            "previous": results.previous_wave(wave),
        },
    )


@permission_required("surveys.view_results")
def question(request: MemberRequest, pk: int, question_pk: int) -> HttpResponse:
    wave = selectors.wave_for(request.organisation, pk)
    asked = _question(wave, question_pk)
    context: dict[str, Any] = {"wave": wave, "survey": wave.survey, "question": asked}
    if asked.kind == QuestionKind.OPEN:
        page = Paginator(results.open_answers(wave, asked), PAGE_SIZE).get_page(
            request.GET.get("pagina")
        )
        themes = list(
            Theme.objects.filter(organisation=wave.organisation, wave=wave, question=asked)
            .annotate(n=Count("codes"))
            .order_by("name")
        )
        coded: dict[int, list[str]] = {}
        for answer_id, name in ThemeCode.objects.filter(
            organisation=wave.organisation,
            theme__in=themes,
            answer_id__in=[pk for pk, _value in page.object_list],
        ).values_list("answer_id", "theme__name"):
            coded.setdefault(answer_id, []).append(name)
        # What people wrote may say who they are: reading it is recorded.
        audit_read(request, asked, object_type="survey_open_answers")
        context |= {
            "page": page,
            "answers": [(pk, value, coded.get(pk, [])) for pk, value in page.object_list],
            "themes": themes,
            "theme_form": ThemeForm(),
        }
        return render(request, "surveys/results/open.html", context)
    context["results"] = results.question_results(wave, asked)
    return render(request, "surveys/results/question.html", context)


@require_POST
@permission_required("surveys.manage")
def theme_add(request: MemberRequest, pk: int, question_pk: int) -> HttpResponse:
    wave = selectors.wave_for(request.organisation, pk)
    asked = _question(wave, question_pk)
    form = ThemeForm(request.POST)
    if form.is_valid():
        try:
            theme_services.theme_add(
                wave=wave, question=asked, name=form.cleaned_data["name"], by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("Give the theme a name of at most 100 characters."))
    return redirect("surveys:results_question", pk=wave.pk, question_pk=asked.pk)


@require_POST
@permission_required("surveys.manage")
def answers_code(request: MemberRequest, pk: int, question_pk: int) -> HttpResponse:
    wave = selectors.wave_for(request.organisation, pk)
    asked = _question(wave, question_pk)
    theme = Theme.objects.filter(
        organisation=wave.organisation,
        wave=wave,
        question=asked,
        pk=positive_int(request.POST.get("theme")) or 0,
    ).first()
    chosen = [n for v in request.POST.getlist("answer") if (n := positive_int(v)) is not None]
    if theme is None or not chosen:
        messages.error(request, _("Choose a theme and at least one answer."))
    else:
        made = theme_services.answers_code(theme=theme, answer_ids=chosen)
        messages.success(
            request, _("%(n)d answers placed under “%(theme)s”.") % {"n": made, "theme": theme.name}
        )
    return redirect("surveys:results_question", pk=wave.pk, question_pk=asked.pk)


@require_POST
@permission_required("surveys.manage")
def weights(request: MemberRequest, pk: int) -> HttpResponse:
    wave = selectors.wave_for(request.organisation, pk)
    sample = results.sample_of(wave)
    if sample is None:
        raise Http404
    try:
        count = sampling_services.weights_from_sample(sample=sample)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(n)d responses are weighted.") % {"n": count})
    return redirect("surveys:results", pk=wave.pk)


@permission_required("surveys.manage")
def export_responses(request: MemberRequest, pk: int, fmt: str) -> Download:
    if fmt not in FORMATS:
        raise Http404
    wave = selectors.wave_for(request.organisation, pk)
    questions = exports.questions_of(wave)
    audit_read(request, wave, object_type="survey_responses_export")
    return export_response(
        fmt,
        f"antwoorden-{wave.pk}",
        _("Responses"),
        exports.response_headers(questions),
        exports.response_rows(wave, questions),
    )


@permission_required("surveys.view_results")
def export_results(request: MemberRequest, pk: int, fmt: str) -> Download:
    if fmt not in FORMATS:
        raise Http404
    wave = selectors.wave_for(request.organisation, pk)
    questions = exports.questions_of(wave)
    return export_response(
        fmt,
        f"resultaten-{wave.pk}",
        _("Results"),
        exports.result_headers(),
        exports.result_rows(wave, questions),
    )
