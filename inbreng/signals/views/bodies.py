from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from inbreng.core.decorators import permission_required
from inbreng.core.selectors import get_scoped
from inbreng.core.types import MemberRequest
from inbreng.core.views import apply_errors

from .. import selectors, services
from ..forms import BodyForm, ThemeForm


@permission_required("signals.manage_bodies")
def body_list(request: MemberRequest) -> HttpResponse:
    services.themes_ensure(request.organisation)
    return render(
        request,
        "signals/body_list.html",
        {
            "bodies": selectors.bodies_of(request.organisation)
            .select_related("service")
            .prefetch_related("policy_makers"),
            "themes": selectors.themes_of(request.organisation),
        },
    )


@permission_required("signals.manage_bodies")
def body_edit(request: MemberRequest, pk: int | None = None) -> HttpResponse:
    organisation = request.organisation
    body = get_scoped(selectors.bodies_of(organisation), organisation, pk) if pk else None
    initial = (
        {
            "name": body.name,
            "kind": body.kind,
            "reply_days": body.reply_days,
            "service": body.service_id,
            "policy_makers": list(body.policy_makers.values_list("pk", flat=True)),
            "is_active": body.is_active,
        }
        if body
        else None
    )
    form = BodyForm(request.POST or None, organisation=organisation, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.body_save(
                organisation=organisation, by=request.user, body=body, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The body is saved."))
            return redirect("signals:bodies")
    return render(request, "signals/body_form.html", {"form": form, "body": body})


@permission_required("signals.manage_bodies")
def theme_edit(request: MemberRequest, pk: int | None = None) -> HttpResponse:
    organisation = request.organisation
    theme = get_scoped(selectors.themes_of(organisation), organisation, pk) if pk else None
    initial = {"name": theme.name, "is_active": theme.is_active} if theme else None
    form = ThemeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.theme_save(
                organisation=organisation, by=request.user, theme=theme, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The theme is saved."))
            return redirect("signals:bodies")
    return render(request, "signals/theme_form.html", {"form": form, "theme": theme})
