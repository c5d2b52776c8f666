"""Names cannot carry a right-to-left override, and names typed before are shown isolated.

Issue 9, item 8: a U+202E in a participant's name reversed the text next to it on staff pages.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from hypothesis import given
from hypothesis import strategies as st

from conftest import Loop, World, make_participant
from inbreng.groups.models import ParticipationGroup
from inbreng.lib.script import BIDI_CONTROLS, hidden_characters, without_hidden_characters
from inbreng.people.importing import parse_import
from inbreng.people.models import Participant
from inbreng.people.validators import HIDDEN_CHARACTER_ERROR, refuse_hidden_characters

from .helpers import Page, participant_post

ADD = reverse("people:add")
# What an attacker types: "Anouk" and then the override, so that what follows reads backwards.
OVERRIDE_NAME = "Anouk \u202etnaw ik"


def dutch_error(code: str) -> str:
    with translation.override("nl"):
        return gettext(str(HIDDEN_CHARACTER_ERROR)) % {"code": code}


def test_a_name_with_a_right_to_left_override_is_refused_next_to_the_field(
    coordinator: Client,
) -> None:
    before = Participant.objects.count()
    sent = participant_post(name=OVERRIDE_NAME, street="Kerkstraat 1", city="Gent")

    response = coordinator.post(ADD, sent)

    page = Page(response)  # type: ignore[arg-type]
    assert response.status_code == 200
    assert page.error("name") == dutch_error("U+202E")
    assert page.is_invalid("name")
    assert page.value("name") == OVERRIDE_NAME  # what was typed is kept, to correct it
    assert Participant.objects.count() == before


@pytest.mark.parametrize("field", ["postal_name", "street", "city"])
def test_other_name_fields_refuse_invisible_signs_too(coordinator: Client, field: str) -> None:
    sent = participant_post(name="Fatima", street="Kerkstraat 1", city="Gent")
    sent[field] = "Gent\u200b"
    response = coordinator.post(ADD, sent)
    assert Page(response).error(field) == dutch_error("U+200B")  # type: ignore[arg-type]


def test_a_group_name_with_an_override_is_refused(world: World) -> None:
    client = world.client_for("coordinator")
    response = client.post(
        reverse("groups:add"),
        {"name": "Klankbord\u2067", "kind": "standing", "max_size": "10", "is_active": "on"},
    )
    assert Page(response).error("name") == dutch_error("U+2067")  # type: ignore[arg-type]
    assert not ParticipationGroup.objects.filter(name__startswith="Klankbord").exists()


def test_an_imported_name_with_an_override_is_refused_on_its_line(world: World) -> None:
    content = f"naam;telefoon\n{OVERRIDE_NAME};0470 12 34 56\nFatima;0470 12 34 57\n"
    rows = parse_import(world.member("coordinator"), "lijst.csv", content.encode())
    assert [bool(row.errors) for row in rows] == [True, False]
    assert any("U+202E" in error for error in rows[0].errors)


@given(
    st.text(alphabet=st.characters(categories=["L", "Zs"]), min_size=1, max_size=20),
    st.sampled_from(sorted(BIDI_CONTROLS | {"\u200b", "\u200e", "\u200f", "\ufeff", "\x00"})),
    st.integers(min_value=0, max_value=20),
)
def test_every_bidi_control_anywhere_in_a_name_is_refused(
    name: str, control: str, where: int
) -> None:
    typed = name[:where] + control + name[where:]
    with pytest.raises(ValidationError):
        refuse_hidden_characters(typed)
    assert hidden_characters(without_hidden_characters(typed)) == []


@pytest.mark.parametrize(
    "name", ["Anouk T.", "Şükrü Yılmaz", "محمد علي", "Jean-Luc D'Hondt", "مهر\u200cناز", "Nguyễn"]
)
def test_ordinary_names_pass(name: str) -> None:
    refuse_hidden_characters(name)  # a Persian name keeps its zero-width non-joiner


# Names stored before the check ----------------------------------------------------------


def test_a_stored_name_renders_isolated_in_the_register_and_the_group(
    world: World, loop: Loop
) -> None:
    Participant.objects.filter(pk=world.participant.pk).update(name=OVERRIDE_NAME)
    client = world.client_for("coordinator")
    register = client.get(reverse("people:register")).content.decode()
    assert f"<bdi>{OVERRIDE_NAME}</bdi>" in register
    group = client.get(reverse("groups:detail", args=[loop.group.pk])).content.decode()
    assert f"<bdi>{OVERRIDE_NAME}</bdi>" in group
    meeting = client.get(reverse("participation:meeting", args=[loop.meeting.pk]))
    assert f"<bdi>{OVERRIDE_NAME}</bdi>" in meeting.content.decode()
    detail = client.get(reverse("people:detail", args=[world.participant.pk])).content.decode()
    assert f"<h1><bdi>{OVERRIDE_NAME}</bdi></h1>" in detail


def test_a_group_and_question_title_in_a_sentence_is_isolated(world: World, loop: Loop) -> None:
    ParticipationGroup.objects.filter(pk=loop.group.pk).update(name="مجموعة \u202eA")
    loop.question.title = "Brief\u202e over huur"
    loop.question.save(update_fields=["title"])
    client = world.client_for("coordinator")
    meetings = client.get(reverse("participation:meetings")).content.decode()
    assert "<bdi>مجموعة \u202eA</bdi>" in meetings
    translations = client.get(reverse("participation:translations")).content.decode()
    assert "<bdi>Brief\u202e over huur</bdi>" in translations  # also in "Translations of “…”"
    assert translations.count("<bdi>Brief\u202e over huur</bdi>") >= 2


def test_a_name_in_a_sentence_is_isolated(world: World) -> None:
    person = make_participant(world.org, name="\u202eBram")
    client = world.client_for("coordinator")
    html = client.get(reverse("people:edit", args=[person.pk])).content.decode()
    assert "<bdi>\u202eBram</bdi>" in html.split("<h1>")[1].split("</h1>")[0]
