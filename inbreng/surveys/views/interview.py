"""The interview screen: staff ask the questions by phone or in person and type the answers.

One question at a time, keyboard only: one key per answer (1–5, j/n, the answer's number),
Enter for the next question, Backspace or ← for the previous one (interview.js). Without
JavaScript it is a plain form with radio buttons.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from inbreng.core.decorators import permission_required
from inbreng.core.models import AuditEvent
from inbreng.core.services import audit_read
from inbreng.core.types import MemberRequest

from .. import selectors
from ..forms import InterviewStartForm, LinkForm
from ..models import Mode, Response
from ..services import responses as services
from .common import position_from, shown


@require_POST
@permission_required("surveys.collect")
def interview_start(request: MemberRequest, pk: int) -> HttpResponse:
    wave = selectors.wave_for(request.organisation, pk)
    form = InterviewStartForm(request.POST, prefix="interview")
    if not form.is_valid():
        messages.error(request, _("Choose by phone or in person."))
        return redirect("surveys:wave", pk=wave.pk)
    try:
        response = services.response_start(
            wave=wave,
            mode=form.cleaned_data["mode"],
            stratum=form.cleaned_data["stratum"],
            by=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("surveys:wave", pk=wave.pk)
    return redirect("surveys:interview", pk=response.pk)


@require_http_methods(["GET", "POST"])
@permission_required("surveys.collect")
def interview(request: MemberRequest, pk: int) -> HttpResponse:
    response = selectors.response_for(request.organisation, pk)
    if response.mode not in (Mode.INTERVIEW_PHONE, Mode.INTERVIEW_IN_PERSON):
        return redirect("surveys:wave", pk=response.wave_id)
    if response.sample_unit_id:
        # Answers of someone drawn from the client register: who read them is recorded.
        audit_read(request, response, AuditEvent.Action.VIEW)
    questions = services.questions_of(response.wave)
    answers = services.answers_of(response)
    where = services.route(questions, answers)
    default = where.current if where.current is not None else (where.path[-1] if where.path else 0)
    posted = None
    error = ""
    position = position_from(request, default, where.path) or 0
    if request.method == "POST":
        if "back" in request.POST:
            previous = where.previous(position)
            return redirect(_at(response, previous if previous is not None else position))
        posted = request.POST.getlist("answer")
        try:
            after = services.answer_record(
                response=response,
                questions=questions,
                question=questions[position],
                raw=posted,
            )
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            if after.current is None:
                messages.success(request, _("The interview is complete. Thank you."))
                return redirect("surveys:wave", pk=response.wave_id)
            return redirect(_at(response, after.current))
    question = questions[position]
    status = 200 if not error else 400
    return render(
        request,
        "surveys/interview.html",
        {
            "response": response,
            "wave": response.wave,
            "item": shown(
                question,
                position=position,
                total=len(questions),
                language="nl",
                answer=answers.get(question.pk),
                posted=posted,
                error=error,
            ),
            "position": position,
            "previous": where.previous(position),
            "complete": response.status == Response.Status.COMPLETE,
        },
        status=status,
    )


def _at(response: Response, position: int) -> str:
    return f"{reverse('surveys:interview', kwargs={'pk': response.pk})}?q={position}"


@require_POST
@permission_required("surveys.collect")
def link_new(request: MemberRequest, pk: int) -> HttpResponse:
    """A self-completion link for one person: the address is shown once, to print or send."""
    from inbreng.core.qr import qr_svg

    wave = selectors.wave_for(request.organisation, pk)
    form = LinkForm(request.POST, prefix="link", languages=selectors.complete_languages(wave))
    if not form.is_valid():
        messages.error(request, _("Choose a language."))
        return redirect("surveys:wave", pk=wave.pk)
    try:
        _link, token = services.link_issue(
            wave=wave,
            language=form.cleaned_data["language"],
            stratum=form.cleaned_data["stratum"],
            by=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("surveys:wave", pk=wave.pk)
    address = request.build_absolute_uri(f"{reverse('surveys:self_open')}?t={token}")
    return render(
        request,
        "surveys/link_made.html",
        {"wave": wave, "address": address, "qr": qr_svg(address)},
    )
