"""Coding open answers into themes (admin and coordinator)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Answer, SurveyQuestion, Theme, ThemeCode, Wave


@transaction.atomic
def theme_add(*, wave: Wave, question: SurveyQuestion, name: str, by: Any) -> Theme:
    """A new theme for the open answers to `question` in `wave`."""
    name = " ".join(name.split())
    if Theme.objects.filter(wave=wave, question=question, name__iexact=name).exists():
        raise ValidationError({"name": _("This theme already exists.")})
    theme = Theme(
        organisation=wave.organisation, wave=wave, question=question, name=name, created_by=by
    )
    theme.full_clean()
    theme.save()
    return theme


@transaction.atomic
def answers_code(*, theme: Theme, answer_ids: Sequence[int]) -> int:
    """Places the chosen open answers under the theme; returns how many were new."""
    answers = list(
        Answer.objects.filter(
            organisation=theme.organisation,
            question_id=theme.question_id,
            response__wave_id=theme.wave_id,
            pk__in=list(answer_ids)[:500],
        ).values_list("pk", flat=True)
    )
    existing = set(
        ThemeCode.objects.filter(theme=theme, answer_id__in=answers).values_list(
            "answer_id", flat=True
        )
    )
    made = ThemeCode.objects.bulk_create(
        [
            ThemeCode(organisation=theme.organisation, theme=theme, answer_id=pk)
            for pk in answers
            if pk not in existing
        ]
    )
    return len(made)
