"""Coding open answers into themes, so that what people wrote in their own words is counted."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Theme(models.Model):
    """A theme found in the open answers to one question in one wave."""

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    wave = models.ForeignKey("surveys.Wave", on_delete=models.CASCADE, related_name="+")
    question = models.ForeignKey(
        "surveys.SurveyQuestion", on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("theme"), max_length=100)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["organisation", "wave", "question"])]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "wave", "question", "name"], name="survey_theme_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ThemeCode(models.Model):
    """One open answer placed under one theme (an answer can fit several)."""

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="codes")
    answer = models.ForeignKey("surveys.Answer", on_delete=models.CASCADE, related_name="+")

    class Meta:
        indexes = [
            models.Index(fields=["organisation", "theme"]),
            models.Index(fields=["organisation", "answer"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "theme", "answer"], name="survey_theme_code_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.theme_id}/{self.answer_id}"


class AnswerTally(models.Model):
    """Derived state: how many complete responses in (stratum, weight) gave `value` to a
    question in a wave. A question's tallies are counted again when the wave's responses
    changed since they were counted (see surveys/tallies.py)."""

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    wave = models.ForeignKey("surveys.Wave", on_delete=models.CASCADE, related_name="+")
    question = models.ForeignKey(
        "surveys.SurveyQuestion", on_delete=models.CASCADE, related_name="+"
    )
    stratum = models.CharField(max_length=100, blank=True)
    weight = models.FloatField()
    value = models.TextField(blank=True)
    number = models.FloatField(null=True, blank=True)
    count = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["organisation", "wave", "question"])]

    def __str__(self) -> str:
        return f"{self.question_id} {self.stratum} {self.value}: {self.count}"


class TallyState(models.Model):
    """What the wave's tallies were counted from: when the complete responses (their number,
    the last completion, the sum of their weights) differ, the tallies are counted again."""

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    wave = models.ForeignKey("surveys.Wave", on_delete=models.CASCADE, related_name="+")
    fingerprint = models.CharField(max_length=200)
    # The complete responses per cell: [[stratum, weight, number of responses], ...].
    responses = models.JSONField(default=list)
    # Each question's tallies were counted at this fingerprint: {question id: fingerprint}.
    questions = models.JSONField(default=dict)
    counted_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "wave"], name="survey_tally_state_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.wave_id}: {self.fingerprint}"
