"""No English from Django or its libraries on a Dutch page.

Our own strings are checked against our catalogue (inbreng/core/tests/test_translations.py).
Strings that Django and the installed libraries bring along (form errors, empty choice
labels, password rules, two-step login, lockout) are not in it: when such a library has no
Dutch for a string, or a new release rewords one, the page shows English. Here every source
string of Django, django-otp and django-axes that has no Dutch translation is a suspect, and
every page of the authorization matrix — opened, and sent back empty so that its form shows
its errors — plus the password rules must show none of them.
"""

from __future__ import annotations

import re
from functools import cache
from html import unescape
from pathlib import Path
from typing import Any

import django
import polib
import pytest
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from conftest import ROLES, Loop, World
from tests.test_authorization_matrix import ROUTES

SITE_PACKAGES = Path(django.__file__).resolve().parent.parent
# The English source strings of what Inbreng shows from libraries (the platform admin is
# for superusers and stays in Django's own words).
SOURCES = [
    "django/conf/locale/en/LC_MESSAGES/django.po",
    "django/contrib/auth/locale/en/LC_MESSAGES/django.po",
    "django/contrib/contenttypes/locale/en/LC_MESSAGES/django.po",
    "django/contrib/sessions/locale/en/LC_MESSAGES/django.po",
    # These two ship no English catalogue; every catalogue has all the source strings.
    "django_otp/locale/fr/LC_MESSAGES/django.po",
    "axes/locale/fr/LC_MESSAGES/django.po",
]
PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifr]|\{[^}]*\}")
# Shorter fragments ("Name", "Yes") would match our own words by chance.
SHORTEST = 14
PREFERENCE = ["coordinator", "admin", *ROLES]


@cache
def untranslated_library_strings() -> frozenset[str]:
    """The fixed parts of every library string that still reads English in Dutch."""
    suspects: set[str] = set()
    with translation.override("nl"):
        for source in SOURCES:
            path = SITE_PACKAGES / source
            assert path.exists(), f"{path} is gone: update SOURCES"
            for entry in polib.pofile(str(path)):
                forms = [entry.msgid]
                if entry.msgid_plural:
                    forms.append(entry.msgid_plural)
                    dutch = [
                        translation.ngettext(entry.msgid, entry.msgid_plural, n) for n in (1, 2)
                    ]
                elif entry.msgctxt:
                    dutch = [translation.pgettext(entry.msgctxt, entry.msgid)]
                else:
                    dutch = [translation.gettext(entry.msgid)]
                if not set(forms) & set(dutch):
                    continue
                for form in forms:
                    parts = [p.strip() for p in PLACEHOLDER.split(form)]
                    suspects.update(p for p in parts if len(p) >= SHORTEST and " " in p)
    return frozenset(suspects)


def english_in(text: str) -> list[str]:
    shown = unescape(text)
    return sorted(s for s in untranslated_library_strings() if s in shown)


def test_it_knows_what_english_from_django_looks_like() -> None:
    suspects = untranslated_library_strings()
    assert suspects, "no library strings found: the check would pass on anything"
    # A Django string with Dutch is no suspect; one without is found in a page.
    assert not english_in("<p>Dit veld is verplicht.</p>")
    example = sorted(suspects)[0]
    assert english_in(f"<p>{example}</p>") == [example]


def _pages(world: World, loop: Loop) -> dict[str, str]:
    """Every page, as the role that sees most of it, and again sent back empty."""
    pages: dict[str, str] = {}
    clients: dict[str, Client] = {}
    for name, route in sorted(ROUTES.items()):
        if route.method != "get":
            continue
        actors = [a for a in PREFERENCE if a in route.allowed] or (
            ["anonymous"] if route.public else []
        )
        if not actors:
            continue
        actor = actors[0]
        if actor not in clients:
            clients[actor] = Client() if actor == "anonymous" else world.client_for(actor)
            clients[actor].cookies["django_language"] = "nl"
        client = clients[actor]
        url = reverse(name, kwargs=route.kwargs(world, loop))
        response = client.get(url)
        if not response["Content-Type"].startswith("text/html"):
            continue
        html = response.content.decode()
        pages[name] = html
        if re.search(r'<form[^>]*method="post"(?![^>]*action=)', html):
            sent = client.post(url, {})
            if sent["Content-Type"].startswith("text/html"):
                pages[f"{name} (sent empty)"] = sent.content.decode()
    return pages


def test_no_page_shows_english_from_a_library(world: World, loop: Loop) -> None:
    pages = _pages(world, loop)
    assert len(pages) > 60, "the matrix should give most pages"
    found = {name: english_in(html) for name, html in pages.items()}
    found = {name: strings for name, strings in found.items() if strings}
    assert not found, "English from Django or a library on Dutch pages:\n" + "\n".join(
        f"  {name}: {strings}" for name, strings in sorted(found.items())
    )


@pytest.mark.parametrize("password", ["kort", "1234567890123", "password123", "admin-admin1"])
def test_the_password_rules_speak_dutch(db: Any, password: str) -> None:
    from inbreng.core.models import User

    user = User(username="admin-admin", email="admin-admin@example.be")
    with translation.override("nl"):
        rules = password_validation.password_validators_help_texts()
        with pytest.raises(ValidationError) as refused:
            password_validation.validate_password(password, user)
        said = [*rules, *refused.value.messages]
    english = [line for line in said if english_in(line)]
    assert not english, english
    # Staff pages say "je", never the formal "u" or "uw" of Django's own Dutch.
    formal = [line for line in said if re.search(r"\b(u|uw|Uw)\b", line)]
    assert not formal, formal


def test_changing_a_password_refuses_a_short_one_in_dutch(world: World) -> None:
    client = world.client_for("coordinator")
    client.cookies["django_language"] = "nl"
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "a-long-test-password",
            "new_password1": "kort-1",
            "new_password2": "kort-1",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert not english_in(html), english_in(html)
    assert "This password is too short" not in html
