"""Surveys: questionnaires, waves and responses (core.py) and sampling (sampling.py).

See docs/surveys.md. Every table is tenant-owned and its indexes start with the organisation.
"""

from __future__ import annotations

from .core import (
    Answer,
    Choice,
    Mode,
    PaperDifference,
    PaperEntry,
    QuestionKind,
    Questionnaire,
    QuestionnaireVersion,
    QuestionTranslation,
    Response,
    Survey,
    SurveyLink,
    SurveyQuestion,
    Wave,
)
from .results import AnswerTally, TallyState, Theme, ThemeCode
from .sampling import (
    FrameUnit,
    Quota,
    Sample,
    SampleUnit,
    SamplingFrame,
    Selection,
    Volunteer,
    VolunteerPool,
)

__all__ = [
    "Answer",
    "AnswerTally",
    "Choice",
    "FrameUnit",
    "Mode",
    "PaperDifference",
    "PaperEntry",
    "QuestionKind",
    "QuestionTranslation",
    "Questionnaire",
    "QuestionnaireVersion",
    "Quota",
    "Response",
    "Sample",
    "SampleUnit",
    "SamplingFrame",
    "Selection",
    "Survey",
    "SurveyLink",
    "SurveyQuestion",
    "TallyState",
    "Theme",
    "ThemeCode",
    "Volunteer",
    "VolunteerPool",
    "Wave",
]
