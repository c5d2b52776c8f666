"""No input, however long or strange, gives a 500 or renders unescaped."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from conftest import World
from inbreng.core.models import Membership, Organisation, Partner, Service, User

from .helpers import post_data

MARKUP = '<script>alert("x")</script><img src=x onerror=alert(1)>'
PAYLOADS = {
    "markup": MARKUP,
    "very-long": "Ā" * 5000,
    "right-to-left": "مركز الرعاية الاجتماعية",
    "emoji": "👩🏽‍👧 Zorg ❤️",
    "bidi-override": "Dienst \u202etxet\u202c",
    "nul-byte": "Dienst\x00Wonen",
    "template-code": "{{ request.user }} {% debug %}",
    "sql": "'; DROP TABLE core_service; --",
    "only-spaces": " \t\n ",
    "combining": "Z̷̢̛a̶l̸g̵o̴",
}
RAW_MARKUP = ("<script>alert", "<img src=x")


def assert_safe(html: str) -> None:
    for raw in RAW_MARKUP:
        assert raw not in html, "markup must be escaped"


Form = tuple[str, Callable[[World], dict[str, Any]], Callable[[World, str], dict[str, Any]]]

FORMS: dict[str, Form] = {
    "service": (
        "core:service_add",
        lambda w: {},
        lambda w, v: post_data(name=v, email="", is_active=True),
    ),
    "partner": (
        "core:partner_add",
        lambda w: {},
        lambda w, v: post_data(name=v, kind="other", contact=v, is_active=True),
    ),
    "staff-add": (
        "core:staff_add",
        lambda w: {},
        lambda w, v: post_data(
            username=v[:150] or "x",
            first_name=v,
            last_name=v,
            email=v,
            password="Zonnebloem-Kade-42",
            is_coordinator=True,
        ),
    ),
    "staff-add-names": (
        "core:staff_add",
        lambda w: {},
        lambda w, v: post_data(
            username="nieuw",
            first_name=v,
            last_name=v,
            password="Zonnebloem-Kade-42",
            is_coordinator=True,
        ),
    ),
    "staff-edit": (
        "core:staff_edit",
        lambda w: {"pk": w.member("coordinator").pk},
        lambda w, v: post_data(first_name=v, last_name=v, is_coordinator=True),
    ),
    "organisation": (
        "core:organisation",
        lambda w: {},
        lambda w, v: {
            "name": v,
            "privacy_contact": v,
            "inactivity_months": "24",
            "answer_weeks": "6",
        },
    ),
}

FORMS_WITH_NAMES = ("service", "partner", "staff-add-names")

# Pages where whatever was saved is shown again.
SHOWN_ON = ["core:home", "core:services", "core:partners", "core:staff", "core:organisation"]


@pytest.mark.parametrize("payload", list(PAYLOADS))
@pytest.mark.parametrize("form", list(FORMS))
def test_it_never_fails_and_always_escapes(world: World, form: str, payload: str) -> None:
    name, kwargs, data = FORMS[form]
    client = world.client_for("admin")
    url = reverse(name, kwargs=kwargs(world))
    response = client.post(url, data(world, PAYLOADS[payload]))
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert response.context["form"].errors, "a refused form says why"
        assert_safe(response.content.decode())
    for page in SHOWN_ON:
        shown = client.get(reverse(page))
        assert shown.status_code == 200
        assert_safe(shown.content.decode())


@pytest.mark.parametrize("payload", ["right-to-left", "emoji", "combining", "markup"])
def test_it_keeps_unusual_text_exactly_as_typed(world: World, payload: str) -> None:
    value = PAYLOADS[payload]
    client = world.client_for("admin")
    assert (
        client.post(reverse("core:service_add"), post_data(name=value, is_active=True)).status_code
        == 302
    )
    assert Service.objects.filter(organisation=world.org, name=value).exists()
    listing = client.get(reverse("core:services")).content.decode()
    if payload == "markup":
        assert "&lt;script&gt;" in listing
    else:
        assert value in listing


@pytest.mark.parametrize("payload", ["very-long", "nul-byte", "only-spaces"])
def test_it_refuses_text_that_cannot_be_a_name(world: World, payload: str) -> None:
    client = world.client_for("admin")
    before = (Service.objects.count(), Partner.objects.count(), User.objects.count())
    # Names of staff are optional (the login name stands in), so spaces alone are fine there.
    forms = ("service", "partner") if payload == "only-spaces" else FORMS_WITH_NAMES
    for name in forms:
        url_name, kwargs, data = FORMS[name]
        response = client.post(
            reverse(url_name, kwargs=kwargs(world)), data(world, PAYLOADS[payload])
        )
        assert response.status_code == 200
    assert (Service.objects.count(), Partner.objects.count(), User.objects.count()) == before


def test_it_escapes_an_organisation_name_in_the_header_of_every_page(world: World) -> None:
    Organisation.objects.filter(pk=world.org.pk).update(name=MARKUP)
    client = world.client_for("admin")
    for page in SHOWN_ON:
        assert_safe(client.get(reverse(page)).content.decode())


def test_it_escapes_a_staff_members_name_in_the_header_and_the_lists(world: World) -> None:
    User.objects.filter(pk=world.users["coordinator"].pk).update(first_name=MARKUP)
    assert_safe(world.client_for("coordinator").get(reverse("core:home")).content.decode())
    admin = world.client_for("admin")
    assert_safe(admin.get(reverse("core:staff")).content.decode())
    assert_safe(
        admin.get(
            reverse("core:staff_edit", args=[world.member("coordinator").pk])
        ).content.decode()
    )
    assert_safe(admin.get(reverse("core:audit")).content.decode())
    member = Membership.objects.get(pk=world.member("coordinator").pk)
    assert_safe(admin.get(reverse("core:staff_deactivate", args=[member.pk])).content.decode())


@pytest.mark.parametrize(
    "field", ["service", "partner", "is_admin"], ids=["service", "partner", "checkbox"]
)
@pytest.mark.parametrize("value", ["9" * 40, "-1", "abc", MARKUP, "1.5"])
def test_it_never_fails_on_tampered_choices(world: World, field: str, value: str) -> None:
    client = world.client_for("admin")
    data = post_data(username="nieuw", password="Zonnebloem-Kade-42", is_partner_worker=True)
    data[field] = value
    response = client.post(reverse("core:staff_add"), data)
    assert response.status_code in (200, 302)
    assert_safe(response.content.decode())


@pytest.mark.parametrize("value", ["9" * 40, "-1", "abc", MARKUP])
def test_it_never_fails_on_a_tampered_successor(world: World, value: str) -> None:
    client = world.client_for("admin")
    response = client.post(
        reverse("core:staff_deactivate", args=[world.member("social_worker").pk]),
        {"hand_over_to": value},
    )
    assert response.status_code == 200
    assert_safe(response.content.decode())
    assert world.member("social_worker").is_active


@pytest.mark.parametrize(
    "path", ["/beheer/diensten/99999999999999999999999/", "/beheer/medewerkers/0/"]
)
def test_it_answers_404_for_impossible_record_numbers(world: World, path: str) -> None:
    response = world.client_for("admin").get(path)
    assert response.status_code == 404


def test_it_refuses_an_overlong_otp_code_without_failing(world: World) -> None:
    client = Client()
    client.force_login(world.users["coordinator"])
    response = client.post(reverse("core:otp_setup"), {"token": MARKUP * 10})
    assert response.status_code == 200
    assert_safe(response.content.decode())
