"""Advisory councils (seats and agenda items) and the yearly hearing."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from inbreng.core.decorators import permission_required
from inbreng.core.models import AuditEvent
from inbreng.core.pdf import pdf_response, render_pdf
from inbreng.core.services import audit_read
from inbreng.core.types import MemberRequest
from inbreng.core.views import apply_errors

from ..models import Hearing
from . import council, selectors
from .forms import CouncilItemForm, HearingForm, OutcomeForm, SeatForm


@permission_required("signals.view_council")
def council_list(request: MemberRequest) -> HttpResponse:
    councils = selectors.councils_with_seats(request.membership)
    today = timezone.localdate()
    for body in councils:
        for seat in body.seats.all():
            # A term that ends soon shows, so that someone to follow can be found in time.
            seat.term_state = (  # type: ignore[attr-defined]
                "ended" if seat.has_ended(today) else "soon" if seat.ends_soon(today) else ""
            )
    # The seats name participants.
    audit_read(request, object_type="signals.councilseat")
    return render(
        request,
        "signals/council/council_list.html",
        {"councils": councils, "today": today},
    )


@permission_required("signals.manage_council")
def seat_edit(request: MemberRequest, pk: int | None = None) -> HttpResponse:
    seat = get_object_or_404(selectors.seats_of(request.membership), pk=pk) if pk else None
    if seat is not None:
        audit_read(request, obj=seat, action=AuditEvent.Action.VIEW)
    else:
        # The form lists the register's names to choose from.
        audit_read(request, object_type="people.participant")
    form = SeatForm(request.POST or None, instance=seat, membership=request.membership)
    if request.method == "POST" and form.is_valid():
        try:
            council.seat_save(
                organisation=request.organisation, by=request.user, seat=seat, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The seat is saved."))
            return redirect("signals:councils")
    return render(request, "signals/council/seat_form.html", {"form": form, "seat": seat})


@permission_required("signals.manage_council")
def item_edit(request: MemberRequest, pk: int | None = None) -> HttpResponse:
    item = get_object_or_404(selectors.items_of(request.membership), pk=pk) if pk else None
    form = CouncilItemForm(request.POST or None, instance=item, membership=request.membership)
    if request.method == "POST" and form.is_valid():
        try:
            council.council_item_save(
                organisation=request.organisation, by=request.user, item=item, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The agenda item is saved."))
            return redirect("signals:councils")
    return render(request, "signals/council/item_form.html", {"form": form, "item": item})


@permission_required("signals.view_council")
def hearing_list(request: MemberRequest) -> HttpResponse:
    hearings = selectors.hearings_of(request.membership).order_by("-year", "-pk")[:100]
    return render(request, "signals/hearing/hearing_list.html", {"hearings": hearings})


@permission_required("signals.manage_council")
def hearing_add(request: MemberRequest) -> HttpResponse:
    form = HearingForm(request.POST or None, membership=request.membership)
    if request.method == "POST" and form.is_valid():
        try:
            hearing = council.hearing_prepare(
                organisation=request.organisation, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The hearing's agenda is ready."))
            return redirect("signals:hearing", pk=hearing.pk)
    return render(request, "signals/hearing/hearing_form.html", {"form": form})


def _hearing(request: MemberRequest, pk: int) -> Hearing:
    hearing = selectors.hearings_of(request.membership).filter(pk=pk).first()
    if hearing is None:
        raise Http404
    return hearing


@permission_required("signals.view_council")
def hearing_detail(request: MemberRequest, pk: int) -> HttpResponse:
    hearing = _hearing(request, pk)
    can_manage = request.user.has_perm("signals.manage_council")
    form = OutcomeForm(
        request.POST or None, initial={"held_on": hearing.held_on, "outcome": hearing.outcome}
    )
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                council.hearing_record_outcome(
                    hearing=hearing, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("The outcome is saved."))
                return redirect("signals:hearing", pk=hearing.pk)
    return render(
        request,
        "signals/hearing/hearing_detail.html",
        {
            "hearing": hearing,
            "agenda": selectors.hearing_agenda(hearing),
            "form": form,
            "can_manage": can_manage,
        },
    )


@permission_required("signals.view_council")
def hearing_pdf(request: MemberRequest, pk: int) -> HttpResponse:
    hearing = _hearing(request, pk)
    # The agenda goes to the council: in Dutch, whatever language the staff member reads.
    with translation.override("nl"):
        content = render_pdf(
            "signals/hearing/hearing.pdf.html",
            {
                "hearing": hearing,
                "agenda": selectors.hearing_agenda(hearing),
                "organisation": request.organisation,
                "today": timezone.localdate(),
            },
        )
    return pdf_response(content, f"hoorzitting-{hearing.year}-{hearing.pk}.pdf")
