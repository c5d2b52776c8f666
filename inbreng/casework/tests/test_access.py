"""Need-to-know: only the people on a case see it; for everyone else every case URL is a 404."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, reverse
from django.utils import timezone

from conftest import World, make_participant, verified_login
from inbreng.casework import urls as case_urls
from inbreng.casework.models import CaseConference, CaseProvider
from inbreng.core.models import Membership, Organisation, User

from .factories import Case, open_case

POST_ONLY = {"provider_remove", "agreement_add", "agreement_status"}


def case_routes(made: Case) -> list[tuple[str, dict[str, Any]]]:
    """Every URL of the app that names a case, with kwargs for this case."""
    extra = {
        "meeting_pk": made.meeting.pk,
        "agreement_pk": made.agreement.pk,
        "document_pk": made.document.pk,
        "provider_pk": made.other_provider.pk,
    }
    routes = []
    for pattern in case_urls.case_patterns:
        assert isinstance(pattern, URLPattern)
        names = {"pk", *pattern.pattern.regex.groupindex}
        kwargs = {"pk": made.case.pk, **{k: v for k, v in extra.items() if k in names}}
        routes.append((str(pattern.name), kwargs))
    return routes


def staff(org: Organisation, username: str, **roles: Any) -> User:
    user = User.objects.create_user(username=username, password="a-long-test-password")
    Membership.objects.create(organisation=org, user=user, **roles)
    return user


def second_case(world: World, provider: User, partner: User) -> CaseConference:
    """Another client's case, with its own provider and partner worker."""
    client = make_participant(world.org, name="Noor B.", phone="+32470111222")
    case = CaseConference.objects.create(
        organisation=world.org,
        client=client,
        status=CaseConference.Status.OPEN,
        coordinator=world.users["coordinator"],
        client_agrees=True,
        life_domains=["income", "housing", "work"],
    )
    now = timezone.now()
    for user in (provider, partner):
        CaseProvider.objects.create(
            organisation=world.org,
            case=case,
            name="Elders",
            user=user,
            invited_at=now,
            acknowledged_at=now,
        )
    return case


@pytest.fixture
def outsiders(world: World) -> dict[str, Client]:
    """Everyone the issue names who must not see the case, with a signed-in client each."""
    provider_elsewhere = staff(world.org, "provider-b", is_social_worker=True)
    partner_elsewhere = staff(world.org, "partner-b", is_partner_worker=True, partner=world.partner)
    colleague = staff(world.org, "colleague", is_social_worker=True)
    other_lco = staff(world.org, "other-lco", is_case_coordinator=True)
    second_case(world, provider_elsewhere, partner_elsewhere)
    users = {
        "a provider of another case": provider_elsewhere,
        "a partner worker of another case": partner_elsewhere,
        "a colleague who is not invited": colleague,
        "another LCO coordinator": other_lco,
        "an admin": world.users["admin"],
        "a policy maker": world.users["policy_maker"],
        "a service contact": world.users["service_contact"],
        "a user of another organisation": world.other_user,
    }
    return {label: verified_login(Client(), user) for label, user in users.items()}


def _open(client: Client, name: str, kwargs: dict[str, Any]) -> int:
    url = reverse(f"casework:{name}", kwargs=kwargs)
    if name in POST_ONLY:
        return client.post(url, {"status": "done", "what": "x", "owner": "client"}).status_code
    return client.get(url).status_code


def test_it_answers_404_to_everyone_who_is_not_on_the_case(
    world: World, outsiders: dict[str, Client]
) -> None:
    made = open_case(world)
    routes = case_routes(made)
    assert len(routes) >= 20
    seen = {
        (label, name): _open(client, name, kwargs)
        for label, client in outsiders.items()
        for name, kwargs in routes
    }
    assert {key: code for key, code in seen.items() if code != 404} == {}
    made.agreement.refresh_from_db()
    assert made.agreement.status == "open"


def test_it_answers_404_to_an_invited_provider_before_they_accept_the_ground_rules(
    world: World,
) -> None:
    made = open_case(world, acknowledged=False)
    client = world.client_for("partner_worker")
    codes = {
        name: _open(client, name, kwargs)
        for name, kwargs in case_routes(made)
        if name != "ground_rules"
    }
    assert {name: code for name, code in codes.items() if code != 404} == {}
    page = client.get(reverse("casework:ground_rules", kwargs={"pk": made.case.pk}))
    assert page.status_code == 200
    text = page.content.decode()
    assert "shared professional secrecy" in text or "gedeeld beroepsgeheim" in text
    # The ground-rules page holds no case content.
    assert world.participant.name not in text
    assert made.case.agenda_matters not in text


def test_it_lets_an_invited_provider_in_after_they_accept(world: World) -> None:
    made = open_case(world, acknowledged=False)
    client = world.client_for("partner_worker")
    url = reverse("casework:ground_rules", kwargs={"pk": made.case.pk})
    refused = client.post(url, {})
    assert refused.status_code == 200
    assert client.get(reverse("casework:case", kwargs={"pk": made.case.pk})).status_code == 404
    accepted = client.post(url, {"accept": "1"})
    assert accepted.status_code == 302
    page = client.get(reverse("casework:case", kwargs={"pk": made.case.pk}))
    assert page.status_code == 200
    assert world.participant.name in page.content.decode()
    # Once in, the ground-rules page is gone for them.
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("role", ["coordinator", "social_worker", "partner_worker"])
def test_it_shows_the_case_to_the_people_on_it(world: World, role: str) -> None:
    made = open_case(world)
    page = world.client_for(role).get(reverse("casework:case", kwargs={"pk": made.case.pk}))
    assert page.status_code == 200
    assert made.case.agenda_matters in page.content.decode()


def test_the_list_shows_only_the_cases_you_are_on(
    world: World, outsiders: dict[str, Client]
) -> None:
    made = open_case(world)
    client = outsiders["a colleague who is not invited"]
    listed = client.get(reverse("casework:list")).content.decode()
    assert made.case.number not in listed
    assert world.participant.name not in listed
    mine = world.client_for("partner_worker").get(reverse("casework:list")).content.decode()
    assert made.case.number in mine
    assert "Noor B." not in mine


def test_a_removed_provider_loses_access_at_once(world: World) -> None:
    made = open_case(world)
    provider = world.client_for("partner_worker")
    url = reverse("casework:case", kwargs={"pk": made.case.pk})
    assert provider.get(url).status_code == 200
    removed = world.client_for("coordinator").post(
        reverse(
            "casework:provider_remove", kwargs={"pk": made.case.pk, "provider_pk": made.provider.pk}
        )
    )
    assert removed.status_code == 302
    assert provider.get(url).status_code == 404


def test_a_closed_case_is_only_for_its_coordinator(world: World) -> None:
    made = open_case(world)
    response = world.client_for("coordinator").post(
        reverse("casework:close", kwargs={"pk": made.case.pk}), {"reason": "goals_reached"}
    )
    assert response.status_code == 302
    url = reverse("casework:case", kwargs={"pk": made.case.pk})
    assert world.client_for("partner_worker").get(url).status_code == 404
    assert world.client_for("social_worker").get(url).status_code == 404
    assert world.client_for("coordinator").get(url).status_code == 200
