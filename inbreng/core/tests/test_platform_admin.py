"""Django's own admin is for platform operators (superusers) only, behind two-step login."""

from __future__ import annotations

import pytest
from django.test import Client

from conftest import World, verified_login
from inbreng.core.models import User

ADMIN_INDEX = "/platform-admin/"


@pytest.fixture
def operator(db: object) -> User:
    return User.objects.create_superuser(username="operator", password="a-long-test-password")


def test_it_opens_for_a_verified_superuser(operator: User) -> None:
    response = verified_login(Client(), operator).get(ADMIN_INDEX)
    assert response.status_code == 200


def test_it_asks_a_superuser_for_the_second_step_first(operator: User) -> None:
    client = Client()
    client.force_login(operator)
    response = client.get(ADMIN_INDEX)
    assert response.status_code == 302
    assert response["Location"].startswith("/account/tweestaps/instellen/")


@pytest.mark.parametrize("role", ["admin", "coordinator"])
def test_it_stays_closed_to_organisation_staff(world: World, role: str) -> None:
    user = world.users[role]
    user.is_staff = True  # even with Django's staff flag
    user.save()
    response = world.client_for(role).get(ADMIN_INDEX)
    assert response.status_code == 302
    assert "/platform-admin/login/" in response["Location"]


def test_it_does_not_let_anyone_edit_the_audit_log(operator: User) -> None:
    client = verified_login(Client(), operator)
    assert client.get("/platform-admin/core/auditevent/add/").status_code == 403
