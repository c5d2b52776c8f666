"""Participation groups and focus groups, their members, and the reach reference figures."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from inbreng.core.choices import ChoiceLabels
from inbreng.core.models import Organisation
from inbreng.people.models import Participant


class ParticipationGroup(ChoiceLabels, models.Model):
    class Kind(models.TextChoices):
        STANDING = "standing", _("Participation group")
        FOCUS = "focus", _("Focus group")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.STANDING)
    theme = models.CharField(
        _("theme"), max_length=200, blank=True, help_text=_("For a focus group: what it is about.")
    )
    max_size = models.PositiveSmallIntegerField(
        _("largest good size"),
        default=12,
        help_text=_("The page warns when the group grows past this size."),
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_active", "name"]
        indexes = [models.Index(fields=["organisation", "name"])]
        verbose_name = _("group")
        verbose_name_plural = _("groups")

    def __str__(self) -> str:
        return self.name


class GroupMembership(ChoiceLabels, models.Model):
    """A person's way into (and out of) a group: referred → intake → trial → member → left."""

    class Stage(models.TextChoices):
        REFERRED = "referred", _("Referred")
        INTAKE = "intake", _("Intake conversation")
        TRIAL = "trial", _("Trial meeting")
        MEMBER = "member", _("Member")
        LEFT = "left", _("Left")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    group = models.ForeignKey(
        ParticipationGroup, on_delete=models.CASCADE, related_name="memberships"
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="group_memberships"
    )
    stage = models.CharField(
        _("stage"), max_length=10, choices=Stage.choices, default=Stage.REFERRED
    )
    referred_on = models.DateField(_("referred on"), null=True, blank=True)
    intake_on = models.DateField(_("intake on"), null=True, blank=True)
    trial_on = models.DateField(_("trial meeting on"), null=True, blank=True)
    member_since = models.DateField(_("member since"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    note = models.CharField(
        _("note"),
        max_length=300,
        blank=True,
        help_text=_("Only what the group needs to know, e.g. “comes with a friend”."),
    )

    # The date field that records when each stage was reached.
    STAGE_DATES = {
        Stage.REFERRED: "referred_on",
        Stage.INTAKE: "intake_on",
        Stage.TRIAL: "trial_on",
        Stage.MEMBER: "member_since",
        Stage.LEFT: "left_on",
    }

    class Meta:
        ordering = ["participant__name"]
        indexes = [models.Index(fields=["organisation", "group", "stage"])]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "group", "participant"], name="group_membership_unique"
            )
        ]
        verbose_name = _("group membership")
        verbose_name_plural = _("group memberships")

    def __str__(self) -> str:
        return f"{self.participant_id} in {self.group_id}: {self.stage}"

    @property
    def is_current(self) -> bool:
        return self.stage != self.Stage.LEFT


class ReferenceFigure(models.Model):
    """How many of the organisation's clients fall in one profile category (entered by an admin).

    Used to show which groups of people a participation group misses.
    """

    class Dimension(models.TextChoices):
        AGE_BAND = "age_band", _("Age")
        HOUSEHOLD_TYPE = "household_type", _("Household")
        HOME_LANGUAGE = "home_language", _("Language at home")
        INCOME_SITUATION = "income_situation", _("Income")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    dimension = models.CharField(_("question"), max_length=20, choices=Dimension.choices)
    category = models.CharField(_("answer"), max_length=30)
    count = models.PositiveIntegerField(_("number of clients"))

    class Meta:
        ordering = ["dimension", "category"]
        indexes = [models.Index(fields=["organisation", "dimension"])]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "dimension", "category"], name="reference_figure_unique"
            )
        ]
        verbose_name = _("reference figure")
        verbose_name_plural = _("reference figures")

    def __str__(self) -> str:
        return f"{self.dimension}={self.category}: {self.count}"
