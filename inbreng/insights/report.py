"""The yearly report's figures: a handful of aggregate queries, however large the city."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from inbreng.core.models import Organisation
from inbreng.participation.models import Invitation, Meeting, Question, Response
from inbreng.people.models import Participant

from .channels import ChannelTable, by_channel
from .models import ReportText
from .reach import MIN_SHOWN, period_bounds, took_part
from .report_signals import SignalsPart, signals_part

ADOPTED = (Response.Status.ADOPTED, Response.Status.PARTLY, Response.Status.DONE)
MAX_LISTED = 30


@dataclass
class YearReport:
    year: int
    groups_met: int
    meetings_held: int
    # People counts under MIN_SHOWN are None: shown as "fewer than 5".
    reached: int | None
    invited_not_reached: int | None
    questions_asked: int
    questions_due: int
    answered_on_time: int
    adopted: int
    adopted_questions: list[str]
    text: str
    channels: ChannelTable
    signals: SignalsPart
    made_at: str = ""  # local time the figures were computed, when kept

    @property
    def on_time_share(self) -> int | None:
        return (
            round(100 * self.answered_on_time / self.questions_due) if self.questions_due else None
        )


def _people(n: int) -> int | None:
    return n if n == 0 or n >= MIN_SHOWN else None


def year_report(organisation: Organisation, year: int, *, made_at: str = "") -> YearReport:
    start, end = period_bounds(year)
    held = Meeting.objects.filter(
        organisation=organisation,
        status=Meeting.Status.HELD,
        starts_at__gte=start,
        starts_at__lt=end,
    ).aggregate(meetings=Count("pk"), groups=Count("group_id", distinct=True))
    reached = took_part(organisation, year)
    invited = Participant.objects.filter(
        organisation=organisation,
        erased_at__isnull=True,
        pk__in=Invitation.objects.filter(
            organisation=organisation,
            meeting__starts_at__gte=start,
            meeting__starts_at__lt=end,
        ).values("participant_id"),
    ).exclude(pk__in=reached.values("pk"))
    today = timezone.localdate()
    questions = Question.objects.filter(organisation=organisation)
    asked = questions.filter(
        Q(asked_on__year=year) | Q(asked_on__isnull=True, created_at__gte=start, created_at__lt=end)
    ).count()
    # As the indicators count it: a question with input is due once answered or once its
    # answer date has passed; on time when the last decision fell on or before that date.
    loop = questions.filter(live_inputs__gt=0, answer_due_on__year=year).aggregate(
        due=Count("pk", filter=Q(open_inputs=0) | Q(answer_due_on__lt=today)),
        on_time=Count(
            "pk",
            filter=Q(open_inputs=0, answered_on__isnull=False)
            & Q(answered_on__lte=F("answer_due_on")),
        ),
    )
    adopted = (
        Response.objects.filter(organisation=organisation, status__in=ADOPTED)
        .annotate(day=Coalesce("decided_on", "created_at__date"))
        .filter(day__year=year)
    )
    adopted_titles = list(
        adopted.order_by("question__title")
        .values_list("question__title", flat=True)
        .distinct()[:MAX_LISTED]
    )
    text = (
        ReportText.objects.filter(organisation=organisation, year=year)
        .values_list("text", flat=True)
        .first()
    )
    return YearReport(
        year=year,
        groups_met=held["groups"],
        meetings_held=held["meetings"],
        reached=_people(reached.count()),
        invited_not_reached=_people(invited.count()),
        questions_asked=asked,
        questions_due=loop["due"],
        answered_on_time=loop["on_time"],
        adopted=adopted.count(),
        adopted_questions=adopted_titles,
        text=text or "",
        channels=by_channel(organisation, year),
        signals=signals_part(organisation, year),
        made_at=made_at,
    )
