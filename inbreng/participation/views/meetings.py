from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from inbreng.core.decorators import permission_required
from inbreng.core.models import AuditEvent
from inbreng.core.services import audit_read
from inbreng.core.types import MemberRequest
from inbreng.core.views import apply_errors
from inbreng.messaging import selectors as outbox
from inbreng.messaging.forms import ComposeForm
from inbreng.messaging.models import Kind
from inbreng.messaging.services import plain_checks
from inbreng.messaging.sms_length import sms_check

from .. import selectors, sending, services
from ..calendar import meeting_ics
from ..forms import (
    AgendaForm,
    AttendanceForm,
    ContributionForm,
    MeetingForm,
    MinutesForm,
    ReplyForm,
)
from ..models import AgendaItem, Invitation, Meeting


def _meeting(request: MemberRequest, pk: int) -> Meeting:
    return selectors.meeting_detail(request.membership, pk)


@permission_required("participation.view_meetings")
def meeting_list(request: MemberRequest) -> HttpResponse:
    now = timezone.now()
    meetings = selectors.meetings_of(request.membership)
    upcoming = list(meetings.filter(starts_at__gte=now).order_by("starts_at")[:50])
    past = list(meetings.filter(starts_at__lt=now).order_by("-starts_at")[:50])
    counts = selectors.invitation_counts([m.pk for m in upcoming + past])
    return render(
        request,
        "participation/meeting_list.html",
        {"upcoming": upcoming, "past": past, "counts": counts},
    )


@permission_required("participation.view_meetings")
def meeting_detail(request: MemberRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    audit_read(request, meeting)
    search = request.GET.get("vraag", "").strip()[:100]
    invitations = list(meeting.invitations.all())
    agenda = list(meeting.agenda_items.all())
    sent: list[Any] = []
    if request.user.has_perm("messaging.send"):
        sent = list(outbox.messages(request.organisation).filter(ref=f"meeting:{meeting.pk}")[:10])
        counts = outbox.status_counts(m.pk for m in sent)
        sent = [(m, outbox.progress(counts.get(m.pk, {}), m.total)) for m in sent]
    return render(
        request,
        "participation/meeting_detail.html",
        {
            "meeting": meeting,
            "agenda": agenda,
            "invitations": invitations,
            "not_yet_invited": sum(1 for i in invitations if i.invited_at is None),
            "meeting_messages": sent,
            "totals": selectors.reply_totals(invitations),
            "agenda_form": AgendaForm(meeting=meeting, search=search),
            "search": search,
            "levels": {item.pk: item.question.promise for item in agenda if item.question},
        },
    )


@permission_required("participation.manage_meetings")
def meeting_edit(request: MemberRequest, pk: int | None = None) -> HttpResponse:
    meeting = _meeting(request, pk) if pk else None
    form = MeetingForm(request.POST or None, instance=meeting, membership=request.membership)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        record_past = bool(data.pop("record_past", False))
        try:
            meeting = services.meeting_save(
                organisation=request.organisation,
                by=request.user,
                meeting=meeting,
                record_past=record_past,
                **data,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The meeting is saved."))
            return redirect("participation:meeting", pk=meeting.pk)
    return render(request, "participation/meeting_form.html", {"form": form, "meeting": meeting})


@require_POST
@permission_required("participation.manage_meetings")
def agenda_add(request: MemberRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = AgendaForm(request.POST, meeting=meeting)
    if form.is_valid() and (form.cleaned_data["question"] or form.cleaned_data["title"]):
        try:
            if form.cleaned_data["question"]:
                services.agenda_add_question(
                    meeting=meeting, question=form.cleaned_data["question"], by=request.user
                )
            else:
                services.agenda_add_other(
                    meeting=meeting, title=form.cleaned_data["title"], by=request.user
                )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The agenda is updated."))
    else:
        messages.error(request, _("Choose a question or write another agenda item."))
    return redirect("participation:meeting", pk=meeting.pk)


@require_POST
@permission_required("participation.manage_meetings")
def invite(request: MemberRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    count = services.meeting_invite_group(meeting=meeting, by=request.user)
    messages.success(
        request,
        ngettext(
            "%(count)d person was added to the invitation list.",
            "%(count)d people were added to the invitation list.",
            count,
        )
        % {"count": count},
    )
    return redirect("participation:meeting", pk=meeting.pk)


@require_POST
@permission_required("messaging.send")
def send_invitations(request: MemberRequest, pk: int) -> HttpResponse:
    """The meeting page's "Send the invitation to 11 people": first what would go out, then
    (from the preview's own button) the send."""
    meeting = _meeting(request, pk)
    return _deliberately(request, meeting, Kind.INVITATION, None)


def _site(request: MemberRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@permission_required("messaging.send")
def meeting_message(request: MemberRequest, pk: int) -> HttpResponse:
    """Another message about the meeting: a reminder, a change, thanks, or own words (with
    translations if someone made them). First what would go out, then the send."""
    meeting = _meeting(request, pk)
    form = ComposeForm(request.POST or None, organisation=request.organisation)
    if request.method == "POST" and "edit" not in request.POST and form.is_valid():
        return _deliberately(request, meeting, form.cleaned_data["kind"], form)
    return _message_page(request, meeting, form, None)


def _seen(request: MemberRequest) -> str:
    """The fingerprint of the preview that was confirmed (see `messaging.services.Preview`)."""
    return request.POST.get("seen", "")[:64]


def _deliberately(
    request: MemberRequest, meeting: Meeting, kind: str, form: ComposeForm | None
) -> HttpResponse:
    """Shows what the message would do; sends it only from the preview's own button, and
    only when it would still do exactly what was shown."""
    options: dict[str, Any] = {"custom": None, "plain_override_reason": ""}
    # The built-in texts: a reason for SMS longer than two parts comes with the send button.
    extra: dict[str, Any] = {"sms_reason": request.POST.get("sms_reason", "").strip()[:300]}
    if form is not None:
        data = form.cleaned_data
        options = {
            "custom": form.custom_texts() or None,
            "plain_override_reason": data["plain_override_reason"],
        }
        extra = {"translations": form.translation_notes(), "sms_reason": data["sms_reason"]}
    site = _site(request)
    changed = False
    try:
        if request.POST.get("confirm"):
            try:
                message = sending.meeting_send_previewed(
                    meeting=meeting,
                    kind=kind,
                    by=request.user,
                    site=site,
                    seen=_seen(request),
                    **options,
                    **extra,
                )
            except sending.ListChanged:
                changed = True
            else:
                if message is not None:
                    done = (
                        _("The invitations are on their way.")
                        if kind == Kind.INVITATION
                        else _("The message is on its way.")
                    )
                    messages.success(request, done)
                    return redirect("messaging:message", pk=message.pk)
        shown = sending.meeting_preview(meeting=meeting, kind=kind, site=site, **options)
    except ValidationError as error:
        if form is None:
            messages.error(request, " ".join(error.messages))
            return redirect("participation:meeting", pk=meeting.pk)
        apply_errors(form, error)
        return _message_page(request, meeting, form, None)
    if shown is None:
        if form is None:
            messages.info(request, _("Everyone on the list already got the invitation."))
            return redirect("participation:meeting", pk=meeting.pk)
        form.add_error("kind", _("Nobody to send this message to."))
        return _message_page(request, meeting, form, None)
    if shown.nobody_reachable and form is not None:
        apply_errors(form, sending.nobody_reachable_error())
    # The preview names who cannot be reached and who gets Dutch.
    audit_read(request, meeting)
    return _message_page(request, meeting, form, shown, changed=changed)


def _message_page(
    request: MemberRequest,
    meeting: Meeting,
    form: ComposeForm | None,
    shown: sending.MeetingPreview | None,
    *,
    changed: bool = False,
) -> HttpResponse:
    sms_checks = {}
    if form is not None and form.is_bound:
        for name in ("sms", *(f"sms_{code}" for code in form.languages)):
            language = name.removeprefix("sms_") if name != "sms" else "nl"
            sms_checks[name] = sms_check(
                request.organisation, str(form[name].value() or ""), language
            )
    return render(
        request,
        "participation/meeting_message.html",
        {
            "meeting": meeting,
            "form": form,
            "shown": shown,
            "sms_too_long": shown is not None and sending.sms_too_long(shown),
            "ready": shown is not None
            and not shown.nobody_reachable
            and (form is None or not form.errors),
            "changed": changed,
            "invitation": form is None,
            "sms_checks": sms_checks,
            "plain_checks": plain_checks(request.organisation, form) if form else {},
        },
    )


@permission_required("participation.manage_meetings")
def attendance(request: MemberRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    audit_read(request, meeting)
    invitations = list(meeting.invitations.all())
    form = AttendanceForm(request.POST or None, meeting=meeting, invitations=invitations)
    if request.method == "POST" and form.is_valid():
        services.attendance_record(meeting=meeting, present_ids=form.ticked(), by=request.user)
        messages.success(request, _("The attendance is saved."))
        return redirect("participation:meeting", pk=meeting.pk)
    return render(
        request,
        "participation/attendance.html",
        {"meeting": meeting, "invitations": invitations, "form": form, "ticked": form.ticked()},
    )


@permission_required("participation.view_meetings")
def reply(request: MemberRequest, pk: int) -> HttpResponse:
    """Staff record a participant's answer, e.g. after a phone call."""
    invitation = get_object_or_404(
        Invitation.objects.select_related("meeting", "participant"),
        organisation=request.organisation,
        pk=pk,
    )
    audit_read(request, invitation.participant, AuditEvent.Action.VIEW)
    form = ReplyForm(request.POST or None, instance=invitation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.invitation_answer(
            invitation=invitation,
            reply=data["reply"],
            children=data["children"],
            needs_transport=data["needs_transport"],
            interpreter_language=data["interpreter_language"],
        )
        messages.success(request, _("The answer is saved."))
        return redirect("participation:meeting", pk=invitation.meeting_id)
    return render(
        request, "participation/reply_form.html", {"form": form, "invitation": invitation}
    )


@permission_required("participation.manage_meetings")
def minutes(request: MemberRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = MinutesForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        services.meeting_minutes_save(
            meeting=meeting, minutes=form.cleaned_data["minutes"], by=request.user
        )
        messages.success(request, _("The minutes are saved."))
        return redirect("participation:meeting", pk=meeting.pk)
    return render(
        request,
        "participation/minutes_form.html",
        {
            "form": form,
            "meeting": meeting,
            "plain_checks": plain_checks(request.organisation, form),
        },
    )


@permission_required("participation.record_input")
def contributions(request: MemberRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    audit_read(request, meeting)
    form = ContributionForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.contribution_record(
                meeting=meeting,
                question=data["question"],
                text=data["text"],
                participant=data["participant"],
                agreed_count=data["agreed_count"],
                present_count=data["present_count"],
                by=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The input is saved. Add the next one."))
            return redirect("participation:contributions", pk=meeting.pk)
    items = [
        i for i in meeting.agenda_items.all() if i.kind == AgendaItem.Kind.QUESTION and i.question
    ]
    shown = selectors.shown_contributions_by_question(
        [item.question for item in items if item.question is not None],
        request.membership,
        include_pending=True,
    )
    recorded = {
        question_id: [s for s in said if s.contribution.meeting_id == meeting.pk]
        for question_id, said in shown.items()
    }
    return render(
        request,
        "participation/contributions.html",
        {"meeting": meeting, "form": form, "items": items, "recorded": recorded},
    )


@permission_required("participation.view_meetings")
def ics(request: MemberRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    page = request.build_absolute_uri(reverse("participation:meeting", args=[meeting.pk]))
    response = HttpResponse(
        meeting_ics(meeting, url=page), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="bijeenkomst-{meeting.pk}.ics"'
    return response
