"""Derived state that the pages read all the time, kept up to date by the services that change it.

A question's counts of live and open input, the day it was answered and the day it was first
discussed live on the question row (see `Question`); the indicators live in one snapshot per
organisation (`IndicatorSnapshot`). Each service that changes input, answers, agendas,
attendance or feedback calls `question_state_refresh` or `indicators_changed` inside its own
transaction. `recompute_state` (the management command) rebuilds everything from scratch and
reports drift; a test runs it after the whole loop.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Count, Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from .models import AgendaItem, Contribution, IndicatorSnapshot, Question, Response

NOT_FINAL = [status for status in Response.Status.values if status not in Response.FINAL]


@dataclass(frozen=True)
class QuestionState:
    live_inputs: int = 0
    open_inputs: int = 0
    answered_on: date | None = None
    asked_on: date | None = None


FIELDS = ("live_inputs", "open_inputs", "answered_on", "asked_on")


def _local_day(moment: object) -> date:
    return timezone.localtime(moment).date()  # type: ignore[arg-type]


def compute(question_ids: list[int]) -> dict[int, QuestionState]:
    """The state of these questions, read from the input itself.

    Three grouped queries, whatever the number of questions.
    """
    live = Contribution.objects.filter(
        question_id__in=question_ids,
        review=Contribution.Review.APPROVED,
        withdrawn_at__isnull=True,
    )
    counts = {
        row["question_id"]: row
        for row in live.order_by()
        .values("question_id")
        .annotate(
            live=Count("pk"),
            open=Count("pk", filter=Q(response__isnull=True) | Q(response__status__in=NOT_FINAL)),
        )
    }
    answered = [pk for pk, row in counts.items() if row["live"] and not row["open"]]
    decided: dict[int, date] = {}
    for question_id, decided_on, created_at in (
        live.filter(question_id__in=answered)
        .order_by()
        .values_list("question_id", "response__decided_on", "response__created_at")
        .distinct()
    ):
        day = decided_on or _local_day(created_at)
        if question_id not in decided or day > decided[question_id]:
            decided[question_id] = day
    asked: dict[int, date] = {}
    for question_id, starts_at in (
        AgendaItem.objects.filter(question_id__in=question_ids, kind=AgendaItem.Kind.QUESTION)
        .order_by()
        .values_list("question_id", "meeting__starts_at")
    ):
        day = _local_day(starts_at)
        if question_id not in asked or day < asked[question_id]:
            asked[question_id] = day
    return {
        pk: QuestionState(
            live_inputs=counts[pk]["live"] if pk in counts else 0,
            open_inputs=counts[pk]["open"] if pk in counts else 0,
            answered_on=decided.get(pk),
            asked_on=asked.get(pk),
        )
        for pk in question_ids
    }


def _stored(question: Question) -> QuestionState:
    return QuestionState(*(getattr(question, name) for name in FIELDS))


def _apply(questions: Iterable[Question], states: dict[int, QuestionState]) -> list[Question]:
    """Sets the computed state on the questions; returns those that changed."""
    changed = []
    for question in questions:
        state = states.get(question.pk, QuestionState())
        if _stored(question) != state:
            for name in FIELDS:
                setattr(question, name, getattr(state, name))
            changed.append(question)
    if changed:
        Question.objects.bulk_update(changed, list(FIELDS), batch_size=500)
    return changed


def question_state_refresh(*question_ids: int) -> None:
    """Brings the questions' kept state up to date. Call it in the transaction that changed
    their input, its answers or their agenda."""
    ids = sorted({pk for pk in question_ids if pk})
    if not ids:
        return
    questions = list(Question.objects.filter(pk__in=ids).only("pk", "organisation_id", *FIELDS))
    _apply(questions, compute([q.pk for q in questions]))
    for organisation_id in {q.organisation_id for q in questions}:
        indicators_changed(organisation_id)


@dataclass(frozen=True)
class Drift:
    question_id: int
    field: str
    stored: object
    computed: object


def recompute(organisation_id: int | None = None, *, fix: bool = True) -> list[Drift]:
    """Computes every question's state from scratch; returns where the kept state differed."""
    scope = Q(organisation_id=organisation_id) if organisation_id is not None else Q()
    drift: list[Drift] = []
    ids = list(Question.objects.filter(scope).order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), 2000):
        chunk = ids[start : start + 2000]
        questions = list(Question.objects.filter(pk__in=chunk).only("pk", *FIELDS))
        states = compute(chunk)
        for question in questions:
            state = states.get(question.pk, QuestionState())
            for name in FIELDS:
                if getattr(question, name) != getattr(state, name):
                    drift.append(
                        Drift(question.pk, name, getattr(question, name), getattr(state, name))
                    )
        if fix:
            with transaction.atomic():
                _apply(questions, states)
    if fix:
        snapshots = IndicatorSnapshot.objects.all()
        if organisation_id is not None:
            snapshots = snapshots.filter(organisation_id=organisation_id)
        snapshots.update(stale=True)
    return drift


def indicators_changed(organisation_id: int) -> None:
    """Marks the organisation's indicators stale and asks the task worker to compute them.

    Only the change that makes the snapshot stale enqueues: a burst of changes costs one
    computation, and a change during a computation marks it stale again for the next one.
    """
    flipped = IndicatorSnapshot.objects.filter(organisation_id=organisation_id, stale=False).update(
        stale=True
    )
    if flipped:
        from .tasks import refresh_indicators

        transaction.on_commit(lambda: refresh_indicators.enqueue(organisation_id))


# Every save or delete of input, an answer or an agenda item refreshes its question, in the same
# transaction: the services call `save()`, and so do the importers, the demo data and the
# tests. Queryset `update()` and `bulk_create` send no signal: services that use them call
# `question_state_refresh` themselves.


@receiver([post_save, post_delete], sender=Contribution, dispatch_uid="state_contribution")
@receiver([post_save, post_delete], sender=AgendaItem, dispatch_uid="state_agenda")
def _input_changed(sender: type, instance: Contribution | AgendaItem, **kwargs: object) -> None:
    if instance.question_id:
        question_state_refresh(instance.question_id)


@receiver([post_save, post_delete], sender=Response, dispatch_uid="state_response")
def _answer_changed(sender: type, instance: Response, **kwargs: object) -> None:
    if kwargs.get("created"):
        return  # a new answer covers no input until the service links it
    question_state_refresh(instance.question_id)
