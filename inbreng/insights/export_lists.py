"""The rows of each list export: scoped to the reader, in a few queries however long.

Rows are read with `values_list(...).iterator()`: no model instances, no query per row.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from inbreng.core.models import Membership
from inbreng.participation.models import Contribution, Invitation, Meeting, Question, Response
from inbreng.participation.selectors import questions_visible_to, sees_names

from .channels import ChannelTable
from .exports import percent
from .reach import MIN_SHOWN, Reach
from .report import YearReport
from .trend import Trend

CHUNK = 2000


def question_headers() -> list[str]:
    return [
        _("Question"),
        _("Service"),
        _("Trajectory"),
        _("Status"),
        _("Asked on"),
        _("Answer due on"),
        _("Answered on"),
        _("Input"),
        _("Input without final answer"),
        _("Late"),
    ]


def question_rows(membership: Membership) -> Iterator[list[Any]]:
    statuses = dict(Question.Status.choices)
    today = timezone.localdate()
    rows = (
        questions_visible_to(membership)
        .order_by("-created_at", "-pk")
        .values_list(
            "title",
            "service__name",
            "trajectory__title",
            "status",
            "asked_on",
            "answer_due_on",
            "answered_on",
            "live_inputs",
            "open_inputs",
        )
    )
    for title, service, trajectory, status, asked, due, answered, live, open_ in rows.iterator(
        chunk_size=CHUNK
    ):
        late = bool(open_ and due is not None and due < today)
        yield [
            title,
            service,
            trajectory or "",
            str(statuses.get(status, status)),
            asked,
            due,
            answered,
            live,
            open_,
            late,
        ]


def input_headers() -> list[str]:
    return [
        _("Question"),
        _("Service"),
        _("Recorded on"),
        _("Who said it"),
        _("What was said"),
        _("How many agreed"),
        _("How many were there"),
        _("Answer"),
        _("Explanation"),
        _("Decided on"),
    ]


def _letter(index: int) -> str:
    import string

    return string.ascii_uppercase[index % 26] + (str(index // 26) if index >= 26 else "")


def input_rows(membership: Membership) -> Iterator[list[Any]]:
    """Each passed-on input with its answer. Names only for coordinators and admins; others
    see "Participant A", the same letters as on the question's page (first to speak is A)."""
    names = sees_names(membership)
    statuses = dict(Response.Status.choices)
    fields = [
        "question_id",
        "question__title",
        "question__service__name",
        "created_at",
        "participant_id",
        "text",
        "agreed_count",
        "present_count",
        "response__status",
        "response__explanation",
        "response__decided_on",
    ]
    if names:
        fields.append("participant__name")
    rows = (
        Contribution.objects.filter(
            organisation=membership.organisation,
            question__in=questions_visible_to(membership).values("pk"),
            review=Contribution.Review.APPROVED,
            withdrawn_at__isnull=True,
        )
        .order_by("question_id", "created_at", "pk")
        .values_list(*fields)
    )
    current_question = None
    letters: dict[int, str] = {}
    for row in rows.iterator(chunk_size=CHUNK):
        question_id, title, service, created, participant_id = row[:5]
        text, agreed, present, status, explanation, decided = row[5:11]
        if question_id != current_question:
            current_question, letters = question_id, {}
        if participant_id is None:
            who = _("The group")
        elif names:
            who = row[11]
        else:
            letter = letters.setdefault(participant_id, _letter(len(letters)))
            who = _("Participant %(letter)s") % {"letter": letter}
        yield [
            title,
            service,
            created,
            who,
            text,
            agreed,
            present,
            str(statuses.get(status, "")) if status else "",
            explanation or "",
            decided,
        ]


def meeting_headers() -> list[str]:
    return [
        _("Meeting"),
        _("Group"),
        _("Starts at"),
        _("Status"),
        _("Invited"),
        _("Said yes"),
        _("Was there"),
    ]


def meeting_rows(membership: Membership) -> Iterator[list[Any]]:
    statuses = dict(Meeting.Status.choices)
    rows = (
        Meeting.objects.filter(organisation=membership.organisation)
        .order_by("-starts_at", "-pk")
        .values("pk")
        .annotate(
            invited=Count("invitations"),
            yes=Count("invitations", filter=Q(invitations__reply=Invitation.Reply.YES)),
            came=Count("invitations", filter=Q(invitations__attended=True)),
        )
        .values_list("title", "group__name", "starts_at", "status", "invited", "yes", "came")
    )
    for title, group, starts, status, invited, yes, came in rows.iterator(chunk_size=CHUNK):
        yield [title, group, starts, str(statuses.get(status, status)), invited, yes, came]


def reach_headers() -> list[str]:
    return [
        _("Question"),
        _("Answer"),
        _("Took part"),
        _("Share"),
        _("Share of clients"),
        _("Difference"),
        pgettext("reach table: missing or under-represented", "Signal"),
    ]


def reach_rows(found: Reach) -> Iterator[list[Any]]:
    """The reach tables as rows, with exactly what the page shows: hidden stays hidden."""
    if found.total < MIN_SHOWN:
        return
    hidden = _("not shown")
    for table in found.tables:
        for row in table.rows:
            signal = (
                _("Missing")
                if row.missing
                else _("Under-represented")
                if row.under_represented
                else ""
            )
            yield [
                table.label,
                row.label,
                row.count if row.count is not None else hidden,
                percent(row.share),
                percent(row.population_share),
                row.gap,
                signal,
            ]
        for label, value in (
            (_("Rather not say"), table.prefer_not),
            (_("Not asked"), table.not_asked),
        ):
            yield [table.label, label, value if value is not None else hidden, None, None, None, ""]


def trend_headers() -> list[str]:
    return [
        _("Question"),
        _("Answer"),
        _("Year"),
        _("Took part"),
        _("Share"),
        _("Share of clients"),
        pgettext("reach table: missing or under-represented", "Signal"),
    ]


def trend_rows(found: Trend) -> Iterator[list[Any]]:
    """Each year's cells exactly as that year's reach table shows them; no totals over years."""
    hidden = _("not shown")
    for table in found.tables:
        for row in table.rows:
            for cell, total in zip(row.cells, found.totals, strict=True):
                if total is None:
                    continue
                yield [
                    table.label,
                    row.label,
                    cell.year,
                    cell.count if cell.count is not None else hidden,
                    percent(cell.share),
                    percent(cell.population_share),
                    _("Under-represented") if cell.under_represented else "",
                ]


def channel_headers() -> list[str]:
    return [_("Invited by"), _("Invited"), _("Came"), _("Did not come"), _("Share that came")]


def channel_rows(found: ChannelTable) -> Iterator[list[Any]]:
    if found.all_hidden:
        return
    hidden = _("not shown")
    for row in found.rows:
        if row.hidden:
            yield [row.label, hidden, hidden, hidden, None]
        else:
            yield [row.label, row.invited, row.came, row.stayed, percent(row.came_share)]
    total = found.invited or 0
    yield [
        _("Total"),
        found.invited,
        found.came,
        found.stayed,
        percent(round(100 * (found.came or 0) / total) if total else None),
    ]


def report_headers() -> list[str]:
    return [_("What"), _("Number")]


def report_rows(report: YearReport) -> Iterator[list[Any]]:
    fewer = _("fewer than %(min_shown)s") % {"min_shown": MIN_SHOWN}
    yield [_("Meetings held"), report.meetings_held]
    yield [_("Groups that met"), report.groups_met]
    yield [_("People who took part"), report.reached if report.reached is not None else fewer]
    yield [
        _("Invited but never came"),
        report.invited_not_reached if report.invited_not_reached is not None else fewer,
    ]
    yield [_("Questions asked"), report.questions_asked]
    yield [_("Questions due for an answer"), report.questions_due]
    yield [_("Answered on time"), report.answered_on_time]
    yield [_("Answers that changed something (adopted, partly adopted or done)"), report.adopted]
    channels = report.channels
    if channels.rows and not channels.all_hidden:
        for row in channels.rows:
            label = _("Invited by %(channel)s: invited / came / did not come") % {
                "channel": row.label
            }
            value = _("not shown") if row.hidden else f"{row.invited} / {row.came} / {row.stayed}"
            yield [label, value]
    part = report.signals
    yield [_("Signals sent"), part.signals]
    yield [_("Advice given"), part.advice]
    yield [_("Signals and advice answered"), part.answered]
    yield [_("Signals and advice answered on time"), part.answered_on_time]
    yield [_("Followed, partly followed, or acted on"), part.acted_on]
    for line in part.lines:
        yield [f"{line.kind}: {line.title}", line.decision or line.status]
    yield [_("Results worked on"), part.results]
    for status, n in part.results_by_status:
        yield [_("Results: %(state)s") % {"state": status}, n]
    for result in part.result_lines:
        yield [
            _("Result: %(title)s") % {"title": result.title},
            f"{result.status}, {result.progress}%",
        ]


def signal_headers() -> list[str]:
    return [
        _("Title"),
        _("Kind"),
        _("To"),
        _("Sent on"),
        _("Answer due on"),
        _("Status"),
        _("Answer"),
        _("Decided on"),
        _("Decided by"),
        _("The answer in plain words"),
        _("Reasons"),
    ]


def signal_rows(membership: Membership) -> Iterator[list[Any]]:
    """Signals and advice the reader may see, each with its current answer (newest version)."""
    from django.db.models import OuterRef, Subquery

    from inbreng.signals.models import Signal, SignalAnswer
    from inbreng.signals.selectors import signals_visible_to

    current = SignalAnswer.objects.filter(
        organisation=membership.organisation, signal_id=OuterRef("pk")
    ).order_by("-version", "-pk")

    def newest(name: str) -> Subquery:
        return Subquery(current.values(name)[:1])

    kinds, statuses = dict(Signal.Kind.choices), dict(Signal.Status.choices)
    decisions = dict(SignalAnswer.Decision.choices)
    rows = (
        signals_visible_to(membership)
        .annotate(
            decision=newest("decision"),
            decided_on=newest("decided_on"),
            decided_by=newest("decided_by"),
            answer=newest("text"),
            reasons=newest("reasons"),
        )
        .order_by("-created_at", "-pk")
        .values_list(
            "title",
            "kind",
            "body__name",
            "created_at",
            "due_on",
            "status",
            "decision",
            "decided_on",
            "decided_by",
            "answer",
            "reasons",
        )
    )
    for (
        title,
        kind,
        body,
        sent,
        due,
        status,
        decision,
        decided,
        by,
        answer,
        reasons,
    ) in rows.iterator(chunk_size=CHUNK):
        yield [
            title,
            str(kinds.get(kind, kind)),
            body,
            sent,
            due,
            str(statuses.get(status, status)),
            str(decisions.get(decision, "")) if decision else "",
            decided,
            by or "",
            answer or "",
            reasons or "",
        ]
