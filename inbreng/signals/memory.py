"""Puts signals, advice and their answers into the memory (the archive app).

The memory holds no personal data: only the signal's own texts (refused when they hold
personal data), the answer, the themes, the body and the group's or partner's name.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from .models import Signal, SignalAnswer


def key_of(signal: Signal) -> str:
    return f"signal:{signal.pk}"


def remember(signal: Signal, answer: SignalAnswer | None = None) -> None:
    from inbreng.archive.services import entry_put

    answer = answer or signal.answers.order_by("-version").first()
    parts = [signal.text, signal.recommendations, signal.figures]
    if answer is not None:
        parts += [answer.text, answer.reasons]
    source = signal.group or signal.partner
    entry_put(
        organisation=signal.organisation,
        key=key_of(signal),
        kind=signal.kind,
        title=signal.title,
        text="\n\n".join(part for part in parts if part),
        themes=sorted(signal.themes.values_list("name", flat=True)),
        period=timezone.localdate(signal.created_at),
        body_name=signal.body.name,
        # The lazy label: the memory keeps its source text, each reader sees their language.
        status=(
            SignalAnswer.Decision(answer.decision).label
            if answer
            else Signal.Status(signal.status).label
        ),
        group_name=source.name if source is not None else "",
        url=reverse("signals:detail", args=[signal.pk]),
        shareable=signal.shareable,
    )
