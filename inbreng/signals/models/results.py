"""Results and milestones, advisory-council seats and items, and the yearly hearing."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from inbreng.core.choices import ChoiceLabels
from inbreng.core.models import Organisation, Partner, Service
from inbreng.groups.models import ParticipationGroup
from inbreng.participation.models import Meeting, Response
from inbreng.people.models import Participant

from .core import Body, Signal, SignalAnswer


class Result(ChoiceLabels, models.Model):
    """What changed because of people's input: from an adopted response or a followed advice."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        STALLED = "stalled", _("Stalled")
        STOPPED = "stopped", _("Stopped")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    meaning = models.TextField(
        _("what it means for participants"),
        max_length=5000,
        help_text=_("In plain words, e.g. “the new leaflet is being printed; ready in March”."),
    )
    response = models.ForeignKey(
        Response,
        verbose_name=_("from the answer to a question"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="results",
    )
    answer = models.ForeignKey(
        SignalAnswer,
        verbose_name=_("from the answer to a signal"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="results",
    )
    service = models.ForeignKey(
        Service,
        verbose_name=_("service"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"),
        default=0,
        validators=[MaxValueValidator(100, _("Progress is a number from 0 to 100."))],
    )
    due_on = models.DateField(_("ready by"), null=True, blank=True)
    # Kept by the services: past due and not done, or a milestone past its date.
    stalled = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "status", "due_on"]),
            models.Index(fields=["organisation", "stalled", "due_on"]),
            models.Index(fields=["organisation", "response"]),
            models.Index(fields=["organisation", "answer"]),
        ]
        verbose_name = _("result")
        verbose_name_plural = _("results")

    def __str__(self) -> str:
        return self.title

    FINISHED = frozenset({Status.DONE, Status.STOPPED})

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED

    def clean(self) -> None:
        if self.response_id and self.answer_id:
            raise ValidationError(
                _("A result comes from one answer: a question's or a signal's, not both.")
            )
        if self.status == self.Status.DONE and self.progress < 100:
            # Done means done: the participants read 100 %, not a number that contradicts it.
            self.progress = 100


class ResultTranslation(models.Model):
    """A result's title and plain words in a participant's language."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=10)
    title = models.CharField(_("title"), max_length=200)
    meaning = models.TextField(_("what it means for participants"), max_length=5000)
    translated_by = models.CharField(_("translated by"), max_length=100)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["organisation", "result"])]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "result", "language"],
                name="one_result_translation_per_language",
            )
        ]
        verbose_name = _("translation of a result")

    def __str__(self) -> str:
        return f"{self.language}: {self.title}"


class Milestone(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="milestones")
    what = models.CharField(_("what"), max_length=200)
    who = models.CharField(_("who"), max_length=150, blank=True)
    due_on = models.DateField(_("by when"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["organisation", "result", "due_on"])]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.what


# A seat whose term ends within this period shows as "ending soon".
ENDING_SOON = timedelta(days=90)


class CouncilSeat(models.Model):
    """A participant who sits on an advisory council."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        SUBSTITUTE = "substitute", _("Substitute")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="seats")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="council_seats"
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["-starts_on", "id"]
        indexes = [
            models.Index(fields=["organisation", "body"]),
            models.Index(fields=["organisation", "participant"]),
        ]
        verbose_name = _("council seat")
        verbose_name_plural = _("council seats")

    def __str__(self) -> str:
        return f"{self.body_id}:{self.participant_id}"

    def ends_soon(self, today: date) -> bool:
        """The term ends within three months: time to find someone to follow."""
        return self.ends_on is not None and today <= self.ends_on <= today + ENDING_SOON

    def has_ended(self, today: date) -> bool:
        return self.ends_on is not None and self.ends_on < today

    def clean(self) -> None:
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The term cannot end before it starts.")})


class CouncilItem(models.Model):
    """An advisory council's agenda item that a group prepares together."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="council_items")
    council_meeting_on = models.DateField(_("council meeting on"))
    title = models.CharField(_("title"), max_length=200)
    group = models.ForeignKey(
        ParticipationGroup,
        verbose_name=_("group that prepares it"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="council_items",
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("prepared at meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="council_items",
    )
    position = models.TextField(_("the group's position"), max_length=5000, blank=True)
    position_on = models.DateField(_("position taken on"), null=True, blank=True)

    class Meta:
        ordering = ["-council_meeting_on", "id"]
        indexes = [models.Index(fields=["organisation", "body", "council_meeting_on"])]
        verbose_name = _("council agenda item")
        verbose_name_plural = _("council agenda items")

    def __str__(self) -> str:
        return self.title


class Hearing(models.Model):
    """The yearly hearing at the council: that year's signals and advice with their answers."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="hearings")
    group = models.ForeignKey(
        ParticipationGroup,
        verbose_name=_("group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hearings",
    )
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("partner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hearings",
    )
    held_on = models.DateField(_("held on"), null=True, blank=True)
    agenda = models.ManyToManyField(
        Signal, blank=True, related_name="hearings", through="HearingItem"
    )
    outcome = models.TextField(_("outcome"), max_length=10000, blank=True)

    class Meta:
        ordering = ["-year", "id"]
        indexes = [models.Index(fields=["organisation", "year"])]
        verbose_name = _("hearing")
        verbose_name_plural = _("hearings")

    def __str__(self) -> str:
        return str(self.title)

    @property
    def title(self) -> str:
        who = self.group or self.partner
        name = f"{self.body.name}, {who}" if who else self.body.name
        return _("Hearing %(year)s: %(name)s") % {"year": self.year, "name": name}


class HearingItem(models.Model):
    """A signal or advice on a hearing's agenda (with the organisation, like every tenant row)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="+")
    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "hearing", "signal"], name="signal_hearing_item_unique"
            )
        ]
        indexes = [models.Index(fields=["organisation", "signal"])]

    def __str__(self) -> str:
        return f"{self.hearing_id}:{self.signal_id}"
