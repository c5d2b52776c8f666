"""Putting items into the memory: one entry per key, never with personal data."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from conftest import World
from inbreng.archive.models import Entry, Facet
from inbreng.archive.services import entry_put, entry_remove

from .factories import put

pytestmark = pytest.mark.django_db


def test_it_updates_the_entry_with_the_same_key(world: World) -> None:
    put(world.org, "signal:7", "Eerst", themes=["wonen"])
    put(world.org, "signal:7", "Daarna", themes=["energie", "wonen"], body_name="College")
    entry = Entry.objects.get(organisation=world.org)
    assert entry.title == "Daarna"
    assert entry.theme_list == ["energie", "wonen"]
    facets = set(Facet.objects.filter(organisation=world.org).values_list("field", "value"))
    assert {("theme", "energie"), ("theme", "wonen"), ("body", "College")} <= facets


def test_the_same_key_in_another_organisation_is_another_entry(world: World) -> None:
    put(world.org, "signal:1", "Hier")
    put(world.other_org, "signal:1", "Daar")
    assert Entry.objects.count() == 2


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("text", "Bel haar op 0470 12 34 56."),
        ("text", "Zijn rijksregisternummer is 85.07.30-033.28."),
        ("title", "Vraag van jan@voorbeeld.be"),
    ],
)
def test_it_refuses_personal_data_at_the_field(world: World, field: str, text: str) -> None:
    values = {"title": "Signaal", "text": "Een tekst."} | {field: text}
    with translation.override("en"), pytest.raises(ValidationError) as error:
        entry_put(
            organisation=world.org,
            key="x",
            kind="signal",
            themes=[],
            period=datetime.date(2025, 1, 1),
            body_name="",
            status="",
            group_name="",
            url="",
            shareable=True,
            **values,
        )
    assert field in error.value.message_dict
    assert "personal data" in error.value.message_dict[field][0]
    assert not Entry.objects.exists()


def test_it_refuses_an_unknown_kind(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        put(world.org, "x", "Titel", kind="gossip")
    assert "kind" in error.value.message_dict


def test_removing_takes_it_out_and_a_missing_key_is_no_error(world: World) -> None:
    put(world.org, "signal:3", "Weg")
    entry_remove(organisation=world.org, key="signal:3")
    entry_remove(organisation=world.org, key="signal:3")
    assert not Entry.objects.exists()


def test_an_item_without_text_is_kept_and_found_by_its_title(world: World) -> None:
    entry_put(
        organisation=world.org,
        key="result:1",
        kind="result",
        title="Nieuwe folder over energiepremies",
        text="",
        themes=["energie"],
        period=datetime.date(2025, 3, 1),
        body_name="",
        status="",
        group_name="",
        url="",
        shareable=False,
    )
    from inbreng.archive.selectors import Criteria, entry_search

    found = entry_search(world.org, Criteria(q="energiepremie")).entries
    assert [e.key for e in found] == ["result:1"]


def test_a_theme_keeps_one_spelling_whatever_its_capitals(world: World) -> None:
    from inbreng.archive.selectors import Criteria, entry_search, facets

    first = put(world.org, "signal:1", "Hoge facturen", themes=["Energie", "Wonen"])
    second = put(world.org, "signal:2", "Budgetmeter", themes=["energie", "ENERGIE", "Water"])
    assert second.theme_list == ["Energie", "Water"]
    assert facets(world.org)["theme"] == ["Energie", "Water", "Wonen"]
    found = entry_search(world.org, Criteria(theme="Energie")).entries
    assert {e.pk for e in found} == {first.pk, second.pk}
    # An older link's lower-case spelling finds them too (PostgreSQL compares capitals).
    older_link = entry_search(world.org, Criteria(theme="energie")).entries
    assert {e.pk for e in older_link} == {first.pk, second.pk}
    # Another organisation's first spelling is its own.
    other = put(world.other_org, "signal:1", "Facturen", themes=["energie"])
    assert other.theme_list == ["energie"]


def test_the_migration_files_old_spellings_under_the_first(world: World) -> None:
    import importlib

    from django.apps import apps

    first = put(world.org, "signal:1", "Hoge facturen", themes=["Energie"])
    # Written before spellings were matched: a second facet and an entry that uses it.
    Facet.objects.create(organisation=world.org, field=Facet.Field.THEME, value="energie")
    old = put(world.org, "signal:2", "Budgetmeter", themes=["Water"])
    Entry.objects.filter(pk=old.pk).update(themes="|energie|Water|Energie|")
    migration = importlib.import_module("inbreng.archive.migrations.0006_one_spelling_per_theme")
    migration.merge(apps, None)
    old.refresh_from_db()
    assert old.themes == "|Energie|Water|"
    assert list(
        Facet.objects.filter(organisation=world.org, field=Facet.Field.THEME).values_list(
            "value", flat=True
        )
    ) == ["Energie", "Water"]
    first.refresh_from_db()
    assert first.themes == "|Energie|"
