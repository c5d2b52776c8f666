"""Reads for the participation loop, scoped to the organisation and the reader's role."""

from __future__ import annotations

import statistics
import string
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Max, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from inbreng.core.languages import participant_language
from inbreng.core.models import Membership, Role, User
from inbreng.messaging.items import STATUS_PICTOGRAMS, Topic, topics
from inbreng.people.models import Participant

from . import pairs
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
    """Whether a question has input and input to answer is kept on the question (`state`)."""
    return (
        questions_visible_to(membership)
        .select_related("service", "trajectory")
        .order_by("-created_at")
    )


def overdue_questions(membership: Membership) -> QuerySet[Question, Any]:
    """Questions past their answer date with input that has no final answer yet."""
    return (
        question_list(membership)
        .filter(answer_due_on__lt=timezone.localdate(), open_inputs__gt=0)
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


def _letter(index: int) -> str:
    """A pseudonym's letter: A…Z, then A1…Z1, and so on."""
    return string.ascii_uppercase[index % 26] + (str(index // 26) if index >= 26 else "")


def _author(contribution: Contribution, names: bool, letters: dict[int, str]) -> str:
    if contribution.participant_id is None:
        return _("The group")
    if names:
        return contribution.participant.name  # type: ignore[union-attr]
    return _("Participant %(letter)s") % {"letter": letters[contribution.participant_id]}


def _letters(participant_ids: Iterable[int | None]) -> dict[int, str]:
    """Each person's letter, in the order they first spoke on the question."""
    letters: dict[int, str] = {}
    for participant_id in participant_ids:
        if participant_id is not None and participant_id not in letters:
            letters[participant_id] = _letter(len(letters))
    return letters


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
    loaded = list(contributions.order_by("created_at", "pk"))
    names = sees_names(membership)
    letters = {
        q.pk: _letters(c.participant_id for c in loaded if c.question_id == q.pk) for q in questions
    }
    shown: dict[int, list[ShownContribution]] = {q.pk: [] for q in questions}
    for contribution in loaded:
        author = _author(contribution, names, letters[contribution.question_id])
        shown[contribution.question_id].append(ShownContribution(contribution, author))
    return shown


INPUT_PAGE_SIZE = 25


class Counted:
    """A queryset whose length is already known, so paging it costs no COUNT query."""

    def __init__(self, queryset: QuerySet[Any], count: int) -> None:
        self.queryset, self._count = queryset, count

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index: Any) -> Any:
        return self.queryset[index]


def waiting_contributions(question: Question) -> QuerySet[Contribution]:
    """The question's passed-on input that has no answer at all yet: what can be answered."""
    return Contribution.objects.filter(
        question=question,
        review=Contribution.Review.APPROVED,
        withdrawn_at__isnull=True,
        response__isnull=True,
    )


def shown_contributions_page(
    question: Question,
    membership: Membership,
    *,
    page: Any,
    only_open: bool = False,
    waiting: bool = False,
    meeting_id: int | None = None,
) -> Page[Any]:
    """One page of the question's passed-on input, as this reader may see it.

    `only_open`: without a final answer (the question page's filter); `waiting`: without any
    answer (what the answer form offers), optionally only what was said at one meeting.
    Only the page's input is loaded; pseudonyms follow the whole question, so "Participant
    C" is the same person on every page.
    """
    live = Contribution.objects.filter(
        question=question, review=Contribution.Review.APPROVED, withdrawn_at__isnull=True
    ).order_by("created_at", "pk")
    names = sees_names(membership)
    letters = {} if names else _letters(live.values_list("participant_id", flat=True))
    ids: Any = None
    if waiting:
        live = live.filter(response__isnull=True)
        if meeting_id is not None:
            live = live.filter(meeting_id=meeting_id)
        ids = live.values_list("pk", flat=True)  # not kept: the pager counts
    elif only_open:
        live = live.filter(Q(response__isnull=True) | ~Q(response__status__in=list(Response.FINAL)))
    if ids is None:
        # The question keeps how many inputs it has (`state`): the pager needs no count query.
        known = question.open_inputs if only_open else question.live_inputs
        ids = Counted(live.values_list("pk", flat=True), known)
    # The page's ids first (from the question's index), then those rows with their person,
    # answer and meeting: joining before the limit would read every participant.
    result: Page[Any] = Paginator(ids, INPUT_PAGE_SIZE).get_page(page)
    ids = list(result.object_list)
    # Only what the page shows: the text, the agreement, the answer's status, the name.
    rows = (
        Contribution.objects.select_related("participant", "response")
        .only(
            "text",
            "agreed_count",
            "present_count",
            "participant__name",
            "response__status",
        )
        .in_bulk(ids)
    )
    result.object_list = [
        ShownContribution(rows[pk], _author(rows[pk], names, letters)) for pk in ids if pk in rows
    ]
    return result


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
class AnswerPair:
    """One answer and the input it answers, for staff: one input, or several under one answer.

    `response` is None for input that has no answer yet.
    """

    contributions: list[ShownContribution]
    response: Response | None

    @property
    def shared(self) -> bool:
        return self.response is not None and len(self.contributions) > 1

    @property
    def pictogram(self) -> str:
        return STATUS_PICTOGRAMS.get(self.response.status, "answer") if self.response else ""


def answer_pairs(shown: list[ShownContribution]) -> list[AnswerPair]:
    """Each answer right under the input it answers, in the order the input was given;
    input without an answer stands together, last."""
    pairs: dict[int | None, AnswerPair] = {}
    for s in shown:
        response = s.contribution.response
        key = response.pk if response is not None else None
        if key not in pairs:
            pairs[key] = AnswerPair([], response)
        pairs[key].contributions.append(s)
    return sorted(pairs.values(), key=lambda p: p.response is None)


@dataclass
class QuestionFeedback:
    question: Question
    contributions: list[ShownContribution]
    responses: list[Response]
    answered: bool
    pairs: list[AnswerPair] = field(default_factory=list)


def meeting_feedback(meeting: Meeting, membership: Membership) -> list[QuestionFeedback]:
    """Per question discussed at the meeting: each input said there, with its own answer.

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
                answer_pairs(contributions),
            )
        )
    return result


# The participant's own page -----------------------------------------------------------

# The latest things said per question on the personal page (with any answer new to the
# person, however old); the question's own page shows them all.
MY_PAGE_INPUTS = 5
# Questions a page of the personal page: five, so that the page stays short on a cheap phone
# for someone who spoke often (the city's most active person: 76 KB with ten, 62 KB with five).
MY_PAGE_SIZE = 5
# ... and of an older answer that is new to the person, this many of the things it answers.
NEW_ANSWER_INPUTS = 2
# Of the older answers that are new to the person, this many per question (the newest);
# the page links to the question's own page for the rest, which shows them all.
NEW_ANSWERS_SHOWN = 3


@dataclass
class MyQuestion:
    question: Question
    mine: list[Contribution]
    group: list[Contribution]
    responses: list[Response]
    # Each input with its own answer, as plain dicts in the person's language (see pairs.py).
    items: list[dict[str, Any]] = field(default_factory=list)
    # All input on the question, also what was not read (see `earlier`).
    total: int = 0
    # The answers the person has not been told yet (`is_new_answer`), when asked for.
    new_answer_ids: set[int] = field(default_factory=set)
    # New answers not on this page (past `NEW_ANSWERS_SHOWN`): on the question's own page.
    more_new: int = 0

    @cached_property
    def feedback(self) -> Topic:
        """The question as the person reads it: each input, its own answer right under it."""
        found = topics(self.items)
        return found[0] if found else Topic(self.question.pk, self.question.title, "", "nl", None)

    @property
    def earlier(self) -> int:
        """How many more things the person and their group said on the question than the
        page shows (`my_questions(per_question=...)`); its own page shows them all."""
        return max(0, self.total - len(self.mine) - len(self.group))

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


def _attended_meetings(participant: Participant) -> list[int]:
    """The meetings the person attended, read once per participant object (a request's).

    A list, not a subquery: with the ids spelled out, PostgreSQL finds the group's input
    through the meeting index instead of reading all of the organisation's group input."""
    cached: list[int] | None = participant.__dict__.get("_attended_meetings")
    if cached is None:
        cached = list(
            Invitation.objects.filter(participant=participant, attended=True).values_list(
                "meeting_id", flat=True
            )
        )
        participant.__dict__["_attended_meetings"] = cached
    return cached


def _mine_and_group(participant: Participant) -> QuerySet[Contribution]:
    """The input the person gave, and their group's at meetings they attended."""
    return (
        Contribution.objects.filter(
            Q(participant=participant)
            | Q(participant=None, meeting_id__in=_attended_meetings(participant)),
            organisation=participant.organisation,
            withdrawn_at__isnull=True,
        )
        # The person's own input that was not passed on stays visible to them, marked as
        # such: input must never disappear without a word.
        .exclude(Q(review=Contribution.Review.REJECTED) & ~Q(participant=participant))
    )


def my_question_order(participant: Participant) -> dict[int, int]:
    """Every question the person or their group spoke on, the latest input first, with how
    much was said on it. One query that reads no input text: the personal page pages these,
    then reads one page."""
    return dict(
        _mine_and_group(participant)
        .values("question_id")
        .annotate(last=Max("created_at"), said=Count("id"))
        .order_by("-last", "-question_id")
        .values_list("question_id", "said")
    )


def my_page_order(said: dict[int, int], new: set[int]) -> list[int]:
    """The person's questions as their page lists them (`said` from `my_question_order`):
    those with a new answer first, so that the links at the top land on the first page;
    then the latest input first."""
    return sorted(said, key=lambda pk: pk not in new)


def shown_in_full(said: dict[int, int], question_ids: list[int]) -> list[int]:
    """Of these questions on a page of the personal page, those it shows all input of."""
    return [pk for pk in question_ids if said.get(pk, 0) <= MY_PAGE_INPUTS]


def my_questions(
    participant: Participant,
    *,
    language: str | None = None,
    question_ids: list[int] | None = None,
    per_question: int | None = None,
    told: dict[int, datetime] | None = None,
) -> list[MyQuestion]:
    """Questions the person spoke on, or was present for when the group spoke, each input
    with its own answer, newest first; only `question_ids` (in that order) when given.

    With `per_question`, only that many of each question's latest inputs are read, and
    each answer that is new to the person (`is_new_answer`, after `told` from `last_told`)
    with up to `NEW_ANSWER_INPUTS` of the things it answers, however old: what the page
    says is new is on it. Of those older new answers, the newest `NEW_ANSWERS_SHOWN` per
    question (by when they were written); `more_new` says how many more are on the
    question's own page.

    Texts are in `language` (default: the active one, as the personal page and the letter
    set it) where a translation exists. A fixed number of queries whatever the number of
    inputs.
    """
    language = participant_language(language or translation.get_language())
    found = _mine_and_group(participant).select_related("question", "response")
    # All input per question, also what is not read (`per_question`): the page says how much more.
    counted: dict[int, int] = {}
    hidden_new: dict[int, set[int]] = {}
    if question_ids is None:
        contributions = list(found.order_by("-created_at")[:200])
    else:
        found = found.filter(question_id__in=question_ids)
        if per_question is not None:
            # Only the latest few inputs of each question: a person who spoke fifty times
            # on one question still gets a short page. Their ids first (no text, no join),
            # then those rows.
            told = told or {}
            latest: dict[int, list[int]] = {}
            older: list[tuple[int, int, int, datetime]] = []
            on_page: dict[int, set[int | None]] = {}
            for pk, question_id, response_id, answered_at in found.order_by(
                "-created_at", "-pk"
            ).values_list("pk", "question_id", "response_id", "response__created_at"):
                counted[question_id] = counted.get(question_id, 0) + 1
                kept = latest.setdefault(question_id, [])
                if len(kept) < per_question:
                    kept.append(pk)
                    on_page.setdefault(question_id, set()).add(response_id)
                elif answered_at is not None and is_new_answer(told, question_id, answered_at):
                    older.append((pk, question_id, response_id, answered_at))
            # Of the older input's new answers (not already with the latest input), the
            # newest few per question show, each with a few of the things it answers; the
            # rest of an answer to forty things, and the other new answers, are on the
            # question's own page.
            newest: dict[int, dict[int, datetime]] = {}
            for _pk, question_id, response_id, answered_at in older:
                if response_id not in on_page[question_id]:
                    newest.setdefault(question_id, {})[response_id] = answered_at
            chosen: set[int] = set()
            for question_id, answers in newest.items():
                ranked = sorted(answers, key=lambda r: (answers[r], r), reverse=True)
                chosen.update(ranked[:NEW_ANSWERS_SHOWN])
                hidden_new[question_id] = set(ranked[NEW_ANSWERS_SHOWN:])
            under_new: dict[int, int] = {}
            for pk, question_id, response_id, _answered_at in older:
                if response_id in chosen or response_id in on_page[question_id]:
                    under_new[response_id] = under_new.get(response_id, 0) + 1
                    if under_new[response_id] <= NEW_ANSWER_INPUTS:
                        latest[question_id].append(pk)
            found = found.filter(pk__in=[pk for kept in latest.values() for pk in kept])
        contributions = list(found.order_by("-created_at", "-pk"))
    by_question: dict[int, MyQuestion] = {}
    seen: dict[int, set[int]] = {}
    for contribution in contributions:
        entry = by_question.setdefault(
            contribution.question_id, MyQuestion(contribution.question, [], [], [])
        )
        (entry.mine if contribution.participant_id else entry.group).append(contribution)
        answered = seen.setdefault(contribution.question_id, set())
        if contribution.response is not None and contribution.response.pk not in answered:
            answered.add(contribution.response.pk)
            entry.responses.append(contribution.response)
    items = pairs.items_in(contributions, participant_id=participant.pk, language=language)
    for entry_item in items:
        by_question[entry_item["question"]].items.append(entry_item)
    for entry in by_question.values():
        entry.total = counted.get(entry.question.pk, len(entry.mine) + len(entry.group))
        entry.more_new = len(hidden_new.get(entry.question.pk, set()))
        if told:
            entry.new_answer_ids = {
                r.pk
                for r in entry.responses
                if is_new_answer(told, entry.question.pk, r.created_at)
            }
    if question_ids is None:
        return list(by_question.values())
    return [by_question[pk] for pk in question_ids if pk in by_question]


def social_worker_name(participant: Participant) -> str:
    """The name of the person's social worker, for "whom to call"; empty without one."""
    if participant.social_worker_id is None:
        return ""
    worker = User.objects.filter(pk=participant.social_worker_id).first()
    return worker.display_name() if worker else ""


def my_feedback(participant: Participant, *, language: str) -> list[MyQuestion]:
    """The pairs (each input with its own answer) for the page, the letter, phone and SMS."""
    return my_questions(participant, language=language)


def last_told(participant: Participant) -> dict[int, datetime]:
    """When the person last heard back about each question, on any channel. One query."""
    return dict(
        FeedbackDelivery.objects.filter(participant=participant)
        .values("question_id")
        .annotate(last=Max("delivered_at"))
        .values_list("question_id", "last")
    )


def is_new_answer(told: dict[int, datetime], question_id: int, answered_at: datetime) -> bool:
    """The person heard back about the question once, and this answer came on a later day:
    they have not been told it yet. Days, not moments, as the records of hearing back."""
    return question_id in told and timezone.localdate(answered_at) > timezone.localdate(
        told[question_id]
    )


def new_answers(participant: Participant, told: dict[int, datetime] | None = None) -> set[int]:
    """The questions on which the person heard back once, and that got a new answer to their
    (or their group's) input since: they have not been told that answer yet. Two queries
    (one when `told`, from `last_told`, is given), neither reads input text."""
    if told is None:
        told = last_told(participant)
    if not told:
        return set()
    answered = (
        _mine_and_group(participant)
        .filter(question_id__in=told, response__isnull=False)
        .values_list("question_id", "response__created_at")
        .order_by()
        .distinct()
    )
    return {question for question, created in answered if is_new_answer(told, question, created)}


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

# The figures that open a list of what they count, by the slug their page uses.
FIGURE_ON_TIME = "op-tijd"
FIGURE_DAYS = "dagen"
FIGURE_HEARD_BACK = "teruggekoppeld"
FIGURE_OVERDUE = "te-laat"
FIGURES = (FIGURE_ON_TIME, FIGURE_DAYS, FIGURE_HEARD_BACK, FIGURE_OVERDUE)


@dataclass
class QuestionLine:
    """One question as the indicators count it."""

    question: Any
    due_on: date
    # The day of the last decision on its input: the answer's `decided_on`, else the day the
    # answer was written. Never its last edit: correcting a typo does not make it late.
    answered_on: date | None
    asked_on: date | None
    overdue: bool

    @property
    def on_time(self) -> bool:
        return self.answered_on is not None and self.answered_on <= self.due_on

    @property
    def days(self) -> int | None:
        if self.answered_on is None or self.asked_on is None:
            return None
        return max(0, (self.answered_on - self.asked_on).days)

    @property
    def days_late(self) -> int:
        """Days past the answer date: until the decision, or until today while unanswered."""
        until = self.answered_on or timezone.localdate()
        return max(0, (until - self.due_on).days)


@dataclass
class PersonLine:
    """Someone whose input was answered, and whether (and how) they heard the answers."""

    participant_id: int
    questions: list[Any]
    # How the person first heard the answer to each question they did hear about.
    heard: dict[int, str]

    @property
    def heard_back(self) -> bool:
        return all(q.pk in self.heard for q in self.questions)

    @property
    def channel(self) -> str | None:
        """The way the person first heard back; None until they heard about everything."""
        if not self.heard_back:
            return None
        return self.heard[self.questions[0].pk]

    @property
    def channel_label(self) -> str:
        return str(FeedbackDelivery.Channel(self.channel).label) if self.channel else ""

    @property
    def missing(self) -> list[Any]:
        return [q for q in self.questions if q.pk not in self.heard]


@dataclass
class Indicators:
    questions_due: int
    answered_on_time: int
    answered_on_time_share: int | None
    median_days_to_answer: float | None
    # People, each counted once: everyone who gave input (or was there when the group did).
    contributors: int
    # Of them, those whose input has a final answer, and those who heard all those answers.
    answered_contributors: int
    fed_back: int
    fed_back_share: int | None
    # (channel, people): each person once, under the way they first heard back.
    by_channel: list[tuple[str, int]]
    open_overdue: int

    def channels(self) -> list[tuple[str, int]]:
        """`by_channel` with each channel's name, for the page."""
        return [
            (str(FeedbackDelivery.Channel(channel).label), count)
            for channel, count in self.by_channel
        ]


@dataclass
class Measured:
    """The indicators and, for each figure, exactly what it counts."""

    indicators: Indicators
    due: list[QuestionLine]
    timed: list[QuestionLine]
    people: list[PersonLine]
    overdue: list[QuestionLine]


@dataclass
class LoopData:
    """The questions with live input, who gave it, where they were discussed, who was there
    when a group spoke, and who heard back. Plain tuples: a city has 100,000 inputs."""

    questions: list[Any]
    # Per question: (participant id or None for the group, meeting id) of each live input.
    inputs: dict[int, list[tuple[int | None, int | None]]]
    # Per question: the groups at whose meetings it was discussed.
    groups: dict[int, set[int]]
    present: dict[int, set[int]]
    # Per question, per person: when and how they first heard the answer.
    heard: dict[int, dict[int, tuple[datetime, str]]]

    def of_group(self, group_id: int) -> list[Any]:
        return [q for q in self.questions if group_id in self.groups.get(q.pk, ())]


def _loop_data(membership: Membership, service_ids: list[int] | None = None) -> LoopData:
    """Everything the indicators need, in six queries however much there is.

    A question's counts, answer day and first discussion day are kept on it (`state`).
    """
    questions = Question.objects.filter(
        organisation=membership.organisation, answer_due_on__isnull=False, live_inputs__gt=0
    ).select_related("service")
    if service_ids is not None:
        questions = questions.filter(service_id__in=service_ids)
    loaded: list[Any] = list(questions.order_by("answer_due_on", "pk"))
    scope = questions.values("pk")
    inputs: dict[int, list[tuple[int | None, int | None]]] = {}
    for question_id, participant_id, meeting_id in (
        Contribution.objects.filter(
            question__in=scope, review=Contribution.Review.APPROVED, withdrawn_at__isnull=True
        )
        .order_by()
        .values_list("question_id", "participant_id", "meeting_id")
    ):
        inputs.setdefault(question_id, []).append((participant_id, meeting_id))
    groups: dict[int, set[int]] = {}
    for question_id, group_id in (
        AgendaItem.objects.filter(question__in=scope, kind=AgendaItem.Kind.QUESTION)
        .order_by()
        .values_list("question_id", "meeting__group_id")
    ):
        groups.setdefault(question_id, set()).add(group_id)
    group_meetings = {
        meeting_id
        for rows in inputs.values()
        for participant_id, meeting_id in rows
        if participant_id is None and meeting_id
    }
    present: dict[int, set[int]] = {}
    for meeting_id, participant_id in (
        Invitation.objects.filter(meeting_id__in=group_meetings, attended=True)
        .order_by()
        .values_list("meeting_id", "participant_id")
    ):
        present.setdefault(meeting_id, set()).add(participant_id)
    # Feedback counts from the day of the question's newest answer: who heard only an
    # earlier answer has not heard what happened in the end (as `services.told_since`).
    newest = {
        question_id: timezone.localdate(moment)
        for question_id, moment in Response.objects.filter(question__in=scope)
        .order_by()
        .values("question_id")
        .annotate(newest=Max("created_at"))
        .values_list("question_id", "newest")
    }
    heard: dict[int, dict[int, tuple[datetime, str]]] = {}
    for question_id, participant_id, delivered_at, channel in (
        FeedbackDelivery.objects.filter(question__in=scope)
        .order_by("delivered_at", "pk")
        .values_list("question_id", "participant_id", "delivered_at", "channel")
    ):
        since = newest.get(question_id)
        if since is not None and timezone.localdate(delivered_at) < since:
            continue
        heard.setdefault(question_id, {}).setdefault(participant_id, (delivered_at, channel))
    return LoopData(loaded, inputs, groups, present, heard)


def _share(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def _measure(data: LoopData, questions: list[Any]) -> Measured:
    today = timezone.localdate()
    due: list[QuestionLine] = []
    timed: list[QuestionLine] = []
    overdue: list[QuestionLine] = []
    contributors: set[int] = set()
    answered_by: dict[int, list[Any]] = {}
    for question in sorted(questions, key=lambda q: (q.answer_due_on, q.pk)):
        answered = question.open_inputs == 0
        line = QuestionLine(
            question=question,
            due_on=question.answer_due_on,
            answered_on=question.answered_on if answered else None,
            asked_on=question.asked_on,
            # A question is due once its date has passed: the service has the whole last day.
            overdue=not answered and question.answer_due_on < today,
        )
        if answered or line.overdue:
            due.append(line)
        if line.overdue:
            overdue.append(line)
        if line.days is not None:
            timed.append(line)
        # Everyone present when the group spoke counts as a contributor, for feedback.
        people: set[int] = set()
        for participant_id, meeting_id in data.inputs.get(question.pk, ()):
            if participant_id is not None:
                people.add(participant_id)
            elif meeting_id:
                people |= data.present.get(meeting_id, set())
        contributors |= people
        if answered:
            for person in people:
                answered_by.setdefault(person, []).append(question)
    people_lines = []
    for person, asked in sorted(answered_by.items()):
        heard = {
            q.pk: found
            for q in asked
            if (found := data.heard.get(q.pk, {}).get(person)) is not None
        }
        # The first question the person heard about comes first: its channel is theirs.
        asked.sort(
            key=lambda q: (
                q.pk not in heard,
                heard[q.pk][0].timestamp() if q.pk in heard else 0,
                q.pk,
            )
        )
        people_lines.append(
            PersonLine(person, asked, {pk: channel for pk, (_at, channel) in heard.items()})
        )
    fed_back = [p for p in people_lines if p.heard_back]
    channels: dict[str, int] = {}
    for person_line in fed_back:
        channel = person_line.channel or ""
        channels[channel] = channels.get(channel, 0) + 1
    on_time = sum(1 for line in due if line.on_time)
    days = [line.days for line in timed if line.days is not None]
    indicators = Indicators(
        questions_due=len(due),
        answered_on_time=on_time,
        answered_on_time_share=_share(on_time, len(due)),
        median_days_to_answer=statistics.median(days) if days else None,
        contributors=len(contributors),
        answered_contributors=len(people_lines),
        fed_back=len(fed_back),
        fed_back_share=_share(len(fed_back), len(people_lines)),
        by_channel=[
            (channel, channels[channel])
            for channel in FeedbackDelivery.Channel.values
            if channel in channels
        ],
        open_overdue=len(overdue),
    )
    return Measured(indicators, due, timed, people_lines, overdue)


def measure(
    membership: Membership, *, group_id: int | None = None, service_id: int | None = None
) -> Measured:
    """The loop's figures for the organisation, one group or one service, with what they count.

    A question belongs to a group when it was discussed at one of the group's meetings.
    """
    data = _loop_data(membership, [service_id] if service_id is not None else None)
    questions = data.of_group(group_id) if group_id is not None else data.questions
    return _measure(data, questions)


def indicators(
    membership: Membership, *, group_id: int | None = None, service_id: int | None = None
) -> Indicators:
    """The loop's health: answered on time, how fast, and whether people heard back."""
    return measure(membership, group_id=group_id, service_id=service_id).indicators


@dataclass
class IndicatorRow:
    """One row of the indicators page; `scope` is the query string of its lists."""

    name: str
    indicators: Indicators
    scope: str = ""


def indicator_rows(
    membership: Membership,
    *,
    whole: bool,
    groups: list[tuple[int, str]],
    services: list[tuple[int, str]],
) -> tuple[list[IndicatorRow], list[IndicatorRow], list[IndicatorRow]]:
    """The indicators for the organisation, each group and each service, read once."""
    data = _loop_data(membership, None if whole else [pk for pk, _name in services])
    by_group: dict[int, list[Any]] = {}
    by_service: dict[int, list[Any]] = {}
    for question in data.questions:
        for group_id in data.groups.get(question.pk, ()):
            by_group.setdefault(group_id, []).append(question)
        by_service.setdefault(question.service_id, []).append(question)
    organisation_rows = (
        [IndicatorRow(_("Whole organisation"), _measure(data, data.questions).indicators)]
        if whole
        else []
    )
    group_rows = [
        IndicatorRow(name, _measure(data, by_group.get(pk, [])).indicators, f"groep={pk}")
        for pk, name in groups
    ]
    service_rows = [
        IndicatorRow(name, _measure(data, by_service.get(pk, [])).indicators, f"dienst={pk}")
        for pk, name in services
    ]
    return organisation_rows, group_rows, service_rows


def invitation_counts(meeting_ids: list[int]) -> dict[int, Any]:
    rows = (
        Invitation.objects.filter(meeting_id__in=meeting_ids)
        .values("meeting_id")
        .annotate(
            invited=Count("pk"),
            yes=Count("pk", filter=Q(reply=Invitation.Reply.YES)),
            came=Count("pk", filter=Q(attended=True)),
        )
    )
    return {row["meeting_id"]: row for row in rows}
