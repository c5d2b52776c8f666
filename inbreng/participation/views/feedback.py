from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from inbreng.core.decorators import permission_required
from inbreng.core.languages import participant_language
from inbreng.core.models import AuditEvent, Role, Service
from inbreng.core.pdf import pdf_response, render_pdf
from inbreng.core.qr import qr_svg
from inbreng.core.types import MemberRequest
from inbreng.groups.models import ParticipationGroup
from inbreng.people.selectors import participant_for

from .. import selectors, services
from ..forms import FeedbackRecordForm
from ..models import FeedbackDelivery, Question


@permission_required("participation.view_meetings")
def meeting_feedback(request: MemberRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(selectors.meetings_of(request.membership), pk=pk)
    AuditEvent.record(
        organisation=request.organisation,
        actor=request.user,
        action=AuditEvent.Action.LIST,
        obj=meeting,
    )
    return render(
        request,
        "participation/meeting_feedback.html",
        {"meeting": meeting, "feedback": selectors.meeting_feedback(meeting, request.membership)},
    )


@never_cache
@permission_required("participation.issue_link")
def participant_loop(request: MemberRequest, pk: int) -> HttpResponse:
    """A participant's part in the loop, for staff: their link, letter and received feedback."""
    participant = participant_for(request.membership, pk)
    AuditEvent.record(
        organisation=participant.organisation,
        actor=request.user,
        action=AuditEvent.Action.VIEW,
        obj=participant,
        page="loop",
    )
    entries = selectors.my_questions(participant)
    questions = Question.objects.filter(pk__in=[e.question.pk for e in entries])
    deliveries = FeedbackDelivery.objects.filter(participant=participant).select_related("question")
    new_link = request.session.pop("new_personal_link", None)
    link_url = qr = None
    if new_link and new_link.get("participant") == participant.pk:
        link_url = new_link["url"]
        qr = qr_svg(link_url)
    return render(
        request,
        "participation/participant_loop.html",
        {
            "participant": participant,
            "entries": entries,
            "deliveries": deliveries,
            "form": FeedbackRecordForm(questions=questions),
            "link_url": link_url,
            "qr_svg": qr,
        },
    )


@require_POST
@permission_required("participation.issue_link")
def link_reissue(request: MemberRequest, pk: int) -> HttpResponse:
    participant = participant_for(request.membership, pk)
    link = services.link_issue(participant=participant, by=request.user)
    url = request.build_absolute_uri(services.link_path(link))
    # Shown once on the next page, never put in a URL or a log.
    request.session["new_personal_link"] = {"participant": participant.pk, "url": url}
    messages.success(request, _("A new personal link is made. The old link no longer works."))
    return redirect("participation:participant_loop", pk=participant.pk)


@permission_required("participation.issue_link")
def letter(request: MemberRequest, pk: int) -> HttpResponse:
    """The personal feedback letter on paper: large type, with the QR code to the personal page."""
    participant = participant_for(request.membership, pk)
    link = services.current_link(participant)
    url = request.build_absolute_uri(services.link_path(link))
    entries = selectors.my_questions(participant)
    # In the participant's language, whatever language the staff member works in.
    with translation.override(participant_language(participant.language)):
        content = render_pdf(
            "participation/letter.pdf.html",
            {
                "participant": participant,
                "organisation": participant.organisation,
                "entries": entries,
                "upcoming": selectors.my_upcoming_meetings(participant),
                "qr_svg": qr_svg(url),
                "url": url,
            },
        )
    for entry in entries:
        if entry.answered:
            services.feedback_record(
                participant=participant,
                question=entry.question,
                channel=FeedbackDelivery.Channel.LETTER,
                by=request.user,
            )
    AuditEvent.record(
        organisation=participant.organisation,
        actor=request.user,
        action=AuditEvent.Action.EXPORT,
        obj=participant,
        letter=True,
    )
    return pdf_response(content, f"brief-{participant.pk}.pdf")


@require_POST
@permission_required("participation.issue_link")
def feedback_record(request: MemberRequest, pk: int) -> HttpResponse:
    participant = participant_for(request.membership, pk)
    entries = selectors.my_questions(participant)
    questions = Question.objects.filter(pk__in=[e.question.pk for e in entries])
    form = FeedbackRecordForm(request.POST, questions=questions)
    if form.is_valid():
        services.feedback_record(
            participant=participant,
            question=form.cleaned_data["question"],
            channel=form.cleaned_data["channel"],
            by=request.user,
        )
        messages.success(request, _("Recorded: this person heard the answer."))
    else:
        messages.error(request, _("Choose the question and how the person heard the answer."))
    return redirect("participation:participant_loop", pk=participant.pk)


@permission_required("participation.view_indicators")
def indicators(request: MemberRequest) -> HttpResponse:
    membership = request.membership
    whole = membership.has_role(Role.COORDINATOR, Role.ADMIN, Role.POLICY_MAKER)
    services_ = Service.objects.filter(organisation=membership.organisation)
    if not whole:
        services_ = services_.filter(pk=membership.service_id or 0)
    groups = (
        ParticipationGroup.objects.filter(organisation=membership.organisation, is_active=True)
        if whole
        else ParticipationGroup.objects.none()
    )
    rows, group_rows, service_rows = selectors.indicator_rows(
        membership,
        whole=whole,
        groups=list(groups.values_list("pk", "name")),
        services=list(services_.values_list("pk", "name")),
    )
    return render(
        request,
        "participation/indicators.html",
        {"rows": rows, "group_rows": group_rows, "service_rows": service_rows},
    )
