"""Messages to participants: templates per kind and language, the outbox and its deliveries.

Messaging knows nothing of meetings. A caller hands it recipients and a context; it picks
a channel per recipient, renders the text in their language and delivers it. Each
delivery is one row, so the outbox can show every recipient's status and a restarted
worker knows exactly what is left.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from inbreng.core.choices import ChoiceLabels
from inbreng.core.models import Organisation
from inbreng.people.models import Channel, Participant


class Kind(models.TextChoices):
    INVITATION = "invitation", _("Invitation")
    REMINDER = "reminder", _("Reminder")
    CHANGE = "change", _("Change to a meeting")
    CANCELLATION = "cancellation", _("Meeting cancelled")
    FEEDBACK = "feedback", _("Feedback: what happened with your input")
    THANKS = "thanks", _("Thank you")
    FREE = "free", _("Free message")


class MessageTemplate(models.Model):
    """An organisation's own text for one kind of message in one language.

    Without one, the built-in text in `defaults.py` is used.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=10)
    subject = models.CharField(_("subject"), max_length=150)
    body = models.TextField(
        _("text"),
        max_length=4000,
        help_text=_("For the letter, the e-mail, the social worker and the phone call."),
    )
    sms = models.CharField(
        _("SMS text"), max_length=480, help_text=_("Short: at most 3 text messages.")
    )
    phone = models.TextField(
        _("what to say on the phone"),
        max_length=3000,
        blank=True,
        help_text=_("Written to be spoken: short sentences, no web address. Empty: built in."),
    )
    sms_reason = models.CharField(
        _("why the SMS is longer than two messages"), max_length=300, blank=True
    )
    reviewed = models.BooleanField(
        _("checked by a native speaker"),
        default=False,
        help_text=_("Tick only when someone who speaks this language well read it."),
    )
    reviewed_by = models.CharField(_("checked by"), max_length=100, blank=True)
    plain_override_reason = models.CharField(
        _("why this text may be harder to read"), max_length=300, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind", "language"], name="one_template_per_language"
            )
        ]
        verbose_name = _("message template")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.language})"


class JargonTerm(models.Model):
    """A word staff should not use with participants, and what to say instead."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    term = models.CharField(_("word or phrase"), max_length=60)
    alternative = models.CharField(_("say instead"), max_length=150)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["term"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "term"], name="unique_jargon_term")
        ]
        verbose_name = _("jargon word")

    def __str__(self) -> str:
        return self.term


class Message(models.Model):
    """One sending: a kind, what it is about, and a delivery per recipient."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # Opaque to messaging: the caller's reference ("meeting:12") so that replies can be
    # routed back to it.
    ref = models.CharField(max_length=50, blank=True)
    title = models.CharField(_("about"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    plain_override_reason = models.CharField(max_length=300, blank=True)
    total = models.PositiveIntegerField(default=0)
    # Date, time and place per language, for the pictogram box on letters.
    facts = models.JSONField(default=dict, blank=True)
    # Per language of a free message: who translated it and whether a native speaker checked.
    translations = models.JSONField(default=dict, blank=True)
    sms_reason = models.CharField(max_length=300, blank=True)
    # Opaque to messaging: a calendar file (text/calendar) the caller made, attached to
    # every e-mail of this message so that the reader can put the meeting in their calendar.
    calendar = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "-created_at"]),
            models.Index(fields=["organisation", "ref"]),
        ]
        verbose_name = _("message")

    def __str__(self) -> str:
        return self.title


class Delivery(ChoiceLabels, models.Model):
    """One message to one person over one channel."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Could not be sent")
        TO_PRINT = "to_print", _("Letter to print")
        TO_PASS_ON = "to_pass_on", _("Social worker passes it on")
        TO_CALL = "to_call", _("To call")
        DONE = "done", _("Done")
        NO_CHANNEL = "no_channel", _("No way to reach this person")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="deliveries")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, blank=True)
    language = models.CharField(_("language"), max_length=10)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    sms = models.TextField(blank=True)
    # What to say on the phone: written to be spoken, without a web address.
    script = models.TextField(blank=True)
    # The Dutch text beside the person's language, for the social worker and the caller.
    body_nl = models.TextField(blank=True)
    # The substance per person, e.g. each input with its own answer: a list of dicts that
    # the caller builds and the letter, e-mail and phone script render.
    items = models.JSONField(default=list, blank=True)
    link = models.CharField(max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    # The idempotency key of message and recipient; also the e-mail's Message-ID, so a
    # copy resent after a crash can be recognised and dropped by mail systems.
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    claim = models.UUIDField(null=True, blank=True)
    last_error = models.CharField(max_length=200, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    answer = models.CharField(_("answer"), max_length=10, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["organisation", "message", "status"]),
            models.Index(fields=["organisation", "assignee", "status"]),
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["message", "status", "next_attempt_at"]),
            models.Index(fields=["claim"]),
        ]
        verbose_name = _("delivery")

    def __str__(self) -> str:
        return f"{self.message_id}/{self.participant_id}"

    @property
    def message_id_header(self) -> str:
        from inbreng.core.mail import message_id

        return message_id(str(self.key))


class InboundSms(models.Model):
    """An SMS the provider posted to the webhook, kept only to recognise it when it comes again.

    Providers retry a webhook until it answers, and a reply replayed five times must count
    once. The key is a digest, not the number or the text: the provider's message id, or else
    the number and text within a ten-minute window. Not tenant-owned: a reply belongs to an
    organisation only once it matches an invitation. Rows are removed after a week.
    """

    key = models.CharField(max_length=80, unique=True)
    received_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return self.key


def letters_path(job: LettersJob, filename: str) -> str:
    # A random name in private storage (MEDIA_ROOT, never served): the file holds names,
    # addresses and live personal links, and only the `letters` view hands it out.
    return f"brieven/{job.organisation_id}/{uuid.uuid4().hex}.pdf"


class LettersJob(models.Model):
    """The letters of a message as one PDF, made by the task worker in parts.

    `state` is a digest of what the letters say (who is on them, their addresses and
    links) when the job started: a file whose state is no longer the message's own is out
    of date and is not handed out.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Being made")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="letters_jobs")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    state = models.CharField(max_length=64)
    letters = models.PositiveIntegerField(default=0)
    parts_done = models.PositiveIntegerField(default=0)
    parts_total = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to=letters_path, blank=True, max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    # Moves with every part: a running job that stops moving had its worker die.
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # A short technical reason for the log page; never personal data.
    error = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "message", "-created_at"]),
            models.Index(fields=["organisation", "status", "finished_at"]),
        ]
        verbose_name = _("letters job")

    def __str__(self) -> str:
        return f"{self.message_id}/{self.pk}"
