from __future__ import annotations

import base64
import copy
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from inbreng.lib.numbers import positive_int

from . import health, selectors, services
from .decorators import member_required, permission_required
from .forms import (
    AuditFilterForm,
    DeactivateForm,
    OrganisationForm,
    OTPTokenForm,
    PartnerForm,
    ServiceForm,
    StaffAddForm,
    StaffEditForm,
)
from .middleware import SESSION_KEY
from .models import Membership, Organisation
from .params import query_without
from .qr import qr_svg
from .types import MemberRequest


def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "error", "database": "error"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def healthz_ready(request: HttpRequest) -> JsonResponse:
    """For monitoring: the database, the task queue's length and the oldest overdue send.

    Counts and ages only. 503 when the database fails; "late" (with 200) when waiting work is
    older than INBRENG_HEALTH_LATE_SECONDS: the web server itself can still serve pages.
    """
    status, answer = health.readiness()
    response = JsonResponse(answer, status=status)
    response["Cache-Control"] = "no-store"
    return response


@member_required
def home(request: MemberRequest) -> HttpResponse:
    membership: Membership = request.membership
    context: dict[str, Any] = {"membership": membership}
    if request.user.has_perm("core.manage_organisation"):
        context["staff_count"] = Membership.objects.filter(
            organisation=membership.organisation, is_active=True
        ).count()
    context["panels"] = services.home_panels(request)
    return render(request, "core/home.html", context)


@require_POST
@member_required
def switch_organisation(request: MemberRequest) -> HttpResponse:
    wanted = positive_int(request.POST.get("organisation", "")) or 0
    if not any(m.organisation_id == wanted for m in request.memberships):
        raise PermissionDenied("not a member")
    request.session[SESSION_KEY] = wanted
    messages.success(request, _("You now work in another organisation."))
    return redirect("core:home")


# Organisation administration -----------------------------------------------------------


@permission_required("core.manage_organisation")
def organisation_settings(request: MemberRequest) -> HttpResponse:
    organisation: Organisation = request.organisation
    # The form works on a copy: a rejected change must not show in the header as if saved.
    form = OrganisationForm(request.POST or None, instance=copy.copy(organisation))
    if request.method == "POST" and form.is_valid():
        services.organisation_update(
            organisation=organisation,
            by=request.user,
            **form.cleaned_data,
        )
        messages.success(request, _("The changes are saved."))
        return redirect("core:organisation")
    return render(request, "core/organisation.html", {"form": form, "organisation": organisation})


@permission_required("core.manage_organisation")
def service_list(request: MemberRequest) -> HttpResponse:
    services_ = selectors.services_of(request.organisation)
    return render(request, "core/service_list.html", {"services": services_})


@permission_required("core.manage_organisation")
def service_edit(request: MemberRequest, pk: int | None = None) -> HttpResponse:
    organisation = request.organisation
    service = (
        selectors.get_scoped(selectors.services_of(organisation), organisation, pk) if pk else None
    )
    form = ServiceForm(request.POST or None, instance=copy.copy(service), organisation=organisation)
    if request.method == "POST" and form.is_valid():
        services.service_save(
            organisation=organisation,
            by=request.user,
            service=service,
            **form.cleaned_data,
        )
        messages.success(request, _("The service is saved."))
        return redirect("core:services")
    return render(request, "core/service_form.html", {"form": form, "service": service})


@permission_required("core.manage_organisation")
def partner_list(request: MemberRequest) -> HttpResponse:
    partners = selectors.partners_of(request.organisation)
    return render(request, "core/partner_list.html", {"partners": partners})


@permission_required("core.manage_organisation")
def partner_edit(request: MemberRequest, pk: int | None = None) -> HttpResponse:
    organisation = request.organisation
    partner = (
        selectors.get_scoped(selectors.partners_of(organisation), organisation, pk) if pk else None
    )
    form = PartnerForm(request.POST or None, instance=copy.copy(partner), organisation=organisation)
    if request.method == "POST" and form.is_valid():
        services.partner_save(
            organisation=organisation,
            by=request.user,
            partner=partner,
            **form.cleaned_data,
        )
        messages.success(request, _("The partner is saved."))
        return redirect("core:partners")
    return render(request, "core/partner_form.html", {"form": form, "partner": partner})


@permission_required("core.manage_organisation")
def staff_list(request: MemberRequest) -> HttpResponse:
    staff = selectors.staff_of(request.organisation)
    return render(request, "core/staff_list.html", {"staff": staff})


def apply_errors(form: Any, error: ValidationError) -> None:
    """Shows a service's validation errors on the form, next to the fields they concern."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@permission_required("core.manage_organisation")
def staff_add(request: MemberRequest) -> HttpResponse:
    organisation = request.organisation
    form = StaffAddForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            membership = services.staff_add(
                organisation=organisation,
                by=request.user,
                username=data["username"].strip(),
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                password=data["password"] or None,
                roles=form.roles(),
                service=data["service"],
                partner=data["partner"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is added to the staff.") % {"name": membership.user.display_name()},
            )
            if membership.user.username.casefold() != data["username"].strip().casefold():
                # A new account: its login name has a number added (services.new_login_name).
                messages.info(
                    request,
                    _("Their login name is %(login)s. Give it to them with the first password.")
                    % {"login": membership.user.username},
                )
            return redirect("core:staff")
    return render(request, "core/staff_form.html", {"form": form, "member": None})


def _member(request: MemberRequest, pk: int) -> Membership:
    organisation = request.organisation
    return selectors.get_scoped(selectors.staff_of(organisation), organisation, pk)  # type: ignore[no-any-return]


@permission_required("core.manage_organisation")
def staff_edit(request: MemberRequest, pk: int) -> HttpResponse:
    member = _member(request, pk)
    form = StaffEditForm(request.POST or None, membership=member)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.staff_update(
                membership=member,
                by=request.user,
                roles=form.roles(),
                service=data["service"],
                partner=data["partner"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
            )
        except ValidationError as error:
            apply_errors(form, error)
            # The refused change may be half-applied to these objects in memory; the page
            # shows the person as saved, the form shows what was typed.
            member = _member(request, pk)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect("core:staff")
    return render(request, "core/staff_form.html", {"form": form, "member": member})


@permission_required("core.manage_organisation")
def staff_deactivate(request: MemberRequest, pk: int) -> HttpResponse:
    member = _member(request, pk)
    form = DeactivateForm(request.POST or None, membership=member)
    open_work = services.open_work_count(member)
    if request.method == "POST" and form.is_valid():
        try:
            moved = services.staff_deactivate(
                membership=member,
                by=request.user,
                hand_over_to=form.cleaned_data["hand_over_to"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "%(name)s is deactivated. %(count)d open item was handed over.",
                    "%(name)s is deactivated. %(count)d open items were handed over.",
                    moved,
                )
                % {"name": member.user.display_name(), "count": moved},
            )
            return redirect("core:staff")
    return render(
        request,
        "core/staff_deactivate.html",
        {"form": form, "member": member, "open_work": open_work},
    )


@require_POST
@permission_required("core.manage_organisation")
def staff_reactivate(request: MemberRequest, pk: int) -> HttpResponse:
    member = _member(request, pk)
    services.staff_reactivate(membership=member, by=request.user)
    messages.success(request, _("%(name)s is active again.") % {"name": member.user.display_name()})
    return redirect("core:staff")


@require_POST
@permission_required("core.manage_organisation")
def staff_reset_otp(request: MemberRequest, pk: int) -> HttpResponse:
    member = _member(request, pk)
    try:
        services.staff_reset_second_factor(membership=member, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(name)s sets up two-step login again at their next login.")
            % {"name": member.user.display_name()},
        )
    return redirect("core:staff_edit", pk=member.pk)


@permission_required("core.view_audit")
def audit_log(request: MemberRequest) -> HttpResponse:
    organisation = request.organisation
    form = AuditFilterForm(request.GET or None, organisation=organisation)
    criteria: dict[str, Any] = {}
    if form.is_valid():
        data = form.cleaned_data
        criteria = {
            "action": data["action"],
            "actor_id": data["actor"].user_id if data["actor"] else None,
            "object_type": data["object_type"],
            "object_id": str(data["object_id"] or ""),
            "since": data["since"],
            "until": data["until"],
        }
    events = selectors.audit_events(organisation, **criteria)
    if form.is_bound and not form.is_valid():
        # A filter that cannot be applied finds nothing rather than silently showing the
        # whole log; the form says what is wrong (the register does the same).
        events = events.none()
    page = Paginator(events, 50).get_page(request.GET.get("pagina"))
    return render(
        request,
        "core/audit_log.html",
        {"form": form, "page": page, "query_string": query_without(request)},
    )


# Two-factor authentication -------------------------------------------------------------


def _safe_next(request: HttpRequest) -> str:
    target = request.GET.get("next") or request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return reverse("core:home")


def otp_setup(request: HttpRequest) -> HttpResponse:
    """Pairs an authenticator app with the account, then shows recovery codes once."""
    from django_otp import login as otp_login
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if not request.user.is_authenticated:
        return redirect("login")
    user = request.user
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return redirect("core:otp_verify")
    # Two tabs (or a double click) can each have started a pairing: continue the oldest
    # rather than fail on get_or_create's "more than one".
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, confirmed=False, name="authenticator")
    form = OTPTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].replace(" ", "")):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            request.session["otp_recovery_codes"] = services_recovery_codes(user)
            return redirect("core:otp_recovery_codes")
        form.add_error(
            "token", _("This code is not right. Check the time on your phone and try again.")
        )
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "core/otp_setup.html",
        {"form": form, "qr_svg": qr_svg(device.config_url, box_size=8), "secret": secret},
    )


def services_recovery_codes(user: Any) -> list[str]:
    """Replaces the user's recovery codes with ten new single-use ones."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    device, _created = StaticDevice.objects.get_or_create(user=user, name="recovery")
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(10)]
    for code in codes:
        device.token_set.create(token=code)
    return codes


def otp_recovery_codes(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect("login")
    codes = request.session.pop("otp_recovery_codes", None)
    if not codes:
        return redirect("core:home")
    return render(request, "core/otp_recovery_codes.html", {"codes": codes})


def otp_verify(request: HttpRequest) -> HttpResponse:
    from django_otp import devices_for_user, match_token
    from django_otp import login as otp_login

    if not request.user.is_authenticated:
        return redirect("login")
    if not any(True for _ in devices_for_user(request.user, confirmed=True)):
        return redirect("core:otp_setup")
    form = OTPTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"].replace(" ", ""))
        if device is not None:
            otp_login(request, device)
            return redirect(_safe_next(request))
        form.add_error("token", _("This code is not right. Try again."))
    return render(request, "core/otp_verify.html", {"form": form})


# Public pages and errors --------------------------------------------------------------


def privacy_notice(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    return render(request, "core/privacy_notice.html", {"organisation": organisation})


def error_404(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "core/error.html", {"code": 404}, status=404)


def error_403(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "core/error.html", {"code": 403}, status=403)


def error_500(request: HttpRequest) -> HttpResponse:
    """Renders without context processors: they read the signed-in user and the session,
    and when the database is what failed, that would fail again inside this handler."""
    context = {"code": 500, "request": request, "csrf_token": get_token(request)}
    return HttpResponse(loader.render_to_string("core/error.html", context), status=500)
