"""Lokaal cliëntoverleg: a case conference around one client, strictly need-to-know.

Nobody sees a case because of their role, only because they are on it: see
`selectors.case_for` and docs/casework.md. Every table is tenant-owned and its indexes
start with the organisation.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from inbreng.core.choices import ChoiceLabels
from inbreng.core.models import Organisation
from inbreng.people.models import Participant

# The conditions for a case conference: at least this many providers or life domains.
MINIMUM_PROVIDERS = 3
MINIMUM_DOMAINS = 3


# The case's pseudonym: random, so that it tells nothing about how many cases there are or
# which came first. No letters or digits that are easily mixed up (0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def new_code() -> str:
    import secrets

    return "LCO-" + "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))


def staff_link(verbose_name: Any = None) -> Any:
    """A staff account the case refers to (who requested, decided, recorded, ...). When the
    account goes, the case keeps its rows: the link becomes empty."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )


class LifeDomain(models.TextChoices):
    INCOME = "income", _("Income and debts")
    HOUSING = "housing", _("Housing")
    HEALTH = "health", _("Physical health")
    MENTAL_HEALTH = "mental_health", _("Mental health and addiction")
    WORK = "work", _("Work and daytime activities")
    EDUCATION = "education", _("Education and language")
    FAMILY = "family", _("Family and parenting")
    SOCIAL = "social", _("Social contacts")
    ADMINISTRATION = "administration", _("Paperwork, rights and legal matters")
    MOBILITY = "mobility", _("Mobility")
    DAILY_LIFE = "daily_life", _("Daily care and household")


class CaseSettings(models.Model):
    """The organisation's own rules for case conferences."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="case_settings"
    )
    retention_months = models.PositiveSmallIntegerField(
        _("months to keep a case after it ends"),
        default=12,
        help_text=_(
            "After this, the case is made anonymous: names, texts and documents are removed. "
            "Signals for policy stay."
        ),
    )

    class Meta:
        verbose_name = _("case conference settings")

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.retention_months}"


class CaseConference(ChoiceLabels, models.Model):
    """One lokaal cliëntoverleg: the client, the providers around them, and what they agree."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        DECLINED = "declined", _("Declined")
        OPEN = "open", _("Open")
        WITHDRAWN = "withdrawn", _("Consent withdrawn")
        CLOSED = "closed", _("Closed")
        ANONYMISED = "anonymised", _("Made anonymous")

    class Closure(models.TextChoices):
        GOALS_REACHED = "goals_reached", _("The goals are reached")
        CLIENT_STOPPED = "client_stopped", _("The client wants to stop")
        OTHER_HELP = "other_help", _("Other help fits better")
        MOVED = "moved", _("The client moved")
        NO_CONTACT = "no_contact", _("No more contact with the client")
        OTHER = "other", pgettext_lazy("closure reason", "Other")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    code = models.CharField(_("case number"), max_length=12, default=new_code, editable=False)
    client = models.ForeignKey(
        Participant,
        verbose_name=_("client"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.REQUESTED
    )
    # The request.
    requested_by = staff_link()
    requested_at = models.DateTimeField(auto_now_add=True)
    client_asked = models.BooleanField(_("the client asked for it"), default=False)
    client_agrees = models.BooleanField(_("the client agrees"), default=False)
    life_domains = models.JSONField(_("life domains"), default=list)
    request_note = models.TextField(_("why a case conference"), max_length=2000, blank=True)
    # The decision.
    decided_by = staff_link()
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(_("reason"), max_length=1000, blank=True)
    # The people around the client.
    coordinator = staff_link(_("coordinator"))
    staff_contact = staff_link(_("the client's staff contact"))
    key_worker = models.ForeignKey(
        "CaseProvider",
        verbose_name=_("key worker"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    trusted_person = models.CharField(_("trusted person"), max_length=150, blank=True)
    trusted_person_relation = models.CharField(
        _("who this is for the client"), max_length=100, blank=True
    )
    # The client's own agenda, in their words.
    agenda_matters = models.TextField(_("What matters to me"), max_length=3000, blank=True)
    agenda_going_well = models.TextField(_("What already goes well"), max_length=3000, blank=True)
    agenda_change = models.TextField(_("What I want to change"), max_length=3000, blank=True)
    agenda_recorded_at = models.DateTimeField(null=True, blank=True)
    # The end.
    evaluation = models.TextField(_("evaluation with the client"), max_length=3000, blank=True)
    evaluated_at = models.DateTimeField(null=True, blank=True)
    closure_reason = models.CharField(
        _("reason for closing"), max_length=20, choices=Closure.choices, blank=True
    )
    closure_note = models.TextField(_("explanation"), max_length=1000, blank=True)
    closed_by = staff_link()
    consent_withdrawn_at = models.DateTimeField(null=True, blank=True)
    # When the case ended (closed, declined or consent withdrawn): the retention clock.
    ended_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    # What anonymisation removes from this row.
    PERSONAL_FIELDS = (
        "client",
        "request_note",
        "decline_reason",
        "staff_contact",
        "trusted_person",
        "trusted_person_relation",
        "agenda_matters",
        "agenda_going_well",
        "agenda_change",
        "evaluation",
        "closure_note",
    )

    class Meta:
        ordering = ["-requested_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["organisation", "coordinator"]),
            models.Index(fields=["organisation", "staff_contact"]),
            models.Index(fields=["organisation", "ended_at"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="one_case_code_per_org")
        ]
        verbose_name = _("case conference")
        verbose_name_plural = _("case conferences")

    def __str__(self) -> str:
        return self.code

    @property
    def number(self) -> str:
        """The pseudonym staff and e-mails use: random, never the sequential id."""
        return self.code

    def life_domain_labels(self) -> list[str]:
        labels = dict(LifeDomain.choices)
        return [str(labels.get(domain, domain)) for domain in self.life_domains]

    @property
    def is_request(self) -> bool:
        return self.status == self.Status.REQUESTED

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def has_agenda(self) -> bool:
        return self.agenda_recorded_at is not None


class CaseConsent(models.Model):
    """The client's consent to the case conference: scope, when, how, and its withdrawal."""

    class How(models.TextChoices):
        SIGNED = "signed", _("Signed the form")
        SPOKEN = "spoken", _("Said yes, with a witness")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    case = models.ForeignKey(CaseConference, on_delete=models.CASCADE, related_name="consents")
    scope = models.TextField(
        _("what the client agrees to"),
        max_length=2000,
        help_text=_("What may be discussed and shared at the table, and for what goal."),
    )
    given_on = models.DateField(_("given on"))
    how = models.CharField(_("how"), max_length=10, choices=How.choices)
    witness = models.CharField(
        _("witness"),
        max_length=150,
        blank=True,
        help_text=_("Needed when the client said yes without signing."),
    )
    recorded_by = staff_link()
    recorded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = staff_link()
    withdrawal_note = models.CharField(_("how the client withdrew"), max_length=300, blank=True)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        indexes = [models.Index(fields=["organisation", "case"])]
        verbose_name = _("consent for a case conference")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.given_on}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class CaseProvider(models.Model):
    """A care provider around the client; with an account, they can be invited to the case."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    case = models.ForeignKey(CaseConference, on_delete=models.CASCADE, related_name="providers")
    name = models.CharField(
        _("provider"),
        max_length=150,
        help_text=_("The service or organisation, e.g. “CAW – debt counselling”."),
    )
    user = staff_link(_("staff account"))
    may_share = models.TextField(
        _("what this provider may share"),
        max_length=1000,
        blank=True,
        help_text=_("As the client agreed it."),
    )
    invited_at = models.DateTimeField(null=True, blank=True)
    invited_by = staff_link()
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["organisation", "case"]),
            models.Index(fields=["organisation", "user"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "case", "user"],
                condition=models.Q(user__isnull=False),
                name="one_provider_row_per_account",
            )
        ]
        verbose_name = _("care provider")
        verbose_name_plural = _("care providers")

    def __str__(self) -> str:
        return self.name

    @property
    def has_access(self) -> bool:
        return (
            self.user_id is not None
            and self.invited_at is not None
            and self.acknowledged_at is not None
            and self.removed_at is None
        )


class CaseMeeting(models.Model):
    """One conference at the table: the first, a follow-up, or the evaluation."""

    class Kind(models.TextChoices):
        FIRST = "first", _("First conference")
        FOLLOW_UP = "follow_up", _("Follow-up conference")
        EVALUATION = "evaluation", _("Evaluation with the client")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    case = models.ForeignKey(CaseConference, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.FIRST)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    report = models.TextField(
        _("report in plain language"),
        max_length=8000,
        blank=True,
        help_text=_("Short sentences. The client gets this on paper."),
    )
    report_recorded_at = models.DateTimeField(null=True, blank=True)
    invitation = models.ForeignKey(
        "messaging.Message", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["organisation", "case", "starts_at"])]
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")

    def __str__(self) -> str:
        return f"{self.case_id} {self.starts_at:%Y-%m-%d}"


class Agreement(models.Model):
    """Who does what by when. The client's own agreements are among them."""

    class Owner(models.TextChoices):
        PROVIDER = "provider", _("A care provider")
        CLIENT = "client", _("The client")
        TRUSTED_PERSON = "trusted_person", _("The trusted person")

    class Status(models.TextChoices):
        OPEN = "open", _("To do")
        DONE = "done", _("Done")
        NOT_DONE = "not_done", _("Not done")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    case = models.ForeignKey(CaseConference, on_delete=models.CASCADE, related_name="agreements")
    meeting = models.ForeignKey(
        CaseMeeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="agreements"
    )
    what = models.TextField(_("what"), max_length=1000)
    owner_kind = models.CharField(_("who"), max_length=20, choices=Owner.choices)
    owner = models.ForeignKey(
        CaseProvider,
        verbose_name=_("care provider"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements",
    )
    due_on = models.DateField(_("by when"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_by = staff_link()
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)
    last_reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["organisation", "case", "due_on"]),
            models.Index(fields=["organisation", "status", "due_on"]),
        ]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.due_on}"

    def owner_label(self) -> str:
        if self.owner_kind == self.Owner.PROVIDER and self.owner is not None:
            return self.owner.name or str(_("A care provider"))
        return str(self.get_owner_kind_display())


def document_path(instance: CaseDocument, filename: str) -> str:
    # Random names: the stored path never carries the client's name or the file's title.
    import secrets
    from pathlib import PurePath

    suffix = PurePath(filename).suffix.lower()[:8]
    return f"casework/{instance.organisation_id}/{secrets.token_hex(16)}{suffix}"


class CaseDocument(models.Model):
    """A file on the case, such as the scanned signed consent form."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    case = models.ForeignKey(CaseConference, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=150)
    file = models.FileField(_("file"), upload_to=document_path)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    uploaded_by = staff_link()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        indexes = [models.Index(fields=["organisation", "case"])]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title


class Signal(models.Model):
    """Policy information from case conferences, without personal data."""

    class Kind(models.TextChoices):
        THRESHOLD = "threshold", _("Threshold")
        RIGHTS = "rights", _("Rights not taken up")
        WAITING_LIST = "waiting_list", _("Waiting list")
        EXCLUSION = "exclusion", _("Exclusion mechanism")
        GAP = "gap", _("Gap in services")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    # The case it came from; the signal itself holds nothing that points to the client.
    case = models.ForeignKey(
        CaseConference, on_delete=models.SET_NULL, null=True, blank=True, related_name="signals"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    life_domain = models.CharField(_("life domain"), max_length=20, choices=LifeDomain.choices)
    concerns = models.CharField(
        _("organisation or rule concerned"),
        max_length=200,
        help_text=_("E.g. “social housing company: deposit rule”. No names of people."),
    )
    description = models.TextField(
        _("short description"),
        max_length=1000,
        help_text=_("What goes wrong, for whom in general. No names, numbers or addresses."),
    )
    recorded_on = models.DateField(_("date"))
    recorded_by = staff_link()

    class Meta:
        ordering = ["-recorded_on", "-id"]
        indexes = [models.Index(fields=["organisation", "recorded_on"])]
        verbose_name = _("signal")
        verbose_name_plural = _("signals")

    def __str__(self) -> str:
        return f"{self.kind} {self.life_domain}"
