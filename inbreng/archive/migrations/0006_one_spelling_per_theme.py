"""One spelling per theme: "energie" and "Energie" become one filter choice.

Themes came in from several places (signals, results, notes written by hand) with their
own capitals, and each spelling was its own facet. The first spelling the memory knew
stays; entries that used another one are filed under it. New entries are matched the same
way (`selectors.known_spelling`).
"""

from __future__ import annotations

from typing import Any

from django.db import migrations


def merge(apps: Any, schema_editor: Any) -> None:
    Facet = apps.get_model("archive", "Facet")
    Entry = apps.get_model("archive", "Entry")
    first: dict[tuple[int, str], str] = {}
    others: list[tuple[int, str, str, int]] = []
    for pk, organisation, value in (
        Facet.objects.filter(field="theme").order_by("pk").values_list("pk", "organisation", "value")
    ):
        kept = first.setdefault((organisation, value.lower()), value)
        if kept != value:
            others.append((organisation, value, kept, pk))
    for organisation, value, kept, pk in others:
        entries = Entry.objects.filter(organisation=organisation, themes__contains=f"|{value}|")
        for entry in entries.only("pk", "themes"):
            names: dict[str, str] = {}
            for name in entry.themes.strip("|").split("|"):
                name = kept if name == value else name
                names.setdefault(name.lower(), name)
            entry.themes = "|" + "|".join(names.values()) + "|"
            entry.save(update_fields=["themes"])
        Facet.objects.filter(pk=pk).delete()


class Migration(migrations.Migration):
    dependencies = [("archive", "0005_shared_search")]

    operations = [migrations.RunPython(merge, migrations.RunPython.noop)]
