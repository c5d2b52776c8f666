"""Reach, the yearly report, the client population and the list exports."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from inbreng.core.decorators import permission_required
from inbreng.core.models import AuditEvent, Membership
from inbreng.core.pdf import pdf_response, render_pdf
from inbreng.core.services import audit_read
from inbreng.core.types import MemberRequest
from inbreng.people.importing import ImportFileError
from inbreng.people.models import PREFER_NOT

from . import export_lists, services
from .channels import ChannelTable, by_channel
from .charts import reach_chart, trend_charts, trend_svg
from .exports import FORMATS, export_response
from .forms import PopulationForm, ReachFilterForm, ReportTextForm, valid_year
from .kept import MAX_AGE, kept, register
from .models import PopulationCount, ReportText
from .population import PopulationRow, parse_population
from .reach import MIN_SHOWN, Reach, reach
from .report import YearReport, year_report
from .trend import Trend, trend

SESSION_KEY = "insights_population"

# A streamed CSV or an XLSX file; typed loosely because the view guards expect
# HttpResponse | FileResponse and a StreamingHttpResponse is neither.
Download = Any


@permission_required("insights.view")
def home(request: MemberRequest) -> HttpResponse:
    years = list(
        PopulationCount.objects.filter(organisation=request.organisation)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
    return render(
        request,
        "insights/home.html",
        {"this_year": timezone.localdate().year, "population_years": years},
    )


def _export(
    request: MemberRequest,
    fmt: str,
    filename: str,
    title: str,
    headers: list[str],
    rows: Callable[[Membership], Iterator[Sequence[Any]]],
) -> Download:
    if fmt not in FORMATS:
        raise Http404
    return export_response(fmt, filename, title, headers, rows(request.membership))


@permission_required("insights.export_questions")
def export_questions(request: MemberRequest, fmt: str) -> Download:
    return _export(
        request,
        fmt,
        "vragen",
        _("Questions"),
        export_lists.question_headers(),
        export_lists.question_rows,
    )


@permission_required("insights.export_questions")
def export_input(request: MemberRequest, fmt: str) -> Download:
    if fmt not in FORMATS:
        raise Http404
    # What people said, with names for coordinators: an export of personal data.
    audit_read(request, action=AuditEvent.Action.EXPORT, object_type="participation.contribution")
    return _export(
        request,
        fmt,
        "inbreng",
        _("Input"),
        export_lists.input_headers(),
        export_lists.input_rows,
    )


@permission_required("signals.view_signals")
def export_signals(request: MemberRequest, fmt: str) -> Download:
    return _export(
        request,
        fmt,
        "signalen",
        _("Signals and advice"),
        export_lists.signal_headers(),
        export_lists.signal_rows,
    )


@permission_required("insights.export_meetings")
def export_meetings(request: MemberRequest, fmt: str) -> Download:
    return _export(
        request,
        fmt,
        "bijeenkomsten",
        _("Meetings"),
        export_lists.meeting_headers(),
        export_lists.meeting_rows,
    )


@permission_required("insights.import_population")
def population_upload(request: MemberRequest) -> HttpResponse:
    form = PopulationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = parse_population(upload.name, upload.read())
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            request.session[SESSION_KEY] = {
                "organisation": request.organisation.pk,
                "name": upload.name[:100],
                "rows": [row.__dict__ for row in rows],
            }
            return redirect("insights:population_preview")
    return render(request, "insights/population_upload.html", {"form": form})


@permission_required("insights.import_population")
@require_http_methods(["GET", "POST"])
def population_preview(request: MemberRequest) -> HttpResponse:
    stored = request.session.get(SESSION_KEY)
    if stored and stored.get("organisation") != request.organisation.pk:
        # Checked while working for another organisation: never saved here.
        del request.session[SESSION_KEY]
        stored = None
    if not stored:
        return redirect("insights:population")
    rows = [PopulationRow(**row) for row in stored["rows"]]
    errors = [r for r in rows if r.errors]
    if request.method == "POST":
        if "cancel" in request.POST:
            del request.session[SESSION_KEY]
            messages.info(request, _("The import is cancelled. Nothing was stored."))
            return redirect("insights:home")
        if not errors:
            try:
                stored_count = services.population_import(
                    organisation=request.organisation, by=request.user, rows=rows
                )
            except ValidationError:
                messages.error(request, _("The counts could not be stored. Nothing was stored."))
            else:
                del request.session[SESSION_KEY]
                messages.success(
                    request,
                    ngettext(
                        "%(count)d count is stored.", "%(count)d counts are stored.", stored_count
                    )
                    % {"count": stored_count},
                )
                return redirect("insights:home")
    return render(
        request,
        "insights/population_preview.html",
        {"file_name": stored["name"], "rows": rows, "error_rows": errors},
    )


@dataclass
class Scope:
    year: int
    group: Any
    trajectory: Any

    @property
    def ids(self) -> tuple[int | None, int | None]:
        return (
            self.group.pk if self.group else None,
            self.trajectory.pk if self.trajectory else None,
        )

    @property
    def key(self) -> str:
        group, trajectory = self.ids
        return f"{self.year}:g{group or 0}:t{trajectory or 0}"

    @property
    def query(self) -> str:
        query = f"jaar={self.year}"
        if self.group:
            query += f"&groep={self.group.pk}"
        if self.trajectory:
            query += f"&traject={self.trajectory.pk}"
        return query


@dataclass
class ReachFigures:
    reach: Reach
    trend: Trend
    made_at: str  # local time the figures were computed, "16:40": the page says it


def _now() -> str:
    return timezone.localtime().strftime("%H:%M")


# The figures, kept for a few minutes (kept.py): a city's reach takes about a second. The
# year's tables and the trend are kept together, so that they always show the same moment.
def _figures(request: MemberRequest, scope: Scope) -> ReachFigures:
    def compute() -> ReachFigures:
        found = reach(request.organisation, scope.year, *scope.ids)
        over_years = trend(request.organisation, scope.year, *scope.ids, this_year=found)
        return ReachFigures(found, over_years, _now())

    return kept(request.organisation, f"reach:{scope.key}", ReachFigures, compute)


register(ReachFigures)


def _channels(request: MemberRequest, scope: Scope) -> ChannelTable:
    return kept(
        request.organisation,
        f"channels:{scope.key}",
        ChannelTable,
        lambda: by_channel(request.organisation, scope.year, *scope.ids),
    )


def _report(request: MemberRequest, year: int) -> YearReport:
    """The year's figures as kept; the coordinator's text always as it is now."""
    report = kept(
        request.organisation,
        f"report:{year}",
        YearReport,
        lambda: year_report(request.organisation, year, made_at=_now()),
    )
    report.text = (
        ReportText.objects.filter(organisation=request.organisation, year=year)
        .values_list("text", flat=True)
        .first()
        or ""
    )
    return report


def _reach_filter(request: MemberRequest) -> tuple[ReachFilterForm, Scope]:
    this_year = timezone.localdate().year
    form = ReachFilterForm(request.GET or {"jaar": this_year}, organisation=request.organisation)
    # A wrong year or another organisation's group falls back to the whole organisation.
    form.is_valid()
    data = form.cleaned_data
    return form, Scope(data.get("jaar", this_year), data.get("groep"), data.get("traject"))


@permission_required("insights.view")
def export_reach(request: MemberRequest, fmt: str) -> Download:
    if fmt not in FORMATS:
        raise Http404
    _form, scope = _reach_filter(request)
    found = _figures(request, scope).reach
    return export_response(
        fmt,
        f"bereik-{scope.year}",
        _("Reach"),
        export_lists.reach_headers(),
        export_lists.reach_rows(found),
    )


@permission_required("insights.view")
def export_trend(request: MemberRequest, fmt: str) -> Download:
    if fmt not in FORMATS:
        raise Http404
    _form, scope = _reach_filter(request)
    found = _figures(request, scope).trend
    return export_response(
        fmt,
        f"bereik-verloop-{scope.year}",
        _("Reach over the years"),
        export_lists.trend_headers(),
        export_lists.trend_rows(found),
    )


@permission_required("insights.view")
def export_channels(request: MemberRequest, fmt: str) -> Download:
    if fmt not in FORMATS:
        raise Http404
    _form, scope = _reach_filter(request)
    found = _channels(request, scope)
    return export_response(
        fmt,
        f"uitnodigingen-{scope.year}",
        _("Invited, by channel"),
        export_lists.channel_headers(),
        export_lists.channel_rows(found),
    )


@permission_required("insights.view")
def export_report(request: MemberRequest, year: int, fmt: str) -> Download:
    if fmt not in FORMATS:
        raise Http404
    report = _report(request, _year(year))
    return export_response(
        fmt,
        f"jaarcijfers-{year}",
        _("Yearly figures"),
        export_lists.report_headers(),
        export_lists.report_rows(report),
    )


@permission_required("insights.view")
def reach_page(request: MemberRequest) -> HttpResponse:
    form, scope = _reach_filter(request)
    figures = _figures(request, scope)
    found, over_years = figures.reach, figures.trend
    tables = [(table, reach_chart(table)) for table in found.tables]
    return render(
        request,
        "insights/reach.html",
        {
            "form": form,
            "reach": found,
            "tables": tables,
            "channels": _channels(request, scope),
            "trend": over_years,
            "made_at": figures.made_at,
            "max_age": int(MAX_AGE.total_seconds() // 60),
            "trend_tables": [
                (table, [trend_svg(chart) for chart in trend_charts(table)])
                for table in over_years.tables
            ],
            "scope": scope,
            "group_options": form.fields["groep"].queryset.values_list("pk", "name"),  # type: ignore[attr-defined]
            "trajectory_options": form.fields["traject"].queryset.values_list("pk", "title"),  # type: ignore[attr-defined]
            "group": scope.group,
            "trajectory": scope.trajectory,
            "min_shown": MIN_SHOWN,
            "prefer_not": PREFER_NOT,
        },
    )


def _year(year: int) -> int:
    if not valid_year(year):
        raise Http404
    return year


@permission_required("insights.view")
def report_page(request: MemberRequest, year: int) -> HttpResponse:
    report = _report(request, _year(year))
    return render(
        request,
        "insights/report.html",
        {
            "report": report,
            "min_shown": MIN_SHOWN,
            "max_age": int(MAX_AGE.total_seconds() // 60),
        },
    )


@permission_required("insights.view")
def report_pdf(request: MemberRequest, year: int) -> HttpResponse:
    report = _report(request, _year(year))
    content = render_pdf(
        "insights/report.pdf.html",
        {"report": report, "organisation": request.organisation, "min_shown": MIN_SHOWN},
    )
    return pdf_response(content, f"jaarverslag-{year}.pdf")


@permission_required("insights.write_report")
def report_text(request: MemberRequest, year: int) -> HttpResponse:
    _year(year)
    instance = ReportText.objects.filter(organisation=request.organisation, year=year).first()
    form = ReportTextForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.report_text_save(
            organisation=request.organisation,
            year=year,
            text=form.cleaned_data["text"],
            by=request.user,
        )
        messages.success(request, _("The text is saved."))
        return redirect("insights:report", year=year)
    return render(request, "insights/report_text.html", {"form": form, "year": year})
