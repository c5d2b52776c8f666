"""The active organisation: chosen from the session, switched from the header, always shown."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from conftest import World, make_participant
from inbreng.core.middleware import SESSION_KEY
from inbreng.core.models import Membership, Partner, Service

from .helpers import header_organisation, messages_shown


@pytest.fixture
def two_org_admin(world: World) -> Client:
    """The admin also administers the other organisation ("Sociaal Huis Elders")."""
    Membership.objects.create(
        organisation=world.other_org, user=world.users["admin"], is_admin=True
    )
    return world.client_for("admin")


def choose(client: Client, organisation_id: int) -> None:
    session = client.session
    session[SESSION_KEY] = organisation_id
    session.save()


def test_it_works_in_the_organisation_kept_in_the_session(
    world: World, two_org_admin: Client
) -> None:
    for org in (world.org, world.other_org):
        choose(two_org_admin, org.pk)
        response = two_org_admin.get(reverse("core:home"))
        assert response.status_code == 200
        assert org.name in header_organisation(response)


def test_it_starts_in_the_first_organisation_by_name(world: World, two_org_admin: Client) -> None:
    response = two_org_admin.get(reverse("core:home"))
    # "Sociaal Huis Elders" sorts before "Sociaal Huis Testdorp".
    assert header_organisation(response).endswith(world.other_org.name)
    assert two_org_admin.session[SESSION_KEY] == world.other_org.pk


@pytest.mark.parametrize("stale", ["left", "unknown"])
def test_it_falls_back_when_the_session_names_an_organisation_out_of_reach(
    world: World, two_org_admin: Client, stale: str
) -> None:
    if stale == "left":
        Membership.objects.filter(organisation=world.other_org, user=world.users["admin"]).update(
            is_active=False
        )
        choose(two_org_admin, world.other_org.pk)
    else:
        choose(two_org_admin, 987654)
    response = two_org_admin.get(reverse("core:home"))
    assert response.status_code == 200
    expected = world.org if stale == "left" else world.other_org
    assert header_organisation(response).endswith(expected.name)


def test_it_offers_the_switch_only_to_people_with_several_organisations(
    world: World, two_org_admin: Client
) -> None:
    assert 'name="organisation"' in two_org_admin.get(reverse("core:home")).content.decode()
    single = world.client_for("coordinator").get(reverse("core:home")).content.decode()
    assert 'name="organisation"' not in single


def test_it_switches_to_another_organisation_of_the_user(
    world: World, two_org_admin: Client
) -> None:
    choose(two_org_admin, world.org.pk)
    response = two_org_admin.post(
        reverse("core:switch_organisation"), {"organisation": world.other_org.pk}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("core:home")
    assert header_organisation(response).endswith(world.other_org.name)
    assert messages_shown(response)
    # The next page stays in the chosen organisation.
    assert header_organisation(two_org_admin.get(reverse("core:staff"))).endswith(
        world.other_org.name
    )


@pytest.mark.parametrize("wanted", ["other_org", "unknown", "garbage", "empty", "huge"])
def test_it_refuses_to_switch_to_an_organisation_the_user_does_not_work_for(
    world: World, wanted: str
) -> None:
    values: dict[str, Any] = {
        "other_org": world.other_org.pk,
        "unknown": 987654,
        "garbage": "<script>",
        "empty": "",
        "huge": "9" * 40,
    }
    client = world.client_for("admin")
    response = client.post(reverse("core:switch_organisation"), {"organisation": values[wanted]})
    assert response.status_code == 403
    assert header_organisation(client.get(reverse("core:home"))).endswith(world.org.name)


def test_it_refuses_a_switch_to_an_organisation_the_user_left(
    world: World, two_org_admin: Client
) -> None:
    choose(two_org_admin, world.org.pk)
    Membership.objects.filter(organisation=world.other_org, user=world.users["admin"]).update(
        is_active=False
    )
    response = two_org_admin.post(
        reverse("core:switch_organisation"), {"organisation": world.other_org.pk}
    )
    assert response.status_code == 403


def test_it_switches_only_by_post(world: World, two_org_admin: Client) -> None:
    response = two_org_admin.get(
        reverse("core:switch_organisation"), {"organisation": world.other_org.pk}
    )
    assert response.status_code == 405


ADMIN_PAGES: list[tuple[str, Any]] = [
    ("core:home", None),
    ("core:organisation", None),
    ("core:services", None),
    ("core:service_add", None),
    ("core:service_edit", lambda w: {"pk": w.service.pk}),
    ("core:partners", None),
    ("core:partner_add", None),
    ("core:partner_edit", lambda w: {"pk": w.partner.pk}),
    ("core:staff", None),
    ("core:staff_add", None),
    ("core:staff_edit", lambda w: {"pk": w.member("coordinator").pk}),
    ("core:staff_deactivate", lambda w: {"pk": w.member("coordinator").pk}),
    ("core:audit", None),
    ("password_change", None),
    ("people:register", None),
    ("people:detail", lambda w: {"pk": w.participant.pk}),
]


@pytest.mark.parametrize(("name", "kwargs"), ADMIN_PAGES, ids=[n for n, _ in ADMIN_PAGES])
def test_it_shows_the_active_organisation_on_every_page(
    world: World, name: str, kwargs: Any
) -> None:
    client = world.client_for("admin")
    response = client.get(reverse(name, kwargs=kwargs(world) if kwargs else None))
    assert response.status_code == 200
    assert header_organisation(response).endswith(world.org.name)


@pytest.mark.parametrize(
    "role", ["coordinator", "social_worker", "service_contact", "policy_maker", "partner_worker"]
)
def test_it_shows_the_active_organisation_to_every_role(world: World, role: str) -> None:
    response = world.client_for(role).get(reverse("core:home"))
    assert header_organisation(response).endswith(world.org.name)


def _other_org_records(w: World) -> dict[str, int]:
    service = Service.objects.create(organisation=w.other_org, name="Elders dienst")
    partner = Partner.objects.create(organisation=w.other_org, name="Elders partner")
    member = Membership.objects.get(organisation=w.other_org, user=w.other_user)
    return {"service": service.pk, "partner": partner.pk, "member": member.pk}


RECORD_URLS = [
    ("core:service_edit", "service", "get"),
    ("core:service_edit", "service", "post"),
    ("core:partner_edit", "partner", "get"),
    ("core:partner_edit", "partner", "post"),
    ("core:staff_edit", "member", "get"),
    ("core:staff_edit", "member", "post"),
    ("core:staff_deactivate", "member", "get"),
    ("core:staff_deactivate", "member", "post"),
    ("core:staff_reactivate", "member", "post"),
    ("core:staff_reset_otp", "member", "post"),
]


@pytest.mark.parametrize(("name", "kind", "method"), RECORD_URLS)
def test_it_answers_404_for_a_record_of_another_organisation(
    world: World, name: str, kind: str, method: str
) -> None:
    pk = _other_org_records(world)[kind]
    client = world.client_for("admin")
    response = getattr(client, method)(reverse(name, kwargs={"pk": pk}), {"name": "Overgenomen"})
    assert response.status_code == 404
    # Nothing of the other organisation changed.
    assert not Service.objects.filter(name="Overgenomen").exists()
    assert not Partner.objects.filter(name="Overgenomen").exists()
    assert Membership.objects.get(pk=_member_pk(world)).is_active


def _member_pk(w: World) -> int:
    return Membership.objects.get(organisation=w.other_org, user=w.other_user).pk


def test_it_scopes_records_to_the_active_organisation_not_to_every_membership(
    world: World, two_org_admin: Client
) -> None:
    """Someone who administers two organisations sees one at a time."""
    choose(two_org_admin, world.other_org.pk)
    assert (
        two_org_admin.get(reverse("core:service_edit", args=[world.service.pk])).status_code == 404
    )
    assert (
        two_org_admin.get(reverse("people:detail", args=[world.participant.pk])).status_code == 404
    )
    listing = two_org_admin.get(reverse("core:staff")).content.decode()
    assert "Coordinator" not in listing
    choose(two_org_admin, world.org.pk)
    assert (
        two_org_admin.get(reverse("core:service_edit", args=[world.service.pk])).status_code == 200
    )


def test_it_lists_only_the_active_organisations_services_and_partners(world: World) -> None:
    Service.objects.create(organisation=world.other_org, name="Geheime dienst van Elders")
    Partner.objects.create(organisation=world.other_org, name="Geheime partner van Elders")
    make_participant(world.other_org, name="Niet Zichtbaar")
    client = world.client_for("admin")
    pages = "".join(
        client.get(reverse(name)).content.decode()
        for name in ("core:services", "core:partners", "core:staff", "core:staff_add")
    )
    assert "Huisvesting" in pages
    assert "van Elders" not in pages
