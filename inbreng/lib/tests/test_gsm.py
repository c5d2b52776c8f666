"""SMS texts: the GSM-7 alphabet where the language allows, and exact parts.

The hand-computed cases follow 3GPP TS 23.038/23.040: GSM-7 holds 160 characters in one
message or 153 per part, an extension character (^{}\\[~]|€) takes two places and is never
split; UCS-2 holds 70 code units or 67 per part, and an emoji (two code units) is never split.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inbreng.lib import gsm

ALPHABET = "".join(sorted(gsm.BASIC))
EXTENSION = "".join(sorted(gsm.EXTENSION))
ARABIC = "مرحبا بكم في لقائنا"
EMOJI = "😀"


# Hand-computed counts ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "encoding", "characters", "parts"),
    [
        ("", "gsm7", 0, 0),
        ("a", "gsm7", 1, 1),
        ("a" * 160, "gsm7", 160, 1),
        ("a" * 161, "gsm7", 161, 2),  # 153 + 8
        ("a" * 306, "gsm7", 306, 2),  # 153 + 153
        ("a" * 307, "gsm7", 307, 3),
        ("a" * 459, "gsm7", 459, 3),
        ("a" * 460, "gsm7", 460, 4),
        # The euro sign takes two places: 80 of them fill one message exactly.
        ("€" * 80, "gsm7", 160, 1),
        ("€" * 81, "gsm7", 162, 2),  # 76 per part (152), then 5
        ("a" * 159 + "{", "gsm7", 161, 2),
        # 306 places would fit two parts, but the € may not be split after place 152:
        # part one holds 152, part two 2 + 151, part three the last "a".
        ("a" * 152 + "€" + "a" * 152, "gsm7", 306, 3),
        # The same text with the € one place earlier fits: 151 + 2 = 153, then 153.
        ("a" * 151 + "€" + "a" * 153, "gsm7", 306, 2),
        ("\f", "gsm7", 2, 1),
        ("Dag Sam. Kom je? JA of NEE.", "gsm7", 27, 1),
        ("Héé, Ça va? Ñoño ¿ß?", "gsm7", 20, 1),
        # Any character outside GSM-7 makes the whole text UCS-2.
        ("b" * 69 + "–", "ucs2", 70, 1),
        ("b" * 70 + "–", "ucs2", 71, 2),
        ("ب" * 70, "ucs2", 70, 1),
        ("ب" * 71, "ucs2", 71, 2),  # 67 + 4
        ("ب" * 134, "ucs2", 134, 2),
        ("ب" * 135, "ucs2", 135, 3),
        ("ب" * 201, "ucs2", 201, 3),
        ("ب" * 202, "ucs2", 202, 4),
        # An emoji is two UTF-16 code units.
        (EMOJI, "ucs2", 2, 1),
        (EMOJI * 35, "ucs2", 70, 1),
        (EMOJI * 36, "ucs2", 72, 2),  # 33 per part (66), then 3
        # 134 code units would fit two parts, but the emoji may not be split after unit 66.
        ("ب" * 66 + EMOJI + "ب" * 66, "ucs2", 134, 3),
        ("ب" * 65 + EMOJI + "ب" * 67, "ucs2", 134, 2),
        # The bidi isolates around a Dutch name in an Arabic text count too.
        ("مرحبا \u2068Sam\u2069.", "ucs2", 12, 1),
    ],
)
def test_it_counts_characters_and_parts_exactly(
    text: str, encoding: str, characters: int, parts: int
) -> None:
    assert gsm.count(text) == gsm.Count(encoding, characters, parts)  # type: ignore[arg-type]


def test_it_splits_where_a_phone_would() -> None:
    text = "a" * 152 + "€" + "a" * 152
    assert [len(part) for part in gsm.split(text)] == [152, 152, 1]
    assert gsm.split(text)[1].startswith("€")
    assert gsm.split("ب" * 66 + EMOJI + "ب" * 66)[1].startswith(EMOJI)
    assert gsm.split("") == []
    assert gsm.split("kort") == ["kort"]


# Normalising to GSM-7 -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:00 – 16:00", "14:00 - 16:00"),
        ("Ja — of nee", "Ja - of nee"),
        ("‘t Zonnetje", "'t Zonnetje"),
        ("“Praatcafé”", '"Praatcafé"'),
        ("„Praatcafé”", '"Praatcafé"'),
        ("« Café »", '" Café "'),
        ("Tot straks…", "Tot straks..."),
        ("09\u00a0123\u202f45\u200967", "09 123 45 67"),
        ("Dag \u2068Sam\u2069.", "Dag Sam."),
        ("\u200fDag\u200e", "Dag"),
        ("N'oubliez pas d'être là à août", "N'oubliez pas d'etre là à aout"),
        ("Zoë, Loïc, François, Øystein", "Zoe, Loic, Francois, Øystein"),
        ("Cœur", "Coeur"),
        ("ﬁets", "fiets"),
        ("e\u0301", "é"),  # a decomposed é is the GSM letter é
        ("Dag Sam.", "Dag Sam."),
    ],
)
def test_it_keeps_a_text_in_gsm7_where_it_can(text: str, expected: str) -> None:
    assert gsm.normalise(text) == expected
    assert gsm.count(gsm.normalise(text)).encoding == "gsm7"


@pytest.mark.parametrize(
    "text",
    [
        "مرحبا \u2068Sam\u2069 – تعال",  # Arabic: isolates and the dash stay as written
        "Tot straks 😀 – Sam",  # an emoji has no GSM form: nothing changes
        "Łódź",  # Ł has no GSM letter and no accent to leave off
        "Café ½",
    ],
)
def test_it_leaves_a_text_that_cannot_be_gsm7_exactly_as_written(text: str) -> None:
    assert gsm.normalise(text) == text
    assert gsm.measure(text).encoding == "ucs2"


def test_a_dash_no_longer_triples_the_cost_of_an_invitation() -> None:
    """The issue's SMS: about 160 characters with one en dash went out as three UCS-2
    parts; normalised it is one GSM-7 message."""
    text = (
        "Dag Sam. Kom je naar Praatcafé? vrijdag 4 december 2026 om 14:00 – 16:00, Buurthuis "
        "De Linde. Antwoord met JA, NEE of MISSCHIEN. https://inbreng.example.be/k/ABCD"
    )
    assert gsm.count(text) == gsm.Count("ucs2", len(text), 3)
    assert gsm.measure(text) == gsm.Count("gsm7", len(text), 2 if len(text) > 160 else 1)


# Properties -----------------------------------------------------------------------------------

gsm_texts = st.text(alphabet=ALPHABET + EXTENSION, max_size=700)
any_texts = st.text(max_size=400)


def _places(text: str) -> int:
    """Places a text takes, computed another way: septets, or UTF-16 code units."""
    if all(c in gsm.BASIC or c in gsm.EXTENSION for c in text):
        return len(text) + sum(c in gsm.EXTENSION for c in text)
    return len(text.encode("utf-16-le")) // 2


@given(any_texts)
def test_normalised_text_is_gsm7_or_left_as_written(text: str) -> None:
    result = gsm.normalise(text)
    assert gsm.is_gsm7(result) or result == text
    assert gsm.normalise(result) == result  # normalising twice changes nothing more


@given(gsm_texts)
def test_a_gsm7_text_is_left_alone(text: str) -> None:
    assert gsm.normalise(text) == text
    assert gsm.count(text).encoding == "gsm7"


@given(any_texts)
def test_normalising_never_costs_more_parts(text: str) -> None:
    assert gsm.measure(text).parts <= gsm.count(text).parts


@given(st.one_of(gsm_texts, any_texts))
def test_the_count_matches_the_parts_a_phone_gets(text: str) -> None:
    found = gsm.count(text)
    parts = gsm.split(text)
    assert "".join(parts) == text
    assert found.parts == len(parts)
    assert found.characters == _places(text)
    assert (found.parts == 0) == (text == "")
    single, per_part = (160, 153) if found.encoding == "gsm7" else (70, 67)
    if found.characters <= single:
        assert found.parts <= 1
    else:
        # Each part is full but for at most one place (a character that may not be split).
        assert all(_places(part) <= per_part for part in parts)
        assert all(_places(part) >= per_part - 1 for part in parts[:-1])
        assert math.ceil(found.characters / per_part) <= found.parts
        assert found.parts <= math.ceil(found.characters / (per_part - 1))


@given(st.text(alphabet=ALPHABET, min_size=1, max_size=700))
def test_without_extension_characters_gsm7_parts_follow_the_formula(text: str) -> None:
    n = len(text)
    assert gsm.count(text).parts == (1 if n <= 160 else math.ceil(n / 153))


@given(st.text(alphabet=ARABIC, min_size=1, max_size=400))
def test_without_emoji_ucs2_parts_follow_the_formula(text: str) -> None:
    n = len(text)
    assert gsm.count(text).parts == (1 if n <= 70 else math.ceil(n / 67))
