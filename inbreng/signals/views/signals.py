from __future__ import annotations

import os
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inbreng.core.decorators import permission_required
from inbreng.core.models import AuditEvent
from inbreng.core.services import audit_read
from inbreng.core.types import MemberRequest
from inbreng.core.views import apply_errors
from inbreng.participation.selectors import questions_visible_to

from .. import selectors, services
from ..forms import AnswerForm, AttachForm, SignalForm
from ..models import Signal, SignalAnswer, SignalAttachment

PAGE_SIZE = 25


def _signal(request: MemberRequest, pk: int) -> Signal:
    return get_object_or_404(
        selectors.signals_visible_to(request.membership).select_related(
            "body", "group", "partner", "registered_by"
        ),
        pk=pk,
    )


@permission_required("signals.view_signals")
def signal_list(request: MemberRequest) -> HttpResponse:
    filters = {key: request.GET.get(key, "") for key in ("status", "kind", "body", "theme")}
    page = Paginator(
        selectors.signal_list(request.membership, filters=filters), PAGE_SIZE
    ).get_page(request.GET.get("pagina"))
    organisation = request.organisation
    return render(
        request,
        "signals/signal_list.html",
        {
            "page": page,
            "filters": filters,
            "statuses": Signal.Status.choices,
            "kinds": Signal.Kind.choices,
            "bodies": selectors.bodies_of(organisation).only("pk", "name"),
            "themes": selectors.themes_of(organisation).only("pk", "name"),
            "query_string": "&".join(f"{k}={v}" for k, v in filters.items() if v.isalnum()),
            "today": timezone.localdate(),
        },
    )


def _register(request: MemberRequest, form: SignalForm) -> Signal | None:
    data = form.cleaned_data
    try:
        return services.signal_register(
            organisation=request.organisation,
            by=request.user,
            kind=data["kind"],
            title=data["title"],
            text=data["text"],
            recommendations=data["recommendations"],
            on_behalf=data["on_behalf"],
            group=data["group"],
            partner=data["partner"],
            body=data["body"],
            due_on=data["due_on"],
            themes=data["themes"],
            figures=data["figures"],
            shareable=data["shareable"],
            contributions=list(data.get("contributions") or []),
            files=data["attachments"],
        )
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            apply_errors(form, error)
        else:
            form.add_error("attachments", error.messages)
    return None


def _form_page(request: MemberRequest, form: SignalForm, question: Any = None) -> HttpResponse:
    return render(request, "signals/signal_form.html", {"form": form, "question": question})


@permission_required("signals.register_signal")
def signal_add(request: MemberRequest) -> HttpResponse:
    services.themes_ensure(request.organisation)
    form = SignalForm(request.POST or None, request.FILES or None, membership=request.membership)
    if request.method == "POST" and form.is_valid():
        signal = _register(request, form)
        if signal is not None:
            if signal.kind == Signal.Kind.ADVICE:
                messages.success(request, _("The advice is registered and sent to the body."))
            else:
                messages.success(request, _("The signal is registered and sent to the body."))
            return redirect("signals:detail", pk=signal.pk)
    return _form_page(request, form)


@permission_required("signals.promote_input")
def signal_promote(request: MemberRequest, pk: int) -> HttpResponse:
    """Turns a question's input into a signal; the link to the people behind it is kept."""
    question = get_object_or_404(questions_visible_to(request.membership), pk=pk)
    services.themes_ensure(request.organisation)
    inputs = services.promotable(request.organisation).filter(question=question).order_by("pk")
    form = SignalForm(
        request.POST or None,
        request.FILES or None,
        membership=request.membership,
        contributions=inputs,
        initial={"title": question.title, "contributions": list(inputs)},
    )
    audit_read(request, question, action=AuditEvent.Action.VIEW)
    if request.method == "POST" and form.is_valid():
        signal = _register(request, form)
        if signal is not None:
            messages.success(request, _("The input is now a signal to the body."))
            return redirect("signals:detail", pk=signal.pk)
    return _form_page(request, form, question)


@permission_required("signals.view_signals")
def signal_detail(request: MemberRequest, pk: int) -> HttpResponse:
    signal = _signal(request, pk)
    answers = list(signal.answers.select_related("answered_by"))
    inputs = selectors.inputs_for_body(signal)
    if inputs:
        # What people said (without their names, but their words): a read of personal data.
        audit_read(request, signal, action=AuditEvent.Action.VIEW)
    return render(
        request,
        "signals/signal_detail.html",
        {
            "signal": signal,
            "themes": signal.themes.all(),
            "answers": answers,
            "current": answers[0] if answers else None,
            "inputs": inputs,
            "attachments": signal.attachments.all(),
            "may_answer": request.user.has_perm("signals.answer_signal")
            and selectors.may_answer(request.membership, signal),
            "may_attach": request.user.has_perm("signals.register_signal")
            and selectors.may_add_evidence(request.membership, signal),
            "attach_form": AttachForm(),
            "overdue": signal.is_overdue(timezone.localdate()),
            # A followed advice or a signal acted on can become a result to follow up.
            "may_make_result": bool(answers)
            and answers[0].decision in SignalAnswer.LEADS_TO_RESULT
            and request.user.has_perm("signals.add_result"),
        },
    )


@permission_required("signals.answer_signal")
def signal_answer(request: MemberRequest, pk: int) -> HttpResponse:
    signal = _signal(request, pk)
    if not selectors.may_answer(request.membership, signal):
        raise PermissionDenied("not this body's policy maker")
    form = AnswerForm(request.POST or None, signal=signal)
    if request.method == "POST" and form.is_valid():
        try:
            services.signal_answer(signal=signal, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if signal.links.exists():
                messages.success(
                    request,
                    _(
                        "The answer is saved. The people behind the linked input get it like "
                        "every answer: by letter, SMS, their social worker or their page."
                    ),
                )
            else:
                # Honest: without linked input nobody in the register is behind the signal.
                messages.warning(
                    request,
                    _(
                        "The answer is saved. No input is linked to this signal, so nobody "
                        "gets it by letter or SMS. Tell the group at its next meeting."
                    ),
                )
            return redirect("signals:detail", pk=signal.pk)
    return render(request, "signals/answer_form.html", {"form": form, "signal": signal})


@require_POST
@permission_required("signals.register_signal")
def signal_attach(request: MemberRequest, pk: int) -> HttpResponse:
    signal = _signal(request, pk)
    if not selectors.may_add_evidence(request.membership, signal):
        raise PermissionDenied("not this partner's signal")
    form = AttachForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.signal_attach(signal=signal, by=request.user, upload=form.cleaned_data["file"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The attachment is added."))
            return redirect("signals:detail", pk=signal.pk)
    messages.error(request, " ".join(str(e) for e in form.errors.get("file", [])))
    return redirect("signals:detail", pk=signal.pk)


@permission_required("signals.view_signals")
def attachment(request: MemberRequest, pk: int) -> HttpResponse | FileResponse:
    item = get_object_or_404(SignalAttachment, organisation=request.organisation, pk=pk)
    _signal(request, item.signal_id)  # the reader must see the signal
    response = FileResponse(item.file.open("rb"), content_type=item.content_type)
    extension = os.path.splitext(item.file.name or "")[1]
    response["Content-Disposition"] = f'attachment; filename="bijlage-{item.pk}{extension}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
