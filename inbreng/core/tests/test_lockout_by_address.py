"""Failed logins lock a login name from one address only, and the owner is told."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from conftest import World

from .test_lockout import LOCKOUT_STATUS, PASSWORD, is_signed_in, log_in

ATTACKER = "203.0.113.9"
OFFICE = "198.51.100.20"


def fail_from(address: str, username: str, times: int) -> None:
    client = Client(REMOTE_ADDR=address)
    for _ in range(times):
        log_in(client, username, "helemaal-fout")


def test_someone_elses_wrong_passwords_do_not_lock_the_owner_out(world: World) -> None:
    fail_from(ATTACKER, "coordinator", 6)
    assert log_in(Client(REMOTE_ADDR=ATTACKER), "coordinator", PASSWORD).status_code == (
        LOCKOUT_STATUS
    )

    owner = Client(REMOTE_ADDR=OFFICE)
    response = log_in(owner, "coordinator", PASSWORD)

    assert response.status_code == 302
    assert is_signed_in(owner)


def test_the_owner_is_told_once_by_e_mail(world: World, mailoutbox: list[Any]) -> None:
    user = world.users["coordinator"]
    user.email = "coordinator@example.be"
    user.save()

    fail_from(ATTACKER, "coordinator", 8)

    assert len(mailoutbox) == 1
    notice = mailoutbox[0]
    assert notice.to == ["coordinator@example.be"]
    assert ATTACKER in notice.body
    assert "helemaal-fout" not in notice.body


def test_an_unknown_login_name_sends_nothing(world: World, mailoutbox: list[Any]) -> None:
    fail_from(ATTACKER, "bestaat-niet", 6)
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [(0, "1.2.3.4", "10.0.0.1"), (1, "1.2.3.4", "1.2.3.4"), (1, "6.6.6.6, 1.2.3.4", "1.2.3.4")],
)
def test_the_address_behind_a_trusted_proxy_is_the_one_it_saw(
    settings: Any, proxies: int, forwarded: str, expected: str
) -> None:
    from django.test import RequestFactory

    from inbreng.core.lockout import client_address

    settings.INBRENG_TRUSTED_PROXIES = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected
