"""The participation loop's panel on the start page: what is overdue and what waits."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from inbreng.core.models import Role

from . import selectors
from .models import Contribution, Question


def loop_panel(request: Any) -> tuple[str, dict[str, Any]] | None:
    membership = request.membership
    if not membership.has_role(Role.COORDINATOR, Role.ADMIN, Role.SERVICE_CONTACT):
        return None
    context: dict[str, Any] = {
        "overdue": list(selectors.overdue_questions(membership).select_related("service")[:20]),
        "today": timezone.localdate(),
    }
    if membership.has_role(Role.COORDINATOR, Role.ADMIN):
        context["to_review"] = Question.objects.filter(
            organisation=membership.organisation, status=Question.Status.SUBMITTED
        ).count()
        context["input_to_review"] = Contribution.objects.filter(
            organisation=membership.organisation,
            review=Contribution.Review.PENDING,
            withdrawn_at__isnull=True,
        ).count()
    if membership.is_service_contact:
        context["to_answer"] = list(
            selectors.question_list(membership).filter(open_inputs__gt=0)[:20]
        )
    return "participation/_home_panel.html", context
