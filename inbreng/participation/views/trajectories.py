from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from inbreng.core.decorators import permission_required
from inbreng.core.types import MemberRequest
from inbreng.core.views import apply_errors

from .. import selectors, services
from ..forms import TrajectoryForm
from ..models import Trajectory


@permission_required("participation.view_trajectories")
def trajectory_list(request: MemberRequest) -> HttpResponse:
    trajectories = selectors.trajectories_of(request.membership)
    return render(request, "participation/trajectory_list.html", {"trajectories": trajectories})


@permission_required("participation.view_trajectories")
def trajectory_detail(request: MemberRequest, pk: int) -> HttpResponse:
    trajectory: Trajectory = get_object_or_404(selectors.trajectories_of(request.membership), pk=pk)
    questions = selectors.question_list(request.membership).filter(trajectory=trajectory)
    return render(
        request,
        "participation/trajectory_detail.html",
        {"trajectory": trajectory, "questions": questions},
    )


@permission_required("participation.manage_trajectories")
def trajectory_edit(request: MemberRequest, pk: int | None = None) -> HttpResponse:
    trajectory = (
        get_object_or_404(selectors.trajectories_of(request.membership), pk=pk) if pk else None
    )
    form = TrajectoryForm(request.POST or None, instance=trajectory, membership=request.membership)
    if request.method == "POST" and form.is_valid():
        try:
            trajectory = services.trajectory_save(
                organisation=request.organisation,
                by=request.user,
                trajectory=trajectory,
                **form.cleaned_data,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The trajectory is saved."))
            return redirect("participation:trajectory", pk=trajectory.pk)
    return render(
        request, "participation/trajectory_form.html", {"form": form, "trajectory": trajectory}
    )
