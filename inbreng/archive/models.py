"""The memory (armoedegeheugen): what was signalled, advised, answered and done, searchable.

Other apps put their items in through `services.entry_put`; the memory knows nothing of
signals or meetings, only of entries with a stable key. Nothing personal is kept here.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from inbreng.core.models import Organisation


class Kind(models.TextChoices):
    SIGNAL = "signal", _("Signal")
    ADVICE = "advice", _("Advice")
    ANSWER = "answer", _("Answer")
    RESULT = "result", _("Result")
    TRAJECTORY = "trajectory", _("Trajectory summary")
    MINUTES = "minutes", _("Meeting minutes")
    NOTE = "note", _("Note")


# What staff write into the memory by hand; the other kinds come from their own apps.
HAND_KINDS = (Kind.NOTE, Kind.TRAJECTORY, Kind.MINUTES)
HAND_KEY_PREFIX = "hand:"


class Entry(models.Model):
    """One remembered item. `key` is the caller's own stable name for it ("signal:12")."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    key = models.CharField(max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), max_length=20000, blank=True)
    # Theme names between bars ("|housing|energy|"), so one theme is one indexed-free
    # `contains` on both databases; the list is small per entry.
    themes = models.CharField(_("themes"), max_length=1000, blank=True)
    period = models.DateField(_("date"))
    body_name = models.CharField(_("body"), max_length=200, blank=True)
    # The writing app's label as its source text ("Followed"): see status_label.
    status = models.CharField(_("status"), max_length=100, blank=True)
    group_name = models.CharField(_("group"), max_length=200, blank=True)
    url = models.CharField(max_length=300, blank=True)
    shareable = models.BooleanField(
        _("shareable with the network"),
        default=False,
        help_text=_("Other organisations of this installation can find it."),
    )
    # The normalised search terms (inbreng.lib.dutch_terms), space-separated. PostgreSQL
    # indexes them in a generated tsvector column, SQLite in an FTS5 table (see migrations).
    title_terms = models.TextField(blank=True)
    text_terms = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "key"], name="archive_entry_key")
        ]
        indexes = [
            models.Index(fields=["organisation", "-period", "-id"], name="archive_entry_period"),
            models.Index(fields=["organisation", "shareable"], name="archive_entry_shareable"),
        ]
        verbose_name = _("memory entry")
        verbose_name_plural = _("memory entries")

    def __str__(self) -> str:
        return self.title

    @property
    def theme_list(self) -> list[str]:
        return [t for t in self.themes.split("|") if t]

    @property
    def status_label(self) -> str:
        """The status in the reader's language (it is kept as the app's source text)."""
        return status_label(self.status)

    @property
    def by_hand(self) -> bool:
        return self.key.startswith(HAND_KEY_PREFIX)


def status_label(status: str) -> str:
    return gettext(status) if status else ""


class Facet(models.Model):
    """A value the search can be filtered on (a theme, body, status or group name), kept by
    the service so the filter lists are one small query instead of a scan of every entry."""

    class Field(models.TextChoices):
        THEME = "theme"
        BODY = "body"
        STATUS = "status"
        GROUP = "group"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    field = models.CharField(max_length=10, choices=Field.choices)
    value = models.CharField(max_length=200)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "field", "value"], name="archive_facet_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.field}: {self.value}"


class Dossier(models.Model):
    """A thematic dossier: entries a coordinator gathers by hand."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    entries = models.ManyToManyField(Entry, through="DossierEntry", related_name="dossiers")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["organisation", "-updated_at"], name="archive_dossier_updated")
        ]
        verbose_name = _("dossier")

    def __str__(self) -> str:
        return self.title


class DossierEntry(models.Model):
    # The dossier's organisation; the entry may be another organisation's shareable one.
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE)
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "dossier", "entry"], name="archive_dossier_entry"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.entry_id}"


class EntryIndex(models.Model):
    """SQLite only: the FTS5 table over the entries' terms (rowid = the entry's id).

    Not managed by Django: a migration creates it on SQLite only. It exists as a model so
    the search can join it; on PostgreSQL it is never queried.
    """

    entry = models.OneToOneField(
        Entry,
        primary_key=True,
        db_column="rowid",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="fts_row",
    )
    title = models.TextField()
    text = models.TextField()

    class Meta:
        managed = False
        db_table = "archive_entry_fts"

    def __str__(self) -> str:
        return self.title
