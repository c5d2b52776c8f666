from __future__ import annotations

import hashlib
import os
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from inbreng.core.decorators import permission_required
from inbreng.core.models import AuditEvent
from inbreng.core.params import query_int, query_without
from inbreng.core.services import audit_read
from inbreng.core.types import MemberRequest
from inbreng.core.views import apply_errors
from inbreng.messaging.services import plain_checks

from .. import selectors, services, translations
from ..forms import QuestionForm, ResponseEditForm, ResponseForm, ResubmitForm, ReviewForm
from ..models import AgendaItem, Contribution, Meeting, Question, QuestionAttachment, Response


def _question(request: MemberRequest, pk: int) -> Question:
    return get_object_or_404(
        selectors.questions_visible_to(request.membership).select_related(
            "service", "trajectory", "asked_by"
        ),
        pk=pk,
    )


def _may_answer(request: MemberRequest, question: Question) -> bool:
    membership = request.membership
    if not request.user.has_perm("participation.answer_question"):
        return False
    return membership.is_coordinator or membership.service_id == question.service_id


@permission_required("participation.view_questions")
def question_list(request: MemberRequest) -> HttpResponse:
    questions = selectors.question_list(request.membership)
    status = request.GET.get("status", "")
    if status in Question.Status.values:
        questions = questions.filter(status=status)
    return render(
        request,
        "participation/question_list.html",
        {"questions": questions[:200], "status": status, "statuses": Question.Status.choices},
    )


@permission_required("participation.ask_question")
def question_ask(request: MemberRequest) -> HttpResponse:
    form = QuestionForm(request.POST or None, request.FILES or None, membership=request.membership)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            question = services.question_ask(
                organisation=request.organisation,
                by=request.user,
                service=data["service"],
                title=data["title"],
                body=data["body"],
                level=data["level"],
                trajectory=data["trajectory"],
                proposed_due_on=data["proposed_due_on"],
                attachments=data["attachments"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                apply_errors(form, error)
            else:
                form.add_error("attachments", error.messages)
        else:
            messages.success(request, _("Your question is sent to the coordinator."))
            return redirect("participation:question", pk=question.pk)
    return render(
        request,
        "participation/question_form.html",
        {"form": form, "plain_checks": plain_checks(request.organisation, form)},
    )


ANSWER_PAGE_SIZE = 20


@permission_required("participation.view_questions")
def question_detail(request: MemberRequest, pk: int) -> HttpResponse:
    """The question with its input and answers, a page at a time: a question in a city can
    have thousands of inputs. "Only without an answer" shows what still waits."""
    question = _question(request, pk)
    membership = request.membership
    only_open = request.GET.get("toon") == "open"
    inputs = selectors.shown_contributions_page(
        question, membership, page=request.GET.get("pagina"), only_open=only_open
    )
    answers = Paginator(
        question.responses.select_related("responded_by").order_by("-created_at", "-pk"),
        ANSWER_PAGE_SIZE,
    ).get_page(request.GET.get("antwoorden"))
    may_answer = _may_answer(request, question)
    if inputs.object_list:
        # What people said, some of it under their names: a read of personal data.
        audit_read(request, question)
    return render(
        request,
        "participation/question_detail.html",
        {
            "question": question,
            "inputs": inputs,
            "only_open": only_open,
            "answers": answers,
            "answered": question.has_input and not question.has_unanswered,
            "may_answer": may_answer,
            "can_answer_more": may_answer
            and question.contributions.filter(
                review=Contribution.Review.APPROVED,
                withdrawn_at__isnull=True,
                response__isnull=True,
            ).exists(),
            "review_form": ReviewForm()
            if request.user.has_perm("participation.review_question")
            else None,
            "agenda_items": question.agenda_items.filter(
                kind=AgendaItem.Kind.QUESTION
            ).select_related("meeting"),
            "attachments": question.attachments.all(),
            # Each pager keeps the other's page (and the filter) in its links.
            "query_string": query_without(request),
            "answers_query": query_without(request, "antwoorden"),
            # Each answer links to its translation in every language: the names once.
            "translations": translations.translation_links()
            if request.user.has_perm("participation.translate")
            else [],
        },
    )


@permission_required("participation.review_question")
def question_review(request: MemberRequest, pk: int) -> HttpResponse:
    question = _question(request, pk)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_review(
                question=question,
                by=request.user,
                accept=form.cleaned_data["decision"] == "accept",
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The decision is saved."))
            return redirect("participation:question", pk=question.pk)
    return render(
        request, "participation/question_review.html", {"form": form, "question": question}
    )


@permission_required("participation.ask_question")
def question_resubmit(request: MemberRequest, pk: int) -> HttpResponse:
    question = _question(request, pk)
    if question.status != Question.Status.RETURNED:
        raise PermissionDenied("not returned")
    form = ResubmitForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_resubmit(question=question, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Your question is sent to the coordinator again."))
            return redirect("participation:question", pk=question.pk)
    return render(
        request,
        "participation/question_resubmit.html",
        {
            "form": form,
            "question": question,
            "plain_checks": plain_checks(request.organisation, form),
        },
    )


def _answer(data: dict[str, Any]) -> dict[str, Any]:
    """The answer's fields, as the add and change forms both send them."""
    return {name: data[name] for name in ANSWER_FIELDS}


ANSWER_FIELDS = ("status", "explanation", "decided_by", "decided_on", "expected_on")


@permission_required("participation.answer_question")
def response_add(request: MemberRequest, pk: int) -> HttpResponse:
    """Answer waiting input: a page of it at a time (a city's question can have thousands),
    narrowed to one meeting if asked, or all of it at once with one answer.

    A sent form never reaches further than what was drawn: not another meeting's input (a
    meeting answered meanwhile is not widened to all of them), not input that arrived while
    the answer was written (the form carries how much waited), and when everything was
    answered meanwhile the typed text stays on the screen with that news.
    """
    question = _question(request, pk)
    if not _may_answer(request, question):
        raise PermissionDenied("not this service")
    posted = request.method == "POST"
    all_waiting = selectors.waiting_contributions(question)
    meetings = _waiting_meetings(all_waiting)
    meeting_id = query_int(request, "bijeenkomst")
    if meeting_id is not None and meeting_id not in {m.pk for m in meetings} and not posted:
        meeting_id = None  # answered meanwhile, or a link from elsewhere: show all
    waiting = all_waiting if meeting_id is None else all_waiting.filter(meeting_id=meeting_id)
    page = selectors.shown_contributions_page(
        question,
        request.membership,
        page=request.GET.get("pagina"),
        waiting=True,
        meeting_id=meeting_id,
    )
    if page.object_list:
        audit_read(request, question)
    count = page.paginator.count
    form = None
    drawn: list[int] = []
    digest = ""
    if count > len(page.object_list):  # "all of it" is offered: the form names that set
        drawn = list(waiting.order_by("pk").values_list("pk", flat=True))
        digest = _digest(drawn)
    answered_meanwhile = posted and not count
    if answered_meanwhile:
        # Nothing left to answer: the typed text is shown again (to copy), with no errors.
        form = ResponseForm(initial=request.POST.dict(), choices=None)
    elif count:
        form = ResponseForm(
            request.POST or None,
            choices=waiting,
            shown=list(page.object_list),
            waiting=count,
            of_meeting=meeting_id is not None,
            initial={"seen_count": count, "seen_ids": digest},
        )
    if form is not None and posted and count and form.is_valid():
        data = form.cleaned_data
        if data.get("all_waiting") and (data.get("seen_count"), data.get("seen_ids")) != (
            count,
            digest,
        ):
            form = _redrawn(
                form, request, count=count, digest=digest, of_meeting=meeting_id is not None
            )
            changed = ngettext(
                "While you wrote, the waiting input changed: now %(count)s input waits. "
                "Check the number and save again.",
                "While you wrote, the waiting input changed: now %(count)s inputs wait. "
                "Check the number and save again.",
                count,
            ) % {"count": count}
            form.add_error("all_waiting" if "all_waiting" in form.fields else None, changed)
        else:
            chosen = (
                [Contribution(pk=pk) for pk in drawn]
                if data.get("all_waiting")
                else list(data["contributions"])
            )
            try:
                services.response_create(
                    question=question, contributions=chosen, by=request.user, **_answer(data)
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Your answer is saved. The participants will hear it."))
                return _after_answer(request, question, waiting)
    return render(
        request,
        "participation/response_form.html",
        {
            "form": form,
            "question": question,
            "response": None,
            "inputs": page,
            "meetings": meetings if len(meetings) > 1 else [],
            "meeting_id": meeting_id,
            "waiting_in_all": all_waiting.count() if meeting_id is not None and count else None,
            "answered_meanwhile": answered_meanwhile,
            "query_string": query_without(request),
            "plain_checks": plain_checks(request.organisation, form) if form else [],
        },
    )


def _digest(ids: list[int]) -> str:
    """Names a set of input in a few characters: "all of it" answers the set that was drawn,
    not one that has as many inputs but other ones."""
    return hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:32]


def _redrawn(
    form: ResponseForm, request: MemberRequest, *, count: int, digest: str, of_meeting: bool
) -> Any:
    """The sent form again, its text and ticks kept, now saying how much waits: sent once
    more, it answers what it now says."""
    data = request.POST.copy()
    data["seen_count"], data["seen_ids"] = str(count), digest
    redrawn = ResponseForm(
        data,
        choices=form.fields["contributions"].queryset,  # type: ignore[attr-defined]
        shown=form.shown,
        waiting=count,
        of_meeting=of_meeting,
        initial=form.initial,
    )
    redrawn.is_valid()
    return redrawn


def _after_answer(request: MemberRequest, question: Question, waiting: Any) -> HttpResponse:
    """Back to the form while input still waits (the same meeting, if one was chosen and
    more of it waits), else to the question."""
    target = reverse("participation:response_add", args=[question.pk])
    if waiting.exists():
        query = query_without(request)
        return redirect(f"{target}?{query}" if query else target)
    if selectors.waiting_contributions(question).exists():
        return redirect(target)
    return redirect("participation:question", pk=question.pk)


def _waiting_meetings(waiting: Any) -> list[Any]:
    """The meetings where the waiting input was said, newest first: to answer one at a time."""
    ids = waiting.exclude(meeting=None).values_list("meeting_id", flat=True).distinct()
    return list(
        Meeting.objects.filter(pk__in=ids).only("title", "starts_at").order_by("-starts_at")
    )


@permission_required("participation.answer_question")
def response_edit(request: MemberRequest, pk: int) -> HttpResponse:
    response: Response = get_object_or_404(
        Response.objects.select_related("question"), organisation=request.organisation, pk=pk
    )
    question = _question(request, response.question_id)
    if not _may_answer(request, question):
        raise PermissionDenied("not this service")
    initial = {
        "status": response.status,
        "explanation": response.explanation,
        "decided_by": response.decided_by,
        "decided_on": response.decided_on,
        "expected_on": response.expected_on,
        "version": response.version,
    }
    form = ResponseEditForm(request.POST or None, initial=initial)
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.response_update(
                response=response,
                version=data["version"],
                by=request.user,
                **_answer(data),
            )
        except services.ConflictError as error:
            conflict = True
            response.refresh_from_db()
            # The typed text stays; the form now carries the version just shown, so that
            # the person can save theirs on purpose after reading the other one.
            data = request.POST.copy()
            data["version"] = str(response.version)
            form = ResponseEditForm(data, initial=initial)
            form.is_valid()
            form.add_error(None, str(error))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The answer is changed."))
            return redirect("participation:question", pk=question.pk)
    return render(
        request,
        "participation/response_form.html",
        {
            "form": form,
            "question": question,
            "response": response,
            "conflict": conflict,
            "plain_checks": plain_checks(request.organisation, form),
        },
    )


@permission_required("participation.view_questions")
def attachment(request: MemberRequest, pk: int) -> HttpResponse | FileResponse:
    item = get_object_or_404(QuestionAttachment, organisation=request.organisation, pk=pk)
    _question(request, item.question_id)  # the reader must see the question
    response = FileResponse(item.file.open("rb"), content_type=item.content_type)
    extension = os.path.splitext(item.file.name or "")[1]
    response["Content-Disposition"] = f'inline; filename="bijlage-{item.pk}{extension}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@permission_required("participation.record_input")
def review_queue(request: MemberRequest) -> HttpResponse:
    AuditEvent.record(
        organisation=request.organisation,
        actor=request.user,
        action=AuditEvent.Action.LIST,
        object_type="participation.contribution",
    )
    pending = (
        Contribution.objects.filter(
            organisation=request.organisation,
            review=Contribution.Review.PENDING,
            withdrawn_at__isnull=True,
        )
        .select_related("participant", "question")
        .order_by("created_at")
    )
    return render(request, "participation/review_queue.html", {"pending": pending})


@require_POST
@permission_required("participation.record_input")
def contribution_review(request: MemberRequest, pk: int) -> HttpResponse:
    contribution = get_object_or_404(Contribution, organisation=request.organisation, pk=pk)
    try:
        services.contribution_review(
            contribution=contribution,
            approve=request.POST.get("decision") == "approve",
            by=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The input is reviewed."))
    return redirect("participation:review_queue")


@never_cache  # it shows what a named person said
@permission_required("participation.record_input")
def contribution_withdraw(request: MemberRequest, pk: int) -> HttpResponse:
    """A person asks to take back what they said: first what will be withdrawn, then a
    button that does it. The question page links here, one link per input."""
    contribution = get_object_or_404(
        Contribution.objects.select_related("question", "participant", "response"),
        organisation=request.organisation,
        pk=pk,
        participant__isnull=False,  # a group's input belongs to no one person
    )
    if contribution.withdrawn_at is not None:
        messages.info(request, _("This input was already withdrawn."))
        return redirect("participation:question", pk=contribution.question_id)
    if request.method == "POST":
        services.contribution_withdraw(contribution=contribution, by=request.user)
        messages.success(request, _("The input is withdrawn. Services no longer see it."))
        # To the top of the question's page, where the message is (not to #input below it).
        return redirect("participation:question", pk=contribution.question_id)
    # What a named person said, under their name: a read of personal data.
    audit_read(request, contribution, action=AuditEvent.Action.VIEW)
    context = {
        "contribution": contribution,
        "question": contribution.question,
        "name": contribution.participant.name if selectors.sees_names(request.membership) else "",  # type: ignore[union-attr]
    }
    return render(request, "participation/contribution_withdraw.html", context)
