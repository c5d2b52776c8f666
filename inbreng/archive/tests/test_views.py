"""The memory's pages as staff use them: search, an entry, notes and dossiers."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.urls import reverse

from conftest import World
from inbreng.archive.models import Dossier, Entry

from .factories import dossier, hand_entry, put

pytestmark = pytest.mark.django_db


def results(html: str) -> list[str]:
    return re.findall(r'class="search-result__title"><a href="/geheugen/(\d+)/"', html)


def test_search_shows_hits_title_first_with_the_words_marked(world: World) -> None:
    text = put(world.org, "t", "Brief", "Hoge schulden & <script>x</script> bij gezinnen.")
    title = put(world.org, "h", "Schulden bij jongeren", "Een verhaal.")
    put(world.org, "n", "Iets anders", "Geen treffer.")
    response = world.client_for("social_worker").get(reverse("archive:search"), {"q": "schuld"})
    html = response.content.decode()
    assert results(html) == [str(title.pk), str(text.pk)]
    assert "<mark>Schulden</mark> bij jongeren" in html
    assert "Hoge <mark>schulden</mark> &amp; &lt;script&gt;x&lt;/script&gt;" in html
    assert "<script>x" not in html


def test_a_long_search_is_cut_with_a_message_and_still_answers(world: World) -> None:
    put(world.org, "s", "Schulden")
    response = world.client_for("coordinator").get(
        reverse("archive:search"), {"q": "schulden " + "x" * 10_000}
    )
    assert response.status_code == 200
    assert 'class="message"' in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [{"year": "twintig"}, {"start": "2025-13-45"}, {"kind": "roddel"}, {"theme": "onbekend"}],
)
def test_a_filter_that_cannot_be_read_says_so_at_the_field(
    world: World, params: dict[str, str]
) -> None:
    put(world.org, "s", "Schulden")
    response = world.client_for("coordinator").get(
        reverse("archive:search"), {"q": "huur", **params}
    )
    html = response.content.decode()
    assert response.status_code == 200
    (name,) = params
    assert f'id="id_{name}_error"' in html
    assert 'value="huur"' in html
    assert results(html) == []


def test_an_end_before_the_start_is_refused_at_the_end(world: World) -> None:
    response = world.client_for("coordinator").get(
        reverse("archive:search"), {"start": "2025-05-01", "end": "2025-01-01"}
    )
    assert 'id="id_end_error"' in response.content.decode()


def test_search_pages_and_filters_by_year(world: World) -> None:
    for i in range(25):
        put(world.org, f"e{i}", f"Huur {i}", period=datetime.date(2024 + i % 2, 3, 1))
    client = world.client_for("policy_maker")
    first = client.get(reverse("archive:search"), {"q": "huur", "year": "2025"})
    html = first.content.decode()
    assert len(results(html)) == 12
    assert "pagina=" not in html
    everything = client.get(reverse("archive:search"), {"q": "huur"}).content.decode()
    assert len(results(everything)) == 20
    assert "q=huur&amp;pagina=2" in everything
    # The second page goes on counting where the first stopped, and holds the other five.
    second = client.get(reverse("archive:search"), {"q": "huur", "pagina": 2}).content.decode()
    assert '<ol class="search-results" start="21">' in second
    assert len(results(second)) == 5
    assert not set(results(second)) & set(results(everything))


def test_the_search_page_keeps_its_number_of_queries(
    world: World, django_assert_max_num_queries: Any
) -> None:
    for i in range(30):
        put(world.org, f"e{i}", f"Schulden {i}", themes=["schulden", f"t{i}"])
    client = world.client_for("coordinator")
    client.get(reverse("archive:search"))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("archive:search"), {"q": "schulden", "theme": "schulden"})
    assert len(results(response.content.decode())) == 20


def test_another_organisations_shared_entry_opens_and_its_private_one_is_404(
    world: World,
) -> None:
    shared = put(world.other_org, "s", "Gedeeld signaal", shareable=True)
    private = put(world.other_org, "p", "Intern signaal")
    client = world.client_for("coordinator")
    page = client.get(reverse("archive:entry", args=[shared.pk]))
    assert page.status_code == 200
    assert world.other_org.name in page.content.decode()
    assert client.get(reverse("archive:entry", args=[private.pk])).status_code == 404


def test_a_coordinator_writes_a_note_that_is_then_found(world: World) -> None:
    client = world.client_for("coordinator")
    response = client.post(
        reverse("archive:entry_add"),
        {
            "kind": "minutes",
            "title": "Verslag praatcafé",
            "text": "De groep sprak over de energiefacturen.",
            "themes": "energie, wonen",
            "period": "2025-03-04",
            "group_name": "Praatcafé",
        },
    )
    entry = Entry.objects.get(organisation=world.org)
    assert response["Location"] == reverse("archive:entry", args=[entry.pk])
    assert entry.kind == "minutes" and entry.theme_list == ["energie", "wonen"]
    found = client.get(reverse("archive:search"), {"q": "energiefactuur"}).content.decode()
    assert results(found) == [str(entry.pk)]


def test_a_note_with_a_phone_number_is_refused_and_keeps_what_was_typed(world: World) -> None:
    response = world.client_for("admin").post(
        reverse("archive:entry_add"),
        {
            "kind": "note",
            "title": "Vraag",
            "text": "Bel mij op 0470 12 34 56.",
            "period": "2025-01-01",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_text_error"' in html
    assert "Bel mij op 0470 12 34 56." in html
    assert not Entry.objects.exists()


def test_only_hand_written_entries_can_be_changed(world: World) -> None:
    client = world.client_for("coordinator")
    signal = put(world.org, "signal:1", "Van een signaal")
    note = hand_entry(world.org)
    assert client.get(reverse("archive:entry_edit", args=[signal.pk])).status_code == 404
    response = client.post(
        reverse("archive:entry_edit", args=[note.pk]),
        {"kind": "note", "title": "Nieuwe titel", "text": "Tekst.", "period": "2025-01-01"},
    )
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.title == "Nieuwe titel"
    assert Entry.objects.filter(organisation=world.org).count() == 2


def test_a_coordinator_gathers_entries_into_a_dossier(
    world: World, django_assert_max_num_queries: Any
) -> None:
    client = world.client_for("coordinator")
    client.post(reverse("archive:dossier_add"), {"title": "Energie", "description": "Alles."})
    made = Dossier.objects.get(organisation=world.org)
    own = put(world.org, "a", "Energiefacturen")
    shared = put(world.other_org, "b", "Energie elders", shareable=True)
    for entry in (own, shared, own):
        client.post(reverse("archive:dossier_add_entry", args=[entry.pk]), {"dossier": made.pk})
    with django_assert_max_num_queries(10):
        page = client.get(reverse("archive:dossier", args=[made.pk])).content.decode()
    assert "Energiefacturen" in page and "Energie elders" in page
    with django_assert_max_num_queries(10):
        listing = client.get(reverse("archive:dossiers")).content.decode()
    assert "(2 " in listing
    shared.shareable = False
    shared.save()
    assert (
        "Energie elders"
        not in client.get(reverse("archive:dossier", args=[made.pk])).content.decode()
    )
    client.post(reverse("archive:dossier_remove_entry", args=[made.pk, own.pk]))
    assert (
        "Energiefacturen"
        not in client.get(reverse("archive:dossier", args=[made.pk])).content.decode()
    )


def test_a_dossier_of_another_organisation_is_404_and_not_added_to(world: World) -> None:
    theirs = dossier(world.other_org)
    entry = put(world.org, "a", "Energie")
    client = world.client_for("coordinator")
    assert client.get(reverse("archive:dossier", args=[theirs.pk])).status_code == 404
    client.post(reverse("archive:dossier_add_entry", args=[entry.pk]), {"dossier": theirs.pk})
    assert not theirs.entries.exists()


def test_a_dossier_without_a_title_is_refused_at_the_field(world: World) -> None:
    response = world.client_for("coordinator").post(
        reverse("archive:dossier_add"), {"title": "", "description": "Wat we weten."}
    )
    assert 'id="id_title_error"' in response.content.decode()
    assert "Wat we weten." in response.content.decode()


def test_a_status_is_one_choice_shown_in_the_readers_language(world: World) -> None:
    """Filed from a Dutch page and from an English one, "followed" is one status, and
    each reader sees it in their own language (it was stored in the writer's)."""
    from django.conf import settings
    from django.utils import translation

    from inbreng.signals.models import SignalAnswer

    followed = SignalAnswer.Decision.FOLLOWED.label
    with translation.override("nl"):
        dutch_page = put(world.org, "signal:1", "Busvervoer", status=followed)
    with translation.override("en"):
        english_page = put(world.org, "signal:2", "Ruimere openingsuren", status=followed)
    client = world.client_for("coordinator")
    page = client.get(reverse("archive:search"))
    options = re.findall(r"<option value=\"([^\"]*)\"[^>]*>([^<]*)</option>", page.content.decode())
    with translation.override("nl"):
        dutch = translation.gettext("Followed")
    assert dutch != "Followed"
    assert [label for value, label in options if label == dutch] == [dutch]  # one choice
    value = next(value for value, label in options if label == dutch)
    found = client.get(reverse("archive:search"), {"status": value}).content.decode()
    assert sorted(results(found)) == sorted([str(dutch_page.pk), str(english_page.pk)])
    entry = client.get(reverse("archive:entry", args=[english_page.pk])).content.decode()
    assert f"<dd>{dutch}</dd>" in entry
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    in_english = client.get(reverse("archive:entry", args=[dutch_page.pk])).content.decode()
    assert "<dd>Followed</dd>" in in_english


def test_the_migration_maps_stored_dutch_statuses_to_one_source_text(world: World) -> None:
    import importlib

    from django.apps import apps

    from inbreng.archive.models import Facet

    dutch = put(world.org, "signal:1", "Busvervoer", status="Gevolgd")
    english = put(world.org, "signal:2", "Openingsuren", status="Followed")
    generated = put(world.org, "signal:3", "Energie", status="in studie")
    migration = importlib.import_module("inbreng.archive.migrations.0007_status_as_source_text")
    migration.to_source(apps, None)
    statuses = {e.pk: e.status for e in Entry.objects.all()}
    assert statuses == {dutch.pk: "Followed", english.pk: "Followed", generated.pk: "Being studied"}
    facets = Facet.objects.filter(organisation=world.org, field=Facet.Field.STATUS)
    assert sorted(facets.values_list("value", flat=True)) == ["Being studied", "Followed"]


def test_an_older_theme_link_in_other_capitals_still_filters(world: World) -> None:
    """A link from before the memory kept one spelling ("?thema=energie") finds the
    "Energie" entries, its own and another organisation's shared ones spelled otherwise."""
    ours = put(world.org, "signal:1", "Hoge facturen", themes=["Energie"])
    theirs = put(world.other_org, "signal:1", "Budgetmeter", themes=["energie"], shareable=True)
    put(world.org, "signal:2", "Wachtzaal", themes=["Onthaal"])
    client = world.client_for("coordinator")
    for spelled in ("energie", "ENERGIE", "Energie"):
        response = client.get(reverse("archive:search"), {"theme": spelled})
        assert response.status_code == 200
        assert sorted(results(response.content.decode())) == sorted(
            [str(ours.pk), str(theirs.pk)]
        ), spelled


def test_one_theme_however_its_accents_or_capitals_were_typed(world: World) -> None:
    from inbreng.archive.selectors import facets

    put(world.org, "a", "Eerste", themes=["École"])  # composed
    put(world.org, "b", "Tweede", themes=["E\u0301cole"])  # e + combining accent
    put(world.org, "c", "Derde", themes=["Straße"])
    put(world.org, "d", "Vierde", themes=["STRASSE"])
    assert sorted(facets(world.org)["theme"]) == sorted(["Straße", "École"])


def test_the_search_can_look_in_the_own_memory_or_the_networks_only(world: World) -> None:
    ours = put(world.org, "signal:1", "Schulden bij gezinnen")
    theirs = put(world.other_org, "signal:1", "Schulden in de buurt", shareable=True)
    client = world.client_for("coordinator")
    url = reverse("archive:search")
    both = results(client.get(url, {"q": "schulden"}).content.decode())
    assert both == [str(ours.pk), str(theirs.pk)]  # own first
    own = results(client.get(url, {"q": "schulden", "scope": "own"}).content.decode())
    assert own == [str(ours.pk)]
    shared = results(client.get(url, {"q": "schulden", "scope": "network"}).content.decode())
    assert shared == [str(theirs.pk)]


def _headings(html: str) -> list[str]:
    return re.findall(r'<h2 class="search-results__part">([^<]*)</h2>', html)


def test_the_own_hits_and_the_shared_ones_are_two_headed_lists(world: World) -> None:
    ours = put(world.org, "signal:1", "Schulden bij gezinnen")
    theirs = put(world.other_org, "signal:1", "Schulden in de buurt", shareable=True)
    client = world.client_for("coordinator")
    html = client.get(reverse("archive:search"), {"q": "schulden"}).content.decode()
    assert _headings(html) == ["Uit ons geheugen", "Gedeeld door andere organisaties"]
    own_part, shared_part = html.split('class="search-results__part"')[1:]
    assert results(own_part.split("</ol>")[0]) == [str(ours.pk)]
    assert results(shared_part) == [str(theirs.pk)]
    # The shared list goes on counting after the own one.
    assert '<ol class="search-results" start="2">' in shared_part
    assert f"gedeeld door {world.other_org.name}" in shared_part
    assert "gedeeld door" not in own_part.split("</ol>")[0]


def test_only_a_search_of_the_own_memory_has_no_part_headings(world: World) -> None:
    put(world.org, "signal:1", "Schulden bij gezinnen")
    put(world.other_org, "signal:1", "Schulden in de buurt", shareable=True)
    client = world.client_for("coordinator")
    html = client.get(reverse("archive:search"), {"q": "schulden", "scope": "own"}).content
    assert _headings(html.decode()) == []
    assert '<h2 class="search-result__title">' in html.decode()
    shared = client.get(reverse("archive:search"), {"q": "schulden", "scope": "network"})
    assert _headings(shared.content.decode()) == ["Gedeeld door andere organisaties"]


def test_a_theme_the_list_no_longer_has_gets_a_plain_message(world: World) -> None:
    put(world.org, "signal:1", "Schulden", themes=["Energie"])
    html = (
        world.client_for("coordinator")
        .get(reverse("archive:search"), {"theme": "Verdwenen thema"})
        .content.decode()
    )
    assert "Deze keuze kennen we niet (meer). Kies er een uit de lijst." in html
    assert "Selecteer een geldige keuze" not in html


def test_more_filters_fold_stays_open_when_a_filter_is_in_use(world: World) -> None:
    """On a phone the filters beyond the words and "Where" fold away (inbreng.js), except
    when one of them is in use: the reader must see what narrows the results."""
    client = world.client_for("coordinator")
    fold = re.compile(r'<details class="filters__more" open data-fold-narrow( data-in-use)?>')
    plain = fold.search(client.get(reverse("archive:search"), {"q": "huur"}).content.decode())
    assert plain and plain.group(1) is None
    used = fold.search(
        client.get(reverse("archive:search"), {"q": "huur", "year": "2025"}).content.decode()
    )
    assert used and used.group(1) == " data-in-use"
    wrong = fold.search(client.get(reverse("archive:search"), {"year": "x"}).content.decode())
    assert wrong and wrong.group(1) == " data-in-use"


def test_the_parts_keep_their_headings_and_numbers_across_pages(world: World) -> None:
    """21 own hits and 3 shared: page 1 is own hits only but says so (the reader learns
    that shared ones may follow); page 2 holds the last own hit and the shared ones."""
    for i in range(21):
        put(world.org, f"own:{i}", f"Schulden {i}")
    for i in range(3):
        put(world.other_org, f"shared:{i}", f"Schulden elders {i}", shareable=True)
    client = world.client_for("coordinator")
    first = client.get(reverse("archive:search"), {"q": "schulden"}).content.decode()
    assert _headings(first) == ["Uit ons geheugen"]
    assert len(results(first)) == 20
    assert '<h3 class="search-result__title">' in first
    assert '<h2 class="search-result__title">' not in first
    second = client.get(reverse("archive:search"), {"q": "schulden", "pagina": 2}).content
    html = second.decode()
    assert _headings(html) == ["Uit ons geheugen", "Gedeeld door andere organisaties"]
    own_part, shared_part = html.split('class="search-results__part"')[1:]
    assert '<ol class="search-results" start="21">' in own_part
    assert len(results(own_part.split("</ol>")[0])) == 1
    assert '<ol class="search-results" start="22">' in shared_part
    assert len(results(shared_part)) == 3
