"""Register search ignores accents and case, and stays an index lookup on PostgreSQL."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from conftest import World, make_participant
from inbreng.people.models import Participant
from inbreng.people.selectors import register_search
from inbreng.people.services import search_keys_refresh

REGISTER = reverse("people:register")


def found(world: World, query: str) -> str:
    return world.client_for("coordinator").get(REGISTER, {"q": query}).content.decode()


def test_it_finds_a_name_typed_without_accents(world: World) -> None:
    make_participant(world.org, name="Ayşe Öztürk")
    make_participant(world.org, name="Jan Peeters")
    page = found(world, "ozturk")
    assert "Ayşe Öztürk" in page and "Jan Peeters" not in page
    assert "Ayşe Öztürk" in found(world, "AYSE")


def test_a_changed_name_is_found_under_its_new_name(world: World) -> None:
    person = make_participant(world.org, name="Els Claes")
    person.name = "Élise Claes"
    person.save(update_fields=["name"])
    assert "Élise Claes" in found(world, "elise")


def test_people_created_in_bulk_are_found(world: World) -> None:
    Participant.objects.bulk_create(
        [
            Participant(
                organisation=world.org,
                name="Noémie Dubois",
                preferred_channel="letter",
                last_activity_at=timezone.now(),
            )
        ]
    )
    assert "Noémie Dubois" in found(world, "noemie")


def test_recomputing_mends_a_search_key_that_drifted(world: World) -> None:
    person = make_participant(world.org, name="Karim Haddad")
    Participant.objects.filter(pk=person.pk).update(search_key="")
    assert search_keys_refresh(fix=False) == 1
    call_command("recompute_state")
    assert search_keys_refresh(fix=False) == 0
    assert "Karim Haddad" in found(world, "karim")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes are PostgreSQL's")
def test_postgresql_searches_the_register_with_a_trigram_index(world: World) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'people_participant' "
            "AND indexdef LIKE '%gin_trgm_ops%'"
        )
        (name, definition), *others = cursor.fetchall()
    assert not others  # the index without the organisation is gone
    assert name == "people_participant_org_search_trgm"
    assert "(organisation_id, search_key gin_trgm_ops)" in definition
    assert "erased_at IS NULL" in definition


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes are PostgreSQL's")
def test_postgresql_compares_the_organisation_as_the_index_does(world: World) -> None:
    """btree_gin compares bigint with bigint only: with an integer literal PostgreSQL could
    not use the index's organisation part, and on one installation with many organisations
    it would read every organisation's "Anouk" and throw most away."""
    elsewhere = make_participant(world.other_org, name="Anouk Elders")
    query = register_search(world.member("coordinator"), query="anouk")
    sql = str(query.query)
    assert f"({world.org.pk})::bigint" in sql
    # No second, integer comparison: PostgreSQL would keep that one and skip the index's
    # organisation part (seen on a region's data).
    assert not re.search(r'"organisation_id" = \d', sql), sql
    assert list(query) == [world.participant]
    assert elsewhere.name.startswith("Anouk")
