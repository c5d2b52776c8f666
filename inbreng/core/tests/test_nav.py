"""The main menu marks where you are, and the language switch brings you back to it."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import reverse

from conftest import World

pytestmark = pytest.mark.django_db


def current(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)" aria-current="page">', html)


@pytest.mark.parametrize(
    "name", ["participation:trajectories", "participation:trajectory_add", "archive:search"]
)
def test_the_menu_marks_the_section_of_the_page(world: World, name: str) -> None:
    html = world.client_for("coordinator").get(reverse(name)).content.decode()
    section = {
        "participation:trajectories": "participation:trajectories",
        "participation:trajectory_add": "participation:trajectories",
        "archive:search": "archive:search",
    }[name]
    assert current(html) == [reverse(section)]


def test_the_language_switch_returns_to_the_same_search(world: World) -> None:
    client = world.client_for("coordinator")
    html = client.get(reverse("archive:search"), {"q": "huur", "year": "2025"}).content.decode()
    hidden = re.search(r'<input type="hidden" name="next" value="([^"]*)">', html)
    assert hidden
    # What the page's own form sends brings the reader back to the same search.
    response = client.post(
        reverse("set_language"), {"language": "fr", "next": unescape(hidden.group(1))}
    )
    assert response.status_code == 302
    assert response["Location"] == "/geheugen/?q=huur&year=2025"
