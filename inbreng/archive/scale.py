"""The memory at a city's scale: generated entries for `seed_demo --scale` and bench.archive.

Fictional texts about debts, housing, energy, ... made from word lists and the 3,000 most
frequent Dutch words (drawn as often as Dutch uses them), with the same terms and index as
`services.entry_put` makes, written in bulk. A city holds 20,000 entries (issue 14).
"""

from __future__ import annotations

import datetime
import random
from functools import cache
from typing import Any

from django.db import connection
from django.db.models import Max

from inbreng.lib.dutch_terms import terms

from .models import Entry, Facet

ENTRIES_PER_CITY = 20_000

THEMES: dict[str, list[str]] = {
    "schulden": [
        "schulden",
        "schuld",
        "afbetalingsplan",
        "deurwaarder",
        "aanmaning",
        "budgetbeheer",
        "rekeningen",
        "incasso",
        "achterstallige",
    ],
    "wonen": [
        "huur",
        "huurprijzen",
        "woningen",
        "sociale woning",
        "wachtlijst",
        "huisbaas",
        "vocht",
        "huurwaarborg",
        "verhuizen",
    ],
    "energie": [
        "energiefacturen",
        "energiefactuur",
        "budgetmeter",
        "verwarming",
        "stookolie",
        "elektriciteit",
        "voorschotfactuur",
        "energiepremie",
    ],
    "kinderarmoede": [
        "kinderen",
        "kind",
        "schoolkosten",
        "kinderopvang",
        "speelgoed",
        "schoolreis",
        "maaltijden",
        "jongeren",
        "armoede",
        "bestrijden",
        "bestrijding",
    ],
    "gezondheid": [
        "dokter",
        "tandarts",
        "medicijnen",
        "ziekenhuis",
        "wachttijden",
        "psycholoog",
        "ziekenfonds",
    ],
    "werk": [
        "werk",
        "sollicitatie",
        "opleiding",
        "interim",
        "leefloon",
        "uitkering",
        "begeleiding",
    ],
    "mobiliteit": ["bus", "fiets", "vervoer", "abonnement", "afstand", "rijbewijs"],
    "digitale inclusie": [
        "computer",
        "internet",
        "formulieren",
        "itsme",
        "smartphone",
        "digitale loket",
    ],
}
# Everyday Dutch around the theme words: the 3,000 most frequent Dutch words (wordfreq),
# drawn as often as Dutch uses them, so "de" is in every text and "zorgen" in some.
VOCABULARY_SIZE = 3000
THEME_SHARE = 0.15


@cache
def _vocabulary() -> tuple[list[str], list[float]]:
    from wordfreq import top_n_list, zipf_frequency

    words = [w for w in top_n_list("nl", VOCABULARY_SIZE) if w.isalpha()]
    return words, [10 ** zipf_frequency(w, "nl") for w in words]


KINDS = ["signal", "advice", "answer", "result", "trajectory", "minutes", "note"]
BODIES = ["College", "Gemeenteraad", "Bijzonder comité", "Managementteam", "Welzijnsraad"]
# As the apps file them: the source text of their labels (shown translated).
STATUSES = ["Waiting for an answer", "Answered", "Being studied", "Followed", "Partly followed"]
GROUPS = ["Praatgroep", "Klankbordgroep", "Focusgroep jongeren", "Armoedevereniging"]


def _text(
    rng: random.Random, themes: list[str], words: int, vocabulary: tuple[list[str], list[float]]
) -> str:
    pool = [w for t in themes for w in THEMES[t]]
    common = rng.choices(vocabulary[0], vocabulary[1], k=words)
    sentences: list[str] = []
    sentence: list[str] = []
    for i in range(words):
        sentence.append(rng.choice(pool) if rng.random() < THEME_SHARE else common[i])
        if len(sentence) >= rng.randint(6, 14):
            sentences.append(" ".join(sentence).capitalize() + ".")
            sentence = []
    if sentence:
        sentences.append(" ".join(sentence).capitalize() + ".")
    return " ".join(sentences)


def entry_rows(organisation_id: int, count: int, rng: random.Random) -> list[dict[str, Any]]:
    """`count` generated entries as rows of field values, terms included."""
    vocabulary = _vocabulary()
    names = list(THEMES)
    start = datetime.date(2016, 1, 1)
    rows: list[dict[str, Any]] = []
    for i in range(count):
        themes = rng.sample(names, rng.randint(1, 3))
        title = _text(rng, themes, rng.randint(4, 9), vocabulary).rstrip(".")[:300]
        text = _text(rng, themes, rng.randint(40, 160), vocabulary)
        rows.append(
            {
                "organisation": organisation_id,
                "key": f"scale:{i}",
                "kind": rng.choice(KINDS),
                "title": title,
                "text": text,
                "themes": "|" + "|".join(themes) + "|",
                "period": start + datetime.timedelta(days=rng.randint(0, 3650)),
                "body_name": rng.choice(BODIES),
                "status": rng.choice(STATUSES),
                "group_name": rng.choice(GROUPS),
                "shareable": rng.random() < 0.2,
                "title_terms": " ".join(terms(title)),
                "text_terms": " ".join(terms(text)),
            }
        )
    return rows


def index_new_entries(organisation_id: int, after: int) -> None:
    """SQLite: the FTS5 rows of the entries written in bulk (PostgreSQL's index is a
    generated column and needs nothing)."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO archive_entry_fts (rowid, title, text) "
            "SELECT id, title_terms, text_terms FROM archive_entry "
            "WHERE organisation_id = %s AND id > %s",
            [organisation_id, after],
        )


def facet_rows(organisation_id: int) -> list[Facet]:
    """The filter values the generated entries use, as `entry_put` would have kept them."""
    values = [(Facet.Field.THEME, t) for t in THEMES] + [
        (field, value)
        for field, names in (
            (Facet.Field.BODY, BODIES),
            (Facet.Field.STATUS, STATUSES),
            (Facet.Field.GROUP, GROUPS),
        )
        for value in names
    ]
    return [Facet(organisation_id=organisation_id, field=f, value=v) for f, v in values]


def seed_scale(context: Any) -> dict[str, int]:
    """20,000 entries per city for one organisation (see core.scale)."""
    organisation = context.organisation
    before = Entry.objects.aggregate(top=Max("pk"))["top"] or 0
    written = context.write(
        Entry, entry_rows(organisation.pk, round(ENTRIES_PER_CITY * context.factor), context.rng)
    )
    index_new_entries(organisation.pk, before)
    Facet.objects.bulk_create(facet_rows(organisation.pk), ignore_conflicts=True)
    return {"memory entries": len(written)}
