"""`seed_demo --scale city|region`: a year of use at scale, for the page benchmark."""

from __future__ import annotations

import statistics
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count

from inbreng.core.models import AuditEvent, Organisation, User
from inbreng.groups.models import ParticipationGroup
from inbreng.messaging.models import Delivery
from inbreng.participation.management.commands import _scale
from inbreng.participation.models import (
    Contribution,
    FeedbackDelivery,
    Invitation,
    Meeting,
    PersonalLink,
    Question,
    Translation,
)
from inbreng.participation.services import link_resolve, link_token
from inbreng.people.models import Participant

pytestmark = pytest.mark.django_db


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_it_fills_every_table_the_pages_read_at_a_small_city_scale() -> None:
    output = seed("--scale", "city", "--factor", "0.02")
    demo = Organisation.objects.get(name="Sociaal Huis Lindeveld")
    assert "Scale city loaded" in output
    assert Participant.objects.filter(organisation=demo).count() == 60 + 400
    for model in (Meeting, Invitation, Question, Contribution, FeedbackDelivery, Translation):
        assert model.objects.filter(organisation=demo).count() > 10, model.__name__
    assert Delivery.objects.filter(organisation=demo).count() > 1000
    assert AuditEvent.objects.filter(organisation=demo).count() >= 4000
    # Inputs are answered, several inputs sharing one answer, as services do.
    answered = Contribution.objects.filter(organisation=demo, response__isnull=False)
    assert answered.count() > 2 * answered.values("response").distinct().count()
    # Skewed like real use: the largest group and the busiest question stand out.
    sizes = sorted(
        ParticipationGroup.objects.filter(organisation=demo)
        .annotate(n=Count("memberships"))
        .values_list("n", flat=True)
    )
    assert sizes[-1] > 2 * statistics.median(sizes)
    per_question = sorted(
        Contribution.objects.filter(organisation=demo)
        .values("question")
        .annotate(n=Count("id"))
        .values_list("n", flat=True)
    )
    assert per_question[-1] > 5 * statistics.median(per_question)
    # The kept state (counts, answer dates) is computed after the bulk load: no drift.
    call_command("recompute_state", "--check", stdout=StringIO())


def test_its_links_open_a_page_and_its_accounts_share_one_hash_that_says_demo() -> None:
    seed("--scale", "city", "--factor", "0.01")
    link = PersonalLink.objects.filter(participant__name__startswith="Elif").latest("pk")
    found = link_resolve(link_token(link))
    assert found is not None and found.participant_id == link.participant_id
    demo = Organisation.objects.get(name="Sociaal Huis Lindeveld")
    added = User.objects.filter(username__startswith=f"o{demo.pk}-")
    assert added.exists()
    assert all(user.check_password("demo") for user in added[:3])
    hashes = set(User.objects.filter(is_demo=True).values_list("password", flat=True))
    assert len(hashes) <= 2  # seed_demo's and the case-conference demo's own account


def test_the_same_seed_gives_the_same_data() -> None:
    from django.db import transaction

    def fingerprint() -> list[tuple[str, str]]:
        return list(
            Contribution.objects.order_by("id").values_list("text", "question__title")[:500]
        )

    with transaction.atomic():
        seed("--scale", "city", "--factor", "0.01")
        first = fingerprint()
        transaction.set_rollback(True)
    seed("--scale", "city", "--factor", "0.01")
    assert fingerprint() == first


def test_a_region_is_300_organisations_of_27_cities_with_one_city() -> None:
    import random

    sizes = _scale.city_factors(random.Random(1))
    assert len(sizes) == 300
    assert sizes[0] == 1.0
    assert max(sizes[1:]) < 1.0
    assert 26 < sum(sizes) < 28.5  # about 3,000,000 inputs at 110,000 a city


@pytest.mark.parametrize("scale", ["village", "0", "-2"])
def test_it_refuses_an_unknown_scale(scale: str) -> None:
    with pytest.raises(CommandError, match="--scale"):
        seed("--scale", scale)
    assert not Organisation.objects.exists()


def test_it_refuses_a_factor_out_of_range() -> None:
    with pytest.raises(CommandError, match="--factor"):
        seed("--scale", "city", "--factor", "0")
    assert not Organisation.objects.exists()
