"""Sampling frames, stratified samples, and volunteer pools with quotas for sortition.

Frames hold pseudonymous client ids only: never a name. See docs/surveys.md.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SamplingFrame(models.Model):
    """An imported list of pseudonymous units with their strata."""

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    survey = models.ForeignKey(
        "surveys.Survey", on_delete=models.CASCADE, null=True, blank=True, related_name="frames"
    )
    name = models.CharField(_("name"), max_length=200)
    # The strata columns, in the file's order, e.g. ["office", "age_band"].
    strata_columns = models.JSONField(default=list)
    row_count = models.PositiveIntegerField(default=0)
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["organisation", "survey"])]

    def __str__(self) -> str:
        return self.name


class FrameUnit(models.Model):
    """One pseudonymous unit of a frame."""

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    frame = models.ForeignKey(SamplingFrame, on_delete=models.CASCADE, related_name="units")
    client_ref = models.CharField(max_length=64)
    # {column: value}, and their joined key for grouping ("Gent-Noord|35-49").
    strata = models.JSONField(default=dict)
    stratum = models.CharField(max_length=200)
    line_number = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["organisation", "frame", "stratum"])]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "frame", "client_ref"], name="survey_frame_unit_unique"
            )
        ]

    def __str__(self) -> str:
        return self.client_ref


class Sample(models.Model):
    """A stratified random sample drawn from a frame, with its seed."""

    class Allocation(models.TextChoices):
        PROPORTIONAL = "proportional", _("Proportional to the stratum size")
        MINIMUM = "minimum", _("A minimum per stratum")

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    frame = models.ForeignKey(SamplingFrame, on_delete=models.CASCADE, related_name="samples")
    wave = models.ForeignKey(
        "surveys.Wave", on_delete=models.SET_NULL, null=True, blank=True, related_name="samples"
    )
    seed = models.BigIntegerField()
    allocation = models.CharField(max_length=15, choices=Allocation.choices)
    minimum_per_stratum = models.PositiveIntegerField(default=0)
    size = models.PositiveIntegerField()
    reserve_per_stratum = models.PositiveIntegerField(default=0)
    # Kept when drawn, so that the results need not count the frame: {stratum: units in the
    # frame} (for the finite-population correction) and {stratum: drawn}.
    strata_sizes = models.JSONField(default=dict)
    allocation_plan = models.JSONField(default=dict)
    # When the wave's response weights were last set from this sample (post-stratification).
    weighted_at = models.DateTimeField(null=True, blank=True)
    drawn_at = models.DateTimeField(auto_now_add=True)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["organisation", "frame"])]

    def __str__(self) -> str:
        return f"sample {self.pk} (seed {self.seed})"


class SampleUnit(models.Model):
    """A unit drawn into a sample, or on the reserve list with its order per stratum."""

    class Kind(models.TextChoices):
        DRAWN = "drawn", _("Drawn")
        RESERVE = "reserve", _("Reserve")

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    sample = models.ForeignKey(Sample, on_delete=models.CASCADE, related_name="units")
    unit = models.ForeignKey(FrameUnit, on_delete=models.CASCADE, related_name="+")
    stratum = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["sample", "stratum", "kind", "order"]
        indexes = [models.Index(fields=["organisation", "sample", "stratum", "kind", "order"])]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "sample", "unit"], name="survey_sample_unit_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.sample_id}/{self.unit_id} {self.kind}"


class VolunteerPool(models.Model):
    """People who volunteered for a representative group, with their features."""

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    # The feature names, e.g. ["gender", "age_band", "household"].
    features = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["organisation", "created_at"])]

    def __str__(self) -> str:
        return self.name


class Volunteer(models.Model):
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    pool = models.ForeignKey(VolunteerPool, on_delete=models.CASCADE, related_name="volunteers")
    ref = models.CharField(max_length=64)
    participant = models.ForeignKey(
        "people.Participant", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    features = models.JSONField(default=dict)

    class Meta:
        indexes = [models.Index(fields=["organisation", "pool"])]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "pool", "ref"], name="survey_volunteer_unique"
            )
        ]

    def __str__(self) -> str:
        return self.ref


class Quota(models.Model):
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    pool = models.ForeignKey(VolunteerPool, on_delete=models.CASCADE, related_name="quotas")
    feature = models.CharField(max_length=100)
    category = models.CharField(max_length=100)
    minimum = models.PositiveIntegerField(default=0)
    maximum = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["organisation", "pool"])]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "pool", "feature", "category"], name="survey_quota_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.feature}={self.category}: {self.minimum}-{self.maximum}"


class Selection(models.Model):
    """A sortition selection from a pool: who was chosen, and each volunteer's chance."""

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    pool = models.ForeignKey(VolunteerPool, on_delete=models.CASCADE, related_name="selections")
    size = models.PositiveIntegerField()
    seed = models.BigIntegerField()
    selected = models.JSONField(default=list)  # volunteer refs
    probabilities = models.JSONField(default=dict)  # {ref: probability}
    # How the group compares with each quota: [{feature, category, minimum, maximum, chosen,
    # volunteers}].
    checks = models.JSONField(default=list)
    made_at = models.DateTimeField(auto_now_add=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["organisation", "pool"])]

    def __str__(self) -> str:
        return f"selection {self.pk}"
