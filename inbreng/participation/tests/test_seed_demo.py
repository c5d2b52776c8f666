"""`manage.py seed_demo` loads a fictional municipality to try Inbreng with."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import Client
from django.urls import reverse

from inbreng.core.models import Membership, Organisation, Partner, Service, User
from inbreng.people.models import Participant

pytestmark = pytest.mark.django_db

DEMO_LOGINS = {
    "admin": ["admin"],
    "coordinator": ["coordinator", "social_worker"],
    "worker": ["social_worker"],
    "service": ["service_contact"],
    "policy": ["policy_maker"],
    "partner": ["partner_worker"],
}


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_it_loads_a_municipality_with_services_partners_and_participants() -> None:
    seed()
    demo = Organisation.objects.get(name="Sociaal Huis Lindeveld")
    assert 4 <= Service.objects.filter(organisation=demo).count() <= 6
    assert Partner.objects.filter(organisation=demo).count() == 5
    people = Participant.objects.filter(organisation=demo)
    assert people.count() == 60
    # Varied people: several languages, channels and needs.
    assert people.values("language").distinct().count() >= 5
    assert people.values("preferred_channel").distinct().count() >= 4
    assert people.filter(needs_childcare=True).exists()
    assert people.filter(needs_interpreter=True).exists()
    assert people.exclude(age_band="").exists()
    assert all(p.consents.exists() for p in people[:10])


def test_it_creates_the_six_demo_logins_with_their_roles() -> None:
    seed()
    demo = Organisation.objects.get(name="Sociaal Huis Lindeveld")
    for username, roles in DEMO_LOGINS.items():
        user = User.objects.get(username=username)
        assert user.is_demo
        assert user.check_password("demo")
        membership = Membership.objects.get(user=user, organisation=demo)
        assert membership.roles == roles
    assert Membership.objects.get(user__username="service").service is not None
    assert Membership.objects.get(user__username="partner").partner is not None


def test_it_makes_a_second_organisation_to_show_tenant_isolation() -> None:
    seed()
    other = User.objects.get(username="other-coordinator")
    assert other.is_demo and other.check_password("demo")
    (membership,) = Membership.objects.filter(user=other)
    assert membership.organisation.name == "Sociaal Huis Bergeind"
    assert membership.is_coordinator
    assert Participant.objects.filter(organisation=membership.organisation).exists()


@pytest.mark.parametrize("username", [*DEMO_LOGINS, "other-coordinator"])
def test_it_lets_every_demo_login_in_with_demo_in_demo_mode(
    settings: object, username: str
) -> None:
    settings.INBRENG_DEMO = True  # type: ignore[attr-defined]
    seed()
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": "demo"})
    assert response.status_code == 302
    home = client.get(reverse("core:home"))
    assert home.status_code == 200, "demo accounts skip two-step login in demo mode"


def test_it_asks_demo_logins_for_two_step_login_outside_demo_mode(settings: object) -> None:
    settings.INBRENG_DEMO = False  # type: ignore[attr-defined]
    seed()
    client = Client()
    client.post(reverse("login"), {"username": "coordinator", "password": "demo"})
    assert client.get(reverse("core:home"))["Location"].startswith(reverse("core:otp_setup"))


def test_it_scales_the_number_of_participants() -> None:
    output = seed("--scale", "3")
    demo = Organisation.objects.get(name="Sociaal Huis Lindeveld")
    assert Participant.objects.filter(organisation=demo).count() == 180
    assert "180" in output
    # More people need more social workers to follow them.
    workers = Membership.objects.filter(organisation=demo, is_social_worker=True).count()
    assert workers >= 4


def test_it_does_nothing_with_if_empty_on_a_database_with_data() -> None:
    Organisation.objects.create(name="Bestaand Sociaal Huis")
    output = seed("--if-empty")
    assert "already" in output
    assert Organisation.objects.count() == 1
    assert not User.objects.filter(username="admin").exists()


def test_it_loads_with_if_empty_on_an_empty_database() -> None:
    seed("--if-empty")
    assert Organisation.objects.count() == 2


def test_it_refuses_to_load_twice() -> None:
    seed()
    with pytest.raises(CommandError):
        seed()
    assert Participant.objects.filter(organisation__name="Sociaal Huis Lindeveld").count() == 60


def test_it_refuses_a_scale_below_one() -> None:
    with pytest.raises(CommandError):
        seed("--scale", "0")
    assert not Organisation.objects.exists()


def test_it_makes_the_same_demo_every_time() -> None:
    def fingerprint() -> list[tuple[str, str, str]]:
        return list(Participant.objects.order_by("id").values_list("name", "phone", "language"))

    with transaction.atomic():
        seed()
        first = fingerprint()
        transaction.set_rollback(True)
    assert not Organisation.objects.exists()
    seed()
    assert fingerprint() == first
