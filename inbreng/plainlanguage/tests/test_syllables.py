"""Counting Dutch syllables, the base of the Flesch-Douma score."""

from __future__ import annotations

import pytest

from inbreng.plainlanguage import count_syllables


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        # Each count is the word's spoken syllables, split by hand in the comment.
        ("huis", 1),
        ("tolk", 1),
        ("fiets", 1),
        ("mooi", 1),  # "ooi" is one sound
        ("eeuw", 1),  # "eeu" before w is one sound
        ("leeuw", 1),
        ("één", 1),  # an acute accent only stresses: one "ee"
        ("koffie", 2),  # kof-fie
        ("rolstoel", 2),  # rol-stoel
        ("vervoer", 2),  # ver-voer
        ("vrijdag", 2),  # vrij-dag
        ("nieuwe", 2),  # nieu-we
        ("mooie", 2),  # moo-ie
        ("uien", 2),  # ui-en
        ("bijeen", 2),  # bij-een: "ij" does not run into the next vowel
        ("knieën", 2),  # knie-ën
        ("naïef", 2),  # na-ïef
        ("cadeau", 2),  # ca-deau
        ("bureau", 2),  # bu-reau
        ("zaterdag", 3),  # za-ter-dag
        ("duidelijk", 3),  # dui-de-lijk
        ("België", 3),  # Bel-gi-ë
        ("ideeën", 3),  # i-dee-ën
        ("reünie", 3),  # re-ü-nie
        ("poëzie", 3),  # po-ë-zie
        ("theater", 3),  # the-a-ter: "ea" is no Dutch vowel unit
        ("radio", 3),  # ra-di-o
        ("milieu", 3),  # mi-li-eu: "ieu" is one sound only before w
        ("museum", 3),  # mu-se-um
        ("vergadering", 4),  # ver-ga-de-ring
        ("uitnodiging", 4),  # uit-no-di-ging
        ("maatschappelijk", 4),  # maat-schap-pe-lijk
        ("beëindigen", 4),  # be-ëin-di-gen
        ("kinderopvang", 4),  # kin-der-op-vang
        ("januari", 4),  # ja-nu-a-ri
        ("avondeten", 4),  # a-vond-e-ten
        ("olijfolie", 4),  # o-lijf-o-lie
        ("carrière", 4),  # car-ri-è-re: a grave accent after a vowel starts a syllable
        ("geïnteresseerd", 5),  # ge-ïn-te-res-seerd
        ("participatie", 5),  # par-ti-ci-pa-tie
        ("coördinator", 5),  # co-ör-di-na-tor
        ("geautomatiseerd", 6),  # ge-au-to-ma-ti-seerd: not the "eau" of "cadeau"
        ("ervaringsdeskundige", 7),  # er-va-rings-des-kun-di-ge
    ],
)
def test_it_counts_the_syllables_of_dutch_words(word: str, syllables: int) -> None:
    assert count_syllables(word) == syllables


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        # Pyphen's Dutch patterns cut these into the wrong number of pieces ("mee-st-al",
        # "de-n-e-mar-ken", "Ita-lië", "over" uncut); the count must not follow them.
        ("meestal", 2),
        ("denemarken", 4),
        ("Italië", 4),
        ("over", 2),
    ],
)
def test_it_does_not_follow_pyphen_where_pyphen_is_wrong(word: str, syllables: int) -> None:
    assert count_syllables(word) == syllables


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("e-mail", 2),  # e + mail: a hyphenated word is read as its parts
        ("zee-egel", 3),  # zee + e-gel
        ("auto's", 2),  # au-to's: the apostrophe adds nothing
        ("yoga", 2),  # yo-ga: a "y" before a vowel is a consonant
        ("quiz", 1),  # the "u" after "q" belongs to the consonant
        ("OCMW", 4),  # spelled out: o-cee-em-wee
        ("CAW", 3),  # cee-a-wee
        ("'s", 1),  # no vowel, still a word
        ("pst", 1),
        ("12", 1),  # one syllable per group of digits
        ("14.30", 2),
        ("{naam}", 2),  # a placeholder weighs like a short word
        ("{{ datum }}", 2),
        ("www.inbreng.be", 2),  # so do URLs and e-mail addresses
        ("info@ocmw.be", 2),
        ("", 0),
    ],
)
def test_it_counts_words_that_are_not_plain_letters(word: str, syllables: int) -> None:
    assert count_syllables(word) == syllables


def test_it_ignores_upper_case_and_composed_accents() -> None:
    # "België" typed with a combining diaeresis instead of the single letter "ë".
    assert count_syllables("BELGIË") == count_syllables("Belgie\u0308") == 3
