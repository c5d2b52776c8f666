"""Signals and advice to policy bodies, their answers, results, council seats and hearings.

`core.py` holds bodies, themes, signals and answers; `results.py` holds results, milestones,
advisory-council seats and items, and the yearly hearing.
"""

from __future__ import annotations

from .core import (
    Body,
    BodyPolicyMaker,
    Signal,
    SignalAnswer,
    SignalAnswerResponse,
    SignalAttachment,
    SignalContribution,
    SignalTheme,
    Theme,
)
from .results import (
    CouncilItem,
    CouncilSeat,
    Hearing,
    HearingItem,
    Milestone,
    Result,
    ResultTranslation,
)

__all__ = [
    "Body",
    "BodyPolicyMaker",
    "CouncilItem",
    "CouncilSeat",
    "Hearing",
    "HearingItem",
    "Milestone",
    "Result",
    "ResultTranslation",
    "Signal",
    "SignalAnswer",
    "SignalAnswerResponse",
    "SignalAttachment",
    "SignalContribution",
    "SignalTheme",
    "Theme",
]
