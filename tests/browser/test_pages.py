"""Every page each role can reach from the navigation, checked with axe-core.

The crawl starts on the start page and follows every link on every page, once per kind of
page (URL name): so the menu, the cards, the tables (a record's detail page) and the detail
pages' own links (edit, erase, deactivate) are all visited. The world holds one of everything
in the participation loop too, so the crawl reaches a question with input and its answer.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve, reverse

from .helpers import BrowserWorld, assert_accessible, login, visit

pytestmark = pytest.mark.browser

# Downloads (export.json, brief.pdf, agenda.ics, ...), not pages.
NOT_PAGES = {"people:export_json", "people:export_pdf", "participation:attachment"}
DOWNLOAD = re.compile(r"\.[a-z0-9]{2,4}$")
NOT_CRAWLED_PREFIXES = ("/static/", "/i18n/", "/platform-admin/", "/account/afmelden/")

EVERYONE = {"core:home", "core:privacy_notice", "password_change"}
REGISTER = {"people:register", "people:add", "people:detail"}
KEEPER = {*REGISTER, "people:edit"}
REGISTER_ADMIN = {*KEEPER, "people:import", "people:review", "people:erase"}
ORGANISATION = {
    "core:organisation",
    "core:services",
    "core:service_add",
    "core:service_edit",
    "core:partners",
    "core:partner_add",
    "core:partner_edit",
    "core:staff",
    "core:staff_add",
    "core:staff_edit",
    "core:staff_deactivate",
    "core:audit",
}
# The participation loop, with one of everything in it (the `loop` fixture): a group, a
# meeting, a question with input and an answer. A coordinator reaches each of its pages.
LOOP = {
    "groups:list",
    "groups:detail",
    "groups:edit",
    "participation:meetings",
    "participation:meeting",
    "participation:meeting_edit",
    "participation:questions",
    "participation:question",
    "participation:response_add",
    "participation:response_edit",
    "participation:contribution_withdraw",
    "participation:trajectories",
    "participation:trajectory",
    "participation:participant_loop",
}
LOOP_ROLES = {"coordinator"}
# What each role must at least reach by following links.
MUST_REACH = {
    "admin": EVERYONE | REGISTER_ADMIN | ORGANISATION,
    "coordinator": EVERYONE | REGISTER_ADMIN | LOOP,
    "social_worker": EVERYONE
    | KEEPER
    | {"groups:detail", "participation:meeting", "participation:participant_loop"},
    "partner_worker": EVERYONE | REGISTER,
    "service_contact": EVERYONE
    | {"participation:question", "participation:response_add", "participation:response_edit"},
    "policy_maker": EVERYONE | {"participation:question"},
}


def links_on(page: Any, origin: str) -> list[str]:
    hrefs: list[str] = page.locator("a[href]").evaluate_all("links => links.map(a => a.href)")
    found = []
    for href in hrefs:
        parts = urlsplit(href)
        if f"{parts.scheme}://{parts.netloc}" != origin:
            continue
        if parts.path.startswith(NOT_CRAWLED_PREFIXES) or DOWNLOAD.search(parts.path):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def crawl(page: Any, origin: str, role: str, first: tuple[str, ...] = ()) -> dict[str, str]:
    """Visits one page of each URL name reachable by links, from the start page and the
    pages `first` (each the one page of its name that is visited); runs axe on each."""
    visited: dict[str, str] = {}
    queue = ["/", *first]
    while queue:
        url = queue.pop(0)
        try:
            name = resolve(urlsplit(url).path).view_name
        except Resolver404:
            pytest.fail(f"{role}: a link leads to a page that does not exist: {url}")
        if name in visited or name in NOT_PAGES:
            continue
        visit(page, url)
        visited[name] = url
        assert_accessible(page, f"{name} as {role}")
        queue.extend(links_on(page, origin))
    return visited


@pytest.mark.parametrize("role", list(MUST_REACH))
def test_every_page_a_role_reaches_passes_axe(
    page: Any, live_server: Any, bworld: BrowserWorld, loop: Any, role: str
) -> None:
    # The login and two-step pages look the same for everyone: checked once, on the way in.
    login(page, bworld.users[role], check=role == "admin")
    # Of the questions, the one with input and an answer, and more input still waiting: its
    # links lead to the answer form, an answer's edit page and the withdraw confirmation.
    from inbreng.participation import services

    services.contribution_record(
        meeting=loop.meeting,
        question=loop.question,
        text="De wachtzaal is te koud.",
        by=bworld.users["coordinator"],
    )
    first = (
        (reverse("participation:question", args=[loop.question.pk]),) if role in LOOP_ROLES else ()
    )
    visited = crawl(page, live_server.url, role, first)
    missing = MUST_REACH[role] - set(visited)
    assert not missing, f"{role} cannot reach {sorted(missing)}; visited {sorted(visited)}"
