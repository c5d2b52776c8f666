"""Dutch search terms: the forms a Dutch reader means as the same word meet in one term."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inbreng.lib.dutch_terms import MAX_TERM_LENGTH, query_terms, term, terms, words

SAME = [
    ("schulden", "schuld"),
    ("kinderen", "kind"),
    ("bestrijden", "bestrijding"),
    ("energiefacturen", "energiefactuur"),
    ("woningen", "woning"),
    ("huurprijzen", "huurprijs"),
    ("steden", "stad"),
    ("scholen", "school"),
    ("gezinnen", "gezin"),
    ("uitkeringen", "uitkering"),
    ("wachtlijsten", "wachtlijst"),
    ("huizen", "huis"),
    ("brieven", "brief"),
    ("afspraken", "afspraak"),
    ("ziekenhuizen", "ziekenhuis"),
    ("schoolkosten", "schoolkost"),
    ("betalen", "betaling"),
    ("problemen", "probleem"),
    ("aanvragen", "aanvraag"),
    ("energiecontracten", "energiecontract"),
    ("Schulden", "SCHULD"),
    ("café", "cafe"),
    ("ﬁnanciën", "financien"),
]
DIFFERENT = [
    ("schuld", "kind"),
    ("huur", "huis"),
    ("energie", "water"),
    ("2024", "2025"),
]


@pytest.mark.parametrize(("one", "other"), SAME)
def test_it_joins_the_forms_a_reader_means(one: str, other: str) -> None:
    assert term(one) == term(other)


@pytest.mark.parametrize(("one", "other"), DIFFERENT)
def test_it_keeps_different_words_apart(one: str, other: str) -> None:
    assert term(one) != term(other)


def test_it_keeps_numbers_and_other_scripts() -> None:
    assert terms("Artikel 12 van 2024: مرحبا") == [term("artikel"), "12", "van", "2024", "مرحبا"]


def test_operators_and_quotes_are_not_terms() -> None:
    assert query_terms("schulden & !kinderen | 'huur':* \"") == [
        term("schuld"),
        term("kind"),
        term("huur"),
    ]


def test_a_search_has_each_term_once_and_at_most_a_limit() -> None:
    assert query_terms("schuld schulden Schuld") == [term("schuld")]
    assert len(query_terms(" ".join(f"woord{i}" for i in range(100)), limit=20)) == 20


def test_words_point_at_the_original_text() -> None:
    text = "Hoge ENERGIEFACTUREN, échte zorgen."
    found = words(text)
    assert [text[w.start : w.end] for w in found] == ["Hoge", "ENERGIEFACTUREN", "échte", "zorgen"]
    assert found[1].term == term("energiefactuur")


@given(st.text(max_size=2000))
@settings(max_examples=300, deadline=None)
def test_any_text_gives_terms_of_letters_and_digits(text: str) -> None:
    for word_term in terms(text):
        assert word_term
        assert all(c.isalnum() for c in word_term)
        assert len(word_term) <= MAX_TERM_LENGTH


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\x00",
        "a" * 10_000,
        "schuld " * 2_000,
        "&|!:*()'\"",
        "שלום עולם",
        "😀👍🏽",
        "\u202e",
    ],
)
def test_odd_input_gives_terms_without_an_error(text: str) -> None:
    assert isinstance(query_terms(text), list)
    assert isinstance(terms(text), list)
