"""Reads for the participation loop, scoped to the organisation and the reader's role."""

from __future__ import annotations

import statistics
import string
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from inbreng.core.models import Membership, Role
from inbreng.people.models import Participant

from .models import (
    AgendaItem,
    Contribution,
    FeedbackDelivery,
    Invitation,
    Meeting,
    Question,
    Response,
    Trajectory,
)


def sees_names(membership: Membership) -> bool:
    """Only coordinators (and admins) see who said what; services never do."""
    return membership.has_role(Role.COORDINATOR, Role.ADMIN)


def questions_visible_to(membership: Membership) -> QuerySet[Question]:
    questions = Question.objects.filter(organisation=membership.organisation)
    if membership.has_role(Role.COORDINATOR, Role.ADMIN, Role.POLICY_MAKER):
        return questions
    if membership.is_service_contact and membership.service_id:
        return questions.filter(service_id=membership.service_id)
    return questions.none()


def live_input() -> QuerySet[Contribution]:
    """The input on the outer question that services see: passed on and not withdrawn."""
    return Contribution.objects.filter(
        question=OuterRef("pk"), review=Contribution.Review.APPROVED, withdrawn_at__isnull=True
    )


def unanswered_input() -> QuerySet[Contribution]:
    """The outer question's live input that has no final answer yet."""
    return live_input().filter(
        Q(response__isnull=True) | ~Q(response__status__in=list(Response.FINAL))
    )


def question_list(membership: Membership) -> QuerySet[Question, Any]:
    return (
        questions_visible_to(membership)
        .select_related("service", "trajectory")
        .annotate(has_input=Exists(live_input()), has_unanswered=Exists(unanswered_input()))
        .order_by("-created_at")
    )


def overdue_questions(membership: Membership) -> QuerySet[Question, Any]:
    """Questions past their answer date with input that has no final answer yet."""
    return (
        question_list(membership)
        .filter(answer_due_on__lt=timezone.localdate(), **{"has_unanswered": True})
        .order_by("answer_due_on")
    )


def trajectories_of(membership: Membership) -> QuerySet[Trajectory]:
    """A service contact without a broader role sees their own service's trajectories."""
    trajectories = Trajectory.objects.filter(organisation=membership.organisation).select_related(
        "service", "group"
    )
    if membership.has_role(Role.COORDINATOR, Role.ADMIN, Role.POLICY_MAKER):
        return trajectories
    return trajectories.filter(service_id=membership.service_id or 0)


def meetings_of(membership: Membership) -> QuerySet[Meeting]:
    return Meeting.objects.filter(organisation=membership.organisation).select_related("group")


@dataclass
class ShownContribution:
    contribution: Contribution
    author: str
    contributor_count: int | None = None


def shown_contributions_by_question(
    questions: list[Question], membership: Membership, *, include_pending: bool = False
) -> dict[int, list[ShownContribution]]:
    """The input on several questions as this reader may see it, in one query.

    Coordinators see names; everyone else sees "the group" or a pseudonym that stays the
    same within one question ("Participant A").
    """
    contributions = Contribution.objects.filter(
        question__in=[q.pk for q in questions], withdrawn_at__isnull=True
    ).select_related("participant", "response", "meeting")
    if not include_pending:
        contributions = contributions.filter(review=Contribution.Review.APPROVED)
    names = sees_names(membership)
    letters: dict[int, dict[int, str]] = {}
    shown: dict[int, list[ShownContribution]] = {q.pk: [] for q in questions}
    for contribution in contributions.order_by("created_at", "pk"):
        if contribution.participant_id is None:
            author = _("The group")
        elif names:
            author = contribution.participant.name  # type: ignore[union-attr]
        else:
            known = letters.setdefault(contribution.question_id, {})
            if contribution.participant_id not in known:
                index = len(known)
                known[contribution.participant_id] = string.ascii_uppercase[index % 26] + (
                    str(index // 26) if index >= 26 else ""
                )
            author = _("Participant %(letter)s") % {"letter": known[contribution.participant_id]}
        shown[contribution.question_id].append(ShownContribution(contribution, author))
    return shown


def shown_contributions(
    question: Question, membership: Membership, *, include_pending: bool = False
) -> list[ShownContribution]:
    """The input on a question as this reader may see it: with names, or pseudonyms."""
    return shown_contributions_by_question([question], membership, include_pending=include_pending)[
        question.pk
    ]


def is_answered(shown: list[ShownContribution]) -> bool:
    """Every piece of live input has a final answer (and there is at least one).

    `shown` must be the question's passed-on input, as `shown_contributions` gives it.
    """
    return bool(shown) and all(
        s.contribution.response is not None and s.contribution.response.is_final for s in shown
    )


def meeting_detail(membership: Membership, pk: int) -> Meeting:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        meetings_of(membership).prefetch_related(
            Prefetch(
                "agenda_items", queryset=AgendaItem.objects.select_related("question__service")
            ),
            Prefetch("invitations", queryset=Invitation.objects.select_related("participant")),
        ),
        pk=pk,
    )


@dataclass
class ReplyTotals:
    yes: int = 0
    no: int = 0
    maybe: int = 0
    unknown: int = 0
    children: int = 0
    transport: int = 0
    interpreters: list[str] = field(default_factory=list)
    attended: int = 0


def reply_totals(invitations: list[Invitation]) -> ReplyTotals:
    totals = ReplyTotals()
    for invitation in invitations:
        setattr(totals, invitation.reply, getattr(totals, invitation.reply) + 1)
        if invitation.reply != Invitation.Reply.NO:
            totals.children += invitation.children
            totals.transport += int(invitation.needs_transport)
            if invitation.interpreter_language:
                totals.interpreters.append(invitation.interpreter_language)
        totals.attended += int(bool(invitation.attended))
    return totals


@dataclass
class QuestionFeedback:
    question: Question
    contributions: list[ShownContribution]
    responses: list[Response]
    answered: bool


def meeting_feedback(meeting: Meeting, membership: Membership) -> list[QuestionFeedback]:
    """Per question discussed at the meeting: what was said, and what the service did with it.

    Two queries whatever the number of questions, contributions and answers.
    """
    items = list(
        meeting.agenda_items.filter(
            kind=AgendaItem.Kind.QUESTION, question__isnull=False
        ).select_related("question__service")
    )
    questions = [item.question for item in items if item.question is not None]
    shown = shown_contributions_by_question(questions, membership)
    result = []
    for question in questions:
        contributions = [c for c in shown[question.pk] if c.contribution.meeting_id == meeting.pk]
        responses: dict[int, Response] = {}
        for c in contributions:
            if c.contribution.response is not None:
                responses[c.contribution.response.pk] = c.contribution.response
        result.append(
            QuestionFeedback(
                question,
                contributions,
                sorted(responses.values(), key=lambda r: (r.created_at, r.pk)),
                is_answered(shown[question.pk]),
            )
        )
    return result


# The participant's own page -----------------------------------------------------------


@dataclass
class MyQuestion:
    question: Question
    mine: list[Contribution]
    group: list[Contribution]
    responses: list[Response]

    @property
    def answered(self) -> bool:
        """All the person's and their group's input that reached the service has a final answer.

        Only then has the person heard what happened with it: "received" or "being
        studied" is not yet an answer, and counting it would close the loop too early.
        """
        passed_on = [
            c for c in (*self.mine, *self.group) if c.review == Contribution.Review.APPROVED
        ]
        return bool(passed_on) and all(
            c.response is not None and c.response.is_final for c in passed_on
        )


def my_upcoming_meetings(participant: Participant) -> list[Invitation]:
    return list(
        Invitation.objects.filter(
            participant=participant,
            meeting__status=Meeting.Status.PLANNED,
            meeting__starts_at__gte=timezone.now(),
        )
        .select_related("meeting")
        .order_by("meeting__starts_at")[:10]
    )


def my_questions(participant: Participant) -> list[MyQuestion]:
    """Questions the person spoke on, or was present for when the group spoke, with answers."""
    attended = Invitation.objects.filter(participant=participant, attended=True).values(
        "meeting_id"
    )
    contributions = list(
        Contribution.objects.filter(
            Q(participant=participant) | Q(participant=None, meeting_id__in=attended),
            organisation=participant.organisation,
            withdrawn_at__isnull=True,
        )
        # The person's own input that was not passed on stays visible to them, marked as
        # such: input must never disappear without a word.
        .exclude(Q(review=Contribution.Review.REJECTED) & ~Q(participant=participant))
        .select_related("question", "response")
        .order_by("-created_at")[:200]
    )
    by_question: dict[int, MyQuestion] = {}
    for contribution in contributions:
        entry = by_question.setdefault(
            contribution.question_id, MyQuestion(contribution.question, [], [], [])
        )
        (entry.mine if contribution.participant_id else entry.group).append(contribution)
        if contribution.response and contribution.response not in entry.responses:
            entry.responses.append(contribution.response)
    return list(by_question.values())


def open_questions_for(participant: Participant) -> list[Question]:
    """Questions on the agenda of this person's upcoming meetings: they can add input."""
    meetings = Invitation.objects.filter(
        participant=participant, meeting__status=Meeting.Status.PLANNED
    ).values("meeting_id")
    return list(
        Question.objects.filter(
            agenda_items__meeting_id__in=meetings, agenda_items__kind=AgendaItem.Kind.QUESTION
        ).distinct()[:20]
    )


# Indicators ---------------------------------------------------------------------------


@dataclass
class Indicators:
    questions_due: int
    answered_on_time_share: int | None
    median_days_to_answer: float | None
    contributors: int
    fed_back_share: int | None
    open_overdue: int


@dataclass
class LoopData:
    """The questions with live input, who was there when the group spoke, and who heard back."""

    questions: list[Any]
    present: dict[int, set[int]]
    heard: dict[int, set[int]]


def _loop_data(membership: Membership, service_ids: list[int] | None = None) -> LoopData:
    """Everything the indicators need, in four queries however much there is."""
    questions = Question.objects.filter(
        organisation=membership.organisation, answer_due_on__isnull=False
    )
    if service_ids is not None:
        questions = questions.filter(service_id__in=service_ids)
    questions = questions.prefetch_related(
        Prefetch(
            "contributions",
            queryset=Contribution.objects.filter(
                review=Contribution.Review.APPROVED, withdrawn_at__isnull=True
            ).select_related("response"),
            to_attr="live",
        ),
        Prefetch(
            "agenda_items",
            queryset=AgendaItem.objects.filter(kind=AgendaItem.Kind.QUESTION).select_related(
                "meeting"
            ),
            to_attr="discussed",
        ),
    )
    loaded: list[Any] = [q for q in questions if q.live]
    group_meetings = {
        c.meeting_id for q in loaded for c in q.live if c.participant_id is None and c.meeting_id
    }
    present: dict[int, set[int]] = {}
    for meeting_id, participant_id in Invitation.objects.filter(
        meeting_id__in=group_meetings, attended=True
    ).values_list("meeting_id", "participant_id"):
        present.setdefault(meeting_id, set()).add(participant_id)
    heard: dict[int, set[int]] = {}
    for question_id, participant_id in FeedbackDelivery.objects.filter(
        question_id__in=[q.pk for q in loaded]
    ).values_list("question_id", "participant_id"):
        heard.setdefault(question_id, set()).add(participant_id)
    return LoopData(loaded, present, heard)


def _discussed_in(question: Any, group_id: int) -> bool:
    return any(item.meeting.group_id == group_id for item in question.discussed)


def _measure(data: LoopData, questions: list[Any]) -> Indicators:
    today = timezone.localdate()
    due = on_time = overdue = 0
    days: list[int] = []
    contributor_total = fed_back = 0
    for question in questions:
        live = question.live
        answered = all(c.response is not None and c.response.is_final for c in live)
        answered_on = (
            max(timezone.localtime(c.response.updated_at).date() for c in live)
            if answered
            else None
        )
        due_on = question.answer_due_on
        assert due_on is not None
        # A question is due once its date has passed: the service has the whole last day.
        if due_on < today or answered:
            due += 1
            if answered_on is not None and answered_on <= due_on:
                on_time += 1
        if not answered and due_on < today:
            overdue += 1
        discussed = question.discussed
        if answered_on is not None and discussed:
            asked_on = min(timezone.localtime(i.meeting.starts_at).date() for i in discussed)
            days.append(max(0, (answered_on - asked_on).days))
        # Everyone present when the group spoke counts as a contributor, for feedback.
        people = {c.participant_id for c in live if c.participant_id}
        for c in live:
            if c.participant_id is None and c.meeting_id:
                people |= data.present.get(c.meeting_id, set())
        contributor_total += len(people)
        fed_back += len(people & data.heard.get(question.pk, set()))
    return Indicators(
        questions_due=due,
        answered_on_time_share=round(100 * on_time / due) if due else None,
        median_days_to_answer=statistics.median(days) if days else None,
        contributors=contributor_total,
        fed_back_share=round(100 * fed_back / contributor_total) if contributor_total else None,
        open_overdue=overdue,
    )


def indicators(
    membership: Membership, *, group_id: int | None = None, service_id: int | None = None
) -> Indicators:
    """The loop's health: answered on time, how fast, and whether people heard back.

    A question belongs to a group when it was discussed at one of the group's meetings.
    """
    data = _loop_data(membership, [service_id] if service_id else None)
    questions = data.questions
    if group_id:
        questions = [q for q in questions if _discussed_in(q, group_id)]
    return _measure(data, questions)


IndicatorRow = tuple[str, Indicators]


def indicator_rows(
    membership: Membership,
    *,
    whole: bool,
    groups: list[tuple[int, str]],
    services: list[tuple[int, str]],
) -> tuple[list[IndicatorRow], list[IndicatorRow], list[IndicatorRow]]:
    """The indicators for the organisation, each group and each service, read once."""
    data = _loop_data(membership, None if whole else [pk for pk, _name in services])
    organisation_rows = [(_("Whole organisation"), _measure(data, data.questions))] if whole else []
    group_rows = [
        (name, _measure(data, [q for q in data.questions if _discussed_in(q, pk)]))
        for pk, name in groups
    ]
    service_rows = [
        (name, _measure(data, [q for q in data.questions if q.service_id == pk]))
        for pk, name in services
    ]
    return organisation_rows, group_rows, service_rows


def invitation_counts(meeting_ids: list[int]) -> dict[int, Any]:
    rows = (
        Invitation.objects.filter(meeting_id__in=meeting_ids)
        .values("meeting_id")
        .annotate(invited=Count("pk"), yes=Count("pk", filter=Q(reply=Invitation.Reply.YES)))
    )
    return {row["meeting_id"]: row for row in rows}
