from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from inbreng.core.decorators import permission_required
from inbreng.core.models import AuditEvent
from inbreng.core.services import audit_read
from inbreng.core.types import MemberRequest
from inbreng.core.views import apply_errors

from . import selectors, services
from .forms import GroupForm, MemberAddForm, MemberMoveForm, ReferenceForm
from .models import GroupMembership, ParticipationGroup, ReferenceFigure

MEMBERS_PAGE_SIZE = 50
GROUPS_PAGE_SIZE = 50


def _group(request: MemberRequest, pk: int) -> ParticipationGroup:
    return get_object_or_404(
        selectors.groups_of(request.membership).select_related("coordinator"), pk=pk
    )


@permission_required("groups.view_groups")
def group_list(request: MemberRequest) -> HttpResponse:
    groups = Paginator(
        selectors.groups_of(request.membership)
        .select_related("coordinator")
        .order_by("-is_active", "name", "pk"),
        GROUPS_PAGE_SIZE,
    ).get_page(request.GET.get("pagina"))
    return render(request, "groups/group_list.html", {"groups": groups, "page": groups})


@permission_required("groups.view_groups")
def group_detail(request: MemberRequest, pk: int) -> HttpResponse:
    group = _group(request, pk)
    # A large group has hundreds of people: count them in the database, show a page.
    by_stage = dict(
        group.memberships.order_by()
        .values_list("stage")
        .annotate(n=Count("pk"))
        .values_list("stage", "n")
    )
    members = Paginator(selectors.members_of(group), MEMBERS_PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    Stage = GroupMembership.Stage
    AuditEvent.record(
        organisation=request.organisation,
        actor=request.user,
        action=AuditEvent.Action.LIST,
        object_type="groups.participationgroup",
        obj=group,
    )
    return render(
        request,
        "groups/group_detail.html",
        {
            "group": group,
            "members": members,
            "current_count": sum(n for stage, n in by_stage.items() if stage != Stage.LEFT),
            "member_count": by_stage.get(Stage.MEMBER, 0),
            "too_big": by_stage.get(Stage.TRIAL, 0) + by_stage.get(Stage.MEMBER, 0)
            > group.max_size,
            "representation": selectors.representation(group),
            "min_shown": selectors.MIN_SHOWN,
            "add_form": MemberAddForm(group=group),
            "move_form": MemberMoveForm(),
        },
    )


@permission_required("groups.manage_groups")
def group_edit(request: MemberRequest, pk: int | None = None) -> HttpResponse:
    group = _group(request, pk) if pk else None
    form = GroupForm(request.POST or None, instance=group, membership=request.membership)
    if request.method == "POST" and form.is_valid():
        group = services.group_save(
            organisation=request.organisation, by=request.user, group=group, **form.cleaned_data
        )
        messages.success(request, _("The group is saved."))
        return redirect("groups:detail", pk=group.pk)
    return render(request, "groups/group_form.html", {"form": form, "group": group})


@permission_required("groups.manage_groups")
def member_add(request: MemberRequest, pk: int) -> HttpResponse:
    group = _group(request, pk)
    form = MemberAddForm(request.POST or None, group=group)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.membership_add(
                group=group,
                participant=data["participant"],
                by=request.user,
                stage=data["stage"],
                on=data["on"],
                note=data["note"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("%(name)s is on the group's list.") % {"name": data["participant"].name}
            )
            return redirect("groups:detail", pk=group.pk)
    # The form lists people from the register to choose from.
    audit_read(request, object_type="people.participant")
    return render(request, "groups/member_form.html", {"form": form, "group": group})


@permission_required("groups.manage_groups")
def member_move(request: MemberRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(
        GroupMembership.objects.select_related("group", "participant"),
        organisation=request.organisation,
        pk=pk,
    )
    AuditEvent.record(
        organisation=request.organisation,
        actor=request.user,
        action=AuditEvent.Action.VIEW,
        obj=membership.participant,
    )
    form = MemberMoveForm(request.POST or None, initial={"note": membership.note})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.membership_move(
                membership=membership,
                stage=data["stage"],
                on=data["on"],
                by=request.user,
                note=data["note"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The stage is saved."))
            return redirect("groups:detail", pk=membership.group_id)
    return render(request, "groups/member_move.html", {"form": form, "membership": membership})


@permission_required("groups.manage_reference")
def reference_figures(request: MemberRequest) -> HttpResponse:
    existing: dict[str, dict[str, int]] = {}
    for figure in ReferenceFigure.objects.filter(organisation=request.organisation):
        existing.setdefault(figure.dimension, {})[figure.category] = figure.count
    forms = [
        ReferenceForm(
            request.POST or None, dimension=dimension, initial_counts=existing.get(dimension, {})
        )
        for dimension in ReferenceFigure.Dimension.values
    ]
    if request.method == "POST" and all(form.is_valid() for form in forms):
        for form in forms:
            services.reference_figures_save(
                organisation=request.organisation,
                by=request.user,
                dimension=form.dimension,
                counts=dict(form.cleaned_data),
            )
        messages.success(request, _("The reference figures are saved."))
        return redirect("groups:reference")
    return render(request, "groups/reference_figures.html", {"forms": forms})
