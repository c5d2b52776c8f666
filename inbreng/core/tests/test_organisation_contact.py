"""The number participants can call: set on the organisation page, checked, and shown as
participants will read it."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from conftest import World
from inbreng.core.forms import validate_contact_phone
from inbreng.core.models import Organisation
from inbreng.core.tests.helpers import dutch, field_error, messages_shown, text

SETTINGS = {
    "name": "Sociaal Huis Testdorp",
    "privacy_contact": "",
    "inactivity_months": "24",
    "answer_weeks": "6",
    "plain_language_min_score": "60",
}
WRONG_NUMBER = dutch("Write a phone number with digits, like 09 123 45 67 or +32 9 123 45 67.")


@pytest.fixture
def admin(world: World) -> Client:
    return world.client_for("admin")


def test_the_admin_sets_the_number_and_hours_and_sees_what_participants_read(
    world: World, admin: Client
) -> None:
    response = admin.post(
        reverse("core:organisation"),
        {
            **SETTINGS,
            "contact_phone": " 09  123 45 67 ",
            "contact_hours": "maandag tot vrijdag,  9 tot 12 uur",
        },
        follow=True,
    )

    assert dutch("The changes are saved.") in messages_shown(response)
    org = Organisation.objects.get(pk=world.org.pk)
    assert (org.contact_phone, org.contact_hours) == (
        "09 123 45 67",
        "maandag tot vrijdag, 9 tot 12 uur",
    )
    preview = text(response, cls="call-us")
    assert "09 123 45 67" in preview
    assert "maandag tot vrijdag, 9 tot 12 uur" in preview


@pytest.mark.parametrize(
    "typed", ["bel het onthaal", "09 123 45 67 of 09 765 43 21", "12", "+32 (9) 123", "0470+12"]
)
def test_a_number_that_is_not_a_phone_number_is_refused_and_kept(
    world: World, admin: Client, typed: str
) -> None:
    response = admin.post(
        reverse("core:organisation"), {**SETTINGS, "contact_phone": typed, "contact_hours": "x"}
    )

    assert response.status_code == 200
    assert field_error(response, "contact_phone") == WRONG_NUMBER
    assert f'value="{typed}"' in response.content.decode()
    assert Organisation.objects.get(pk=world.org.pk).contact_phone == ""
    # The preview shows what is saved, not what was refused.
    assert "09 123" not in text(response, cls="call-us")


@pytest.mark.parametrize(
    "number", ["09 123 45 67", "+32 9 123 45 67", "09/123.45.67", "0470-12-34-56", "1700", ""]
)
def test_the_usual_ways_to_write_a_number_are_accepted(number: str) -> None:
    assert validate_contact_phone(number) == number


def test_without_a_number_the_page_says_the_sentence_is_left_out(admin: Client) -> None:
    page = admin.get(reverse("core:organisation"))

    assert text(page, cls="call-us") == ""
    assert dutch(
        "There is no phone number yet. Letters and text messages then leave out the sentence "
        "about calling."
    ) in text(page, tag="main")
    assert 'type="tel"' in page.content.decode()


@pytest.mark.django_db
def test_the_demo_organisation_has_a_number_to_call() -> None:
    call_command("seed_demo", stdout=StringIO())

    demo = Organisation.objects.get(name="Sociaal Huis Lindeveld")

    assert demo.contact_phone and demo.contact_hours
    assert validate_contact_phone(demo.contact_phone) == demo.contact_phone
