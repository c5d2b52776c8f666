"""The list, requests and their decision, consent, and the preparation around the table."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inbreng.core.decorators import member_required, permission_required
from inbreng.core.models import AuditEvent
from inbreng.core.pdf import pdf_response, render_pdf
from inbreng.core.types import MemberRequest
from inbreng.core.views import apply_errors
from inbreng.people.selectors import participants_visible_to

from .. import forms, selectors, services
from ..models import CaseConference
from .common import (
    _agenda_of,
    _case_page,
    _coordinator_only,
    _form_page,
    _print_language,
    _read,
    _submitted,
)


@permission_required("casework.view_cases")
def case_list(request: MemberRequest) -> HttpResponse:
    membership = request.membership
    # Newest first, fifty a page: a city's team has hundreds of cases over the years.
    page = Paginator(selectors.case_list(membership), 50).get_page(request.GET.get("pagina"))
    cases = list(page.object_list)
    invitations = list(selectors.invitations_for(membership))
    # What this member asked for and cannot open (yet): its number, state and any reason.
    mine = list(
        CaseConference.objects.filter(organisation=request.organisation, requested_by=request.user)
        .exclude(pk__in=[c.pk for c in cases])
        .exclude(status=CaseConference.Status.ANONYMISED)
        .only("code", "status", "requested_at", "decline_reason")
        .order_by("-requested_at")[:20]
    )
    AuditEvent.record(
        organisation=request.organisation,
        actor=request.user,
        action=AuditEvent.Action.LIST,
        object_type=selectors.CASE_TYPE,
    )
    return render(
        request,
        "casework/case_list.html",
        {
            "requests": [c for c in cases if c.is_request],
            "open_cases": [c for c in cases if c.is_open],
            "ended": [c for c in cases if not c.is_request and not c.is_open],
            "invitations": invitations,
            "my_requests": mine,
            "page": page,
        },
    )


@permission_required("casework.request_case")
def case_request(request: MemberRequest) -> HttpResponse:
    membership = request.membership
    clients = participants_visible_to(membership).order_by("name", "id")
    form = forms.RequestForm(request.POST or None, clients=clients)
    result: list[tuple[str, bool]] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        names = services.provider_names(data["providers"])
        result = services.conditions(
            providers=len(names) + (1 if data["requester_provider"].strip() else 0),
            domains=len(data["life_domains"]),
            client_agrees=data["client_agrees"],
        )
        try:
            case = services.case_request(
                organisation=request.organisation,
                by=request.user,
                client=data["client"],
                life_domains=data["life_domains"],
                providers=names,
                requester_provider=data["requester_provider"].strip(),
                client_asked=data["client_asked"],
                client_agrees=data["client_agrees"],
                note=data["note"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The request is sent to the LCO coordinator."))
            return redirect("casework:case", pk=case.pk)
    # The form lists names from the register: a read like the register's own list.
    AuditEvent.record(
        organisation=request.organisation,
        actor=request.user,
        action=AuditEvent.Action.LIST,
        object_type="people.participant",
    )
    return render(
        request,
        "casework/request_form.html",
        {
            "form": form,
            "result": result,
            "rules": services.conditions(providers=0, domains=0, client_agrees=False),
        },
    )


@member_required
def case_detail(request: MemberRequest, pk: int) -> HttpResponse:
    case = selectors.case_for(request.membership, pk)
    content = selectors.case_page(case)
    providers = content["providers"]
    context = {
        **content,
        "conditions": services.conditions(
            providers=len([p for p in providers if p.removed_at is None]),
            domains=len(case.life_domains),
            client_agrees=case.client_agrees,
        ),
        "agreement_form": forms.AgreementForm(case=case) if case.is_open else None,
        "status_form": forms.AgreementStatusForm(),
        "today": timezone.localdate(),
        "now": timezone.now(),
    }
    return _case_page(request, case, "casework/case_detail.html", context, "case")


@member_required
def case_decide(request: MemberRequest, pk: int) -> HttpResponse:
    case = selectors.case_for(request.membership, pk)
    selectors.require(case.is_request)
    if not request.membership.is_case_coordinator:
        raise PermissionDenied("casework.coordinate")
    form = forms.DecisionForm(
        request.POST or None, coordinators=selectors.case_coordinators(request.membership)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.case_decide(
                case=case,
                by=request.user,
                accept=data["decision"] == "accept",
                coordinator=data["coordinator"].user if data["coordinator"] else None,
                reason=data["reason"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if case.is_open:
                messages.success(request, _("The request is accepted."))
            else:
                messages.success(request, _("The request is declined."))
            if case.is_open and case.coordinator_id != request.user.pk:
                return redirect("casework:list")
            return redirect("casework:case", pk=case.pk)
    return _form_page(
        request,
        case,
        form,
        page="decide",
        title=_("Accept or decline the request"),
        intro=_(
            "Check the conditions on the request. Accept: choose a neutral coordinator. "
            "Decline: give the reason."
        ),
    )


@member_required
def coordinator_change(request: MemberRequest, pk: int) -> HttpResponse:
    case = selectors.case_for(request.membership, pk)
    _coordinator_only(request, case)
    form = forms.CoordinatorForm(
        request.POST or None, coordinators=selectors.case_coordinators(request.membership)
    )
    if _submitted(
        request,
        form,
        lambda data: services.coordinator_assign(
            case=case, by=request.user, coordinator=data["coordinator"].user
        ),
        _("The case has a new coordinator."),
    ):
        return redirect("casework:list")
    return _form_page(request, case, form, page="coordinator", title=_("Hand over the case"))


@member_required
def consent(request: MemberRequest, pk: int) -> HttpResponse:
    case = selectors.case_for(request.membership, pk)
    _coordinator_only(request, case)
    providers = list(case.providers.filter(removed_at__isnull=True))
    form = forms.ConsentForm(request.POST or None, providers=providers)
    if _submitted(
        request,
        form,
        lambda data: services.consent_record(
            case=case,
            by=request.user,
            scope=data["scope"],
            given_on=data["given_on"],
            how=data["how"],
            witness=data["witness"],
            sharing=form.sharing(),
        ),
        _("The client's consent is recorded."),
    ):
        return redirect("casework:case", pk=case.pk)
    return _form_page(
        request,
        case,
        form,
        page="consent",
        title=_("The client's consent"),
        intro=_(
            "Consent comes first. Print the form, read it with the client, and record here "
            "what they agree to and how."
        ),
    )


@member_required
def consent_form_pdf(request: MemberRequest, pk: int) -> HttpResponse:
    """The consent form to sign, in plain Dutch or in the client's language (?taal=)."""
    case = selectors.case_for(request.membership, pk)
    _coordinator_only(request, case)
    providers = list(case.providers.filter(removed_at__isnull=True))
    language = _print_language(request, case)
    with translation.override(language):
        content = render_pdf(
            "casework/consent_form.pdf.html",
            {"case": case, "organisation": case.organisation, "providers": providers},
        )
    _read(request, case, "consent_form", AuditEvent.Action.EXPORT)
    return pdf_response(content, f"toestemming-{case.number}-{language}.pdf")


@member_required
def consent_withdraw(request: MemberRequest, pk: int) -> HttpResponse:
    case = selectors.case_for(request.membership, pk)
    selectors.require(case.is_open)
    form = forms.WithdrawForm(request.POST or None)
    if _submitted(
        request,
        form,
        lambda data: services.consent_withdraw(case=case, by=request.user, note=data["note"]),
        _("The consent is withdrawn. Only the coordinator still sees the case."),
    ):
        if case.coordinator_id == request.user.pk:
            return redirect("casework:case", pk=case.pk)
        return redirect("casework:list")
    return _form_page(
        request,
        case,
        form,
        page="withdraw",
        title=_("The client withdraws consent"),
        intro=_("From now on nobody but the coordinator can open this case. This is recorded."),
        submit=_("Withdraw consent"),
    )


@member_required
def ground_rules(request: MemberRequest, pk: int) -> HttpResponse:
    """An invited provider reads and accepts the ground rules; only then they see the case."""
    invitation = selectors.case_invitation_for(request.membership, pk)
    case = invitation.case
    if request.method == "POST":
        if request.POST.get("accept"):
            services.provider_acknowledge(provider=invitation, by=request.user)
            messages.success(request, _("Thank you. You now have access to this case."))
            return redirect("casework:case", pk=case.pk)
        messages.error(request, _("Tick the box to accept the ground rules."))
    # The page shows no case content: only the number and who coordinates it.
    _read(request, case, "ground_rules")
    return render(request, "casework/ground_rules.html", {"case": case, "invitation": invitation})


@member_required
def provider_invite(request: MemberRequest, pk: int) -> HttpResponse:
    case = selectors.case_for(request.membership, pk)
    _coordinator_only(request, case)
    form = forms.InviteForm(
        request.POST or None, case=case, members=selectors.providers_to_invite(request.membership)
    )
    if _submitted(
        request,
        form,
        lambda data: services.provider_invite(
            case=case,
            by=request.user,
            user=form.chosen_user(),
            name=data["name"],
            provider=data["provider"],
            may_share=data["may_share"],
        ),
        _("Invited. They see the case after they accept the ground rules."),
    ):
        return redirect("casework:case", pk=case.pk)
    return _form_page(
        request,
        case,
        form,
        page="invite",
        title=_("Invite a care provider"),
        intro=_("They get access to this case only, after they accept the ground rules."),
        submit=_("Invite"),
    )


@require_POST
@member_required
def provider_remove(request: MemberRequest, pk: int, provider_pk: int) -> HttpResponse:
    case = selectors.case_for(request.membership, pk)
    _coordinator_only(request, case)
    provider = selectors.provider_of(case, provider_pk)
    try:
        services.provider_remove(provider=provider, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The provider is taken off the case."))
    return redirect("casework:case", pk=case.pk)


@member_required
def key_worker(request: MemberRequest, pk: int) -> HttpResponse:
    case = selectors.case_for(request.membership, pk)
    _coordinator_only(request, case)
    form = forms.KeyWorkerForm(request.POST or None, case=case)
    if _submitted(
        request,
        form,
        lambda data: services.key_worker_choose(
            case=case, by=request.user, provider=data["provider"]
        ),
        _("The key worker is chosen."),
    ):
        return redirect("casework:case", pk=case.pk)
    return _form_page(
        request,
        case,
        form,
        page="key_worker",
        title=_("Choose the key worker"),
        intro=_("The provider who is the client's main contact."),
    )


@member_required
def agenda(request: MemberRequest, pk: int) -> HttpResponse:
    case = selectors.case_for(request.membership, pk)
    place = selectors.place_on(case, request.membership)
    if not (place.is_coordinator or place.is_key_worker):
        raise PermissionDenied("coordinator or key worker")
    form = forms.AgendaForm(request.POST or None, instance=CaseConference(**_agenda_of(case)))
    if _submitted(
        request,
        form,
        lambda data: services.agenda_record(
            case=case,
            by=request.user,
            matters=data["agenda_matters"],
            going_well=data["agenda_going_well"],
            change=data["agenda_change"],
            trusted_person=data["trusted_person"],
            trusted_person_relation=data["trusted_person_relation"],
        ),
        _("The client's agenda is saved."),
    ):
        return redirect("casework:case", pk=case.pk)
    return _form_page(
        request,
        case,
        form,
        page="agenda",
        title=_("The client's own agenda"),
        intro=_("First, in the client's own words. The conference starts from here."),
    )
