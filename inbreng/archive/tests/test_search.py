"""The memory's search finds what a Dutch reader means, title matches first, on both databases."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import World
from inbreng.archive.selectors import NETWORK, OWN, Criteria, RankedIds, entry_search
from inbreng.archive.services import entry_remove
from inbreng.core.models import Organisation

from .factories import put

pytestmark = pytest.mark.django_db


def found(org: Organisation, q: str, **criteria: object) -> list[str]:
    return [e.key for e in entry_search(org, Criteria(q=q, **criteria)).entries]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("written", "searched"),
    [
        ("schuld", "schulden"),
        ("schulden", "schuld"),
        ("kind", "kinderen"),
        ("kinderen", "kind"),
        ("bestrijding", "bestrijden"),
        ("energiefactuur", "energiefacturen"),
        ("energiefacturen", "energiefactuur"),
        ("woning", "woningen"),
        ("huurprijs", "huurprijzen"),
        ("stad", "steden"),
        ("uitkering", "uitkeringen"),
        ("Café", "cafe"),
    ],
)
def test_it_finds_the_word_in_another_form(world: World, written: str, searched: str) -> None:
    put(world.org, "hit", "Signaal", f"Mensen vertellen over de {written} in hun leven.")
    put(world.org, "miss", "Signaal", "Mensen vertellen over het weer.")
    assert found(world.org, searched) == ["hit"]


def corpus(org: Organisation) -> None:
    day = datetime.date
    put(
        org,
        "A",
        "Schulden door hoge energiefacturen",
        "Gezinnen komen in de problemen.",
        period=day(2024, 3, 1),
    )
    put(
        org,
        "B",
        "Wachtlijst sociale woningen",
        "Veel gezinnen hebben schulden. Schulden bij de leverancier, schulden bij de huisbaas.",
        period=day(2024, 5, 1),
    )
    put(
        org,
        "C",
        "Kinderopvang",
        "Ouders vertellen dat de opvang te duur is, dat de uren niet passen bij hun werk, dat "
        "de kinderen lang moeten wachten en dat één ouder er een schuld door maakte bij de "
        "school van de oudste, die nu ook nog de maaltijden en de uitstappen moet betalen.",
        period=day(2024, 6, 1),
    )
    put(org, "D", "Schuldhulp voor kinderen", "Een vraag aan de dienst.", period=day(2023, 6, 1))
    put(org, "E", "Schuld na schuld", "Over de energiefactuur.", period=day(2023, 1, 1))
    put(
        org,
        "F",
        "Armoede bestrijden",
        "De bestrijding van armoede vraagt tijd.",
        period=day(2022, 1, 1),
    )
    put(org, "G", "Vrije tijd", "Een plan voor de bestrijding van armoede.", period=day(2022, 2, 1))


# The same expected lists on SQLite (FTS5, bm25) and PostgreSQL (tsvector, ts_rank): the suite
# runs on both, so the same data gives the same hits in the same order on each.
EXPECTED = {
    "schulden": ["E", "A", "B", "C"],
    "energiefacturen": ["A", "E"],
    "kinderen": ["D", "C"],
    "armoede bestrijden": ["F", "G"],
    "schuld kind": ["C"],
    "schuldhulp": ["D"],
    "fiets": [],
}


@pytest.mark.parametrize("query", sorted(EXPECTED))
def test_a_fixed_corpus_gives_the_same_ordered_hits_on_this_database(
    world: World, query: str
) -> None:
    corpus(world.org)
    assert connection.vendor in {"sqlite", "postgresql"}
    assert found(world.org, query) == EXPECTED[query]


def test_title_matches_come_before_text_matches(world: World) -> None:
    put(world.org, "text", "Brief", "huur " * 30, period=datetime.date(2026, 1, 1))
    put(
        world.org,
        "title",
        "Huur te hoog",
        "Een lange klacht over de buurt.",
        period=datetime.date(2020, 1, 1),
    )
    assert found(world.org, "huren") == ["title", "text"]


def test_filters_narrow_the_hits(world: World) -> None:
    day = datetime.date
    put(
        world.org,
        "a",
        "Schulden",
        kind="signal",
        themes=["schulden"],
        body_name="College",
        status="open",
        group_name="Praatgroep",
        period=day(2024, 5, 1),
    )
    put(
        world.org,
        "b",
        "Schulden",
        kind="advice",
        themes=["wonen"],
        body_name="Raad",
        status="beantwoord",
        group_name="Klankbord",
        period=day(2025, 5, 1),
    )
    assert found(world.org, "schuld", kind="advice") == ["b"]
    assert found(world.org, "schuld", theme="schulden") == ["a"]
    assert found(world.org, "", body="Raad") == ["b"]
    assert found(world.org, "", status="open") == ["a"]
    assert found(world.org, "", group="Klankbord") == ["b"]
    assert found(world.org, "", start=day(2025, 1, 1), end=day(2025, 12, 31)) == ["b"]
    assert found(world.org, "") == ["b", "a"]


def test_shareable_entries_of_another_organisation_are_found(world: World) -> None:
    put(world.other_org, "shared", "Schulden in de buurgemeente", shareable=True)
    put(world.other_org, "private", "Schulden, intern", shareable=False)
    assert found(world.org, "schulden") == ["shared"]
    assert found(world.org, "") == ["shared"]


@given(
    query=st.text(max_size=300)
    | st.sampled_from(["intern", "schulden intern", "", "*", "'intern':*"])
)
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_another_organisations_private_entry_is_never_found(world: World, query: str) -> None:
    put(world.other_org, "private", "Schulden intern", "Schulden intern " + query[:100])
    keys = [e.organisation_id for e in entry_search(world.org, Criteria(q=query)).entries]
    assert world.other_org.pk not in keys


@pytest.mark.parametrize(
    "query",
    [
        "",
        " ",
        "a" * 10_000,
        "schuld & kind | !huur",
        "huur:*",
        "'schuld'",
        '"schuld',
        "((",
        "\\",
        "שלום",
        "مرحبا بكم",
        "😀",
        "\x00",
        "NEAR(schuld kind)",
        "title : schuld",
        "-- ; DROP TABLE x",
    ],
)
def test_any_query_answers_without_an_error(world: World, query: str) -> None:
    put(world.org, "one", "Schuld en kind")
    result = list(entry_search(world.org, Criteria(q=query)).entries)
    assert all(e.organisation_id == world.org.pk for e in result)


def test_a_changed_entry_is_found_by_its_new_words_only(world: World) -> None:
    put(world.org, "x", "Energie", "Over de energiefactuur.")
    put(world.org, "x", "Water", "Over de waterfactuur.")
    assert found(world.org, "energie") == []
    assert found(world.org, "water") == ["x"]
    entry_remove(organisation=world.org, key="x")
    assert found(world.org, "water") == []


def test_a_search_of_signs_only_finds_nothing_and_no_search_lists_all(world: World) -> None:
    put(world.org, "one", "Schuld en kind")
    assert found(world.org, "😀 && !!") == []
    assert found(world.org, "") == ["one"]


def test_paging_gives_the_same_order_as_the_whole_ranking(world: World) -> None:
    # Five entries with the word in the title, four with it in the text only, one private
    # title hit of another organisation; pages of three cross from title hits to the rest.
    for n in range(5):
        put(
            world.org,
            f"title{n}",
            f"Schulden {'en schulden ' * n}nummer {n}",
            "Tekst.",
            period=datetime.date(2024, 1, 10 - n),
        )
    for n in range(4):
        put(
            world.org,
            f"text{n}",
            f"Verslag {n}",
            "Over schulden.",
            period=datetime.date(2023, 1, 1 + n),
        )
    put(world.other_org, "private", "Schulden intern", shareable=False)
    search = entry_search(world.org, Criteria(q="schuld"))
    whole = [e.pk for e in search.entries]
    ids = RankedIds(search, cap=1000)
    assert len(ids) == 9
    assert [ids[i : i + 3] for i in (0, 3, 6)] == [whole[0:3], whole[3:6], whole[6:9]]
    assert ids[4] == whole[4]
    # Every title hit comes before every text-only hit.
    keys = {e.pk: e.key for e in search.entries}
    assert [keys[pk].rstrip("0123456789") for pk in whole] == ["title"] * 5 + ["text"] * 4
    assert len(RankedIds(search, cap=4)) == 5  # counted up to the cap and one more
    if connection.vendor == "postgresql":
        # A page among the title hits is ranked from the title index alone, in one query.
        with CaptureQueriesContext(connection) as queries:
            RankedIds(search, cap=1000)[0:3]
        assert len(queries) == 1
        assert "title_terms" in queries[0]["sql"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's btree_gin indexes")
def test_the_search_compares_the_organisation_as_the_indexes_do(world: World) -> None:
    # btree_gin compares bigint with bigint only: an integer literal would leave the
    # organisation out of the full-text indexes and read every organisation's matches.
    own, network = entry_search(world.org, Criteria(q="schulden")).parts
    assert f"({world.org.pk})::bigint" in str(own.entries.query)
    assert f"({world.org.pk})::bigint" in str(own.title_hits.query)  # type: ignore[union-attr]
    # The network's part matches the partial indexes over shareable entries (0005).
    assert '"archive_entry"."shareable"' in str(network.entries.query)


def test_own_entries_come_first_then_the_networks_each_ranked(world: World) -> None:
    """The own memory first (a text hit of ours before a title hit shared by another
    organisation), then the network's; a page that the own hits fill reads nothing else."""
    for n in range(4):
        put(
            world.org,
            f"own{n}",
            f"Verslag {n}",
            "Over schulden.",
            period=datetime.date(2023, 1, 1 + n),
        )
    for n in range(5):
        put(
            world.other_org,
            f"net{n}",
            f"Schulden nummer {n}",
            "Tekst.",
            period=datetime.date(2024, 1, 10 - n),
            shareable=True,
        )
    search = entry_search(world.org, Criteria(q="schuld"))
    whole = [e.key for e in search.entries]
    assert [k.rstrip("0123456789") for k in whole] == ["own"] * 4 + ["net"] * 5
    ids = RankedIds(search, cap=1000)
    assert len(ids) == 9
    keys = {e.pk: e.key for e in search.entries}
    pages = [[keys[pk] for pk in ids[i : i + 3]] for i in (0, 3, 6)]
    assert pages == [whole[0:3], whole[3:6], whole[6:9]]
    assert len(RankedIds(search, cap=3)) == 4  # the own hits alone pass the cap
    with CaptureQueriesContext(connection) as queries:
        RankedIds(search, cap=1000)[0:3]
    assert queries and all("shareable" not in q["sql"] for q in queries)
    # Either part alone, when asked.
    only_own = entry_search(world.org, Criteria(q="schuld", scope=OWN)).entries
    assert sorted(e.key for e in only_own) == [f"own{n}" for n in range(4)]
    only_shared = entry_search(world.org, Criteria(q="schuld", scope=NETWORK)).entries
    assert sorted(e.key for e in only_shared) == [f"net{n}" for n in range(5)]


@pytest.mark.parametrize("cap", [1, 2, 3, 4, 6, 8, 1000])
def test_every_slice_equals_the_whole_ranking_across_the_parts_and_the_cap(
    world: World, cap: int
) -> None:
    """Four own hits and three shared ones: any slice, whatever the cap, is the same piece
    of the whole ranking (also past the cap, and with the slice's end left open)."""
    for n in range(4):
        put(world.org, f"own{n}", f"Schuld {n}", "Tekst.", period=datetime.date(2024, 1, 1 + n))
    for n in range(3):
        put(world.other_org, f"net{n}", f"Schuld {n}", "Tekst.", shareable=True)
    put(world.other_org, "private", "Schuld intern", shareable=False)
    search = entry_search(world.org, Criteria(q="schuld"))
    whole = [e.pk for e in search.entries]
    assert len(whole) == 7
    for start in range(8):
        for stop in range(start, 9):
            assert RankedIds(search, cap=cap)[start:stop] == whole[start:stop], (start, stop)
    assert RankedIds(search, cap=cap)[2:] == whole[2 : min(7, cap + 1)]  # to the length
    assert [RankedIds(search, cap=cap)[i] for i in range(7)] == whole
    assert len(RankedIds(search, cap=cap)) == min(7, cap + 1)


def test_with_no_own_hits_the_first_page_is_the_networks(world: World) -> None:
    for n in range(3):
        put(world.other_org, f"net{n}", f"Schuld {n}", "Tekst.", shareable=True)
    search = entry_search(world.org, Criteria(q="schuld"))
    ids = RankedIds(search, cap=1000)
    assert len(ids) == 3
    assert ids[0:20] == [e.pk for e in search.entries]


@given(query=st.text(max_size=60) | st.sampled_from(["intern", "schulden intern", ""]))
@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_no_page_ever_holds_another_organisations_private_entry(world: World, query: str) -> None:
    private = put(world.other_org, "private", "Schulden intern", "Schulden intern " + query[:40])
    put(world.other_org, "shared", "Schulden gedeeld", "Schulden " + query[:40], shareable=True)
    put(world.org, "own", "Schulden hier", "Schulden " + query[:40])
    search = entry_search(world.org, Criteria(q=query))
    assert private.pk not in RankedIds(search, cap=1000)[0:50]
