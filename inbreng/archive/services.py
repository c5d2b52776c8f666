"""Writes to the memory: entries (from other apps and by hand) and dossiers."""

from __future__ import annotations

import datetime
import unicodedata
import uuid
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inbreng.core.models import Organisation, User
from inbreng.lib.dutch_terms import terms
from inbreng.lib.personal_data import findings as findings_in
from inbreng.people.selectors import register_names

from . import selectors
from .models import HAND_KEY_PREFIX, Dossier, DossierEntry, Entry, Facet, Kind

_FINDING_NAMES = {
    "national_number": gettext_lazy("a national register number"),
    "phone": gettext_lazy("a phone number"),
    "email": gettext_lazy("an e-mail address"),
    "name": gettext_lazy("the name of someone in the register"),
    "initials": gettext_lazy("a person's name"),
    "address": gettext_lazy("a street address"),
}


def refuse_personal_data(organisation: Organisation, **texts: str) -> None:
    """Raises a ValidationError at each field whose text holds a national register number,
    a phone number, an e-mail or street address or a name from the organisation's register:
    the memory holds no personal data."""
    if not any(text.strip() for text in texts.values()):
        return
    names = register_names(organisation)
    errors = {}
    for field, text in texts.items():
        findings = [f for f in findings_in(text, names) if f.kind in _FINDING_NAMES]
        if findings:
            errors[field] = _(
                "This text contains %(what)s. The memory keeps no personal data: "
                "leave it out and save again."
            ) % {"what": str(_FINDING_NAMES[findings[0].kind])}
    if errors:
        raise ValidationError(errors)


def _clean_names(values: Iterable[str]) -> list[str]:
    # A bar separates the stored themes, so it cannot be part of one.
    seen: dict[str, None] = {}
    for value in values:
        # One way to write "École" (composed), whatever the keyboard sent.
        name = " ".join(unicodedata.normalize("NFC", value).replace("|", " ").split())[:200]
        if name:
            seen.setdefault(name, None)
    return list(seen)


def _sync_index(entry: Entry) -> None:
    # PostgreSQL keeps its tsvector itself (a generated column); SQLite's FTS5 table is
    # kept here, in the same transaction as the entry.
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM archive_entry_fts WHERE rowid = %s", [entry.pk])
        cursor.execute(
            "INSERT INTO archive_entry_fts (rowid, title, text) VALUES (%s, %s, %s)",
            [entry.pk, entry.title_terms, entry.text_terms],
        )


def source_text(label: str | Promise) -> str:
    """A label as its source text (the catalogue's key): a lazy label gives the same text
    whatever language is active, so the memory files a status once and every reader sees
    it in their own language (`Entry.status_label`)."""
    with translation.override(None):
        return str(label).strip()


def _keep_facets(entry: Entry, themes: list[str]) -> None:
    values = [(Facet.Field.THEME, t) for t in themes] + [
        (field, value)
        for field, value in (
            (Facet.Field.BODY, entry.body_name),
            (Facet.Field.STATUS, entry.status),
            (Facet.Field.GROUP, entry.group_name),
        )
        if value
    ]
    Facet.objects.bulk_create(
        [Facet(organisation=entry.organisation, field=f, value=v) for f, v in values],
        ignore_conflicts=True,
    )


@transaction.atomic
def _put(
    *,
    organisation: Organisation,
    key: str,
    kind: str,
    title: str,
    text: str,
    themes: list[str],
    period: datetime.date,
    body_name: str,
    status: str | Promise,
    group_name: str,
    url: str,
    shareable: bool,
    by: User | None = None,
) -> Entry:
    # A NUL byte is no text anybody wrote, and PostgreSQL refuses it.
    title, text = title.replace("\x00", ""), text.replace("\x00", "")
    refuse_personal_data(
        organisation,
        title=title,
        text=text,
        themes=" | ".join(themes),
        body_name=body_name,
        group_name=group_name,
    )
    names = selectors.known_spelling(organisation, _clean_names(themes))
    entry = Entry.objects.filter(organisation=organisation, key=key).first() or Entry(
        organisation=organisation, key=key, created_by=by
    )
    fields: dict[str, Any] = {
        "kind": kind,
        "title": title.strip(),
        "text": text.strip(),
        "themes": "|" + "|".join(names) + "|" if names else "",
        "period": period,
        "body_name": body_name.strip()[:200],
        "status": source_text(status)[:100],
        "group_name": group_name.strip()[:200],
        "url": url,
        "shareable": shareable,
    }
    for name, value in fields.items():
        setattr(entry, name, value)
    entry.title_terms = " ".join(terms(entry.title))
    entry.text_terms = " ".join(terms(entry.text))
    entry.full_clean()
    entry.save()
    _sync_index(entry)
    _keep_facets(entry, names)
    return entry


def entry_put(
    *,
    organisation: Organisation,
    key: str,
    kind: str,
    title: str,
    text: str,
    themes: list[str],
    period: datetime.date,
    body_name: str,
    status: str | Promise,
    group_name: str,
    url: str,
    shareable: bool,
) -> None:
    """Puts an item into the memory, or updates it: one entry per (organisation, key).

    `key` is the caller's stable name for the item ("signal:12"). A title or text with a
    national register number, a phone number or an e-mail address is refused with a
    ValidationError at that field: the memory holds no personal data. `status` is the
    app's (lazy) label: it is kept as its source text and shown in each reader's language.
    """
    _put(
        organisation=organisation,
        key=key,
        kind=kind,
        title=title,
        text=text,
        themes=themes,
        period=period,
        body_name=body_name,
        status=status,
        group_name=group_name,
        url=url,
        shareable=shareable,
    )


@transaction.atomic
def entry_remove(*, organisation: Organisation, key: str) -> None:
    """Takes an item out of the memory (and out of every dossier); nothing if it is not there."""
    entry = Entry.objects.filter(organisation=organisation, key=key).first()
    if entry is None:
        return
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM archive_entry_fts WHERE rowid = %s", [entry.pk])
    entry.delete()


def hand_entry_save(
    *,
    organisation: Organisation,
    by: User,
    entry: Entry | None,
    kind: str,
    title: str,
    text: str,
    themes: list[str],
    period: datetime.date,
    group_name: str,
    shareable: bool,
) -> Entry:
    """A note, meeting minutes or a trajectory summary written into the memory by staff."""
    if kind not in {Kind.NOTE, Kind.MINUTES, Kind.TRAJECTORY}:
        raise ValidationError({"kind": _("Choose a note, meeting minutes or a summary.")})
    key = entry.key if entry is not None else f"{HAND_KEY_PREFIX}{uuid.uuid4().hex}"
    return _put(
        organisation=organisation,
        key=key,
        kind=kind,
        title=title,
        text=text,
        themes=themes,
        period=period,
        body_name="",
        status="",
        group_name=group_name,
        url="",
        shareable=shareable,
        by=by,
    )


@transaction.atomic
def dossier_save(
    *, organisation: Organisation, by: User, dossier: Dossier | None, title: str, description: str
) -> Dossier:
    """Creates or renames a thematic dossier."""
    refuse_personal_data(organisation, title=title, description=description)
    if dossier is None:
        dossier = Dossier(organisation=organisation, created_by=by)
    dossier.title = title.strip()
    dossier.description = description.strip()
    dossier.full_clean()
    dossier.save()
    return dossier


@transaction.atomic
def dossier_add_entry(*, dossier: Dossier, entry: Entry) -> None:
    """Gathers an entry into a dossier (again is a no-op)."""
    DossierEntry.objects.get_or_create(
        organisation=dossier.organisation, dossier=dossier, entry=entry
    )
    dossier.save(update_fields=["updated_at"])


@transaction.atomic
def dossier_remove_entry(*, dossier: Dossier, entry_id: int) -> None:
    DossierEntry.objects.filter(
        organisation=dossier.organisation, dossier=dossier, entry_id=entry_id
    ).delete()
    dossier.save(update_fields=["updated_at"])
