"""An admin keeps the organisation's services (diensten) and partner organisations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.db import models
from django.test import Client
from django.urls import reverse

from conftest import World
from inbreng.core.models import AuditEvent, Organisation, Partner, Service

from .helpers import dutch, field_error, header_organisation, messages_shown, post_data, text


@dataclass
class Kind:
    model: type[models.Model]
    list_url: str
    add_url: str
    edit_url: str
    duplicate_error: str
    extra: dict[str, Any]

    def existing(self, world: World) -> Any:
        return world.service if self.model is Service else world.partner


SERVICE = Kind(
    Service,
    "core:services",
    "core:service_add",
    "core:service_edit",
    "There is already a service with this name.",
    {"email": "wonen@example.org"},
)
PARTNER = Kind(
    Partner,
    "core:partners",
    "core:partner_add",
    "core:partner_edit",
    "There is already a partner with this name.",
    {"kind": Partner.Kind.POVERTY_ASSOCIATION, "contact": "Marleen, 09 000 00 00"},
)
KINDS = pytest.mark.parametrize("kind", [SERVICE, PARTNER], ids=["service", "partner"])


@pytest.fixture
def admin(world: World) -> Client:
    return world.client_for("admin")


@KINDS
def test_it_adds_one_and_lists_it(world: World, admin: Client, kind: Kind) -> None:
    response = admin.post(
        reverse(kind.add_url),
        post_data(name="Nieuw Huis", is_active=True, **kind.extra),
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse(kind.list_url)
    assert messages_shown(response)
    record = kind.model.objects.get(name="Nieuw Huis")  # type: ignore[attr-defined]
    assert record.organisation == world.org
    assert record.is_active
    for field, value in kind.extra.items():
        assert getattr(record, field) == value
    assert "Nieuw Huis" in text(response, cls="table")


@KINDS
def test_it_changes_one(world: World, admin: Client, kind: Kind) -> None:
    record = kind.existing(world)
    response = admin.post(
        reverse(kind.edit_url, args=[record.pk]), post_data(name="Andere naam", **kind.extra)
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.name == "Andere naam"
    assert not record.is_active
    assert dutch("Inactive") in text(admin.get(reverse(kind.list_url)), cls="table")


SPELLINGS = {
    "same": lambda name: name,
    "capitals": lambda name: name.upper(),
    "spaces-and-small-letters": lambda name: f"  {name.lower()}  ",
}


@KINDS
@pytest.mark.parametrize("spelling", list(SPELLINGS))
def test_it_refuses_a_name_the_organisation_already_uses(
    world: World, admin: Client, kind: Kind, spelling: str
) -> None:
    typed = SPELLINGS[spelling](kind.existing(world).name)
    response = admin.post(
        reverse(kind.add_url), post_data(name=typed, is_active=True, **kind.extra)
    )
    assert response.status_code == 200
    assert field_error(response, "name") == dutch(kind.duplicate_error)
    assert response.context["form"]["name"].value() == typed, "the form keeps what was typed"
    assert kind.model.objects.filter(organisation=world.org).count() == 1  # type: ignore[attr-defined]


@KINDS
def test_it_refuses_a_name_that_differs_only_in_accented_capitals(
    world: World, admin: Client, kind: Kind
) -> None:
    kind.model.objects.create(organisation=world.org, name="Éénoudergezinnen")  # type: ignore[attr-defined]
    response = admin.post(
        reverse(kind.add_url), post_data(name="ÉÉNOUDERGEZINNEN", is_active=True, **kind.extra)
    )
    assert response.status_code == 200
    assert field_error(response, "name") == dutch(kind.duplicate_error)


@KINDS
def test_it_refuses_renaming_to_a_name_in_use(world: World, admin: Client, kind: Kind) -> None:
    existing = kind.existing(world)
    other = kind.model.objects.create(organisation=world.org, name="Tweede")  # type: ignore[attr-defined]
    response = admin.post(
        reverse(kind.edit_url, args=[other.pk]),
        post_data(
            name=existing.name.upper(),
            email="onzin",
            is_active=True,
            **{k: v for k, v in kind.extra.items() if k != "email"},
        ),
    )
    assert response.status_code == 200
    assert field_error(response, "name") == dutch(kind.duplicate_error)
    other.refresh_from_db()
    assert other.name == "Tweede"


@KINDS
def test_it_keeps_the_saved_name_in_the_heading_when_an_edit_fails(
    world: World, admin: Client, kind: Kind
) -> None:
    record = kind.existing(world)
    fields = {"name": "Nog niet bewaard", "is_active": True, **kind.extra}
    # An invalid second field makes the whole form fail.
    fields.update({"email": "geen-adres"} if kind is SERVICE else {"kind": "geen-soort"})
    response = admin.post(reverse(kind.edit_url, args=[record.pk]), post_data(**fields))
    assert response.status_code == 200
    assert text(response, tag="h1") == record.name
    assert response.context["form"]["name"].value() == "Nog niet bewaard"
    record.refresh_from_db()
    assert record.name != "Nog niet bewaard"


@KINDS
def test_it_allows_a_name_another_organisation_uses(
    world: World, admin: Client, kind: Kind
) -> None:
    kind.model.objects.create(organisation=world.other_org, name="Gedeeld")  # type: ignore[attr-defined]
    response = admin.post(
        reverse(kind.add_url), post_data(name="Gedeeld", is_active=True, **kind.extra)
    )
    assert response.status_code == 302
    assert kind.model.objects.filter(name="Gedeeld").count() == 2  # type: ignore[attr-defined]


@KINDS
def test_it_keeps_its_own_name_with_other_capitals(world: World, admin: Client, kind: Kind) -> None:
    record = kind.existing(world)
    response = admin.post(
        reverse(kind.edit_url, args=[record.pk]),
        post_data(name=record.name.upper(), is_active=True, **kind.extra),
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.name == record.name.upper()


@KINDS
def test_it_needs_a_name(world: World, admin: Client, kind: Kind) -> None:
    response = admin.post(
        reverse(kind.add_url), post_data(name="   ", is_active=True, **kind.extra)
    )
    assert response.status_code == 200
    assert field_error(response, "name")


def test_it_refuses_an_invalid_service_email(world: World, admin: Client) -> None:
    response = admin.post(reverse("core:service_add"), post_data(name="Sport", email="sport@"))
    assert response.status_code == 200
    assert field_error(response, "email")
    assert response.context["form"]["email"].value() == "sport@"
    assert not Service.objects.filter(name="Sport").exists()


@pytest.mark.parametrize(
    "role", ["coordinator", "social_worker", "service_contact", "policy_maker", "partner_worker"]
)
@KINDS
def test_it_keeps_the_lists_for_admins(world: World, role: str, kind: Kind) -> None:
    client = world.client_for(role)
    assert client.get(reverse(kind.list_url)).status_code == 403
    response = client.post(reverse(kind.add_url), post_data(name="Stiekem", **kind.extra))
    assert response.status_code == 403
    assert not kind.model.objects.filter(name="Stiekem").exists()  # type: ignore[attr-defined]


# The organisation's own settings ---------------------------------------------------------


def test_it_changes_the_organisations_settings(world: World, admin: Client) -> None:
    response = admin.post(
        reverse("core:organisation"),
        {
            "name": "Sociaal Huis Nieuwdorp",
            "privacy_contact": "Onthaal, 09 000 00 00",
            "inactivity_months": "18",
            "answer_weeks": "4",
            "plain_language_min_score": "70",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert header_organisation(response).endswith("Sociaal Huis Nieuwdorp")
    assert Organisation.objects.get(pk=world.org.pk).plain_language_min_score == 70
    org = Organisation.objects.get(pk=world.org.pk)
    assert (org.name, org.privacy_contact, org.inactivity_months) == (
        "Sociaal Huis Nieuwdorp",
        "Onthaal, 09 000 00 00",
        18,
    )
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.UPDATE, object_type="core.organisation"
    ).exists()
    notice = Client().get(reverse("core:privacy_notice", args=[org.pk])).content.decode()
    assert "Onthaal, 09 000 00 00" in notice


def test_it_keeps_the_saved_name_in_the_header_when_settings_are_invalid(
    world: World, admin: Client
) -> None:
    response = admin.post(
        reverse("core:organisation"),
        {"name": "Niet Bewaard", "inactivity_months": "veel", "answer_weeks": "6"},
    )
    assert response.status_code == 200
    assert field_error(response, "inactivity_months")
    assert header_organisation(response).endswith(world.org.name)
    assert response.context["form"]["name"].value() == "Niet Bewaard"
    assert Organisation.objects.get(pk=world.org.pk).name == world.org.name
