"""How common a Dutch word is, for finding rare words."""

from __future__ import annotations

from inbreng.plainlanguage.frequency import zipf


def test_it_rates_everyday_words_above_rare_ones() -> None:
    assert zipf("koffie") > 4 > zipf("subsidiariteit")


def test_it_rates_an_unknown_word_zero() -> None:
    assert zipf("conformiteitsattest") == 0.0
