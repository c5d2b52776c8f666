"""The LCO coordinator role: toggled by the admin on the staff form; it needs two-step login."""

from __future__ import annotations

from django.urls import reverse

from conftest import World
from inbreng.core.models import Membership


def test_the_admin_makes_someone_an_lco_coordinator_on_the_staff_form(world: World) -> None:
    member = world.member("social_worker")
    admin = world.client_for("admin")
    url = reverse("core:staff_edit", kwargs={"pk": member.pk})
    form = admin.get(url).content.decode()
    assert 'name="is_case_coordinator"' in form
    response = admin.post(
        url,
        {
            "first_name": "Social",
            "last_name": "",
            "email": "",
            "is_social_worker": "on",
            "is_case_coordinator": "on",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.is_case_coordinator
    assert "case_coordinator" in member.roles
    # With the role comes the signals page, and the need for two-step login.
    assert member.sees_personal_data
    assert world.client_for("social_worker").get(reverse("casework:signals")).status_code == 200


def test_an_lco_coordinator_alone_must_use_two_step_login(world: World) -> None:
    from django.test import Client

    from inbreng.core.models import User

    user = User.objects.create_user(username="lco", password="a-long-test-password")
    Membership.objects.create(organisation=world.org, user=user, is_case_coordinator=True)
    client = Client()
    client.force_login(user)
    response = client.get(reverse("casework:list"))
    assert response.status_code == 302
    assert "/account/tweestaps/" in response["Location"]


def test_the_start_page_shows_counts_never_names(world: World) -> None:
    from .factories import open_case

    made = open_case(world)
    page = world.client_for("partner_worker").get(reverse("core:home")).content.decode()
    assert reverse("casework:list") in page
    assert world.participant.name not in page
    policy = world.client_for("policy_maker").get(reverse("core:home")).content.decode()
    assert reverse("casework:signal_report") in policy
    assert made.case.number not in policy
    service = world.client_for("service_contact").get(reverse("core:home")).content.decode()
    assert reverse("casework:signal_report") not in service


def _grant(world: World, by: str, member: Membership, **roles: str) -> object:
    return world.client_for(by).post(
        reverse("core:staff_edit", kwargs={"pk": member.pk}),
        {
            "first_name": member.user.first_name,
            "last_name": "",
            "email": "",
            **roles,
            "is_case_coordinator": "on",
        },
    )


def test_an_admin_cannot_make_themselves_an_lco_coordinator(world: World) -> None:
    admin = world.member("admin")
    response = _grant(world, "admin", admin, is_admin="on")
    assert response.status_code == 200  # the form again, with the reason
    assert 'name="is_case_coordinator"' in response.content.decode()
    admin.refresh_from_db()
    assert not admin.is_case_coordinator


def test_once_there_is_one_only_an_lco_coordinator_gives_the_role(world: World) -> None:
    from .factories import make_case_coordinator

    make_case_coordinator(world, "coordinator")
    member = world.member("social_worker")
    assert _grant(world, "admin", member, is_social_worker="on").status_code == 200
    member.refresh_from_db()
    assert not member.is_case_coordinator

    # An admin who is an LCO coordinator gives it, and the audit says so.
    Membership.objects.filter(pk=world.member("admin").pk).update(is_case_coordinator=True)
    assert _grant(world, "admin", member, is_social_worker="on").status_code == 302
    member.refresh_from_db()
    assert member.is_case_coordinator
    from inbreng.core.models import AuditEvent

    event = AuditEvent.objects.filter(
        object_type="core.membership", object_id=str(member.pk)
    ).latest("id")
    assert event.actor == world.users["admin"]
    assert event.detail.get("case_coordinator") == "granted"


def test_a_new_staff_member_is_not_added_as_lco_coordinator_by_a_plain_admin(
    world: World,
) -> None:
    from .factories import make_case_coordinator

    make_case_coordinator(world, "coordinator")
    response = world.client_for("admin").post(
        reverse("core:staff_add"),
        {
            "username": "nieuw",
            "first_name": "Nieuw",
            "password": "een-lang-wachtwoord-42",
            "is_social_worker": "on",
            "is_case_coordinator": "on",
        },
    )
    assert response.status_code == 200
    assert not Membership.objects.filter(user__username="nieuw").exists()


def test_a_plain_admin_cannot_take_the_role_away_to_hand_it_out_again(world: World) -> None:
    """Else an admin empties the role, gives it to an account of their own, and reads cases."""
    from .factories import make_case_coordinator

    make_case_coordinator(world, "coordinator")
    holder = world.member("coordinator")
    # The staff form without the box ticked: the admin tries to take the role away.
    response = world.client_for("admin").post(
        reverse("core:staff_edit", kwargs={"pk": holder.pk}),
        {
            "first_name": holder.user.first_name,
            "last_name": "",
            "email": "",
            "is_coordinator": "on",
        },
    )
    assert response.status_code == 200  # the form again, with the reason
    holder.refresh_from_db()
    assert holder.is_case_coordinator
