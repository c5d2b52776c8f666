"""An organisation admin manages the staff: accounts, roles, deactivation and two-step login."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import World, make_participant
from inbreng.core import services
from inbreng.core.models import AuditEvent, Membership, Service, User
from inbreng.people.models import Participant

from .helpers import dutch, field_error, header_organisation, messages_shown, post_data, text

NEW_PASSWORD = "Zonnebloem-Kade-42"
# What a browser sends when nobody is chosen in the "who takes over" list.
NO_SUCCESSOR = {"hand_over_to": ""}


def new_staff(**overrides: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "username": "nieuwe.collega",
        "first_name": "Noor",
        "last_name": "Nieuw",
        "email": "noor@example.org",
        "password": NEW_PASSWORD,
        "is_coordinator": True,
    }
    fields.update(overrides)
    return post_data(**fields)


@pytest.fixture
def admin(world: World) -> Client:
    return world.client_for("admin")


# Adding ---------------------------------------------------------------------------------


def test_it_adds_a_new_account_with_its_roles(world: World, admin: Client) -> None:
    response = admin.post(
        reverse("core:staff_add"),
        new_staff(is_social_worker=True),
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("core:staff")
    assert "Noor Nieuw" in messages_shown(response)
    # The name typed with a random number: the same whether or not the name is free.
    user = User.objects.get(username__startswith="nieuwe.collega-")
    assert re.fullmatch(r"nieuwe\.collega-\d{4}", user.username)
    assert user.username in response.content.decode()
    assert user.check_password(NEW_PASSWORD)
    assert (user.first_name, user.last_name, user.email) == ("Noor", "Nieuw", "noor@example.org")
    membership = Membership.objects.get(organisation=world.org, user=user)
    assert membership.roles == ["coordinator", "social_worker"]
    assert "Noor Nieuw" in response.content.decode()
    event = AuditEvent.objects.get(action=AuditEvent.Action.ROLE_CHANGE, object_id=membership.pk)
    assert event.actor == world.users["admin"]
    assert event.detail["roles"] == ["coordinator", "social_worker"]


@pytest.mark.parametrize(
    "password",
    ["Xq7zT", "1234567890123", "password123", "nieuwe.collega1"],
    ids=["too-short", "only-digits", "common", "like-the-login-name"],
)
def test_it_refuses_a_weak_first_password_and_keeps_what_was_typed(
    world: World, admin: Client, password: str
) -> None:
    response = admin.post(reverse("core:staff_add"), new_staff(password=password))
    assert response.status_code == 200
    assert field_error(response, "password")
    assert not User.objects.filter(username__startswith="nieuwe.collega").exists()
    form = response.context["form"]
    assert form["username"].value() == "nieuwe.collega"
    assert form["first_name"].value() == "Noor"
    assert form["is_coordinator"].value() is True
    page = response.content.decode()
    assert 'value="nieuwe.collega"' in page
    assert 'value="noor@example.org"' in page
    # A password is never sent back to the browser.
    assert password not in page


def test_it_needs_a_first_password_for_a_new_account(world: World, admin: Client) -> None:
    response = admin.post(reverse("core:staff_add"), new_staff(password=""))
    assert response.status_code == 200
    assert field_error(response, "password")
    assert not User.objects.filter(username__startswith="nieuwe.collega").exists()


@pytest.mark.parametrize("typed", ["other", "OTHER", " Other "])
def test_it_adds_someone_of_another_organisation_as_a_second_membership(
    world: World, admin: Client, typed: str
) -> None:
    world.other_user.email = "olivia@example.org"
    world.other_user.save()
    response = admin.post(
        reverse("core:staff_add"),
        new_staff(
            username=typed,
            first_name="Ander",
            email="Olivia@Example.org",
            password="iets-anders-12345",
        ),
    )
    assert response.status_code == 302
    other = world.other_user
    other.refresh_from_db()
    # Their account and password stay as they were.
    assert other.check_password("a-long-test-password")
    assert not other.check_password("iets-anders-12345")
    assert other.first_name == ""
    assert User.objects.filter(username__iexact="other").count() == 1
    assert set(other.memberships.values_list("organisation__name", flat=True)) == {
        world.org.name,
        world.other_org.name,
    }
    # They can now choose the new organisation from the header.
    client = world.client_for("other_org")
    client.post(reverse("core:switch_organisation"), {"organisation": world.org.pk})
    assert header_organisation(client.get(reverse("core:home"))).endswith(world.org.name)


@pytest.mark.parametrize("email", ["", "raden@example.org"])
def test_it_does_not_link_an_existing_account_without_its_e_mail_address(
    world: World, admin: Client, email: str
) -> None:
    # Knowing a login name is not enough to take over (and then manage) someone's account.
    world.other_user.first_name, world.other_user.email = "Olivia", "olivia@example.org"
    world.other_user.save()
    response = admin.post(reverse("core:staff_add"), new_staff(username="other", email=email))
    # A new account of its own is made, as for a free name (docs/privacy.md).
    assert response.status_code == 302
    assert not Membership.objects.filter(organisation=world.org, user=world.other_user).exists()
    assert Membership.objects.filter(
        organisation=world.org, user__username__startswith="other-"
    ).exists()
    world.other_user.refresh_from_db()
    assert world.other_user.check_password("a-long-test-password")


def test_it_never_links_a_platform_operator(world: World, admin: Client) -> None:
    User.objects.create_superuser("operator", "op@example.org", "a-long-test-password")
    response = admin.post(
        reverse("core:staff_add"), new_staff(username="operator", email="op@example.org")
    )
    assert response.status_code == 302  # a new account of its own, as for a free name
    assert not Membership.objects.filter(user__username="operator").exists()


def test_it_leaves_a_shared_account_and_its_two_step_login_to_its_owner(
    world: World, admin: Client
) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    shared = Membership.objects.create(
        organisation=world.org, user=world.other_user, is_coordinator=True
    )
    TOTPDevice.objects.create(user=world.other_user, name="phone", confirmed=True)

    admin.post(reverse("core:staff_reset_otp", args=[shared.pk]))
    response = admin.post(
        reverse("core:staff_edit", args=[shared.pk]),
        post_data(first_name="Hernoemd", last_name="", email="x@evil.test", is_coordinator=True),
    )

    assert TOTPDevice.objects.filter(user=world.other_user).exists()
    assert response.status_code == 200
    world.other_user.refresh_from_db()
    assert world.other_user.email != "x@evil.test"


def test_it_refuses_someone_who_already_works_here(world: World, admin: Client) -> None:
    response = admin.post(reverse("core:staff_add"), new_staff(username="Coordinator"))
    assert response.status_code == 200
    assert field_error(response, "username")
    assert Membership.objects.filter(user=world.users["coordinator"]).count() == 1


@pytest.mark.parametrize(
    ("role", "field"),
    [("is_service_contact", "service"), ("is_partner_worker", "partner")],
)
def test_it_needs_the_service_or_partner_a_role_belongs_to(
    world: World, admin: Client, role: str, field: str
) -> None:
    response = admin.post(
        reverse("core:staff_add"), new_staff(is_coordinator=False, **{role: True})
    )
    assert response.status_code == 200
    assert field_error(response, field)
    assert not User.objects.filter(username__startswith="nieuwe.collega").exists(), (
        "nothing is half-saved"
    )
    link = {"service": world.service.pk, "partner": world.partner.pk}[field]
    response = admin.post(
        reverse("core:staff_add"), new_staff(is_coordinator=False, **{role: True, field: link})
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user__username__startswith="nieuwe.collega-")
    assert getattr(membership, f"{field}_id") == link


def test_it_needs_at_least_one_role(world: World, admin: Client) -> None:
    response = admin.post(reverse("core:staff_add"), new_staff(is_coordinator=False))
    assert response.status_code == 200
    assert dutch("Give this person at least one role.") in text(response, cls="error-summary")
    assert not User.objects.filter(username__startswith="nieuwe.collega").exists()


def test_it_offers_only_the_organisations_own_services(world: World, admin: Client) -> None:
    elsewhere = Service.objects.create(organisation=world.other_org, name="Dienst Elders")
    response = admin.post(
        reverse("core:staff_add"),
        new_staff(is_coordinator=False, is_service_contact=True, service=elsewhere.pk),
    )
    assert response.status_code == 200
    assert field_error(response, "service")
    assert "Dienst Elders" not in response.content.decode()


def test_it_refuses_an_invalid_login_name(world: World, admin: Client) -> None:
    response = admin.post(reverse("core:staff_add"), new_staff(username="noor nieuw!"))
    assert response.status_code == 200
    assert field_error(response, "username")
    assert not User.objects.filter(first_name="Noor").exists()


# Editing --------------------------------------------------------------------------------


def test_it_changes_roles_and_details(world: World, admin: Client) -> None:
    member = world.member("coordinator")
    response = admin.get(reverse("core:staff_edit", args=[member.pk]))
    assert response.context["form"]["is_coordinator"].value() is True
    response = admin.post(
        reverse("core:staff_edit", args=[member.pk]),
        post_data(
            first_name="Katrien",
            last_name="Nieuwenhuis",
            email="katrien@example.org",
            is_coordinator=True,
            is_social_worker=True,
            is_policy_maker=True,
        ),
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.roles == ["coordinator", "social_worker", "policy_maker"]
    assert member.user.get_full_name() == "Katrien Nieuwenhuis"
    assert member.user.email == "katrien@example.org"
    event = AuditEvent.objects.filter(action=AuditEvent.Action.ROLE_CHANGE).latest("id")
    assert event.object_id == str(member.pk)
    assert event.detail["roles"] == ["coordinator", "social_worker", "policy_maker"]


def test_it_does_not_let_an_admin_remove_their_own_admin_role(world: World, admin: Client) -> None:
    own = world.member("admin")
    response = admin.post(
        reverse("core:staff_edit", args=[own.pk]),
        post_data(first_name="Admin", is_coordinator=True),
    )
    assert response.status_code == 200
    assert field_error(response, "is_admin")
    own.refresh_from_db()
    assert own.is_admin and not own.is_coordinator
    # The form keeps what was typed.
    assert response.context["form"]["is_coordinator"].value() is True


def test_it_lets_an_admin_remove_the_admin_role_of_a_colleague(world: World, admin: Client) -> None:
    colleague = world.member("coordinator")
    colleague.is_admin = True
    colleague.save()
    response = admin.post(
        reverse("core:staff_edit", args=[colleague.pk]), post_data(is_coordinator=True)
    )
    assert response.status_code == 302
    colleague.refresh_from_db()
    assert not colleague.is_admin


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"is_service_contact": True, "service": None}, "service"),
        ({"is_partner_worker": True, "partner": None}, "partner"),
        ({"is_coordinator": False}, None),
        ({"email": "geen-adres"}, "email"),
    ],
    ids=["service-contact-without-service", "partner-worker-without-partner", "no-role", "email"],
)
def test_it_refuses_an_invalid_edit_and_keeps_the_old_values(
    world: World, admin: Client, change: dict[str, Any], field: str | None
) -> None:
    member = world.member("coordinator")
    fields: dict[str, Any] = {"first_name": "Veranderd", "is_coordinator": True}
    fields.update(change)
    response = admin.post(reverse("core:staff_edit", args=[member.pk]), post_data(**fields))
    assert response.status_code == 200
    if field:
        assert field_error(response, field)
    assert response.context["form"]["first_name"].value() == "Veranderd"
    member.refresh_from_db()
    assert member.roles == ["coordinator"]
    assert member.user.first_name == "Coordinator"


def test_it_keeps_the_saved_name_in_the_heading_when_an_edit_is_refused(
    world: World, admin: Client
) -> None:
    member = world.member("coordinator")
    too_long = "a" * 64 + "@" + ("b" * 60 + ".") * 4 + "be"  # a valid form, over 254 characters
    response = admin.post(
        reverse("core:staff_edit", args=[member.pk]),
        post_data(first_name="Nieuwe", last_name="Naam", email=too_long, is_coordinator=True),
    )
    assert response.status_code == 200
    assert field_error(response, "email")
    assert text(response, tag="h1") == "Coordinator"
    assert response.context["form"]["first_name"].value() == "Nieuwe"
    member.user.refresh_from_db()
    assert member.user.first_name == "Coordinator"


# Deactivating ---------------------------------------------------------------------------


def test_it_deactivates_and_hands_the_open_work_to_a_colleague(world: World, admin: Client) -> None:
    leaving = world.member("social_worker")
    successor = world.member("coordinator")
    make_participant(world.org, name="Tweede Persoon", social_worker=leaving.user)
    page = admin.get(reverse("core:staff_deactivate", args=[leaving.pk]))
    assert "2" in text(page, id="main")
    response = admin.post(
        reverse("core:staff_deactivate", args=[leaving.pk]),
        {"hand_over_to": successor.pk},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("core:staff")
    assert "2" in messages_shown(response)
    leaving.refresh_from_db()
    assert not leaving.is_active and leaving.deactivated_at is not None
    assert set(
        Participant.objects.filter(organisation=world.org).values_list("social_worker", flat=True)
    ) == {successor.user_id}
    event = AuditEvent.objects.get(action=AuditEvent.Action.DEACTIVATE)
    assert event.object_id == str(leaving.pk) and event.detail == {"moved": 2}


def test_it_refuses_to_deactivate_someone_with_open_work_without_a_successor(
    world: World, admin: Client
) -> None:
    leaving = world.member("social_worker")
    response = admin.post(reverse("core:staff_deactivate", args=[leaving.pk]), NO_SUCCESSOR)
    assert response.status_code == 200
    assert field_error(response, "hand_over_to")
    leaving.refresh_from_db()
    assert leaving.is_active


def test_it_deactivates_someone_without_open_work_without_a_successor(
    world: World, admin: Client
) -> None:
    leaving = world.member("policy_maker")
    response = admin.post(reverse("core:staff_deactivate", args=[leaving.pk]), NO_SUCCESSOR)
    assert response.status_code == 302
    leaving.refresh_from_db()
    assert not leaving.is_active


@pytest.mark.parametrize("successor", ["other_org", "inactive", "self", "unknown"])
def test_it_refuses_a_successor_who_is_not_an_active_colleague(
    world: World, admin: Client, successor: str
) -> None:
    leaving = world.member("social_worker")
    inactive = world.member("policy_maker")
    inactive.is_active = False
    inactive.save()
    pk = {
        "other_org": Membership.objects.get(user=world.other_user).pk,
        "inactive": inactive.pk,
        "self": leaving.pk,
        "unknown": 987654,
    }[successor]
    response = admin.post(reverse("core:staff_deactivate", args=[leaving.pk]), {"hand_over_to": pk})
    assert response.status_code == 200
    assert field_error(response, "hand_over_to")
    leaving.refresh_from_db()
    assert leaving.is_active
    assert Participant.objects.get(pk=world.participant.pk).social_worker == leaving.user


@pytest.mark.parametrize("successor", ["other_org", "inactive", "self"])
def test_it_refuses_a_wrong_successor_in_the_service_too(world: World, successor: str) -> None:
    leaving = world.member("social_worker")
    inactive = world.member("policy_maker")
    inactive.is_active = False
    inactive.save()
    target = {
        "other_org": Membership.objects.get(user=world.other_user),
        "inactive": inactive,
        "self": leaving,
    }[successor]
    with pytest.raises(ValidationError) as error:
        services.staff_deactivate(membership=leaving, by=world.users["admin"], hand_over_to=target)
    assert "hand_over_to" in error.value.message_dict
    leaving.refresh_from_db()
    assert leaving.is_active


def test_it_does_not_let_an_admin_deactivate_themselves(world: World, admin: Client) -> None:
    own = world.member("admin")
    response = admin.post(
        reverse("core:staff_deactivate", args=[own.pk]),
        {"hand_over_to": world.member("coordinator").pk},
    )
    assert response.status_code == 200
    assert dutch("You cannot deactivate yourself.") in text(response, cls="error-summary")
    own.refresh_from_db()
    assert own.is_active


def test_it_locks_a_deactivated_member_out_of_the_organisation(world: World, admin: Client) -> None:
    leaving = world.member("policy_maker")
    client = world.client_for("policy_maker")
    assert client.get(reverse("core:home")).status_code == 200
    admin.post(reverse("core:staff_deactivate", args=[leaving.pk]), NO_SUCCESSOR)
    assert client.get(reverse("core:home")).status_code == 403
    coordinator = world.client_for("coordinator")
    admin.post(
        reverse("core:staff_deactivate", args=[world.member("coordinator").pk]),
        {"hand_over_to": world.member("social_worker").pk},
    )
    for url in (reverse("people:register"), reverse("people:detail", args=[world.participant.pk])):
        assert coordinator.get(url).status_code == 403


def test_it_keeps_a_deactivated_member_working_in_their_other_organisation(
    world: World, admin: Client
) -> None:
    leaving = world.member("policy_maker")
    Membership.objects.create(organisation=world.other_org, user=leaving.user, is_policy_maker=True)
    admin.post(reverse("core:staff_deactivate", args=[leaving.pk]), NO_SUCCESSOR)
    client = world.client_for("policy_maker")
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    assert header_organisation(response).endswith(world.other_org.name)
    response = client.post(reverse("core:switch_organisation"), {"organisation": world.org.pk})
    assert response.status_code == 403


def test_it_activates_a_member_again(world: World, admin: Client) -> None:
    member = world.member("policy_maker")
    services.staff_deactivate(membership=member, by=world.users["admin"], hand_over_to=None)
    page = admin.get(reverse("core:staff")).content.decode()
    assert dutch("Inactive") in page
    response = admin.post(reverse("core:staff_reactivate", args=[member.pk]))
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.is_active and member.deactivated_at is None
    assert world.client_for("policy_maker").get(reverse("core:home")).status_code == 200


def test_it_reactivates_only_by_post(world: World, admin: Client) -> None:
    member = world.member("policy_maker")
    assert admin.get(reverse("core:staff_reactivate", args=[member.pk])).status_code == 405


# Two-step login reset -------------------------------------------------------------------


def test_it_resets_a_colleagues_two_step_login(world: World, admin: Client) -> None:
    colleague = world.users["coordinator"]
    world.client_for("coordinator")  # gives them a confirmed authenticator
    StaticDevice.objects.create(user=colleague, name="recovery").token_set.create(token="abc123")
    response = admin.post(reverse("core:staff_reset_otp", args=[world.member("coordinator").pk]))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=colleague).exists()
    assert not StaticDevice.objects.filter(user=colleague).exists()
    event = AuditEvent.objects.get(action=AuditEvent.Action.OTP_RESET)
    assert event.object_id == str(world.member("coordinator").pk)
    assert event.actor == world.users["admin"]
    # At their next login they set it up again.
    fresh = Client()
    fresh.force_login(colleague)
    assert fresh.get(reverse("core:home"))["Location"].startswith(reverse("core:otp_setup"))


def test_it_leaves_other_peoples_devices_alone_on_reset(world: World, admin: Client) -> None:
    world.client_for("social_worker")
    admin.post(reverse("core:staff_reset_otp", args=[world.member("coordinator").pk]))
    assert TOTPDevice.objects.filter(user=world.users["social_worker"]).exists()


# The list -------------------------------------------------------------------------------


def test_it_lists_staff_with_roles_and_what_they_speak_for(world: World, admin: Client) -> None:
    response = admin.get(reverse("core:staff"))
    rows = response.content.decode()
    assert "Huisvesting" in rows  # the service contact's service
    assert "CAW Test" in rows  # the partner worker's partner
    for user in world.users.values():
        assert user.username in rows
    assert "other" not in text(response, cls="table").split()
