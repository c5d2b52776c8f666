"""Paper forms: the printable questionnaire, typing in returned forms, double entry and the
coordinator's check of the differences."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from inbreng.core.decorators import permission_required
from inbreng.core.pdf import pdf_response, render_pdf
from inbreng.core.types import MemberRequest

from .. import selectors
from ..forms import PaperEntryForm, PaperRangeForm, ResolveForm, key_hint
from ..models import Mode, Response
from ..services import responses as services
from .common import SCALE
from .questionnaires import add_errors


@permission_required("surveys.collect")
def paper_pdf(request: MemberRequest, pk: int) -> HttpResponse:
    """Numbered forms to print: large type, tick boxes, the form's number on every page."""
    wave = selectors.wave_for(request.organisation, pk)
    form = PaperRangeForm(request.GET or None)
    start, count = (
        (form.cleaned_data["start"], form.cleaned_data["count"])
        if form.is_valid()
        else (services.next_form_number(wave), 1)
    )
    questions = services.questions_of(wave)
    with translation.override("nl"):
        selectors.label_skip_rules(questions)
        content = render_pdf(
            "surveys/paper.pdf.html",
            {
                "wave": wave,
                "organisation": request.organisation,
                "questions": questions,
                "numbers": range(start, start + count),
                "scale": SCALE,
            },
        )
    return pdf_response(content, f"formulieren-{start}.pdf")


@require_http_methods(["GET", "POST"])
@permission_required("surveys.collect")
def paper_entry(request: MemberRequest, pk: int) -> HttpResponse:
    """Typing in a returned form. After saving, the screen is empty for the next one."""
    wave = selectors.wave_for(request.organisation, pk)
    questions = services.questions_of(wave)
    form = PaperEntryForm(request.POST or None, questions=questions)
    if form.is_valid():
        try:
            result = services.paper_entry_record(
                wave=wave,
                form_number=form.cleaned_data["form_number"],
                values=form.values(),
                stratum=form.cleaned_data["stratum"],
                by=request.user,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    name = field if field in form.fields else f"q_{field}"
                    form.add_error(name if name in form.fields else None, errors)
            else:
                add_errors(form, error)
        else:
            number = result.entry.response.form_number
            if result.entry.round == 2:
                if result.differences:
                    messages.warning(
                        request,
                        _(
                            "Form %(n)s typed a second time: %(d)s differences. A coordinator "
                            "checks them."
                        )
                        % {"n": number, "d": result.differences},
                    )
                else:
                    messages.success(
                        request,
                        _("Form %(n)s typed a second time: no differences.") % {"n": number},
                    )
            elif result.second_needed:
                messages.success(
                    request,
                    _("Form %(n)s is saved. Put it aside: someone else types it a second time.")
                    % {"n": number},
                )
            else:
                messages.success(request, _("Form %(n)s is saved.") % {"n": number})
            return redirect("surveys:paper_entry", pk=wave.pk)
    return render(
        request,
        "surveys/paper_entry.html",
        {
            "wave": wave,
            "form": form,
            "range_form": PaperRangeForm(
                initial={"start": services.next_form_number(wave), "count": 20}
            ),
            "awaiting": selectors.forms_awaiting_second_entry(wave),
        },
        status=400 if form.is_bound else 200,
    )


@require_POST
@permission_required("surveys.collect")
def paper_choose(request: MemberRequest, pk: int) -> HttpResponse:
    """Chooses a form already typed once to be typed a second time."""
    wave = selectors.wave_for(request.organisation, pk)
    try:
        number = int(request.POST.get("form_number", ""))
    except ValueError:
        number = 0
    response = Response.objects.filter(
        organisation=request.organisation, wave=wave, mode=Mode.PAPER, form_number=number
    ).first()
    if response is None:
        messages.error(request, _("No form with this number has been typed in yet."))
    else:
        services.paper_choose_for_double_entry(response=response, by=request.user)
        messages.success(request, _("Form %(n)s will be typed a second time.") % {"n": number})
    return redirect("surveys:paper_entry", pk=wave.pk)


@permission_required("surveys.resolve_entry")
def checks(request: MemberRequest, pk: int) -> HttpResponse:
    """The differences between first and second typing, and the typing-error rate."""
    wave = selectors.wave_for(request.organisation, pk)
    differences = list(selectors.open_differences(wave)[:100])
    return render(
        request,
        "surveys/checks.html",
        {
            "wave": wave,
            "differences": [(d, key_hint(d.question)) for d in differences],
            "errors": services.typing_error_rate(wave),
        },
    )


@require_POST
@permission_required("surveys.resolve_entry")
def resolve(request: MemberRequest, pk: int) -> HttpResponse:
    difference = selectors.difference_for(request.organisation, pk)
    form = ResolveForm(request.POST)
    wave_pk = difference.response.wave_id
    if form.is_valid():
        try:
            services.difference_resolve(
                difference=difference, value=form.cleaned_data["value"], by=request.user
            )
        except ValidationError as error:
            messages.error(
                request,
                _("Form %(n)s, question %(q)s: %(error)s")
                % {
                    "n": difference.response.form_number,
                    "q": difference.question.position,
                    "error": " ".join(error.messages),
                },
            )
        else:
            messages.success(request, _("Saved."))
    return redirect(reverse("surveys:checks", kwargs={"pk": wave_pk}))
