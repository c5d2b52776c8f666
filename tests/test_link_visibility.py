"""A page links only what its reader may open.

For every role, every page of the authorization matrix that the role may see is opened, and
every link on it to a page of Inbreng is followed as the same person. None may answer 403:
a link that leads to "you may not see this" should not have been shown.
"""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from conftest import ROLES, Loop, World
from tests.test_authorization_matrix import ROUTES, expected

HREF = re.compile(r'<a\b[^>]*\bhref="([^"#]+)', re.IGNORECASE)
# Files served as they are, and the participant's own pages (a session of their own).
NOT_FOLLOWED = ("/static/", "/media/", "/platform-admin/", "/p/", "/k/", "/mijn/")


def internal_links(html: str) -> set[str]:
    links = set()
    for href in HREF.findall(html):
        parts = urlsplit(unescape(href))
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        if parts.path.startswith(NOT_FOLLOWED):
            continue
        links.add(parts.path + (f"?{parts.query}" if parts.query else ""))
    return links


@pytest.mark.parametrize("role", sorted(ROLES))
def test_no_page_links_to_a_page_its_reader_may_not_open(
    world: World, loop: Loop, role: str
) -> None:
    client: Client = world.client_for(role)
    opened: dict[str, int] = {}
    forbidden: list[str] = []
    pages = 0
    for name, route in sorted(ROUTES.items()):
        if route.method != "get" or expected(route, role) != 200:
            continue
        url = reverse(name, kwargs=route.kwargs(world, loop))
        response = client.get(url)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        pages += 1
        for link in sorted(internal_links(response.content.decode())):
            if link not in opened:
                opened[link] = client.get(link).status_code
            if opened[link] == 403:
                forbidden.append(f"{name} links {link}")
    assert pages, f"{role} opened no page"
    assert not forbidden, f"As {role}, links that answer 403:\n" + "\n".join(forbidden)
