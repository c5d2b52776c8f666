"""Statuses kept as the apps' source texts ("Followed"), shown in each reader's language.

Until now the memory stored a status as the label in the language of whoever wrote it
("Gevolgd" from a Dutch page, "Followed" from an English one): two filter choices for one
status, and Dutch for a reader in English. Each stored label is mapped back to its source
text through the Dutch catalogue; facets that become the same are merged.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations
from django.utils import translation

# The status labels the signal, answer and result apps file, as source texts.
SOURCES = (
    "Waiting for an answer",
    "Being studied",
    "Answered",
    "Followed",
    "Partly followed",
    "Not followed",
    "Acknowledged, we act on it",
    "Planned",
    "In progress",
    "Done",
    "Stalled",
    "Stopped",
)
# The generated scale data of earlier versions wrote these.
EARLIER = {"open": "Waiting for an answer", "in studie": "Being studied"}


def to_source(apps: Any, schema_editor: Any) -> None:
    Facet = apps.get_model("archive", "Facet")
    Entry = apps.get_model("archive", "Entry")
    known: dict[str, str] = dict(EARLIER)
    with translation.override("nl"):
        for source in SOURCES:
            known.setdefault(translation.gettext(source).lower(), source)
    for source in SOURCES:
        known.setdefault(source.lower(), source)
    for facet in Facet.objects.filter(field="status").order_by("pk"):
        source = known.get(facet.value.lower())
        if source is None or source == facet.value:
            continue
        Entry.objects.filter(organisation=facet.organisation_id, status=facet.value).update(
            status=source
        )
        twin = Facet.objects.filter(
            organisation=facet.organisation_id, field="status", value=source
        )
        if twin.exists():
            facet.delete()
        else:
            facet.value = source
            facet.save(update_fields=["value"])


class Migration(migrations.Migration):
    dependencies = [("archive", "0006_one_spelling_per_theme")]

    operations = [migrations.RunPython(to_source, migrations.RunPython.noop)]
