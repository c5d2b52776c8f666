"""Sampling frames, stratified samples, volunteer pools, quotas and selections (admin and
coordinator). Frames and pools hold pseudonymous ids only."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from inbreng.core.decorators import permission_required
from inbreng.core.services import audit_read
from inbreng.core.types import MemberRequest
from inbreng.people.importing import ImportFileError

from ..models import Quota, Sample, SampleUnit, SamplingFrame, Selection, Volunteer, VolunteerPool
from ..sampling import FrameRow, parse_frame
from ..sampling_forms import DrawForm, FrameFileForm, QuotaForm, SelectionForm
from ..services import sampling as services

SESSION_KEY = "surveys_frame"
PREVIEW_ROWS = 20
PAGE_SIZE = 100


@permission_required("surveys.manage")
def home(request: MemberRequest) -> HttpResponse:
    org = request.organisation
    return render(
        request,
        "surveys/sampling/home.html",
        {
            "frames": SamplingFrame.objects.filter(organisation=org).order_by("-imported_at")[:50],
            "pools": VolunteerPool.objects.filter(organisation=org).order_by("-created_at")[:50],
        },
    )


def _read(form: FrameFileForm) -> Any:
    upload = form.cleaned_data["file"]
    try:
        return parse_frame(upload.name, upload.read())
    except ImportFileError as error:
        form.add_error("file", str(error))
        return None


@require_http_methods(["GET", "POST"])
@permission_required("surveys.manage")
def frame_upload(request: MemberRequest, kind: str = "frame") -> HttpResponse:
    form = FrameFileForm(request.POST or None, request.FILES or None)
    errors: list[tuple[int, str]] = []
    if request.method == "POST" and form.is_valid():
        read = _read(form)
        if read is not None and read.errors:
            errors = read.errors[:500]
            form.add_error("file", _("The file has mistakes. Nothing is stored."))
        elif read is not None:
            request.session[SESSION_KEY] = {
                "organisation": request.organisation.pk,
                "kind": kind,
                "name": form.cleaned_data["name"],
                "columns": read.strata_columns,
                "rows": [[r.line, r.client_ref, list(r.strata.values())] for r in read.rows],
            }
            return redirect("surveys:frame_preview")
    return render(
        request,
        "surveys/sampling/upload.html",
        {"form": form, "errors": errors, "kind": kind},
    )


@require_http_methods(["GET", "POST"])
@permission_required("surveys.manage")
def pool_upload(request: MemberRequest) -> Any:
    return frame_upload(request, kind="pool")


@require_http_methods(["GET", "POST"])
@permission_required("surveys.manage")
def frame_preview(request: MemberRequest) -> HttpResponse:
    stored = request.session.get(SESSION_KEY)
    if stored and stored.get("organisation") != request.organisation.pk:
        del request.session[SESSION_KEY]
        stored = None
    if not stored:
        return redirect("surveys:sampling")
    columns = stored["columns"]
    rows = [
        FrameRow(line=line, client_ref=ref, strata=dict(zip(columns, values, strict=True)))
        for line, ref, values in stored["rows"]
    ]
    if request.method == "POST":
        del request.session[SESSION_KEY]
        if "cancel" in request.POST:
            messages.info(request, _("The import is cancelled. Nothing was stored."))
            return redirect("surveys:sampling")
        if stored["kind"] == "pool":
            pool = services.pool_create(
                organisation=request.organisation,
                name=stored["name"],
                features=columns,
                volunteers=rows,
            )
            return redirect("surveys:pool", pk=pool.pk)
        frame = services.frame_import(
            organisation=request.organisation,
            name=stored["name"],
            strata_columns=columns,
            rows=rows,
            by=request.user,
        )
        messages.success(request, _("%(n)d people are stored in the frame.") % {"n": len(rows)})
        return redirect("surveys:frame", pk=frame.pk)
    sizes: dict[str, int] = {}
    for row in rows:
        sizes[row.stratum] = sizes.get(row.stratum, 0) + 1
    return render(
        request,
        "surveys/sampling/preview.html",
        {
            "name": stored["name"],
            "kind": stored["kind"],
            "columns": columns,
            "rows": rows[:PREVIEW_ROWS],
            "count": len(rows),
            "sizes": sorted(sizes.items()),
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("surveys.manage")
def frame_detail(request: MemberRequest, pk: int) -> HttpResponse:
    frame = get_object_or_404(SamplingFrame, organisation=request.organisation, pk=pk)
    form = DrawForm(request.POST or None, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sample = services.sample_draw(
                frame=frame,
                size=data["size"],
                allocation=data["allocation"],
                minimum=data["minimum"] or 0,
                reserve_per_stratum=data["reserve"] or 0,
                seed=data["seed"],
                wave=data["wave"],
                by=request.user,
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error("size", message)
        else:
            return redirect("surveys:sample", pk=sample.pk)
    return render(
        request,
        "surveys/sampling/frame.html",
        {
            "frame": frame,
            "sizes": sorted(services.frame_sizes(frame).items()),
            "samples": Sample.objects.filter(organisation=request.organisation, frame=frame)
            .select_related("wave")
            .order_by("-drawn_at")[:20],
            "form": form,
        },
    )


@permission_required("surveys.manage")
def sample_detail(request: MemberRequest, pk: int) -> HttpResponse:
    sample = get_object_or_404(
        Sample.objects.select_related("frame", "wave"), organisation=request.organisation, pk=pk
    )
    counts = {
        (row["stratum"], row["kind"]): row["n"]
        for row in SampleUnit.objects.filter(organisation=request.organisation, sample=sample)
        .values("stratum", "kind")
        .annotate(n=Count("id"))
        .order_by()
    }
    strata = [
        {
            "stratum": stratum,
            "population": size,
            "planned": sample.allocation_plan.get(stratum, 0),
            "share": sample.size * size / max(sum(sample.strata_sizes.values()), 1),
            "reserve": counts.get((stratum, SampleUnit.Kind.RESERVE), 0),
        }
        for stratum, size in sorted(sample.strata_sizes.items())
    ]
    units = (
        SampleUnit.objects.filter(organisation=request.organisation, sample=sample)
        .order_by("stratum", "kind", "order")
        .values_list("stratum", "kind", "order", "unit__client_ref")
    )
    page = Paginator(units, PAGE_SIZE).get_page(request.GET.get("pagina"))
    audit_read(request, sample, object_type="survey_sample")
    return render(
        request,
        "surveys/sampling/sample.html",
        {"sample": sample, "strata": strata, "page": page},
    )


@require_http_methods(["GET", "POST"])
@permission_required("surveys.manage")
def pool_detail(request: MemberRequest, pk: int) -> HttpResponse:
    pool = get_object_or_404(VolunteerPool, organisation=request.organisation, pk=pk)
    quotas = list(
        Quota.objects.filter(organisation=request.organisation, pool=pool).order_by(
            "feature", "category"
        )
    )
    volunteers = Volunteer.objects.filter(organisation=request.organisation, pool=pool).count()
    quota_form = QuotaForm(
        request.POST if "quotas" in request.POST else None, quotas=quotas, prefix="q"
    )
    selection_form = SelectionForm(request.POST if "select" in request.POST else None)
    if request.method == "POST" and "quotas" in request.POST and quota_form.is_valid():
        services.quotas_save(pool=pool, limits=quota_form.limits())
        messages.success(request, _("The quotas are saved."))
        return redirect("surveys:pool", pk=pool.pk)
    if request.method == "POST" and "select" in request.POST and selection_form.is_valid():
        try:
            selection = services.selection_make(
                pool=pool,
                size=selection_form.cleaned_data["size"],
                seed=selection_form.cleaned_data["seed"],
                by=request.user,
            )
        except ValidationError as error:
            for message in error.messages:
                selection_form.add_error("size", message)
        else:
            return redirect("surveys:selection", pk=selection.pk)
    return render(
        request,
        "surveys/sampling/pool.html",
        {
            "pool": pool,
            "volunteers": volunteers,
            "quota_rows": [
                (q, quota_form[f"min_{q.pk}"], quota_form[f"max_{q.pk}"]) for q in quotas
            ],
            "quota_form": quota_form,
            "form": selection_form,
            "selections": Selection.objects.filter(
                organisation=request.organisation, pool=pool
            ).order_by("-made_at")[:10],
        },
    )


@permission_required("surveys.manage")
def selection_detail(request: MemberRequest, pk: int) -> HttpResponse:
    selection = get_object_or_404(
        Selection.objects.select_related("pool"), organisation=request.organisation, pk=pk
    )
    chosen = set(selection.selected)
    chances = sorted(
        ((ref, p, ref in chosen) for ref, p in selection.probabilities.items()),
        key=lambda item: (-item[1], item[0]),
    )
    audit_read(request, selection, object_type="survey_selection")
    return render(
        request,
        "surveys/sampling/selection.html",
        {"selection": selection, "pool": selection.pool, "chances": chances},
    )
