"""Repeated failed logins lock the account for a while (django-axes, on Django 6.1)."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

import django
import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import World

from .helpers import dutch, text

PASSWORD = "a-long-test-password"
LOCKOUT_STATUS = 429  # axes' AXES_HTTP_RESPONSE_CODE: "Too Many Requests"


def log_in(client: Client, username: str, password: str) -> Any:
    return client.post(reverse("login"), {"username": username, "password": password})


def fail(client: Client, username: str, times: int) -> None:
    for _ in range(times):
        log_in(client, username, "helemaal-fout")


def is_signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_it_runs_on_the_django_version_we_ship(world: World) -> None:
    assert django.VERSION[:2] == (6, 1)
    assert settings.AXES_FAILURE_LIMIT == 5


def test_it_shows_the_normal_error_for_the_first_failed_logins(world: World) -> None:
    client = Client()
    for _ in range(4):
        response = log_in(client, "coordinator", "helemaal-fout")
        assert response.status_code == 200
        assert text(response, cls="error-summary") == dutch(
            "Your login name or password is not right. Try again."
        )


def test_it_locks_the_account_after_five_failed_logins(world: World) -> None:
    client = Client()
    fail(client, "coordinator", 4)
    fifth = log_in(client, "coordinator", "helemaal-fout")
    assert fifth.status_code == LOCKOUT_STATUS
    # The sixth attempt is refused even with the right password.
    sixth = log_in(client, "coordinator", PASSWORD)
    assert sixth.status_code == LOCKOUT_STATUS
    assert not is_signed_in(client)
    page = sixth.content.decode()
    assert '<html lang="nl"' in page
    assert dutch("Too many attempts") in text(sixth, tag="h1")
    # A fresh browser cannot get around it either.
    assert log_in(Client(), "coordinator", PASSWORD).status_code == LOCKOUT_STATUS


def test_it_explains_the_lockout_in_english_when_chosen(world: World) -> None:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    fail(client, "coordinator", 5)
    response = log_in(client, "coordinator", PASSWORD)
    assert response.status_code == LOCKOUT_STATUS
    page = response.content.decode()
    assert '<html lang="en"' in page
    assert text(response, tag="h1") == "Too many attempts"
    assert "15 minutes" in page


def test_it_does_not_lock_other_accounts(world: World) -> None:
    client = Client()
    fail(client, "coordinator", 6)
    response = log_in(client, "admin", PASSWORD)
    assert response.status_code == 302
    assert is_signed_in(client)


def test_it_unlocks_after_the_cool_off(world: World) -> None:
    client = Client()
    fail(client, "coordinator", 5)
    assert log_in(client, "coordinator", PASSWORD).status_code == LOCKOUT_STATUS
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    response = log_in(client, "coordinator", PASSWORD)
    assert response.status_code == 302
    assert is_signed_in(client)


def test_it_forgets_failures_after_a_successful_login(world: World) -> None:
    client = Client()
    fail(client, "coordinator", 4)
    assert log_in(client, "coordinator", PASSWORD).status_code == 302
    client.post(reverse("logout"))
    fail(client, "coordinator", 4)
    assert log_in(client, "coordinator", PASSWORD).status_code == 302


def test_it_keeps_login_names_out_of_the_log(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        fail(Client(), "coordinator", 6)
    assert "Locking out" in caplog.text
    assert "coordinator" not in caplog.text
    assert "helemaal-fout" not in caplog.text
