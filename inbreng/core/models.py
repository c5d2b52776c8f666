"""Tenants, staff, roles and the audit log."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A staff account. Participants never have one."""

    is_demo = models.BooleanField(
        _("demo account"),
        default=False,
        help_text=_("Demo accounts skip two-factor set-up while INBRENG_DEMO is on."),
    )

    def display_name(self) -> str:
        return self.get_full_name() or self.username


class Organisation(models.Model):
    """A tenant: a local government's social services (OCMW / sociaal huis)."""

    name = models.CharField(_("name"), max_length=200)
    privacy_contact = models.CharField(
        _("privacy contact"),
        max_length=200,
        blank=True,
        help_text=_("Who participants can ask about their data (name, phone or address)."),
    )
    inactivity_months = models.PositiveSmallIntegerField(
        _("months without activity before review"), default=24
    )
    answer_weeks = models.PositiveSmallIntegerField(
        _("weeks a service has to answer"),
        default=6,
        help_text=_("Counted from the meeting where a question is discussed."),
    )
    plain_language_min_score = models.PositiveSmallIntegerField(
        _("lowest reading score for texts to participants"),
        default=60,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "Flesch-Douma score from 0 (very hard) to 100 (very easy). Texts below it need a "
            "reason before they are sent."
        ),
    )
    # The number participants can call, printed on every letter, SMS and personal page.
    contact_phone = models.CharField(
        _("phone number for participants"),
        max_length=30,
        blank=True,
        help_text=_("The number participants can call with questions, e.g. 09 123 45 67."),
    )
    contact_hours = models.CharField(
        _("when people can call"),
        max_length=120,
        blank=True,
        help_text=_("In short, e.g. “Monday to Friday, 9 to 12”."),
    )
    # Where participants' answers to e-mails go (Reply-To), and the organiser in calendar files.
    contact_email = models.EmailField(
        _("e-mail address for participants"),
        blank=True,
        help_text=_("Answers to our e-mails go here, e.g. participatie@gemeente.be."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Service(models.Model):
    """A department (dienst) that asks the participants questions and answers their input."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["organisation", "name"])]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="service_unique_name")
        ]
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self) -> str:
        return self.name


class Partner(models.Model):
    """A partner organisation: CAW, poverty association, Basiseducatie, ..."""

    class Kind(models.TextChoices):
        CAW = "caw", _("Centre for general welfare (CAW)")
        POVERTY_ASSOCIATION = "poverty", _("Association where the poor speak up")
        ADULT_EDUCATION = "education", _("Adult basic education")
        HEALTH = "health", _("Health care")
        OTHER = "other", _("Other")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["organisation", "name"])]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="partner_unique_name")
        ]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    COORDINATOR = "coordinator", _("Participation coordinator")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    SERVICE_CONTACT = "service_contact", _("Service contact")
    POLICY_MAKER = "policy_maker", _("Policy maker")
    PARTNER_WORKER = "partner_worker", _("Partner worker")
    CASE_COORDINATOR = "case_coordinator", _("Case-conference coordinator")


# Roles that see participants' personal data; they must use two-factor authentication.
SENSITIVE_ROLES = frozenset(
    {Role.ADMIN, Role.COORDINATOR, Role.SOCIAL_WORKER, Role.PARTNER_WORKER, Role.CASE_COORDINATOR}
)


class Membership(models.Model):
    """A person's work for one organisation, with one or more roles.

    Roles are boolean columns rather than a list so that "all coordinators of this
    organisation" is one indexed query on SQLite and PostgreSQL alike.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    is_admin = models.BooleanField(_("administrator"), default=False)
    is_coordinator = models.BooleanField(_("participation coordinator"), default=False)
    is_social_worker = models.BooleanField(_("social worker"), default=False)
    is_service_contact = models.BooleanField(_("service contact"), default=False)
    is_policy_maker = models.BooleanField(_("policy maker"), default=False)
    is_partner_worker = models.BooleanField(_("partner worker"), default=False)
    is_case_coordinator = models.BooleanField(_("case-conference coordinator"), default=False)
    service = models.ForeignKey(
        Service,
        verbose_name=_("service"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_("For a service contact: the service they speak for."),
    )
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("partner organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_("For a partner worker: the organisation they work for."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    deactivated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    ROLE_FIELDS: dict[str, str] = {
        Role.ADMIN: "is_admin",
        Role.COORDINATOR: "is_coordinator",
        Role.SOCIAL_WORKER: "is_social_worker",
        Role.SERVICE_CONTACT: "is_service_contact",
        Role.POLICY_MAKER: "is_policy_maker",
        Role.PARTNER_WORKER: "is_partner_worker",
        Role.CASE_COORDINATOR: "is_case_coordinator",
    }

    class Meta:
        indexes = [models.Index(fields=["organisation", "user"])]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="membership_unique")
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation}"

    @property
    def roles(self) -> list[str]:
        return [role for role, field in self.ROLE_FIELDS.items() if getattr(self, field)]

    def has_role(self, *roles: str) -> bool:
        return any(getattr(self, self.ROLE_FIELDS[role]) for role in roles)

    @property
    def sees_personal_data(self) -> bool:
        return self.has_role(*SENSITIVE_ROLES)

    def role_labels(self) -> list[str]:
        return [str(Role(role).label) for role in self.roles]


class AuditEvent(models.Model):
    """Who read or changed personal or case data, and when.

    The event names the record by type and id, never by the person's name, so that the
    log itself holds as little personal data as possible.
    """

    class Action(models.TextChoices):
        VIEW = "view", _("viewed")
        LIST = "list", _("listed")
        SEARCH = "search", _("searched")
        CREATE = "create", _("created")
        UPDATE = "update", _("changed")
        EXPORT = "export", _("exported")
        ERASE = "erase", _("erased")
        IMPORT = "import", _("imported")
        KEEP = "keep", _("kept after review")
        ROLE_CHANGE = "role_change", _("changed roles")
        DEACTIVATE = "deactivate", _("deactivated")
        OTP_RESET = "otp_reset", _("reset two-step login")
        SEND = "send", _("sent a message")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    actor = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    action = models.CharField(max_length=20, choices=Action.choices)
    object_type = models.CharField(max_length=50)
    object_id = models.CharField(max_length=50, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=False)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "-at"]),
            models.Index(fields=["organisation", "object_type", "object_id"]),
        ]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_id} {self.action} {self.object_type}"

    @classmethod
    def record(
        cls,
        *,
        organisation: Organisation,
        actor: Any,
        action: str,
        obj: models.Model | None = None,
        object_type: str = "",
        **detail: Any,
    ) -> AuditEvent:
        return cls.objects.create(
            organisation=organisation,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            action=action,
            object_type=object_type or (obj._meta.label_lower if obj is not None else ""),
            object_id=str(obj.pk) if obj is not None else "",
            detail=detail,
        )


class CalendarRevision(models.Model):
    """The revision of one calendar entry (a meeting) as calendar files have shown it.

    RFC 5545 asks for a SEQUENCE that goes up whenever an event changes, so that a calendar
    that imported the file before takes the new time or place. The fingerprint of what the
    file said last time is kept; a different one raises the sequence.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    # The caller's reference, e.g. "meeting:12": core knows nothing of meetings.
    key = models.CharField(max_length=50)
    sequence = models.PositiveIntegerField(default=0)
    fingerprint = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "key"], name="calendar_revision_key")
        ]

    def __str__(self) -> str:
        return f"{self.key}#{self.sequence}"
