"""Results and hearings in the memory (armoedegeheugen), without personal data."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.urls import reverse

if TYPE_CHECKING:
    from ..models import Hearing, Result


def _entry_put(**fields: Any) -> None:
    try:
        from inbreng.archive.services import entry_put
    except ImportError:  # pragma: no cover - the memory app is not installed
        return
    entry_put(**fields)


def _source(result: Result) -> tuple[list[str], str, bool]:
    """Themes, group name and shareability from where the result came from."""
    answer = result.answer
    if answer is not None:
        signal = answer.signal
        return (
            [t.name for t in signal.themes.all()],
            signal.group.name if signal.group_id and signal.group else "",
            bool(signal.shareable),
        )
    response = result.response
    if response is not None:
        trajectory = response.question.trajectory
        group = trajectory.group if trajectory and trajectory.group_id else None
        return [], group.name if group else "", False
    return [], "", False


def put_result(result: Result) -> None:
    themes, group_name, shareable = _source(result)
    _entry_put(
        organisation=result.organisation,
        key=f"result:{result.pk}",
        kind="result",
        title=result.title,
        text=result.meaning,
        themes=themes,
        period=result.due_on or result.created_at.date(),
        body_name=result.service.name if result.service else "",
        status=type(result).Status(result.status).label,  # lazy: see archive.source_text
        group_name=group_name,
        url=reverse("signals:result", kwargs={"pk": result.pk}),
        shareable=shareable,
    )


def put_hearing(hearing: Hearing) -> None:
    if not hearing.outcome.strip():
        return
    _entry_put(
        organisation=hearing.organisation,
        key=f"hearing:{hearing.pk}",
        kind="minutes",
        title=str(hearing.title),
        text=hearing.outcome,
        themes=[],
        period=hearing.held_on or date(hearing.year, 1, 1),
        body_name=hearing.body.name,
        status="",
        group_name=hearing.group.name if hearing.group else "",
        url=reverse("signals:hearing", kwargs={"pk": hearing.pk}),
        shareable=False,
    )
