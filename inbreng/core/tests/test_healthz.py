"""/healthz tells a load balancer or monitor whether the app and its database answer."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from conftest import World


@pytest.mark.django_db
def test_it_reports_ok_when_the_database_answers() -> None:
    response = Client().get(reverse("core:healthz"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
@pytest.mark.parametrize("error", [OperationalError("database is locked"), RuntimeError("boom")])
def test_it_reports_503_when_the_database_fails(error: Exception) -> None:
    with mock.patch("inbreng.core.views.connection.cursor", side_effect=error):
        response = Client().get(reverse("core:healthz"))
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "error"}
    # The reason stays in the server, not in a public answer.
    assert "locked" not in response.content.decode()


def test_it_answers_without_login_or_second_step(world: World) -> None:
    client = Client()
    client.force_login(world.users["admin"])  # signed in, but not through the second step
    assert client.get(reverse("core:healthz")).status_code == 200
