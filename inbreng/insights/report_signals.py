"""The yearly report's part on signals, advice and results (from `inbreng.signals`).

Signals and advice sent in the year with their current answer (the newest version), and the
results that were worked on in the year, with their state: what changed because of what
participants said. Four aggregate or capped queries, however many signals a city sends.
Titles only: the signals app refuses personal data in them, and the report names nobody.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from inbreng.core.models import Organisation
from inbreng.signals.models import Result, Signal, SignalAnswer

from .reach import period_bounds

MAX_LISTED = 30
# Answers that say the body acts on it: what a council reads as "followed".
ACTED_ON = (
    SignalAnswer.Decision.FOLLOWED,
    SignalAnswer.Decision.PARTLY,
    SignalAnswer.Decision.ACTING,
)


@dataclass
class SignalLine:
    pk: int
    kind: str
    title: str
    body: str
    status: str
    decision: str  # "" while not answered
    decided_on: date | None
    due_on: date


@dataclass
class ResultLine:
    pk: int
    title: str
    status: str
    progress: int
    due_on: date | None
    from_signal: bool


@dataclass
class SignalsPart:
    signals: int = 0
    advice: int = 0
    answered: int = 0
    answered_on_time: int = 0
    acted_on: int = 0
    lines: list[SignalLine] = field(default_factory=list)
    results: int = 0
    results_by_status: list[tuple[str, int]] = field(default_factory=list)
    result_lines: list[ResultLine] = field(default_factory=list)

    @property
    def sent(self) -> int:
        return self.signals + self.advice


def signals_part(organisation: Organisation, year: int) -> SignalsPart:
    start, end = period_bounds(year)
    sent = Signal.objects.filter(
        organisation=organisation, created_at__gte=start, created_at__lt=end
    )
    current = SignalAnswer.objects.filter(
        organisation=organisation, signal_id=OuterRef("pk")
    ).order_by("-version", "-pk")
    sent = sent.annotate(
        decision=Subquery(current.values("decision")[:1]),
        decided_on=Subquery(current.values("decided_on")[:1]),
    )
    figures = sent.aggregate(
        signals=Count("pk", filter=Q(kind=Signal.Kind.SIGNAL)),
        advice=Count("pk", filter=Q(kind=Signal.Kind.ADVICE)),
        answered=Count("pk", filter=Q(status=Signal.Status.ANSWERED)),
        on_time=Count("pk", filter=Q(status=Signal.Status.ANSWERED, answered_on__lte=F("due_on"))),
        acted_on=Count("pk", filter=Q(decision__in=ACTED_ON)),
    )
    kinds, statuses = dict(Signal.Kind.choices), dict(Signal.Status.choices)
    decisions = dict(SignalAnswer.Decision.choices)
    lines = [
        SignalLine(
            pk=pk,
            kind=str(kinds.get(kind, kind)),
            title=title,
            body=body,
            status=str(statuses.get(status, status)),
            decision=str(decisions.get(decision, "")) if decision else "",
            decided_on=decided_on,
            due_on=due_on,
        )
        for pk, kind, title, body, status, decision, decided_on, due_on in sent.order_by(
            "created_at", "pk"
        ).values_list(
            "pk", "kind", "title", "body__name", "status", "decision", "decided_on", "due_on"
        )[:MAX_LISTED]
    ]
    # Worked on in the year: made before its end, and changed in the year or still going.
    worked_on = Result.objects.filter(organisation=organisation, created_at__lt=end).filter(
        Q(updated_at__gte=start) | ~Q(status__in=Result.FINISHED)
    )
    result_statuses = dict(Result.Status.choices)
    by_status = {
        status: n
        for status, n in worked_on.order_by()
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    }
    result_lines = [
        ResultLine(
            pk=pk,
            title=title,
            status=str(result_statuses.get(status, status)),
            progress=progress,
            due_on=due_on,
            from_signal=answer_id is not None,
        )
        for pk, title, status, progress, due_on, answer_id in worked_on.annotate(
            day=Coalesce("due_on", F("created_at__date"))
        )
        .order_by("status", "day", "pk")
        .values_list("pk", "title", "status", "progress", "due_on", "answer_id")[:MAX_LISTED]
    ]
    return SignalsPart(
        signals=figures["signals"],
        advice=figures["advice"],
        answered=figures["answered"],
        answered_on_time=figures["on_time"],
        acted_on=figures["acted_on"],
        lines=lines,
        results=sum(by_status.values()),
        results_by_status=[
            (str(label), by_status[code])
            for code, label in Result.Status.choices
            if code in by_status
        ],
        result_lines=result_lines,
    )
