"""Conferences, reports, agreements, closing, documents, paper, and signals on a case."""

from __future__ import annotations

import os

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inbreng.core.decorators import member_required
from inbreng.core.models import AuditEvent
from inbreng.core.pdf import pdf_response, render_pdf
from inbreng.core.types import MemberRequest
from inbreng.core.views import apply_errors

from .. import forms, selectors, services
from ..models import CaseMeeting
from .common import (
    _case_url,
    _coordinator_only,
    _form_page,
    _print_language,
    _read,
    _signal_saved,
    _submitted,
)


@member_required
def meeting_add(request: MemberRequest, pk: int) -> HttpResponse:
    case = selectors.case_for(request.membership, pk)
    _coordinator_only(request, case)
    held = case.meetings.exclude(status=CaseMeeting.Status.CANCELLED).exists()
    form = forms.MeetingForm(
        request.POST or None,
        initial={"kind": CaseMeeting.Kind.FOLLOW_UP if held else CaseMeeting.Kind.FIRST},
    )
    if _submitted(
        request,
        form,
        lambda data: services.meeting_plan(
            case=case,
            by=request.user,
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            place=data["place"],
            kind=data["kind"],
        ),
        _("The conference is planned. The client and the providers are invited."),
    ):
        return redirect("casework:case", pk=case.pk)
    return _form_page(
        request,
        case,
        form,
        page="meeting_add",
        title=_("Plan a conference"),
        intro=_(
            "The client gets an invitation over their own channel, in their language. "
            "The providers get an e-mail without the client's name."
        ),
        submit=_("Plan and invite"),
    )


@member_required
def meeting_report(request: MemberRequest, pk: int, meeting_pk: int) -> HttpResponse:
    case = selectors.case_for(request.membership, pk)
    _coordinator_only(request, case)
    meeting = selectors.meeting_of(case, meeting_pk)
    form = forms.ReportForm(request.POST or None, initial={"report": meeting.report})
    if _submitted(
        request,
        form,
        lambda data: services.meeting_report(
            meeting=meeting,
            by=request.user,
            report=data["report"],
            next_starts_at=data["next_starts_at"],
            next_ends_at=data["next_ends_at"],
            next_place=data["next_place"],
        ),
        _("The report is saved."),
    ):
        return redirect("casework:case", pk=case.pk)
    when = timezone.localtime(meeting.starts_at)
    return _form_page(
        request,
        case,
        form,
        page="report",
        title=_("Report of the conference of %(day)s") % {"day": when.strftime("%d/%m/%Y")},
        intro=_("Write for the client: short sentences, no jargon. Add the agreements after."),
    )


@require_POST
@member_required
def agreement_add(request: MemberRequest, pk: int) -> HttpResponse:
    case = selectors.case_for(request.membership, pk)
    _coordinator_only(request, case)
    form = forms.AgreementForm(request.POST, case=case)
    if form.is_valid():
        owner_kind, owner = form.owner_parts()
        meeting = (
            case.meetings.filter(status=CaseMeeting.Status.HELD).order_by("-starts_at").first()
        )
        try:
            services.agreement_add(
                case=case,
                by=request.user,
                what=form.cleaned_data["what"],
                owner_kind=owner_kind,
                owner=owner,
                due_on=form.cleaned_data["due_on"],
                meeting=meeting,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The agreement is added."))
            return redirect(f"{_case_url(case)}#agreements")
    return _form_page(
        request, case, form, page="agreement_add", title=_("Add an agreement"), submit=_("Add")
    )


@require_POST
@member_required
def agreement_status(request: MemberRequest, pk: int, agreement_pk: int) -> HttpResponse:
    case = selectors.case_for(request.membership, pk)
    agreement = selectors.agreement_of(case, agreement_pk)
    place = selectors.place_on(case, request.membership)
    owns = place.provider is not None and agreement.owner_id == place.provider.pk
    if not (place.is_coordinator or place.is_key_worker or owns):
        raise PermissionDenied("agreement owner")
    form = forms.AgreementStatusForm(request.POST)
    if form.is_valid():
        try:
            services.agreement_update(
                agreement=agreement,
                by=request.user,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The agreement is updated."))
    else:
        messages.error(request, _("Choose a status."))
    return redirect(f"{_case_url(case)}#agreements")


@member_required
def evaluation(request: MemberRequest, pk: int) -> HttpResponse:
    case = selectors.case_for(request.membership, pk)
    _coordinator_only(request, case)
    form = forms.EvaluationForm(request.POST or None, initial={"evaluation": case.evaluation})
    if _submitted(
        request,
        form,
        lambda data: services.evaluation_record(
            case=case, by=request.user, evaluation=data["evaluation"]
        ),
        _("The evaluation is saved."),
    ):
        return redirect("casework:case", pk=case.pk)
    return _form_page(request, case, form, page="evaluation", title=_("Evaluation with the client"))


@member_required
def case_close(request: MemberRequest, pk: int) -> HttpResponse:
    case = selectors.case_for(request.membership, pk)
    _coordinator_only(request, case)
    form = forms.CloseForm(request.POST or None)
    if _submitted(
        request,
        form,
        lambda data: services.case_close(
            case=case, by=request.user, reason=data["reason"], note=data["note"]
        ),
        _("The case is closed."),
    ):
        return redirect("casework:case", pk=case.pk)
    months = selectors.settings_of(request.organisation).retention_months
    return _form_page(
        request,
        case,
        form,
        page="close",
        title=_("Close the case"),
        intro=_(
            "After closing, only the coordinator sees the case. After %(months)d months it is "
            "made anonymous."
        )
        % {"months": months},
        submit=_("Close the case"),
    )


@member_required
def document_add(request: MemberRequest, pk: int) -> HttpResponse:
    case = selectors.case_for(request.membership, pk)
    _coordinator_only(request, case)
    form = forms.DocumentForm(request.POST or None, request.FILES or None)
    if _submitted(
        request,
        form,
        lambda data: services.document_add(
            case=case, by=request.user, title=data["title"], upload=data["file"]
        ),
        _("The document is added."),
    ):
        return redirect("casework:case", pk=case.pk)
    return _form_page(
        request,
        case,
        form,
        page="document_add",
        title=_("Add a document"),
        intro=_("For example the consent form the client signed."),
        submit=_("Add"),
        multipart=True,
    )


@member_required
def document(request: MemberRequest, pk: int, document_pk: int) -> HttpResponse | FileResponse:
    case = selectors.case_for(request.membership, pk)
    item = selectors.document_of(case, document_pk)
    _read(request, case, f"document:{item.pk}")
    response = FileResponse(item.file.open("rb"), content_type=item.content_type)
    extension = os.path.splitext(item.file.name or "")[1]
    response["Content-Disposition"] = f'inline; filename="document-{item.pk}{extension}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@member_required
def client_print(request: MemberRequest, pk: int) -> HttpResponse:
    """The report and the agreements for the client, in plain Dutch or their language."""
    case = selectors.case_for(request.membership, pk)
    language = _print_language(request, case)
    content = selectors.case_page(case)
    with translation.override(language):
        pdf = render_pdf(
            "casework/client_report.pdf.html",
            {
                "case": case,
                "organisation": case.organisation,
                "meetings": [m for m in content["meetings"] if m.status != "cancelled"],
                "agreements": content["agreements"],
                "next_meeting": next(
                    (
                        m
                        for m in content["meetings"]
                        if m.status == "planned" and m.starts_at > timezone.now()
                    ),
                    None,
                ),
            },
        )
    _read(request, case, "client_report", AuditEvent.Action.EXPORT)
    return pdf_response(pdf, f"overleg-{case.number}-{language}.pdf")


@member_required
def access_log_pdf(request: MemberRequest, pk: int) -> HttpResponse:
    """For the client, on paper: who looked at their file, and when."""
    case = selectors.case_for(request.membership, pk)
    _coordinator_only(request, case)
    # The print itself is in the list it prints.
    _read(request, case, "access_log", AuditEvent.Action.EXPORT)
    rows = selectors.who_looked(case)
    language = _print_language(request, case)
    with translation.override(language):
        pdf = render_pdf(
            "casework/access_log.pdf.html",
            {"case": case, "organisation": case.organisation, "rows": rows},
        )
    return pdf_response(pdf, f"inzage-{case.number}-{language}.pdf")


@member_required
def case_signal(request: MemberRequest, pk: int) -> HttpResponse:
    case = selectors.case_for(request.membership, pk)
    _coordinator_only(request, case)
    form = forms.SignalForm(request.POST or None)
    if _signal_saved(request, form, case):
        return redirect("casework:case", pk=case.pk)
    return _form_page(
        request,
        case,
        form,
        page="signal",
        title=_("Record a signal for policy"),
        intro=_(
            "What in the system makes things hard: a threshold, a right not taken up, a "
            "waiting list. No names, numbers, addresses or e-mail addresses."
        ),
        submit=_("Record the signal"),
    )
