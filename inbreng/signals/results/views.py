"""Results: list, detail with milestones, new, progress update, milestones, translations."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from inbreng.core.decorators import permission_required
from inbreng.core.models import Service
from inbreng.core.types import MemberRequest
from inbreng.core.views import apply_errors
from inbreng.lib.numbers import positive_int

from ..models import Milestone, Result
from . import selectors, services
from .forms import MilestoneForm, ResultForm, ResultTranslationForm

PAGE_SIZE = 50


@permission_required("signals.view_results")
def result_list(request: MemberRequest) -> HttpResponse:
    results = selectors.results_of(request.membership).order_by("-stalled", "due_on", "-pk")
    status = request.GET.get("status", "")
    if status in Result.Status.values:
        results = results.filter(status=status)
    stalled = request.GET.get("stalled", "") == "1"
    if stalled:
        results = results.filter(stalled=True)
    services_list = list(Service.objects.filter(organisation=request.organisation).order_by("name"))
    service = positive_int(request.GET.get("service"))
    if service is not None and any(s.pk == service for s in services_list):
        results = results.filter(service_id=service)
    else:
        service = None
    query = "&".join(
        f"{k}={v}"
        for k, v in (
            ("status", status),
            ("stalled", "1" if stalled else ""),
            ("service", service or ""),
        )
        if v
    )
    return render(
        request,
        "signals/results/result_list.html",
        {
            "results": Paginator(results, PAGE_SIZE).get_page(request.GET.get("pagina")),
            "statuses": Result.Status.choices,
            "status": status,
            "stalled": stalled,
            "services": services_list,
            "service": service,
            "query": query,
            "today": timezone.localdate(),
        },
    )


def _result(request: MemberRequest, pk: int) -> Result:
    result = selectors.result_detail(request.membership, pk)
    if result is None:
        raise Http404
    return result


def _changeable(request: MemberRequest, pk: int) -> Result:
    result = _result(request, pk)
    if not request.user.has_perm("signals.change_result", result):
        raise PermissionDenied
    return result


@permission_required("signals.view_results")
def result_detail(request: MemberRequest, pk: int) -> HttpResponse:
    result = _result(request, pk)
    return render(
        request,
        "signals/results/result_detail.html",
        {
            "result": result,
            "milestones": list(result.milestones.all()),
            "translations": list(result.translations.all()),
            "can_change": request.user.has_perm("signals.change_result", result),
            "today": timezone.localdate(),
        },
    )


@permission_required("signals.add_result")
def result_add(request: MemberRequest) -> HttpResponse:
    initial = request.GET.get("bron", "")[:20]
    form = ResultForm(request.POST or None, membership=request.membership, initial_source=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = services.result_create(
                organisation=request.organisation,
                by=request.user,
                title=data["title"],
                meaning=data["meaning"],
                service=data["service"],
                due_on=data["due_on"],
                status=data["status"],
                progress=data["progress"],
                **form.source_kwargs(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The result is saved. Add its milestones."))
            return redirect("signals:result", pk=result.pk)
    return render(request, "signals/results/result_form.html", {"form": form, "result": None})


@permission_required("signals.view_results")
def result_edit(request: MemberRequest, pk: int) -> HttpResponse:
    result = _changeable(request, pk)
    form = ResultForm(request.POST or None, instance=result, membership=request.membership)
    if request.method == "POST" and form.is_valid():
        try:
            services.result_update(result=result, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The result is updated."))
            return redirect("signals:result", pk=result.pk)
    return render(request, "signals/results/result_form.html", {"form": form, "result": result})


@permission_required("signals.view_results")
def milestone_edit(
    request: MemberRequest, pk: int, milestone_pk: int | None = None
) -> HttpResponse:
    result = _changeable(request, pk)
    milestone = (
        get_object_or_404(Milestone, result=result, pk=milestone_pk) if milestone_pk else None
    )
    form = MilestoneForm(request.POST or None, instance=milestone)
    if request.method == "POST" and form.is_valid():
        try:
            services.milestone_save(
                result=result, by=request.user, milestone=milestone, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The milestone is saved."))
            return redirect("signals:result", pk=result.pk)
    return render(
        request,
        "signals/results/milestone_form.html",
        {"form": form, "result": result, "milestone": milestone},
    )


@permission_required("signals.view_results")
def result_translate(request: MemberRequest, pk: int) -> HttpResponse:
    result = _changeable(request, pk)
    form = ResultTranslationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.result_translate(result=result, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The translation is saved."))
            return redirect("signals:result", pk=result.pk)
    return render(
        request, "signals/results/translation_form.html", {"form": form, "result": result}
    )
