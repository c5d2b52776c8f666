"""Memory entries for tests, through the service as every app puts them in."""

from __future__ import annotations

import datetime
from typing import Any

from inbreng.archive.models import Entry
from inbreng.archive.services import entry_put
from inbreng.core.models import Organisation


def put(organisation: Organisation, key: str, title: str, text: str = "", **fields: Any) -> Entry:
    values: dict[str, Any] = {
        "kind": "signal",
        "themes": [],
        "period": datetime.date(2025, 1, 1),
        "body_name": "",
        "status": "",
        "group_name": "",
        "url": "",
        "shareable": False,
    }
    values.update(fields)
    entry_put(organisation=organisation, key=key, title=title, text=text or title, **values)
    return Entry.objects.get(organisation=organisation, key=key)


def hand_entry(organisation: Organisation) -> Entry:
    from inbreng.archive.services import hand_entry_save

    return hand_entry_save(
        organisation=organisation,
        by=None,  # type: ignore[arg-type]
        entry=None,
        kind="note",
        title="Notitie over de huur",
        text="De groep vertelt dat de huur te hoog is.",
        themes=["wonen"],
        period=datetime.date(2025, 2, 1),
        group_name="Praatgroep",
        shareable=False,
    )


def dossier(organisation: Organisation) -> Any:
    from inbreng.archive.models import Dossier

    return Dossier.objects.create(organisation=organisation, title="Energie")


# Keyword arguments for the authorization matrix (tests/test_authorization_matrix.py).
def entry_kwargs(w: Any, loop: Any) -> dict[str, Any]:
    return {"pk": put(w.org, "signal:1", "Schulden en huur").pk}


def hand_entry_kwargs(w: Any, loop: Any) -> dict[str, Any]:
    return {"pk": hand_entry(w.org).pk}


def dossier_kwargs(w: Any, loop: Any) -> dict[str, Any]:
    return {"pk": dossier(w.org).pk}


def dossier_entry_kwargs(w: Any, loop: Any) -> dict[str, Any]:
    made = dossier(w.org)
    entry = put(w.org, "signal:2", "Energie")
    made.entries.add(entry, through_defaults={"organisation": w.org})
    return {"pk": made.pk, "entry_pk": entry.pk}
