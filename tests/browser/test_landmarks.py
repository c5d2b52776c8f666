"""Landmarks on the work lists, in a real browser: axe-core's landmark rules find nothing.

With two people to pass on a message to (one reads Dutch, one reads Arabic), every card's
Dutch and Arabic halves used to be landmarks named "In Dutch" twice over; and the demo banner
stood outside every landmark. Screen-reader users jump from landmark to landmark: each one
must be there once, with its own name, and nothing may stand outside them.
"""

from __future__ import annotations

from typing import Any

import pytest

from .helpers import BrowserWorld, axe_report, login, visit
from .test_phone_and_pass_on import person, send

pytestmark = pytest.mark.browser

LANDMARK_RULES = ["landmark-unique", "region", "landmark-one-main", "landmark-no-duplicate-banner"]


def assert_landmarks(page: Any, label: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={"runOnly": {"type": "rule", "values": LANDMARK_RULES}},
    )
    violations = results.response["violations"]
    assert not violations, f"{label}:\n{axe_report(violations)}"


@pytest.fixture
def demo(settings: Any) -> None:
    settings.INBRENG_DEMO = True


def test_the_pass_on_and_phone_lists_have_unique_landmarks_and_nothing_outside(
    demo: None, new_page: Any, live_server: Any, bworld: BrowserWorld
) -> None:
    from inbreng.people.models import Channel

    worker = bworld.users["social_worker"]
    readers = [
        person(
            bworld,
            "Amal Haddad",
            preferred_channel=Channel.SOCIAL_WORKER,
            phone="",
            social_worker=worker,
            language="ar",
        ),
        person(
            bworld,
            "Chloé Dubois",
            preferred_channel=Channel.SOCIAL_WORKER,
            phone="",
            social_worker=worker,
            language="fr",
        ),
        person(
            bworld, "Omar Fall", preferred_channel=Channel.PHONE, phone="+3292345678", language="ar"
        ),
        person(
            bworld, "Ayse Kaya", preferred_channel=Channel.PHONE, phone="+3292345679", language="fr"
        ),
    ]
    message = send(bworld, readers, live_server.url)

    page = new_page()
    login(page, worker)
    visit(page, "/berichten/door-te-geven/")
    assert page.locator(".demo-banner").count() == 1
    assert_landmarks(page, "pass-on list")

    coordinator = new_page()
    login(coordinator, bworld.users["coordinator"])
    visit(coordinator, f"/berichten/{message.pk}/bellen/")
    assert_landmarks(coordinator, "phone list")
