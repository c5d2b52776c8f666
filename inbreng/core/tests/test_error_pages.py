"""Friendly error pages: 404, 403 and 500, in the layout and the language of the app."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.urls import include, path, reverse
from django.utils.functional import SimpleLazyObject

from conftest import World
from inbreng.core import views

from .helpers import dutch, header_organisation, text


def broken_view(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug")


# A URLconf with one broken page, to see the 500 page as a visitor would.
urlpatterns = [
    path("kapot/", broken_view),
    path("", include("config.urls")),
]
handler404 = "inbreng.core.views.error_404"
handler403 = "inbreng.core.views.error_403"
handler500 = "inbreng.core.views.error_500"


def test_it_runs_with_debug_off(settings: Any) -> None:
    assert settings.DEBUG is False


@pytest.mark.parametrize("who", ["anonymous", "admin", "service_contact"])
def test_it_shows_a_friendly_404(world: World, who: str) -> None:
    client = Client() if who == "anonymous" else world.client_for(who)
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert text(response, tag="h1") == dutch("Page not found")
    assert dutch("Go to the start page") in response.content.decode()
    if who != "anonymous":
        assert header_organisation(response).endswith(world.org.name)


def test_it_shows_a_friendly_404_for_a_record_of_another_organisation(world: World) -> None:
    response = world.client_for("admin").get(
        reverse("people:detail", args=[world.other_participant.pk])
    )
    assert response.status_code == 404
    assert text(response, tag="h1") == dutch("Page not found")
    assert world.other_participant.name not in response.content.decode()


@pytest.mark.parametrize("role", ["coordinator", "service_contact", "policy_maker"])
def test_it_shows_a_friendly_403(world: World, role: str) -> None:
    response = world.client_for(role).get(reverse("core:staff"))
    assert response.status_code == 403
    assert text(response, tag="h1") == dutch("No access")
    assert header_organisation(response).endswith(world.org.name)


def test_it_shows_the_403_in_english_when_chosen(world: World) -> None:
    client = world.client_for("coordinator")
    client.cookies["django_language"] = "en"
    response = client.get(reverse("core:staff"))
    assert text(response, tag="h1") == "No access"


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("who", ["anonymous", "admin"])
def test_it_shows_a_friendly_500(world: World, who: str) -> None:
    client = Client(raise_request_exception=False)
    if who != "anonymous":
        client = world.client_for(who)
        client.raise_request_exception = False
    response = client.get("/kapot/")
    assert response.status_code == 500
    assert text(response, tag="h1") == dutch("Something went wrong")
    assert "a bug" not in response.content.decode()


def test_it_renders_the_500_page_without_a_user_or_session(db: Any) -> None:
    request = RequestFactory().get("/kapot/")
    response = views.error_500(request)
    assert response.status_code == 500
    assert text(response, tag="h1") == dutch("Something went wrong")


def test_it_renders_the_500_page_when_the_database_is_down(db: Any) -> None:
    """The usual reason for a 500: reading the signed-in user would fail again."""

    def unreachable() -> Any:
        raise OperationalError("could not connect to server")

    request = RequestFactory().get("/kapot/")
    request.user = SimpleLazyObject(unreachable)  # type: ignore[assignment]
    response = views.error_500(request)
    assert response.status_code == 500
    assert text(response, tag="h1") == dutch("Something went wrong")
