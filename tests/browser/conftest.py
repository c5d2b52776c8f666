"""Browser tests: Playwright on Debian's Chromium, axe-core for accessibility.

One Chromium runs for the whole session; every test gets its own context (cookies) and page.
Staff log in for real: the login form, then the two-step code, computed from the device key
the way an authenticator app would.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest

from .helpers import BrowserWorld, give_device

# pytest-django's live_server and Playwright's sync API share one thread with an event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("INBRENG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Every role of the shared `world` fixture; "worker" in the issue is the social worker.
ROLES_WITH_SECOND_FACTOR = {"admin", "coordinator", "social_worker", "partner_worker"}


def _chromium_or_skip() -> str:
    path = CHROMIUM
    if os.path.isfile(path) and os.access(path, os.X_OK):
        return path
    found = shutil.which(path)
    if found:
        return found
    message = f"Chromium is missing at {path}. Install it with: apt-get install -y chromium"
    if os.environ.get("INBRENG_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{message} (INBRENG_REQUIRE_BROWSER=1 makes this a failure)", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    executable = _chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser: Any, live_server: Any) -> Iterator[Any]:
    """Makes pages in fresh contexts (no shared cookies); all are closed after the test."""
    contexts: list[Any] = []

    def make(**options: Any) -> Any:
        options.setdefault("base_url", live_server.url)
        options.setdefault("locale", "nl-BE")
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page: Any) -> Any:
    return new_page()


# Data ------------------------------------------------------------------------------------


@pytest.fixture
def bworld(world: Any) -> BrowserWorld:
    """The shared `world`, filled out: full records, a consent, someone to review, devices.

    Everyone here is made up.
    """
    from django.utils import timezone

    from conftest import make_participant
    from inbreng.core.models import Membership, Organisation
    from inbreng.people.models import Consent

    participant = world.participant
    participant.postal_name = "Anouk Testers"
    participant.email = "anouk@example.org"
    participant.street = "Voorbeeldstraat 1"
    participant.postal_code = "9000"
    participant.city = "Testdorp"
    participant.needs_childcare = True
    participant.age_band = "25_44"
    participant.save()
    Consent.objects.create(
        organisation=world.org,
        participant=participant,
        purpose=Consent.Purpose.choices[0][0],
        given_at=timezone.now(),
        recorded_by=world.users["social_worker"],
    )
    inactive = make_participant(
        world.org,
        name="Cas V.",
        phone="+32470555666",
        last_activity_at=timezone.now() - timedelta(days=365 * 3),
    )
    # The administrator also works elsewhere, so the header shows the organisation switch.
    # That organisation sorts after the main one, so the main one is active at login.
    elsewhere = Organisation.objects.create(name="Welzijnshuis Zonnedorp")
    Membership.objects.create(organisation=elsewhere, user=world.users["admin"], is_admin=True)
    for role, user in world.users.items():
        user.last_name = "Test"
        user.save(update_fields=["last_name"])
        if role in ROLES_WITH_SECOND_FACTOR:
            give_device(user)
    return BrowserWorld(world=world, participant=participant, inactive=inactive)
