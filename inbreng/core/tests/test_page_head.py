"""Every page links its icon (no 404 on every open) and public pages describe themselves."""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from conftest import World
from inbreng.participation import services

ICON = re.compile(r'<link rel="icon" href="([^"]+)"')
DESCRIPTION = re.compile(r'<meta name="description" content="([^"]+)">')


def assert_head(client: Client, page: str) -> None:
    icon = ICON.search(page)
    assert icon, "no icon link"
    # The file the link names exists among the static files (served by WhiteNoise or nginx).
    assert icon.group(1).startswith(settings.STATIC_URL)
    assert finders.find(icon.group(1).removeprefix(settings.STATIC_URL))
    description = DESCRIPTION.search(page)
    assert description and len(description.group(1)) > 20


def test_the_login_page_has_an_icon_and_a_description(world: World) -> None:
    client = Client()
    assert_head(client, client.get(reverse("login")).content.decode())


def test_the_personal_page_has_an_icon_and_a_description(world: World) -> None:
    from inbreng.participation.tests.helpers import open_personal_page

    client = Client()
    link = services.link_issue(participant=world.participant, by=None)
    open_personal_page(client, services.link_path(link))
    page = client.get(reverse("participation:my_page"))
    assert page.status_code == 200
    assert_head(client, page.content.decode())
    # The description says nothing about the person.
    description = DESCRIPTION.search(page.content.decode())
    assert description and world.participant.first_name not in description.group(1)


def test_favicon_ico_is_answered_not_a_404(world: World) -> None:
    response = Client().get("/favicon.ico")
    assert response.status_code == 301
    assert finders.find(response["Location"].removeprefix(settings.STATIC_URL))
