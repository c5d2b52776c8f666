"""The client population per year (counts only) and the coordinator's text for the yearly report."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from inbreng.core.models import Organisation


class Dimension(models.TextChoices):
    """The questions of the self-declared profile (people.Participant.PROFILE_FIELDS)."""

    AGE_BAND = "age_band", _("Age")
    HOUSEHOLD_TYPE = "household_type", _("Household")
    HOME_LANGUAGE = "home_language", _("Language at home")
    NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood")
    INCOME_SITUATION = "income_situation", _("Income")


FIRST_YEAR = 2000
LAST_YEAR = 2100


class PopulationCount(models.Model):
    """How many of the organisation's clients fell in one profile category in one year.

    Counts only, never a list of people. Imported by an admin from a spreadsheet.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    dimension = models.CharField(_("question"), max_length=20, choices=Dimension.choices)
    category = models.CharField(_("answer"), max_length=100)
    count = models.PositiveIntegerField(_("number of clients"))

    class Meta:
        ordering = ["year", "dimension", "category"]
        indexes = [models.Index(fields=["organisation", "year", "dimension"])]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "dimension", "category"],
                name="population_count_unique",
            )
        ]
        verbose_name = _("client count")
        verbose_name_plural = _("client counts")

    def __str__(self) -> str:
        return f"{self.year} {self.dimension}={self.category}: {self.count}"


class ReportText(models.Model):
    """What the coordinator writes in the yearly report for the council."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    text = models.TextField(_("text for the council"), max_length=5000, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="report_text_unique")
        ]
        indexes = [models.Index(fields=["organisation", "year"])]
        verbose_name = _("yearly report text")
        verbose_name_plural = _("yearly report texts")

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.year}"


class Snapshot(models.Model):
    """Reach tables, trends and yearly figures as last computed, so that the pages do not
    recompute them from a city's rows on every request (see `kept.py` for how stale a
    snapshot may be). Figures only, never a list of people."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    key = models.CharField(max_length=120)
    computed_at = models.DateTimeField()
    data = models.JSONField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "key"], name="insights_snapshot_unique")
        ]
        indexes = [models.Index(fields=["organisation", "key", "computed_at"])]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.key}"
