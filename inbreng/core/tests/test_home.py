"""The start page shows each person what their roles let them do."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import World, verified_login
from inbreng.core.models import Membership

from .helpers import dutch, dutch_count, text

CARDS = {
    "card-register": dutch("Participants"),
    "card-admin": dutch("Organisation"),
    "card-service": dutch("Your service"),
}


@pytest.mark.parametrize(
    ("role", "cards"),
    [
        ("admin", {"card-register", "card-admin"}),
        ("coordinator", {"card-register"}),
        ("social_worker", {"card-register"}),
        ("partner_worker", {"card-register"}),
        ("service_contact", {"card-service"}),
        # The policy maker's desk is the signals app's panel (inbreng/signals/tests).
        ("policy_maker", set()),
    ],
)
def test_it_shows_the_cards_for_the_roles(world: World, role: str, cards: set[str]) -> None:
    response = world.client_for(role).get(reverse("core:home"))
    assert response.status_code == 200
    for card, title in CARDS.items():
        assert (text(response, id=card) == title) == (card in cards), card


def test_it_counts_the_register_and_the_active_staff(world: World) -> None:
    Membership.objects.filter(pk=world.member("policy_maker").pk).update(is_active=False)
    response = world.client_for("admin").get(reverse("core:home"))
    assert dutch_count(
        "%(counter)s person in the register.", "%(counter)s people in the register.", 1
    ) in text(response, id="main")
    assert dutch_count(
        "%(counter)s active staff member.", "%(counter)s active staff members.", 5
    ) in text(response, id="main")


def test_it_names_the_service_a_service_contact_speaks_for(world: World) -> None:
    response = world.client_for("service_contact").get(reverse("core:home"))
    assert "Huisvesting" in text(response, id="main")


def test_it_counts_the_staff_for_a_platform_operator_who_also_works_here(world: World) -> None:
    """A superuser has every permission, so the admin card shows: with a real count."""
    user = world.users["coordinator"]
    user.is_superuser = True
    user.save()
    response = verified_login(world.client_for("coordinator"), user).get(reverse("core:home"))
    admin_card = response.content.decode().split('id="card-admin"', 1)[1].split("</section>")[0]
    assert any(ch.isdigit() for ch in text(admin_card, tag="p"))


def test_it_sends_an_anonymous_visitor_to_the_login_page(db: object) -> None:
    from django.test import Client

    response = Client().get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_refuses_someone_without_an_organisation(world: World) -> None:
    from inbreng.core.models import User

    loner = User.objects.create_user(username="loner", password="a-long-test-password")
    from django.test import Client

    client = Client()
    client.force_login(loner)
    response = client.get(reverse("core:home"))
    assert response.status_code == 403
