"""Writes for results and milestones: each keeps the result's `stalled` flag true."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from inbreng.core.models import AuditEvent, Organisation, Service, User
from inbreng.core.services import save_with
from inbreng.participation.models import Response

from ..models import Milestone, Result, ResultTranslation, SignalAnswer
from ..services import refuse_personal_data
from . import memory

# Answers that can become a result: something will change.
RESULT_RESPONSES = frozenset(
    {Response.Status.ADOPTED, Response.Status.PARTLY, Response.Status.DONE}
)
RESULT_DECISIONS = SignalAnswer.LEADS_TO_RESULT


def is_stalled(result: Result, *, today: date | None = None) -> bool:
    """Past its date and not finished, or a milestone past its date and not done."""
    if result.is_finished:
        return False
    if result.status == Result.Status.STALLED:
        return True
    today = today or timezone.localdate()
    if result.due_on and result.due_on < today:
        return True
    return Milestone.objects.filter(
        organisation_id=result.organisation_id,
        result=result,
        done_on__isnull=True,
        due_on__lt=today,
    ).exists()


def _keep_stalled(result: Result) -> None:
    stalled = is_stalled(result)
    if stalled != result.stalled:
        result.stalled = stalled
        Result.objects.filter(pk=result.pk).update(stalled=stalled)


@transaction.atomic
def result_create(
    *,
    organisation: Organisation,
    by: User,
    title: str,
    meaning: str,
    service: Service | None,
    due_on: date | None,
    response: Response | None = None,
    answer: SignalAnswer | None = None,
    status: str = Result.Status.PLANNED,
    progress: int = 0,
) -> Result:
    """Records what changes because of an adopted answer or a followed advice."""
    if response is None and answer is None:
        raise ValidationError(_("Choose the answer this result comes from."))
    if response is not None and (
        response.organisation_id != organisation.pk or response.status not in RESULT_RESPONSES
    ):
        raise ValidationError({"response": _("Choose an adopted answer.")})
    if answer is not None and (
        answer.organisation_id != organisation.pk or answer.decision not in RESULT_DECISIONS
    ):
        raise ValidationError({"answer": _("Choose an answer that follows the signal.")})
    refuse_personal_data(organisation, title=title, meaning=meaning)
    result = save_with(
        Result(organisation=organisation),
        title=title,
        meaning=meaning,
        service=service,
        due_on=due_on,
        response=response,
        answer=answer,
        status=status,
        progress=progress,
    )
    _keep_stalled(result)
    AuditEvent.record(
        organisation=organisation, actor=by, action=AuditEvent.Action.CREATE, obj=result
    )
    memory.put_result(result)
    return result  # type: ignore[no-any-return]


@transaction.atomic
def result_update(*, result: Result, by: User, **fields: Any) -> Result:
    """Changes a result: its words, service, status, progress or date."""
    refuse_personal_data(
        result.organisation,
        title=fields.get("title", result.title),
        meaning=fields.get("meaning", result.meaning),
    )
    save_with(result, **fields)
    _keep_stalled(result)
    AuditEvent.record(
        organisation=result.organisation, actor=by, action=AuditEvent.Action.UPDATE, obj=result
    )
    memory.put_result(result)
    return result


def result_update_progress(
    *, result: Result, by: User, status: str, progress: int, due_on: date | None
) -> Result:
    """The service's update: how far it is, and by when it will be ready."""
    return result_update(result=result, by=by, status=status, progress=progress, due_on=due_on)


@transaction.atomic
def milestone_save(
    *,
    result: Result,
    by: User,
    milestone: Milestone | None = None,
    what: str,
    who: str,
    due_on: date,
    done_on: date | None,
) -> Milestone:
    """Adds or changes a milestone (what, who, by when, done on) of a result."""
    refuse_personal_data(result.organisation, what=what)
    if done_on and done_on > timezone.localdate():
        raise ValidationError({"done_on": _("A milestone cannot be done on a day still to come.")})
    milestone = save_with(
        milestone or Milestone(organisation_id=result.organisation_id, result=result),
        what=what,
        who=who,
        due_on=due_on,
        done_on=done_on,
    )
    _keep_stalled(result)
    AuditEvent.record(
        organisation=result.organisation,
        actor=by,
        action=AuditEvent.Action.UPDATE,
        obj=result,
        milestone=milestone.pk,
    )
    return milestone


@transaction.atomic
def result_translate(
    *, result: Result, by: User, language: str, title: str, meaning: str, translated_by: str
) -> ResultTranslation:
    """Writes (or replaces) the result's words in a participant's language."""
    refuse_personal_data(result.organisation, title=title, meaning=meaning)
    translation = ResultTranslation.objects.filter(
        organisation_id=result.organisation_id, result=result, language=language
    ).first() or ResultTranslation(
        organisation_id=result.organisation_id, result=result, language=language
    )
    save_with(translation, title=title, meaning=meaning, translated_by=translated_by)
    AuditEvent.record(
        organisation=result.organisation, actor=by, action=AuditEvent.Action.UPDATE, obj=result
    )
    return translation


def stalled_now(*, today: date | None = None) -> Q:
    """The condition for a result to be stalled on `today`, as one query's filter."""
    today = today or timezone.localdate()
    late_milestone = Milestone.objects.filter(
        organisation_id=OuterRef("organisation_id"),
        result=OuterRef("pk"),
        done_on__isnull=True,
        due_on__lt=today,
    )
    return ~Q(status__in=Result.FINISHED) & (
        Q(status=Result.Status.STALLED) | Q(due_on__lt=today) | Q(Exists(late_milestone))
    )


def results_recompute_stalled(*, today: date | None = None) -> int:
    """Sets the `stalled` flag of every result to what it is today; returns how many changed.

    Dates pass without anyone saving anything: the daily task runs this.
    """
    condition = stalled_now(today=today)
    changed = Result.objects.filter(condition, stalled=False).update(stalled=True)
    changed += Result.objects.filter(~condition, stalled=True).update(stalled=False)
    return changed


def result_url(result: Result) -> str:
    return reverse("signals:result", kwargs={"pk": result.pk})
