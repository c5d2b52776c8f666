"""Two-step login (TOTP with recovery codes) for staff who see personal data."""

from __future__ import annotations

import base64
import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import World
from inbreng.core.models import User

from .helpers import dutch, field_error, texts

SENSITIVE = ["admin", "coordinator", "social_worker", "partner_worker"]
NOT_FORCED = ["service_contact", "policy_maker"]


def signed_in(user: User) -> Client:
    """Signed in with the password only: the second step is still to come."""
    client = Client()
    client.force_login(user)
    return client


def current_code(device: TOTPDevice) -> str:
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:0{device.digits}d}"


def confirmed_device(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


# Who must use it ------------------------------------------------------------------------


@pytest.mark.parametrize("role", SENSITIVE)
def test_it_sends_sensitive_roles_without_a_device_to_set_up(world: World, role: str) -> None:
    response = signed_in(world.users[role]).get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:otp_setup"))


@pytest.mark.parametrize("role", SENSITIVE)
def test_it_sends_sensitive_roles_with_a_device_to_the_code_page(world: World, role: str) -> None:
    confirmed_device(world.users[role])
    response = signed_in(world.users[role]).get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:otp_verify"))


@pytest.mark.parametrize("role", SENSITIVE)
@pytest.mark.parametrize(
    "url",
    [
        lambda w: reverse("core:staff"),
        lambda w: reverse("people:register"),
        lambda w: reverse("people:detail", args=[w.participant.pk]),
        lambda w: reverse("password_change"),
    ],
    ids=["staff", "register", "participant", "password-change"],
)
def test_it_guards_every_page_until_the_second_step(world: World, role: str, url: object) -> None:
    response = signed_in(world.users[role]).get(url(world))  # type: ignore[operator]
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:otp_setup"))


@pytest.mark.parametrize("role", NOT_FORCED)
def test_it_does_not_force_roles_without_personal_data(world: World, role: str) -> None:
    response = signed_in(world.users[role]).get(reverse("core:home"))
    assert response.status_code == 200


def test_it_forces_anyone_with_one_sensitive_role_in_any_organisation(world: World) -> None:
    from inbreng.core.models import Membership

    user = world.users["policy_maker"]
    Membership.objects.create(organisation=world.other_org, user=user, is_coordinator=True)
    response = signed_in(user).get(reverse("core:home"))
    assert response["Location"].startswith(reverse("core:otp_setup"))


@pytest.mark.parametrize(
    ("demo_mode", "is_demo", "forced"),
    [
        (True, True, False),
        (False, True, True),
        (True, False, True),
    ],
)
def test_it_lets_demo_accounts_skip_it_only_in_demo_mode(
    world: World, settings: object, demo_mode: bool, is_demo: bool, forced: bool
) -> None:
    settings.INBRENG_DEMO = demo_mode  # type: ignore[attr-defined]
    user = world.users["coordinator"]
    user.is_demo = is_demo
    user.save()
    response = signed_in(user).get(reverse("core:home"))
    if forced:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("core:otp_setup"))
    else:
        assert response.status_code == 200


def test_it_lets_an_unverified_person_log_out(world: World) -> None:
    client = signed_in(world.users["coordinator"])
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_it_returns_to_the_page_asked_for_after_the_code(world: World) -> None:
    user = world.users["coordinator"]
    device = confirmed_device(user)
    client = signed_in(user)
    wanted = reverse("people:detail", args=[world.participant.pk])
    page = client.get(wanted, follow=True)
    assert page.redirect_chain[-1][0].startswith(reverse("core:otp_verify"))
    # The code page carries the page asked for in its form, as a browser would post it.
    main = page.content.decode().split('id="main"', 1)[1]
    carried = re.search(r'name="next" value="([^"]*)"', main)
    assert carried is not None
    response = client.post(
        page.redirect_chain[-1][0], {"token": current_code(device), "next": carried.group(1)}
    )
    assert response["Location"] == wanted


# Setting it up --------------------------------------------------------------------------


def test_it_sets_up_an_authenticator_and_shows_ten_recovery_codes_once(world: World) -> None:
    user = world.users["social_worker"]
    client = signed_in(user)
    page = client.get(reverse("core:otp_setup"))
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    secret = texts(page, cls="secret")[0]
    assert secret and " " not in secret

    response = client.post(reverse("core:otp_setup"), {"token": current_code(device)}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("core:otp_recovery_codes")
    codes = texts(response, tag="code")
    assert len(codes) == 10
    assert len(set(codes)) == 10
    device.refresh_from_db()
    assert device.confirmed
    stored = set(StaticDevice.objects.get(user=user).token_set.values_list("token", flat=True))
    assert stored == set(codes)

    # The person is now through the second step, and the codes are not shown again.
    assert client.get(reverse("core:home")).status_code == 200
    again = client.get(reverse("core:otp_recovery_codes"))
    assert again.status_code == 302
    assert codes[0] not in client.get(reverse("core:home")).content.decode()


def test_it_accepts_a_code_typed_with_spaces(world: World) -> None:
    user = world.users["social_worker"]
    client = signed_in(user)
    client.get(reverse("core:otp_setup"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    code = current_code(device)
    response = client.post(reverse("core:otp_setup"), {"token": f"{code[:3]} {code[3:]}"})
    assert response["Location"] == reverse("core:otp_recovery_codes")


@pytest.mark.parametrize("token", ["000000", "abcdef", "1"])
def test_it_refuses_a_wrong_code_during_setup(world: World, token: str) -> None:
    user = world.users["social_worker"]
    client = signed_in(user)
    client.get(reverse("core:otp_setup"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    if token == current_code(device):
        token = "111111"
    response = client.post(reverse("core:otp_setup"), {"token": token})
    assert response.status_code == 200
    assert field_error(response, "token") == dutch(
        "This code is not right. Check the time on your phone and try again."
    )
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get(reverse("core:home")).status_code == 302


def test_it_shows_the_same_key_until_setup_is_done(world: World) -> None:
    client = signed_in(world.users["social_worker"])
    first = texts(client.get(reverse("core:otp_setup")), cls="secret")
    second = texts(client.get(reverse("core:otp_setup")), cls="secret")
    assert first == second
    assert TOTPDevice.objects.filter(user=world.users["social_worker"]).count() == 1


def test_it_sets_up_after_two_tabs_each_started_a_pairing(world: World) -> None:
    user = world.users["social_worker"]
    TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    client = signed_in(user)
    page = client.get(reverse("core:otp_setup"))
    assert page.status_code == 200
    shown = texts(page, cls="secret")[0]
    device = next(
        d
        for d in TOTPDevice.objects.filter(user=user)
        if base64.b32encode(d.bin_key).decode() == shown
    )
    response = client.post(reverse("core:otp_setup"), {"token": current_code(device)})
    assert response["Location"] == reverse("core:otp_recovery_codes")


def test_it_does_not_let_a_password_alone_add_a_second_authenticator(world: World) -> None:
    user = world.users["coordinator"]
    confirmed_device(user)
    response = signed_in(user).get(reverse("core:otp_setup"))
    assert response["Location"] == reverse("core:otp_verify")
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_it_sends_an_anonymous_visitor_to_the_login_page(db: object) -> None:
    for name in ("core:otp_setup", "core:otp_verify", "core:otp_recovery_codes"):
        response = Client().get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


# Logging in with it ---------------------------------------------------------------------


def test_it_logs_in_with_the_code_from_the_app(world: World) -> None:
    user = world.users["coordinator"]
    device = confirmed_device(user)
    client = signed_in(user)
    response = client.post(reverse("core:otp_verify"), {"token": current_code(device)})
    assert response["Location"] == reverse("core:home")
    assert client.get(reverse("people:register")).status_code == 200


def test_it_accepts_a_recovery_code_only_once(world: World) -> None:
    user = world.users["coordinator"]
    confirmed_device(user)
    StaticDevice.objects.create(user=user, name="recovery").token_set.create(token="herstel1")
    first = signed_in(user)
    assert first.post(reverse("core:otp_verify"), {"token": "herstel1"}).status_code == 302
    assert first.get(reverse("core:home")).status_code == 200

    second = signed_in(user)
    response = second.post(reverse("core:otp_verify"), {"token": "herstel1"})
    assert response.status_code == 200
    assert field_error(response, "token") == dutch("This code is not right. Try again.")
    assert second.get(reverse("core:home")).status_code == 302


@pytest.mark.parametrize("token", ["", "123456", "x" * 17, "<script>alert(1)</script>"])
def test_it_refuses_a_wrong_code(world: World, token: str) -> None:
    user = world.users["coordinator"]
    confirmed_device(user)
    client = signed_in(user)
    response = client.post(reverse("core:otp_verify"), {"token": token})
    assert response.status_code == 200
    assert field_error(response, "token")
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert client.get(reverse("core:home")).status_code == 302


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/", "javascript:alert(1)"],
)
def test_it_never_sends_someone_to_another_site_after_the_code(world: World, target: str) -> None:
    user = world.users["coordinator"]
    device = confirmed_device(user)
    client = signed_in(user)
    response = client.post(
        reverse("core:otp_verify"), {"token": current_code(device), "next": target}
    )
    assert response["Location"] == reverse("core:home")


def test_it_asks_for_setup_again_after_a_reset(world: World) -> None:
    user = world.users["coordinator"]
    confirmed_device(user)
    client = signed_in(user)
    assert client.get(reverse("core:home"))["Location"].startswith(reverse("core:otp_verify"))
    TOTPDevice.objects.filter(user=user).delete()
    assert client.get(reverse("core:home"))["Location"].startswith(reverse("core:otp_setup"))
    assert client.get(reverse("core:otp_verify"))["Location"] == reverse("core:otp_setup")
