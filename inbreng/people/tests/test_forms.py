"""The participant form: what it accepts, how it stores it, and what it refuses."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from conftest import World
from inbreng.core.models import Membership, Partner
from inbreng.people.forms import ParticipantForm
from inbreng.people.models import PREFER_NOT

from .helpers import participant_post


def form_for(world: World, role: str = "coordinator", **fields: Any) -> ParticipantForm:
    return ParticipantForm(participant_post(**fields), membership=world.member(role))


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0470 12 34 56", "+32470123456"),
        ("0470123456", "+32470123456"),
        ("0470/12.34.56", "+32470123456"),
        ("+32 470 12 34 56", "+32470123456"),
        ("0032 470 12 34 56", "+32470123456"),
        ("+31 6 12345678", "+31612345678"),
        ("0031 6 12345678", "+31612345678"),
        ("٠٤٧٠١٢٣٤٥٦", "+32470123456"),
        ("", ""),
    ],
)
def test_it_stores_belgian_and_international_numbers_in_one_form(
    world: World, typed: str, stored: str
) -> None:
    channel = "sms" if typed else "social_worker"
    form = form_for(
        world,
        phone=typed,
        preferred_channel=channel,
        social_worker=world.users["social_worker"].pk,
    )

    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == stored


@pytest.mark.parametrize(
    "typed",
    ["12", "0470", "0470 12 34 56 78 90", "abc", "+999 123 456", "0470-12-34-AB"],
)
def test_it_refuses_a_number_that_is_not_a_phone_number(world: World, typed: str) -> None:
    with translation.override("en"):
        form = form_for(world, phone=typed)

        assert not form.is_valid()
        assert "not a valid phone number" in form.errors["phone"][0]


@pytest.mark.parametrize("typed", ["9000", "1000", "2300", " 8400 "])
def test_it_accepts_a_belgian_postal_code(world: World, typed: str) -> None:
    form = form_for(world, postal_code=typed)

    assert form.is_valid(), form.errors
    assert form.cleaned_data["postal_code"] == typed.strip()


@pytest.mark.parametrize("typed", ["900", "90000", "abcd", "0900", "٩٠٠٠", "²³⁴⁵", "9 000"])
def test_it_refuses_a_postal_code_that_is_not_four_digits(world: World, typed: str) -> None:
    form = form_for(world, postal_code=typed)

    assert not form.is_valid()
    assert "postal_code" in form.errors


@pytest.mark.parametrize(
    ("fields", "field_with_error"),
    [
        ({"preferred_channel": "sms", "phone": ""}, "phone"),
        ({"preferred_channel": "phone", "phone": ""}, "phone"),
        ({"preferred_channel": "email", "phone": "", "email": ""}, "email"),
        ({"preferred_channel": "social_worker", "social_worker": ""}, "social_worker"),
        ({"preferred_channel": "letter"}, "street"),
        ({"preferred_channel": "letter", "street": "Kerkstraat 1", "city": "Gent"}, "postal_code"),
        ({"preferred_channel": "letter", "street": "Kerkstraat 1", "postal_code": "9000"}, "city"),
        ({"preferred_channel": "sms", "phone": "09 266 11 11"}, "phone"),
    ],
)
def test_it_refuses_a_preferred_channel_that_cannot_reach_the_person(
    world: World, fields: dict[str, str], field_with_error: str
) -> None:
    form = form_for(world, **fields)

    assert not form.is_valid()
    assert list(form.errors) == [field_with_error]


@pytest.mark.parametrize(
    "fields",
    [
        {"preferred_channel": "phone", "phone": "09 266 11 11"},
        {"preferred_channel": "email", "phone": "", "email": "fatima@example.be"},
        {
            "preferred_channel": "letter",
            "phone": "",
            "street": "Kerkstraat 1",
            "postal_code": "9000",
            "city": "Gent",
        },
    ],
)
def test_it_accepts_a_channel_that_can_reach_the_person(
    world: World, fields: dict[str, str]
) -> None:
    form = form_for(world, **fields)

    assert form.is_valid(), form.errors


def test_it_accepts_a_social_worker_channel_with_a_social_worker(world: World) -> None:
    form = form_for(
        world,
        preferred_channel="social_worker",
        phone="",
        social_worker=world.users["social_worker"].pk,
    )

    assert form.is_valid(), form.errors


@pytest.mark.parametrize("field", ["social_worker", "referred_by_partner"])
def test_it_refuses_a_colleague_or_partner_of_another_organisation(
    world: World, field: str
) -> None:
    foreign = {
        "social_worker": world.other_user.pk,
        "referred_by_partner": Partner.objects.create(organisation=world.other_org, name="X").pk,
    }[field]

    form = form_for(world, **{field: foreign})

    assert not form.is_valid()
    assert field in form.errors


@pytest.mark.parametrize("name", ["", "   "])
def test_it_needs_a_name(world: World, name: str) -> None:
    form = form_for(world, name=name)

    assert not form.is_valid()
    assert "name" in form.errors


def test_it_stores_i_would_rather_not_say_for_the_neighbourhood(world: World) -> None:
    form = form_for(world, neighbourhood="Brugse Poort", neighbourhood_prefer_not="on")

    assert form.is_valid(), form.errors
    assert form.participant_data()["neighbourhood"] == PREFER_NOT


def test_it_keeps_a_stopped_partner_valid_when_editing_something_else(world: World) -> None:
    world.partner.is_active = False
    world.partner.save()
    data = participant_post(
        name="Anouk T.", phone="0470 12 34 56", referred_by_partner=world.partner.pk
    )

    form = ParticipantForm(data, instance=world.participant, membership=world.member("coordinator"))

    assert form.is_valid(), form.errors


def test_it_keeps_a_stopped_social_worker_valid_when_editing_something_else(
    world: World,
) -> None:
    Membership.objects.filter(pk=world.member("social_worker").pk).update(is_active=False)
    data = participant_post(
        name="Anouk T.", phone="0470 12 34 56", social_worker=world.users["social_worker"].pk
    )

    kept = ParticipantForm(data, instance=world.participant, membership=world.member("coordinator"))
    new = ParticipantForm(data, membership=world.member("coordinator"))

    assert kept.is_valid(), kept.errors
    assert not new.is_valid()
    assert "social_worker" in new.errors


def test_it_does_not_offer_a_stopped_partner_for_a_new_person(world: World) -> None:
    world.partner.is_active = False
    world.partner.save()

    form = form_for(world, referred_by_partner=world.partner.pk)

    assert not form.is_valid()
    assert "referred_by_partner" in form.errors


def test_it_fixes_the_referrer_of_a_partner_worker_to_their_own_partner(world: World) -> None:
    other = Partner.objects.create(organisation=world.org, name="Basiseducatie")

    form = form_for(world, role="partner_worker", referred_by_partner=other.pk)

    assert form.is_valid(), form.errors
    assert form.cleaned_data["referred_by_partner"] == world.partner
