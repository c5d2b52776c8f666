"""Who sees whom in the register, and how people are found in it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import World, make_participant
from inbreng.core.models import Partner
from inbreng.people import selectors
from inbreng.people.models import Channel


def names(people: object) -> set[str]:
    return {p.name for p in people}  # type: ignore[attr-defined]


@pytest.mark.parametrize("role", ["admin", "coordinator", "social_worker"])
def test_it_shows_register_keepers_everyone_of_their_own_organisation(
    world: World, role: str
) -> None:
    make_participant(world.org, name="Zonder verwijzer", phone="")

    seen = names(selectors.participants_visible_to(world.member(role)))

    assert seen == {"Anouk T.", "Zonder verwijzer"}
    assert "Bram E." not in seen


def test_it_shows_a_partner_worker_only_the_people_their_partner_referred(world: World) -> None:
    other_partner = Partner.objects.create(organisation=world.org, name="Basiseducatie")
    make_participant(world.org, name="Via ander", referred_by_partner=other_partner)
    make_participant(world.org, name="Zonder verwijzer")

    seen = names(selectors.participants_visible_to(world.member("partner_worker")))

    assert seen == {"Anouk T."}


@pytest.mark.parametrize("role", ["service_contact", "policy_maker"])
def test_it_shows_roles_without_personal_data_nobody(world: World, role: str) -> None:
    assert not selectors.participants_visible_to(world.member(role)).exists()


def test_it_hides_erased_people_from_every_list(world: World) -> None:
    gone = make_participant(world.org, name="Gewist", erased_at=timezone.now())
    coordinator = world.member("coordinator")

    assert gone not in selectors.participants_visible_to(coordinator)
    assert gone not in selectors.register_search(coordinator, query="Gewist")


@pytest.mark.parametrize(
    "query",
    [
        "Anouk",
        "anouk",
        "nouk T",
        "0470 12 34 56",
        "0470123456",
        "0470/12.34.56",
        "+32 470 12 34 56",
        "0032470123456",
        "0470 12",
        "34 56",
        "anouk@example.be",
        "ANOUK@EXAMPLE",
        "Anouk Tersago",
    ],
)
def test_it_finds_a_person_by_name_phone_or_email_as_people_type_them(
    world: World, query: str
) -> None:
    world.participant.email = "anouk@example.be"
    world.participant.postal_name = "Anouk Tersago"
    world.participant.save()
    make_participant(world.org, name="Karel", phone="+32498765432", email="karel@example.be")

    found = names(selectors.register_search(world.member("coordinator"), query=query))

    assert found == {"Anouk T."}


@pytest.mark.parametrize("query", ["0499 00 00 00", "Zoë", "0", "+31 6 12345678"])
def test_it_finds_nobody_for_a_query_that_matches_no_one(world: World, query: str) -> None:
    assert not selectors.register_search(world.member("coordinator"), query=query).exists()


def test_it_finds_an_international_number_as_typed(world: World) -> None:
    make_participant(world.org, name="Sanne", phone="+31612345678")

    found = names(selectors.register_search(world.member("coordinator"), query="+31 6 1234"))

    assert found == {"Sanne"}


def test_it_never_finds_people_of_another_organisation(world: World) -> None:
    coordinator = world.member("coordinator")

    assert not selectors.register_search(coordinator, query="Bram").exists()
    assert not selectors.register_search(coordinator, query="0470 99 98 88").exists()


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        ({"need": "needs_childcare"}, {"Met kinderen"}),
        ({"need": "needs_interpreter"}, {"Met tolk"}),
        ({"language": "ar"}, {"Met tolk"}),
        ({"channel": Channel.EMAIL}, {"Met kinderen"}),
        ({"channel": Channel.SMS}, {"Anouk T.", "Met tolk"}),
        ({"need": "needs_childcare", "language": "ar"}, set()),
        ({"need": "not_a_field"}, {"Anouk T.", "Met kinderen", "Met tolk"}),
    ],
)
def test_it_filters_the_register_by_need_language_and_channel(
    world: World, criteria: dict[str, str], expected: set[str]
) -> None:
    make_participant(
        world.org,
        name="Met kinderen",
        needs_childcare=True,
        email="k@example.be",
        preferred_channel=Channel.EMAIL,
    )
    make_participant(world.org, name="Met tolk", needs_interpreter=True, language="ar")

    found = names(selectors.register_search(world.member("coordinator"), **criteria))

    assert found == expected


@pytest.mark.parametrize(
    "typed",
    [
        {"phone": "+32470123456"},
        {"email": "ANOUK@example.be"},
        {"name": "anouk t.", "postal_code": "9000"},
    ],
)
def test_it_flags_a_likely_duplicate_by_phone_email_or_name_and_postal_code(
    world: World, typed: dict[str, str]
) -> None:
    world.participant.email = "anouk@example.be"
    world.participant.postal_code = "9000"
    world.participant.save()
    fields = {"name": "Iemand", "phone": "", "email": "", "postal_code": ""} | typed

    found = selectors.possible_duplicates(world.member("coordinator"), **fields)

    assert found == [world.participant]


@pytest.mark.parametrize(
    "typed",
    [
        {"name": "Anouk T."},
        {"name": "Anouk T.", "postal_code": "1000"},
        {"phone": "+32470999888"},
    ],
)
def test_it_does_not_flag_a_name_alone_or_someone_of_another_organisation(
    world: World, typed: dict[str, str]
) -> None:
    world.participant.postal_code = "9000"
    world.participant.save()
    fields = {"name": "Iemand", "phone": "", "email": "", "postal_code": ""} | typed

    assert selectors.possible_duplicates(world.member("coordinator"), **fields) == []


def test_it_does_not_flag_the_person_being_edited_or_erased_people(world: World) -> None:
    make_participant(world.org, name="Gewist", phone="+32470555555", erased_at=timezone.now())
    coordinator = world.member("coordinator")

    itself = selectors.possible_duplicates(
        coordinator,
        name="x",
        phone="+32470123456",
        email="",
        postal_code="",
        exclude_pk=world.participant.pk,
    )
    erased = selectors.possible_duplicates(
        coordinator, name="x", phone="+32470555555", email="", postal_code=""
    )

    assert itself == []
    assert erased == []


def test_it_reviews_people_inactive_longer_than_the_organisation_allows(world: World) -> None:
    now = timezone.now()
    world.org.inactivity_months = 12
    world.org.save()
    make_participant(world.org, name="Lang geleden", last_activity_at=now - timedelta(days=400))
    make_participant(world.org, name="Heel lang", last_activity_at=now - timedelta(days=800))
    make_participant(world.org, name="Vorige maand", last_activity_at=now - timedelta(days=30))
    make_participant(world.other_org, name="Elders", last_activity_at=now - timedelta(days=800))

    review = list(selectors.inactive_participants(world.member("coordinator")))

    assert [p.name for p in review] == ["Heel lang", "Lang geleden"]


def test_it_follows_the_organisation_s_review_period(world: World) -> None:
    make_participant(
        world.org, name="Half jaar", last_activity_at=timezone.now() - timedelta(days=200)
    )
    world.org.inactivity_months = 24
    world.org.save()
    before = names(selectors.inactive_participants(world.member("coordinator")))
    world.org.inactivity_months = 6
    world.org.save()
    after = names(selectors.inactive_participants(world.member("coordinator")))

    assert before == set()
    assert after == {"Half jaar"}
