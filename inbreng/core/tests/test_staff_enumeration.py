"""The "add staff" form does not tell an administrator which login names other
organisations use: a name in use elsewhere gets the same answer as a free one."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from conftest import World
from inbreng.core.models import User

from .helpers import field_error, text


def add(client: Client, **fields: str) -> tuple[str, str]:
    data = {
        "username": "",
        "first_name": "Noor",
        "email": "",
        "password": "",
        "is_coordinator": "on",
    }
    data.update(fields)
    response = client.post(reverse("core:staff_add"), data)
    assert response.status_code == 200
    return field_error(response, "username"), text(response, cls="error-summary")


@pytest.mark.parametrize("email", ["", "raden@example.org"])
def test_a_name_used_elsewhere_answers_like_a_free_name(world: World, email: str) -> None:
    world.other_user.email = "olivia@example.org"
    world.other_user.save()
    admin = world.client_for("admin")

    taken = add(admin, username="other", email=email)
    free = add(admin, username="niemand-heet-zo", email=email)

    assert taken == free
    assert not User.objects.filter(username="niemand-heet-zo").exists()


def test_an_operator_account_answers_like_a_free_name(world: World) -> None:
    User.objects.create_superuser("operator", "op@example.org", "a-long-test-password")
    admin = world.client_for("admin")

    assert add(admin, username="operator", email="op@example.org") == add(
        admin, username="niemand-heet-zo", email="op@example.org"
    )


def test_a_new_account_with_a_name_used_elsewhere_is_made_like_one_with_a_free_name(
    world: World,
) -> None:
    # Before: the taken name was refused ("no account here...") and the free one made, so
    # a first password told the administrator which names other organisations use.
    world.other_user.email = "olivia@example.org"
    world.other_user.save()
    admin = world.client_for("admin")

    answers = []
    for typed in ("other", "niemand-heet-zo"):
        response = admin.post(
            reverse("core:staff_add"),
            {
                "username": typed,
                "first_name": "Noor",
                "email": "noor@example.org",
                "password": "een-lang-eerste-wachtwoord",
                "is_coordinator": "on",
            },
            follow=True,
        )
        assert response.redirect_chain, field_error(response, "username")
        made = User.objects.get(username__startswith=f"{typed}-", first_name="Noor")
        answers.append(made.username.removeprefix(typed))

    # The same shape of answer: the name typed, a dash and four random digits.
    assert all(len(suffix) == 5 and suffix[1:].isdigit() for suffix in answers)
    world.other_user.refresh_from_db()
    assert world.other_user.check_password("a-long-test-password")
    assert not world.other_user.memberships.filter(organisation=world.org).exists()
