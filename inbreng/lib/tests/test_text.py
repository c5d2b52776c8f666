"""Folding names so that differently typed spellings of one name match."""

from __future__ import annotations

import pytest

from inbreng.lib.text import fold


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("Élodie", "elodie"),
        ("Zoë", "zoe"),
        ("Çağla", "cagla"),
        ("ÅSA", "asa"),
        ("İlker", "ilker"),
        ("Straße", "strasse"),
        ("STRASSE", "strasse"),
        ("ﬁne", "fine"),  # a typographic ligature
        ("  Jan  ", "jan"),
        ("", ""),
    ],
)
def test_it_ignores_case_accents_and_surrounding_spaces(typed: str, folded: str) -> None:
    assert fold(typed) == folded


@pytest.mark.parametrize(
    ("a", "b"), [("Anouk T.", "ANOUK t."), ("Gülsen", "Gulsen"), ("Noël", "Noel")]
)
def test_it_makes_two_spellings_of_one_name_equal(a: str, b: str) -> None:
    assert fold(a) == fold(b)


@pytest.mark.parametrize(("a", "b"), [("Anouk", "Anke"), ("Jan", "Jana")])
def test_it_keeps_different_names_apart(a: str, b: str) -> None:
    assert fold(a) != fold(b)


@pytest.mark.parametrize("typed", ["مريم", "Олена", "张伟"])
def test_it_keeps_names_in_other_scripts(typed: str) -> None:
    assert fold(typed)
    assert fold(typed) == fold(f" {typed} ")
