"""Signals stay free of personal data: the detector, property-tested, and the pages."""

from __future__ import annotations

import string

from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import World, make_participant
from inbreng.casework import detect
from inbreng.casework.models import Signal

from .factories import make_case_coordinator

SEPARATORS = st.sampled_from(["", ".", "-", " ", "/"])


@st.composite
def national_numbers(draw: st.DrawFn) -> str:
    """YY.MM.DD-XXX.CC in any of the ways people write it."""
    digits = draw(st.text(alphabet=string.digits, min_size=11, max_size=11))
    groups = [digits[0:2], digits[2:4], digits[4:6], digits[6:9], digits[9:11]]
    text = groups[0]
    for group in groups[1:]:
        text += draw(SEPARATORS) + group
    return text


@st.composite
def phone_numbers(draw: st.DrawFn) -> str:
    """Belgian and international numbers with the separators people use."""
    start = draw(st.sampled_from(["0", "+32 ", "+32", "0032 ", "+31 "]))
    length = draw(st.integers(min_value=7, max_value=8))
    digits = draw(st.sampled_from("123456789")) + draw(
        st.text(alphabet=string.digits, min_size=length, max_size=length)
    )
    text, i = start, 0
    while i < len(digits):
        step = draw(st.integers(min_value=1, max_value=3))
        text += digits[i : i + step] + draw(st.sampled_from(["", " ", ".", "/", "-"]))
        i += step
    return text.rstrip(" ./-")


emails = st.builds(
    lambda user, domain, tld: f"{user}@{domain}.{tld}",
    st.text(
        alphabet=string.ascii_lowercase + string.digits + "._-", min_size=1, max_size=12
    ).filter(lambda s: s[0].isalnum()),
    st.text(alphabet=string.ascii_lowercase + "-", min_size=1, max_size=10).filter(
        lambda s: s[0].isalpha()
    ),
    st.sampled_from(["be", "com", "org", "brussels"]),
)
# Words around the personal data, as a description is written.
words = st.lists(
    st.sampled_from(
        [
            "de",
            "huur",
            "wachtlijst",
            "is",
            "te",
            "lang",
            "voor",
            "gezinnen",
            "met",
            "kinderen",
            "het",
            "loket",
            "sluit",
            "om",
            "uur",
            "3",
            "12",
            "2024",
            "€",
            "450",
            "maanden",
        ]
    ),
    max_size=8,
)


def sentence(before: list[str], middle: str, after: list[str]) -> str:
    return " ".join([*before, middle, *after])


@settings(max_examples=200)
@given(words, national_numbers(), words)
def test_it_finds_every_national_register_number(
    before: list[str], number: str, after: list[str]
) -> None:
    kinds = {f.kind for f in detect.personal_data(sentence(before, number, after))}
    assert kinds & {"national_number", "phone"}


@settings(max_examples=200)
@given(words, phone_numbers(), words)
def test_it_finds_every_phone_number(before: list[str], number: str, after: list[str]) -> None:
    assert detect.personal_data(sentence(before, number, after))


@settings(max_examples=200)
@given(words, emails, words)
def test_it_finds_every_e_mail_address(before: list[str], address: str, after: list[str]) -> None:
    assert [f.kind for f in detect.personal_data(sentence(before, address, after))] == ["email"]


@settings(max_examples=200)
@given(words)
def test_ordinary_policy_text_passes(text: list[str]) -> None:
    """Short numbers (hours, months, amounts, years) are not personal data."""
    assert detect.personal_data(" ".join(text), ["Anouk T.", "Bram Peeters"]) == []


@settings(max_examples=200)
@given(
    st.sampled_from(["Anouk", "Peeters", "Jean-Luc", "Şükrü", "Élodie"]),
    words,
    words,
)
def test_it_finds_a_registered_name_written_as_a_name(
    name: str, before: list[str], after: list[str]
) -> None:
    register = ["Anouk T.", "Bram Peeters", "Jean-Luc D.", "Şükrü Y.", "Élodie M."]
    found = detect.personal_data(sentence(before, name, after), register)
    assert [f.kind for f in found] == ["name"]


def test_a_whole_name_is_found_in_any_case_and_without_accents() -> None:
    assert detect.names_in("gesprek met bram peeters over huur", ["Bram Peeters"])
    assert detect.names_in("Met Elodie over de school", ["Élodie M."])


def test_a_common_word_that_is_also_a_name_passes_in_lower_case() -> None:
    assert detect.names_in("een roos in de tuin", ["Roos V."]) == []
    assert detect.names_in("Roos kreeg geen premie", ["Roos V."]) == ["Roos V."]


def test_initials_do_not_count_as_a_name() -> None:
    assert detect.names_in("Zie punt T. in de regel", ["Anouk T."]) == []


# The pages ------------------------------------------------------------------------------


def _post_signal(world: World, **data: str) -> object:
    make_case_coordinator(world)
    form = {
        "kind": "threshold",
        "life_domain": "housing",
        "concerns": "Sociale huisvesting",
        "description": "De waarborg is te hoog.",
    }
    form.update(data)
    return world.client_for("coordinator").post(reverse("casework:signals"), form)


def test_a_signal_with_a_national_register_number_is_refused_and_keeps_the_text(
    world: World,
) -> None:
    response = _post_signal(world, description="Dossier 85.07.30-033.28 kreeg niets.")
    assert response.status_code == 200  # type: ignore[attr-defined]
    text = response.content.decode()  # type: ignore[attr-defined]
    assert 'id="id_description_error"' in text
    assert "Dossier 85.07.30-033.28 kreeg niets." in text
    assert not Signal.objects.exists()


def test_a_signal_with_a_name_from_the_register_is_refused(world: World) -> None:
    make_participant(world.org, name="Yasmina K.", phone="+32470555000")
    response = _post_signal(world, concerns="Huisvesting voor Yasmina")
    assert 'id="id_concerns_error"' in response.content.decode()  # type: ignore[attr-defined]
    assert not Signal.objects.exists()


def test_a_name_from_another_organisation_is_not_checked_against(world: World) -> None:
    response = _post_signal(world, concerns="Huisvesting: regel van Bram")
    # "Bram E." is only in the other organisation's register.
    assert response.status_code == 302  # type: ignore[attr-defined]


def test_a_clean_signal_is_recorded(world: World) -> None:
    response = _post_signal(world)
    assert response.status_code == 302  # type: ignore[attr-defined]
    signal = Signal.objects.get()
    assert signal.recorded_by == world.users["coordinator"]
