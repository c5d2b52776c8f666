"""The tenant scope and the two-factor rule, applied to every request."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from .models import Membership

SESSION_KEY = "inbreng_organisation_id"


class ActiveOrganisationMiddleware:
    """Puts the signed-in user's active membership on the request.

    One person may work for several organisations; the active one lives in the session.
    Everything a view reads is scoped to `request.organisation`.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.membership = None  # type: ignore[attr-defined]
        request.organisation = None  # type: ignore[attr-defined]
        request.memberships = []  # type: ignore[attr-defined]
        user = request.user
        if user.is_authenticated:
            memberships = list(
                Membership.objects.filter(user=user, is_active=True, organisation__isnull=False)
                .select_related("organisation", "service", "partner")
                .order_by("organisation__name")
            )
            active = None
            wanted = request.session.get(SESSION_KEY)
            for membership in memberships:
                if membership.organisation_id == wanted:
                    active = membership
            if active is None and memberships:
                active = memberships[0]
                request.session[SESSION_KEY] = active.organisation_id
            request.memberships = memberships  # type: ignore[attr-defined]
            request.membership = active  # type: ignore[attr-defined]
            request.organisation = active.organisation if active else None  # type: ignore[attr-defined]
            # rules predicates receive the user only; they read the active membership here.
            user.membership = active  # type: ignore[attr-defined]
        return self.get_response(request)


def needs_second_factor(request: HttpRequest) -> bool:
    user = request.user
    if not user.is_authenticated:
        return False
    if settings.INBRENG_DEMO and getattr(user, "is_demo", False):
        return False
    if user.is_superuser:
        return True
    return any(m.sees_personal_data for m in request.memberships)  # type: ignore[attr-defined]


class TwoFactorRequiredMiddleware:
    """Staff who can see personal data must sign in with a second factor (TOTP)."""

    # Logging in and out and the two-step pages themselves stay open; the rest of
    # /account/ (changing the password) needs the second step like every other page.
    EXEMPT_PREFIXES = (
        "/static/",
        "/i18n/",
        "/healthz",
        "/privacy/",
        "/account/aanmelden/",
        "/account/afmelden/",
        "/account/tweestaps/",
    )

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            needs_second_factor(request)
            and not request.user.is_verified()  # type: ignore[union-attr]
            and not request.path.startswith(self.EXEMPT_PREFIXES)
        ):
            from django_otp import devices_for_user

            has_device = any(True for _ in devices_for_user(request.user, confirmed=True))
            if not has_device:
                return redirect("core:otp_setup")
            # After the code, the person lands on the page they asked for.
            target = reverse("core:otp_verify")
            if request.method == "GET":
                target += "?" + urlencode({"next": request.get_full_path()})
            return redirect(target)
        return self.get_response(request)


class LanguageMiddleware:
    """Dutch unless the person chose another language in the header.

    Django's LocaleMiddleware would follow the browser's Accept-Language; staff on a
    borrowed or English-language computer should still get the Dutch interface by default.
    Only the staff languages count here: Django accepts French and Arabic too (participant
    pages speak them), but the staff interface is not translated into them, so a cookie
    asking for them gets Dutch. Participant pages choose their own language in the view.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in settings.STAFF_LANGUAGES else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
