"""Bodies, themes, signals and advice, their evidence and the body's answers."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from inbreng.core.choices import ChoiceLabels
from inbreng.core.models import Organisation, Partner, Service
from inbreng.groups.models import ParticipationGroup
from inbreng.participation.models import Contribution, Response

# The organisation keys use related_name="+": casework already has a model named Signal, and
# an organisation needs no reverse accessor to either.


class Body(models.Model):
    """A policy body that receives signals and advice and must answer them."""

    class Kind(models.TextChoices):
        COLLEGE = "college", _("College of mayor and aldermen")
        COUNCIL = "council", _("Council")
        SOCIAL_COMMITTEE = "social_committee", _("Social-services committee")
        MANAGEMENT = "management", _("Management team")
        SERVICE = "service", _("Service")
        ADVISORY_COUNCIL = "advisory_council", _("Advisory council")
        OTHER = "other", _("Other")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.COLLEGE)
    reply_days = models.PositiveSmallIntegerField(
        _("days to answer"),
        default=60,
        help_text=_("The answer is due this many days after a signal is registered."),
    )
    service = models.ForeignKey(
        Service,
        verbose_name=_("service"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    policy_makers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("policy makers who answer"),
        blank=True,
        related_name="signal_bodies",
        through="BodyPolicyMaker",
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["-is_active", "name"]
        indexes = [models.Index(fields=["organisation", "name"])]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="signal_body_unique_name")
        ]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")

    def __str__(self) -> str:
        return self.name


class Theme(models.Model):
    """A theme a signal is about; each organisation keeps its own editable list."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=80)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["-is_active", "name"]
        indexes = [models.Index(fields=["organisation", "name"])]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="signal_theme_unique_name"
            )
        ]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name


class Signal(ChoiceLabels, models.Model):
    """A signal (what goes wrong in people's lives) or an advice, addressed to a body."""

    class Kind(models.TextChoices):
        SIGNAL = "signal", _("Signal")
        ADVICE = "advice", _("Advice")

    class OnBehalf(models.TextChoices):
        GROUP = "group", _("A participation group")
        PARTNER = "partner", _("A partner organisation")
        CASELOAD = "caseload", _("My caseload")
        ORGANISATION = "organisation", _("The organisation")

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for an answer")
        STUDYING = "studying", _("Being studied")
        ANSWERED = "answered", _("Answered")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SIGNAL)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(
        _("what goes wrong"),
        max_length=10000,
        help_text=_("In the group's own words. No names, numbers or addresses of people."),
    )
    recommendations = models.TextField(
        _("recommendations"),
        max_length=10000,
        blank=True,
        help_text=_("For an advice: what you ask the body to do."),
    )
    on_behalf = models.CharField(
        _("on behalf of"), max_length=15, choices=OnBehalf.choices, default=OnBehalf.GROUP
    )
    group = models.ForeignKey(
        ParticipationGroup,
        verbose_name=_("group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="policy_signals",
    )
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="policy_signals",
    )
    body = models.ForeignKey(
        Body, verbose_name=_("to body"), on_delete=models.PROTECT, related_name="signals"
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="signals", through="SignalTheme"
    )
    figures = models.CharField(
        _("figures"),
        max_length=500,
        blank=True,
        help_text=_("Short, e.g. “12 of the 15 families paid a late fee this year”."),
    )
    due_on = models.DateField(_("answer due on"))
    shareable = models.BooleanField(
        _("share with the network"),
        default=False,
        help_text=_("Other organisations may find it in the memory, without personal data."),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Kept by the services, so that lists and start pages never recompute them.
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["organisation", "status", "due_on"]),
            models.Index(fields=["organisation", "body", "status"]),
            models.Index(fields=["organisation", "-created_at"]),
        ]
        verbose_name = _("signal")
        verbose_name_plural = _("signals")

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.ANSWERED

    def is_overdue(self, today: object) -> bool:
        return self.is_open and self.due_on < today  # type: ignore[operator]


class SignalContribution(models.Model):
    """The loop input a signal was promoted from: the people behind it stay known."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="links")
    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="signal_links"
    )

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["organisation", "signal"]),
            models.Index(fields=["organisation", "contribution"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "signal", "contribution"], name="signal_contribution_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.signal_id}:{self.contribution_id}"


ATTACHMENT_TYPES = {
    "application/pdf": ".pdf",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.oasis.opendocument.text": ".odt",
}


def signal_attachment_path(instance: SignalAttachment, filename: str) -> str:
    # A random name: the uploader's file name may hold a person's name.
    extension = ATTACHMENT_TYPES.get(instance.content_type, "")
    return f"signals/{instance.organisation_id}/{secrets.token_hex(16)}{extension}"


class SignalAttachment(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=signal_attachment_path)
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=80)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["organisation", "signal"])]

    def __str__(self) -> str:
        return self.name


class SignalAnswer(models.Model):
    """One version of the body's answer; the newest is the current one."""

    class Decision(models.TextChoices):
        FOLLOWED = "followed", _("Followed")
        PARTLY = "partly", _("Partly followed")
        NOT_FOLLOWED = "not_followed", _("Not followed")
        STUDYING = "studying", _("Being studied")
        ACTING = "acting", _("Acknowledged, we act on it")

    NEEDS_REASONS = frozenset({Decision.PARTLY, Decision.NOT_FOLLOWED})
    ADVICE_ONLY = frozenset({Decision.FOLLOWED, Decision.PARTLY, Decision.NOT_FOLLOWED})
    LEADS_TO_RESULT = frozenset({Decision.FOLLOWED, Decision.PARTLY, Decision.ACTING})

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="answers")
    decision = models.CharField(_("decision"), max_length=15, choices=Decision.choices)
    text = models.TextField(
        _("the answer in plain words"),
        max_length=5000,
        help_text=_("What the body decided, so that the people behind the signal understand it."),
    )
    reasons = models.TextField(
        _("reasons"),
        max_length=5000,
        blank=True,
        help_text=_("Required when the advice is not or only partly followed."),
    )
    expected_on = models.DateField(
        _("decision expected on"), null=True, blank=True, help_text=_("When it is being studied.")
    )
    decided_by = models.CharField(_("decided by"), max_length=150)
    decided_on = models.DateField(_("decided on"))
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    responses = models.ManyToManyField(
        Response, blank=True, related_name="signal_answers", through="SignalAnswerResponse"
    )

    class Meta:
        ordering = ["-version", "-id"]
        indexes = [models.Index(fields=["organisation", "signal", "-version"])]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return f"{self.signal_id} v{self.version}: {self.decision}"

    @property
    def badge(self) -> str:
        """The status badge's colour word (the `status_badge` template tag)."""
        return BADGES[SignalAnswer.Decision(self.decision)]


BADGES = {
    SignalAnswer.Decision.FOLLOWED: "adopted",
    SignalAnswer.Decision.PARTLY: "partly",
    SignalAnswer.Decision.NOT_FOLLOWED: "not_adopted",
    SignalAnswer.Decision.STUDYING: "studying",
    SignalAnswer.Decision.ACTING: "adopted",
}


# The links between tenant rows carry the organisation too (core's rule for sharding by
# organisation): explicit tables instead of Django's automatic many-to-many ones.
class BodyPolicyMaker(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "body", "user"], name="signal_body_policy_maker_unique"
            )
        ]
        indexes = [models.Index(fields=["organisation", "user"])]

    def __str__(self) -> str:
        return f"{self.body_id}:{self.user_id}"


class SignalTheme(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="+")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "signal", "theme"], name="signal_theme_unique"
            )
        ]
        indexes = [models.Index(fields=["organisation", "theme"])]

    def __str__(self) -> str:
        return f"{self.signal_id}:{self.theme_id}"


class SignalAnswerResponse(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    answer = models.ForeignKey(SignalAnswer, on_delete=models.CASCADE, related_name="+")
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "answer", "response"], name="signal_answer_response_unique"
            )
        ]
        indexes = [models.Index(fields=["organisation", "response"])]

    def __str__(self) -> str:
        return f"{self.answer_id}:{self.response_id}"
