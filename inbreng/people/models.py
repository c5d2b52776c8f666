"""Participants: how to reach them, what they need, and what they consented to.

Collect little. There is no free-text field for notes: participation data is not a
social file, and never flows into one.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from inbreng.core.choices import ChoiceLabels
from inbreng.core.models import Organisation, Partner
from inbreng.lib.text import fold


class Channel(models.TextChoices):
    SMS = "sms", _("SMS")
    EMAIL = "email", _("E-mail")
    LETTER = "letter", _("Letter by post")
    SOCIAL_WORKER = "social_worker", _("Via my social worker")
    PHONE = "phone", _("Phone call")


class Language(models.TextChoices):
    DUTCH = "nl", _("Dutch")
    FRENCH = "fr", _("French")
    ENGLISH = "en", _("English")
    ARABIC = "ar", _("Arabic")
    TURKISH = "tr", _("Turkish")
    POLISH = "pl", _("Polish")
    ROMANIAN = "ro", _("Romanian")
    BERBER = "ber", _("Berber (Tamazight)")
    TIGRINYA = "ti", _("Tigrinya")
    DARI = "prs", _("Dari")
    PASHTO = "ps", _("Pashto")
    UKRAINIAN = "uk", _("Ukrainian")
    RUSSIAN = "ru", _("Russian")
    SOMALI = "so", _("Somali")
    OTHER = "other", _("Another language")


PREFER_NOT = "prefer_not"


class AgeBand(models.TextChoices):
    UNDER_25 = "u25", _("Younger than 25")
    FROM_25 = "25_44", _("25 to 44")
    FROM_45 = "45_64", _("45 to 64")
    OVER_65 = "65p", _("65 or older")
    PREFER_NOT_ = PREFER_NOT, _("I'd rather not say")


class HouseholdType(models.TextChoices):
    SINGLE = "single", _("Living alone")
    SINGLE_PARENT = "single_parent", _("Single parent with children")
    COUPLE = "couple", _("Couple without children")
    COUPLE_CHILDREN = "couple_children", _("Couple with children")
    OTHER = "other", _("Other")
    PREFER_NOT_ = PREFER_NOT, _("I'd rather not say")


class IncomeSituation(models.TextChoices):
    INTEGRATION_INCOME = "integration_income", _("Living wage (leefloon)")
    BENEFIT = "benefit", _("Other benefit or allowance")
    WORK = "work", _("Income from work")
    NONE = "none", _("No income")
    OTHER = "other", _("Other")
    PREFER_NOT_ = PREFER_NOT, _("I'd rather not say")


def need_label(field_name: str) -> str:
    field = Participant._meta.get_field(field_name)
    return str(getattr(field, "verbose_name", field_name))


class ParticipantManager(models.Manager["Participant"]):
    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> list[Participant]:
        """Importers and demo data create people in bulk: they get their search key too."""
        objs = list(objs)
        for participant in objs:
            participant.search_key = participant.compute_search_key()
        return super().bulk_create(objs, *args, **kwargs)


class Participant(ChoiceLabels, models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_("The name this person wants to be called by."),
    )
    postal_name = models.CharField(
        _("name on letters"),
        max_length=150,
        blank=True,
        help_text=_("Only if letters need a fuller name than the one above."),
    )
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    street = models.CharField(_("street and number"), max_length=150, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("municipality"), max_length=100, blank=True)
    preferred_channel = models.CharField(
        _("preferred way to reach"),
        max_length=20,
        choices=Channel.choices,
        default=Channel.LETTER,
    )
    social_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("social worker"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Passes on invitations and answers when the person asks for that."),
    )
    language = models.CharField(
        _("preferred language"), max_length=10, choices=Language.choices, default=Language.DUTCH
    )
    needs_childcare = models.BooleanField(_("childcare"), default=False)
    needs_transport = models.BooleanField(_("transport"), default=False)
    needs_interpreter = models.BooleanField(_("interpreter"), default=False)
    needs_easy_read = models.BooleanField(_("easy-read texts"), default=False)
    needs_large_print = models.BooleanField(_("large print"), default=False)
    needs_wheelchair_access = models.BooleanField(_("wheelchair access"), default=False)
    referred_by_partner = models.ForeignKey(
        Partner,
        verbose_name=_("referred by partner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    referred_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("referred by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Self-declared profile for reach monitoring. Blank means "not asked".
    age_band = models.CharField(_("age"), max_length=20, choices=AgeBand.choices, blank=True)
    household_type = models.CharField(
        _("household"), max_length=20, choices=HouseholdType.choices, blank=True
    )
    home_language = models.CharField(
        _("language at home"),
        max_length=20,
        choices=[*Language.choices, (PREFER_NOT, _("I'd rather not say"))],
        blank=True,
    )
    neighbourhood = models.CharField(
        _("neighbourhood"),
        max_length=100,
        blank=True,
        help_text=_("Leave empty if not asked."),
    )
    income_situation = models.CharField(
        _("income"), max_length=30, choices=IncomeSituation.choices, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    last_activity_at = models.DateTimeField(
        _("last activity"),
        help_text=_("Last meeting, answer or contact; used by the yearly review."),
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)
    # Name, postal name and e-mail folded (lower case, no accents), kept by `save()`: the
    # register finds "Öztürk" when someone types "ozturk". On PostgreSQL a trigram index
    # (migration 0002) serves `search_key__contains`, so search does not read every row.
    search_key = models.TextField(default="", blank=True, editable=False)

    objects = ParticipantManager()

    NEED_FIELDS = (
        "needs_childcare",
        "needs_transport",
        "needs_interpreter",
        "needs_easy_read",
        "needs_large_print",
        "needs_wheelchair_access",
    )
    PROFILE_FIELDS = (
        "age_band",
        "household_type",
        "home_language",
        "neighbourhood",
        "income_situation",
    )
    PERSONAL_FIELDS = (
        "postal_name",
        "phone",
        "email",
        "street",
        "postal_code",
        "city",
        *PROFILE_FIELDS,
    )

    class Meta:
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["organisation", "name"]),
            # The register lists and counts the people who were not erased: an index-only
            # count and the list's order, without reading the table.
            models.Index(
                fields=["organisation", "name", "id"],
                condition=models.Q(erased_at__isnull=True),
                name="people_live_by_name",
            ),
            models.Index(fields=["organisation", "last_activity_at"]),
            models.Index(fields=["organisation", "phone"]),
            models.Index(fields=["organisation", "email"]),
        ]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_key = self.compute_search_key()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "search_key" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "search_key"]
        super().save(*args, **kwargs)

    def compute_search_key(self) -> str:
        return fold(" ".join(part for part in (self.name, self.postal_name, self.email) if part))

    @property
    def first_name(self) -> str:
        """How messages and the personal page greet the person: the first word of the name."""
        return self.name.split(" ")[0]

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    def needs(self) -> list[str]:
        return [need_label(f) for f in self.NEED_FIELDS if getattr(self, f)]

    def contact_channels(self) -> list[str]:
        """The channels that can actually reach this person, preferred one first."""
        usable = {
            Channel.SMS: bool(self.phone),
            Channel.PHONE: bool(self.phone),
            Channel.EMAIL: bool(self.email),
            Channel.LETTER: bool(self.street and self.postal_code and self.city),
            Channel.SOCIAL_WORKER: self.social_worker_id is not None,
        }
        ordered = [
            self.preferred_channel,
            *[c for c in Channel.values if c != self.preferred_channel],
        ]
        return [c for c in ordered if usable.get(Channel(c))]


class Consent(models.Model):
    """What a participant agreed to, when, recorded by whom, and whether they withdrew it."""

    class Purpose(models.TextChoices):
        PARTICIPATION = (
            "participation",
            _("Keep my details to invite me and tell me what happened with my input"),
        )
        REACH = "reach", _("Use my profile answers, without my name, to see who we reach")
        PARTNER = "partner", _("Share my name and contact with the partner who referred me")
        PHOTOS = "photos", _("Photos or recordings at meetings")

    class How(models.TextChoices):
        SPOKEN = "spoken", _("Said yes in a conversation")
        PAPER = "paper", _("Signed on paper")
        ONLINE = "online", _("Said yes on their own page")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("for what"), max_length=20, choices=Purpose.choices)
    how = models.CharField(_("how"), max_length=10, choices=How.choices, default=How.SPOKEN)
    given_at = models.DateTimeField(_("given on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("withdrawn on"), null=True, blank=True)
    withdrawn_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-given_at", "-id"]
        indexes = [models.Index(fields=["organisation", "participant"])]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return f"{self.participant_id} {self.purpose}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None
