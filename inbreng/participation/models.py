"""The participation loop: trajectory → question → meeting → contribution → response → feedback."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from inbreng.core.choices import ChoiceLabels
from inbreng.core.models import Organisation, Service
from inbreng.groups.models import ParticipationGroup
from inbreng.people.models import Participant


class Level(models.TextChoices):
    """The participation ladder, with the promise each step makes to the participants."""

    INFORM = "inform", _("Informing")
    CONSULT = "consult", _("Consulting")
    ADVISE = "advise", _("Advising")
    COPRODUCE = "coproduce", _("Co-producing")
    CODECIDE = "codecide", _("Deciding together")


LEVEL_PROMISES = {
    Level.INFORM: _("We tell you what we plan and why."),
    Level.CONSULT: _("We ask your opinion. We tell you what we did with it."),
    Level.ADVISE: _("Your advice weighs. If we do not follow it, we explain why."),
    Level.COPRODUCE: _("We make it together with you."),
    Level.CODECIDE: _("You decide together with us."),
}


def level_promise(level: str) -> str:
    return str(LEVEL_PROMISES[Level(level)])


class Trajectory(models.Model):
    """A consultation with a declared purpose and participation level."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    title = models.CharField(_("title"), max_length=200)
    purpose = models.TextField(_("purpose"), max_length=2000)
    service = models.ForeignKey(
        Service, verbose_name=_("service that asked"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.CharField(_("participation level"), max_length=10, choices=Level.choices)
    group = models.ForeignKey(
        ParticipationGroup,
        verbose_name=_("group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="trajectories",
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "title"]
        indexes = [models.Index(fields=["organisation", "-starts_on"])]
        verbose_name = _("trajectory")
        verbose_name_plural = _("trajectories")

    def __str__(self) -> str:
        return self.title

    @property
    def promise(self) -> str:
        return level_promise(self.level)


class Meeting(ChoiceLabels, models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    group = models.ForeignKey(
        ParticipationGroup,
        verbose_name=_("group"),
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=200)
    place_details = models.CharField(
        _("how to get there"),
        max_length=300,
        blank=True,
        help_text=_("Bus stop, entrance, lift: what helps people find and reach the room."),
    )
    bring = models.CharField(
        _("what to bring"),
        max_length=200,
        blank=True,
        help_text=_("For example: your bank card, a letter you got. Leave empty if nothing."),
    )
    minutes = models.TextField(
        _("minutes"), blank=True, max_length=20000, help_text=_("In plain Dutch: short sentences.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["organisation", "starts_at"])]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return self.title


class Question(ChoiceLabels, models.Model):
    """What a service asks the participants, and the date by which it promises an answer."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for the coordinator")
        RETURNED = "returned", _("Sent back to the service")
        ACCEPTED = "accepted", _("Accepted")
        SCHEDULED = "scheduled", _("On a meeting's agenda")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    service = models.ForeignKey(
        Service, verbose_name=_("service"), on_delete=models.PROTECT, related_name="questions"
    )
    trajectory = models.ForeignKey(
        Trajectory,
        verbose_name=_("trajectory"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="questions",
    )
    level = models.CharField(
        _("participation level"),
        max_length=10,
        choices=Level.choices,
        default=Level.CONSULT,
        help_text=_(
            "What the participants' input can change. Its promise is shown with the question."
        ),
    )
    title = models.CharField(_("question"), max_length=200)
    body = models.TextField(
        _("explanation"),
        max_length=5000,
        blank=True,
        help_text=_("What do you want to know, and what can still change? In plain words."),
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    return_reason = models.TextField(_("why sent back"), blank=True, max_length=2000)
    proposed_due_on = models.DateField(
        _("we answer by"),
        null=True,
        blank=True,
        help_text=_(
            "Leave empty to use your organisation's usual number of weeks after the meeting "
            "where the question is discussed."
        ),
    )
    answer_due_on = models.DateField(_("answer due on"), null=True, blank=True)
    last_reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Kept by `state.question_state_refresh` in the transaction that changes the input or its
    # answers, so lists and the start page never count input row by row. `recompute_state`
    # rebuilds them from scratch and reports any drift.
    live_inputs = models.PositiveIntegerField(default=0, editable=False)
    open_inputs = models.PositiveIntegerField(default=0, editable=False)
    # The day of the last decision, once every live input has a final answer.
    answered_on = models.DateField(null=True, blank=True, editable=False)
    # The first day the question was discussed at a meeting.
    asked_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["organisation", "service", "answer_due_on"]),
            models.Index(fields=["organisation", "-created_at"], name="question_org_created"),
            # Overdue and "to answer" lists: only questions with open input.
            models.Index(
                fields=["organisation", "answer_due_on"],
                condition=models.Q(open_inputs__gt=0),
                name="question_open_due",
            ),
        ]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.title

    DERIVED = frozenset({"live_inputs", "open_inputs", "answered_on", "asked_on"})

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Saves what was edited; the kept state is written only by `state`, which names it.

        A question loaded before its input changed must not write its old counts back.
        """
        if self.pk is not None and not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name not in self.DERIVED
            ]
        super().save(*args, **kwargs)

    @property
    def promise(self) -> str:
        return level_promise(self.level)

    @property
    def has_input(self) -> bool:
        return self.live_inputs > 0

    @property
    def has_unanswered(self) -> bool:
        return self.open_inputs > 0

    @property
    def is_overdue(self) -> bool:
        return (
            self.open_inputs > 0
            and self.answer_due_on is not None
            and self.answer_due_on < timezone.localdate()
        )


ALLOWED_ATTACHMENT_TYPES = {
    "application/pdf": ".pdf",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "image/webp": ".webp",
}
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


def attachment_path(instance: QuestionAttachment, filename: str) -> str:
    # A random name: the uploader's file name may hold a person's name.
    import secrets

    extension = ALLOWED_ATTACHMENT_TYPES.get(instance.content_type, "")
    return f"questions/{instance.organisation_id}/{secrets.token_hex(16)}{extension}"


class QuestionAttachment(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path)
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["organisation", "question"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class AgendaItem(models.Model):
    class Kind(models.TextChoices):
        QUESTION = "question", _("Question")
        FEEDBACK = "feedback", _("Feedback: what happened with your input")
        OTHER = "other", pgettext_lazy("agenda item", "Other")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.QUESTION)
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, null=True, blank=True, related_name="agenda_items"
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["organisation", "meeting"])]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "meeting", "question", "kind"],
                name="agenda_item_unique_question",
            )
        ]

    def __str__(self) -> str:
        return self.title or (self.question.title if self.question else "")

    @property
    def label(self) -> str:
        if self.title:
            return self.title
        return self.question.title if self.question else ""


class Invitation(ChoiceLabels, models.Model):
    """Who is invited to a meeting, their answer, what they need, and whether they came."""

    class Reply(models.TextChoices):
        UNKNOWN = "unknown", _("No answer yet")
        YES = "yes", _("Coming")
        NO = "no", _("Not coming")
        MAYBE = "maybe", _("Maybe")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="invitations"
    )
    reply = models.CharField(
        _("answer"), max_length=10, choices=Reply.choices, default=Reply.UNKNOWN
    )
    children = models.PositiveSmallIntegerField(_("children who need childcare"), default=0)
    needs_transport = models.BooleanField(_("needs transport"), default=False)
    interpreter_language = models.CharField(_("interpreter for"), max_length=50, blank=True)
    attended = models.BooleanField(_("was there"), null=True, blank=True)
    # When the invitation message went out; a second "send invitations" skips these people.
    invited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["participant__name"]
        indexes = [models.Index(fields=["organisation", "meeting"])]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "meeting", "participant"], name="invitation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} → {self.meeting_id}"


class Response(ChoiceLabels, models.Model):
    """What the service did with one or more contributions, with reasons."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        STUDYING = "studying", _("Being studied")
        ADOPTED = "adopted", _("Adopted")
        PARTLY = "partly", _("Partly adopted")
        NOT_ADOPTED = "not_adopted", _("Not adopted")
        DONE = "done", _("Done")

    FINAL = frozenset({Status.ADOPTED, Status.PARTLY, Status.NOT_ADOPTED, Status.DONE})
    NEEDS_EXPLANATION = frozenset({Status.PARTLY, Status.NOT_ADOPTED})

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="responses")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    explanation = models.TextField(
        _("explanation"),
        blank=True,
        max_length=5000,
        help_text=_("In plain words: what you did and why. Required when not or partly adopted."),
    )
    decided_by = models.CharField(
        _("decided by"),
        max_length=150,
        blank=True,
        help_text=_("Who took the decision, e.g. “the council”."),
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    expected_on = models.DateField(
        _("decision expected on"), null=True, blank=True, help_text=_("When it is being studied.")
    )
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["organisation", "question"]),
            # The policy maker's desk: the answers of the last month, newest first.
            models.Index(fields=["organisation", "created_at"]),
        ]
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self) -> str:
        return f"{self.question_id}: {self.status}"

    @property
    def is_final(self) -> bool:
        return self.status in self.FINAL

    @property
    def plain_status(self) -> str:
        """The status as participants read it: plain words, not the service's jargon."""
        return str(PLAIN_STATUS[self.Status(self.status)])


PLAIN_STATUS = {
    Response.Status.RECEIVED: _("We have read it."),
    Response.Status.STUDYING: _("We are still looking into it."),
    Response.Status.ADOPTED: _("Yes, we do it."),
    Response.Status.PARTLY: _("We do part of it."),
    Response.Status.NOT_ADOPTED: _("No, we do not do it."),
    Response.Status.DONE: _("It is done."),
}


class Contribution(ChoiceLabels, models.Model):
    """What participants said about a question, recorded by staff or by themselves."""

    class Source(models.TextChoices):
        FACILITATOR = "facilitator", _("Recorded by staff")
        PARTICIPANT = "participant", _("Added by the participant")

    class Review(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Not passed on")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="contributions")
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="contributions"
    )
    text = models.TextField(_("what was said"), max_length=5000)
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("who said it"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
        help_text=_("Empty means: the group."),
    )
    agreed_count = models.PositiveSmallIntegerField(_("how many agreed"), null=True, blank=True)
    present_count = models.PositiveSmallIntegerField(
        _("how many were there"), null=True, blank=True
    )
    source = models.CharField(max_length=12, choices=Source.choices, default=Source.FACILITATOR)
    review = models.CharField(max_length=10, choices=Review.choices, default=Review.APPROVED)
    response = models.ForeignKey(
        Response, on_delete=models.SET_NULL, null=True, blank=True, related_name="contributions"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["organisation", "question"]),
            models.Index(fields=["organisation", "participant"]),
            # The coordinator's "input to review" count on the start page.
            models.Index(
                fields=["organisation", "created_at"],
                condition=models.Q(review="pending", withdrawn_at__isnull=True),
                name="contribution_to_review",
            ),
        ]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")

    def __str__(self) -> str:
        return self.text[:50]

    @property
    def is_group(self) -> bool:
        return self.participant_id is None


class PersonalLink(models.Model):
    """A participant's random, revocable link to their own page. No account, no password.

    The token is never stored: it is an HMAC of a random salt under the SECRET_KEY, so a
    letter can be printed again with the same link, while a copy of the database alone does
    not reveal any link. Lookups go through the token's SHA-256 hash.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="links")
    salt = models.CharField(max_length=64)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    # The short code for SMS (/k/<code>), looked up through its SHA-256 hash like the token.
    short_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    # Why a new link replaced this one ("lost phone", ...), for the participant's history.
    replaced_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        indexes = [models.Index(fields=["organisation", "participant"])]

    def __str__(self) -> str:
        return f"link {self.pk} for {self.participant_id}"


class FeedbackDelivery(models.Model):
    """That (and how) a participant received the answers to a question they contributed to."""

    class Channel(models.TextChoices):
        MEETING = "meeting", _("Told at a meeting")
        LETTER = "letter", _("Letter")
        PERSONAL_PAGE = "page", _("Read on their own page")
        SOCIAL_WORKER = "social_worker", _("Via the social worker")
        PHONE = "phone", _("Phone call")
        SMS = "sms", _("SMS")
        EMAIL = "email", _("E-mail")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="feedback")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="feedback")
    channel = models.CharField(_("how"), max_length=15, choices=Channel.choices)
    delivered_at = models.DateTimeField(_("when"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-delivered_at"]
        indexes = [
            models.Index(fields=["organisation", "question", "participant"]),
            models.Index(fields=["organisation", "participant"]),
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} q{self.question_id} {self.channel}"


class Translator(models.TextChoices):
    STAFF = "staff", _("Staff")
    PARTNER = "partner", _("A partner (interpreter, adult education, ...)")


class Translation(models.Model):
    """The substance in a participant's language: a question or an answer, translated.

    Written by staff or by a partner, with who translated it and whether a native speaker
    checked it. Participant pages and letters show it, with the Dutch original one tap away.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, null=True, blank=True, related_name="translations"
    )
    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, null=True, blank=True, related_name="translations"
    )
    language = models.CharField(_("language"), max_length=10)
    title = models.CharField(_("question"), max_length=200, blank=True)
    text = models.TextField(_("text"), max_length=5000, blank=True)
    translated_by = models.CharField(_("translated by"), max_length=100)
    translator = models.CharField(
        _("who translated"), max_length=10, choices=Translator.choices, default=Translator.STAFF
    )
    reviewed = models.BooleanField(_("checked by a native speaker"), default=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        indexes = [
            models.Index(fields=["organisation", "question"]),
            models.Index(fields=["organisation", "response"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "question", "language"],
                name="one_question_translation_per_language",
            ),
            models.UniqueConstraint(
                fields=["organisation", "response", "language"],
                name="one_response_translation_per_language",
            ),
            models.CheckConstraint(
                condition=models.Q(question__isnull=False, response__isnull=True)
                | models.Q(question__isnull=True, response__isnull=False),
                name="translation_of_one_thing",
            ),
        ]
        verbose_name = _("translation")

    def __str__(self) -> str:
        return f"{self.language}: {self.title or self.text[:40]}"


class IndicatorSnapshot(models.Model):
    """The indicators page's figures for one organisation, computed once and read many times.

    Services that change input, answers, attendance or feedback mark it stale in their own
    transaction (`state.indicators_changed`), and the task worker computes it again. A page
    that finds it stale computes it itself, so the figures it shows are never out of date.
    """

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, primary_key=True)
    data = models.JSONField(default=dict)
    computed_at = models.DateTimeField()
    stale = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.computed_at:%Y-%m-%d %H:%M}"
