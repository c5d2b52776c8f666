"""Background work for the loop: reminders to services whose answers are overdue."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from inbreng.core.mail import build_email
from inbreng.core.models import Membership

from .models import Question

REMIND_EVERY = timedelta(days=7)


def overdue_for_reminder() -> list[Question]:
    """Overdue questions with unanswered input, not reminded in the last week.

    Only input the service can see counts: input waiting for the coordinator's review,
    not passed on, or withdrawn is nothing the service could answer.
    """
    now = timezone.now()
    return list(
        Question.objects.filter(answer_due_on__lt=timezone.localdate())
        .filter(Q(last_reminded_at__isnull=True) | Q(last_reminded_at__lt=now - REMIND_EVERY))
        .filter(open_inputs__gt=0)
        .select_related("service", "organisation")
    )


@task
def send_overdue_reminders() -> int:
    """E-mails each service about its overdue answers, at most once a week per question.

    Reschedules itself for the next day when the task backend can defer work.
    """
    sent = 0
    with override("nl"):
        for question in overdue_for_reminder():
            recipients = {
                m.user.email
                for m in Membership.objects.filter(
                    organisation=question.organisation,
                    service=question.service,
                    is_service_contact=True,
                    is_active=True,
                    # Someone whose account was closed no longer speaks for the service.
                    user__is_active=True,
                ).select_related("user")
                if m.user.email
            }
            if question.service.email:
                recipients.add(question.service.email)
            if not recipients:
                continue
            build_email(
                subject=_("Reminder: the participants are waiting for your answer"),
                body=_(
                    "The participants gave input on “%(title)s”. You promised an answer by "
                    "%(day)s. Please answer in Inbreng, with your reasons."
                )
                % {"title": question.title, "day": question.answer_due_on.strftime("%d/%m/%Y")},  # type: ignore[union-attr]
                to=sorted(recipients),
                language="nl",
                organisation=question.organisation,
            ).send()
            Question.objects.filter(pk=question.pk).update(last_reminded_at=timezone.now())
            sent += 1
    if send_overdue_reminders.get_backend().supports_defer:
        send_overdue_reminders.using(run_after=timezone.now() + timedelta(days=1)).enqueue()
    return sent


@task
def refresh_indicators(organisation_id: int) -> bool:
    """Computes an organisation's indicators snapshot again, if a change made it stale."""
    from .indicators import refresh

    return refresh(organisation_id)
