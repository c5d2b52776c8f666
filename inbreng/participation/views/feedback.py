from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from inbreng.core.decorators import permission_required
from inbreng.core.languages import participant_language
from inbreng.core.models import AuditEvent
from inbreng.core.pdf import pdf_response, render_pdf
from inbreng.core.qr import qr_svg
from inbreng.core.services import audit_read
from inbreng.core.types import MemberRequest
from inbreng.core.views import apply_errors
from inbreng.people.models import Participant
from inbreng.people.selectors import participant_for

from .. import links, selectors, services
from ..forms import FeedbackRecordForm
from ..link_forms import LetterPostedForm, LinkReissueForm, reason_label
from ..models import FeedbackDelivery, Question


def _reachable(request: MemberRequest, pk: int) -> Participant:
    """A person whose own letter and link this staff member may handle, else 403.

    Every social worker sees the register, but only the person's own social worker (and
    the coordinators and admins) may open their letter or give them a new link.
    """
    participant = participant_for(request.membership, pk)
    if not request.user.has_perm("participation.reach_participant", participant):
        raise PermissionDenied("participation.reach_participant")
    return participant


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
        {
            "meeting": meeting,
            "feedback": selectors.meeting_feedback(meeting, request.membership),
            # A promised day that is over is not promised again: the page says "late".
            "today": timezone.localdate(),
        },
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
    # Only a question with a final answer can be heard back.
    questions = Question.objects.filter(pk__in=[e.question.pk for e in entries if e.answered])
    deliveries = FeedbackDelivery.objects.filter(participant=participant).select_related("question")
    # Heard back once, but not about a newer answer: the list says so.
    not_told = selectors.new_answers(participant)
    new_link = request.session.pop("new_personal_link", None)
    link_url = qr = None
    if new_link and new_link.get("participant") == participant.pk:
        link_url = new_link["url"]
        qr = qr_svg(link_url)
    link_use = links.link_use(participant)
    posted_form = LetterPostedForm(initial={"posted_on": timezone.localdate()})
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
            "link_use": link_use,
            "earlier_links": [
                (link, reason_label(link.replaced_reason)) for link in link_use.earlier
            ],
            "posted_form": posted_form,
            "not_told": [e.question for e in entries if e.question.pk in not_told],
            "not_told_ids": not_told,
            # Their letter, their link and what they heard: only for whom may reach them.
            "may_reach": request.user.has_perm("participation.reach_participant", participant),
            "answered_any": any(e.answered for e in entries),
        },
    )


@never_cache
@permission_required("participation.issue_link")
def link_reissue(request: MemberRequest, pk: int) -> HttpResponse:
    """A new personal link, after a page that says which letters and QR codes stop working,
    asks why, and offers to keep the old link working until a chosen day."""
    participant = _reachable(request, pk)
    form = LinkReissueForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        keep_until = form.keep_old_until()
        try:
            link = services.link_issue(
                participant=participant,
                by=request.user,
                reason=form.replaced_reason(),
                keep_old_until=keep_until,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            url = request.build_absolute_uri(services.link_short_path(link))
            # Shown once on the next page, never put in a URL or a log.
            request.session["new_personal_link"] = {"participant": participant.pk, "url": url}
            if keep_until:
                done = _("A new personal link is made. The old link works until %(day)s.") % {
                    "day": formats.date_format(keep_until, "j F Y")
                }
            else:
                done = _("A new personal link is made. The old link no longer works.")
            messages.success(request, done)
            return redirect("participation:participant_loop", pk=participant.pk)
    AuditEvent.record(
        organisation=participant.organisation,
        actor=request.user,
        action=AuditEvent.Action.VIEW,
        obj=participant,
        page="link",
    )
    return render(
        request,
        "participation/link_reissue.html",
        {"participant": participant, "form": form, "use": links.link_use(participant)},
        status=400 if form.is_bound else 200,
    )


# The per-person letter holds the newest questions only, so that it stays a few pages long.
LETTER_QUESTIONS = 8


@permission_required("participation.issue_link")
def letter(request: MemberRequest, pk: int) -> HttpResponse:
    """The personal feedback letter on paper: large type, with the QR code to the personal page."""
    participant = _reachable(request, pk)
    link = services.current_link(participant)
    # The short form: easier to type from paper. The current link, at the time of printing.
    url = request.build_absolute_uri(services.link_short_path(link))
    # In the participant's language, whatever language the staff member works in.
    language = participant_language(participant.language)
    entries = selectors.my_feedback(participant, language=language)
    with translation.override(language):
        content = render_pdf(
            "participation/letter.pdf.html",
            {
                "participant": participant,
                "organisation": participant.organisation,
                "social_worker": selectors.social_worker_name(participant),
                # A few pages at most: the newest questions, each input with its answer.
                "topics": [e.feedback for e in entries[:LETTER_QUESTIONS]],
                "older": max(0, len(entries) - LETTER_QUESTIONS),
                "upcoming": selectors.my_upcoming_meetings(participant),
                # Its text alternative in the letter's language (PDF/UA asks one).
                "qr_svg": qr_svg(url, title=_("QR code: scan it to open your own page.")),
                "url": url,
            },
        )
    # Making the PDF counts nothing: the letter counts once it is posted (letter_posted).
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
def letter_posted(request: MemberRequest, pk: int) -> HttpResponse:
    """The person's own letter went in the post: the answered questions on it count."""
    participant = _reachable(request, pk)
    form = LetterPostedForm(request.POST)
    if form.is_valid():
        # The questions on the letter: the newest ones, as letter() prints them.
        on_letter = selectors.my_questions(participant)[:LETTER_QUESTIONS]
        try:
            services.letter_posted(
                participant=participant,
                answered={
                    e.question.pk: max(services.answer_day(r) for r in e.responses)
                    for e in on_letter
                    if e.answered and e.responses
                },
                posted_on=form.cleaned_data["posted_on"],
                by=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Recorded: the letter is posted."))
            return redirect("participation:participant_loop", pk=participant.pk)
    audit_read(request, participant, AuditEvent.Action.VIEW)
    return render(
        request,
        "participation/letter_posted.html",
        {"participant": participant, "form": form},
        status=400,
    )


@require_POST
@permission_required("participation.issue_link")
def feedback_record(request: MemberRequest, pk: int) -> HttpResponse:
    participant = _reachable(request, pk)
    entries = selectors.my_questions(participant)
    # Only a question with a final answer can be heard back.
    questions = Question.objects.filter(pk__in=[e.question.pk for e in entries if e.answered])
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
