"""Connects results to the rest of Inbreng; the app's `ready` calls `connect()`."""

from __future__ import annotations


def connect() -> None:
    from inbreng.core.services import register_answer_notes, register_home_panel

    from . import rules  # noqa: F401 (registers the permissions)
    from .notes import result_notes
    from .panels import results_panel

    register_home_panel(results_panel)
    register_answer_notes(result_notes)
