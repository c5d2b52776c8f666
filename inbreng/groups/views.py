from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from inbreng.core.decorators import permission_required
from inbreng.core.models import AuditEvent
from inbreng.core.types import MemberRequest
from inbreng.core.views import apply_errors

from . import selectors, services
from .forms import GroupForm, MemberAddForm, MemberMoveForm, ReferenceForm
from .models import GroupMembership, ParticipationGroup, ReferenceFigure


def _group(request: MemberRequest, pk: int) -> ParticipationGroup:
    return get_object_or_404(
        selectors.groups_of(request.membership).select_related("coordinator"), pk=pk
    )


@permission_required("groups.view_groups")
def group_list(request: MemberRequest) -> HttpResponse:
    groups = selectors.groups_of(request.membership).select_related("coordinator")
    return render(request, "groups/group_list.html", {"groups": groups})


@permission_required("groups.view_groups")
def group_detail(request: MemberRequest, pk: int) -> HttpResponse:
    group = _group(request, pk)
    members = list(selectors.members_of(group))
    current = [m for m in members if m.is_current]
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
            "current_count": len(current),
            "member_count": sum(1 for m in current if m.stage == GroupMembership.Stage.MEMBER),
            "too_big": len([m for m in current if m.stage in ("trial", "member")]) > group.max_size,
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
