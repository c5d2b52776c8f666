"""Demo data for the memory, called by `seed_demo` through ArchiveConfig. All made up.

Hand-written entries (a note, meeting minutes, trajectory summaries) over several years and
themes, one of them shared with the network, and a dossier on energy that gathers some.
Signals, advice, answers and results come in through the signals app's own demo.
"""

from __future__ import annotations

import datetime
from typing import Any

from inbreng.core.models import Organisation

from .models import Entry, Kind
from .services import dossier_add_entry, dossier_save, hand_entry_save

ENTRIES = [
    (
        Kind.MINUTES,
        "Praatcafé over energiefacturen",
        "De groep vertelt over hoge energiefacturen in de winter. Een budgetmeter geeft "
        "zekerheid, maar wie hem niet kan opladen, zit in de kou. Sommigen maken schulden "
        "om de factuur te betalen. De groep vraagt uitleg in eenvoudige taal bij de "
        "eindafrekening.",
        ["Energie", "Schulden"],
        datetime.date(2024, 11, 14),
        "Praatcafé",
        True,
    ),
    (
        Kind.TRAJECTORY,
        "Traject: schoolkosten zonder schaamte",
        "Ouders en de scholen zochten samen hoe schoolkosten lager kunnen. Afspraak: één "
        "kostenlijst per jaar, op tijd, en betalen in kleine stukken mag.",
        ["Onderwijs", "Kinderarmoede"],
        datetime.date(2023, 6, 20),
        "Klankbordgroep",
        False,
    ),
    (
        Kind.NOTE,
        "Wachtlijst sociale woningen",
        "Gezinnen wachten jaren op een sociale woning. De groep wil weten waar ze op de "
        "lijst staan, en dat iemand uitlegt waarom het zo lang duurt.",
        ["Wonen"],
        datetime.date(2025, 2, 3),
        "Praatcafé",
        False,
    ),
    (
        Kind.NOTE,
        "Een schuld bij de waterleverancier",
        "Wie een schuld heeft bij de waterleverancier, krijgt brieven die moeilijk te lezen "
        "zijn. De groep vraagt één telefoonnummer waar iemand een afbetaling mee regelt.",
        ["Schulden", "Wonen"],
        datetime.date(2025, 5, 12),
        "Praatcafé",
        False,
    ),
    (
        Kind.MINUTES,
        "Verslag: de energiepremie aanvragen",
        "Het formulier voor de energiepremie is moeilijk. Drie mensen lukte het niet alleen. "
        "De dienst maakt een korte uitleg met prenten.",
        ["Energie", "Digitale inclusie"],
        datetime.date(2025, 9, 18),
        "Klankbordgroep",
        False,
    ),
]


def seed_memory(organisation: Organisation, users: dict[str, Any]) -> None:
    by = users.get("coordinator") or next(iter(users.values()))
    made: list[Entry] = []
    for kind, title, text, themes, period, group, shareable in ENTRIES:
        made.append(
            hand_entry_save(
                organisation=organisation,
                by=by,
                entry=None,
                kind=kind,
                title=title,
                text=text,
                themes=themes,
                period=period,
                group_name=group,
                shareable=shareable,
            )
        )
    dossier = dossier_save(
        organisation=organisation,
        by=by,
        dossier=None,
        title="Energie betaalbaar houden",
        description="Wat groepen over energie vertelden, en wat er gebeurde.",
    )
    for entry in made:
        if "Energie" in entry.theme_list:
            dossier_add_entry(dossier=dossier, entry=entry)
