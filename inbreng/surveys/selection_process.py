"""The child process of `selection.select_within`: it imports nothing of Django's models
before Django is set up, so that it can be started fresh (spawned)."""

from __future__ import annotations

from typing import Any


def run(
    connection: Any,
    language: str,
    volunteers: list[tuple[str, dict[str, str]]],
    quotas: list[tuple[str, str, int, int]],
    size: int,
    seed: int,
) -> None:
    """Chooses the group and sends ("ok", result) or ("failed", message) back."""
    import django
    from django.utils import translation

    django.setup()
    translation.activate(language)
    from .selection import QuotaSpec, SelectionFailed, select

    try:
        result = select(volunteers, [QuotaSpec(*q) for q in quotas], size=size, seed=seed)
        connection.send(("ok", result))
    except SelectionFailed as error:
        connection.send(("failed", str(error)))
    finally:
        connection.close()
