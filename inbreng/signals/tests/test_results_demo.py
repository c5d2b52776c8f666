"""The demo holds one result with milestones, one council seat and one hearing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from inbreng.core.models import Organisation
from inbreng.signals.models import CouncilSeat, Hearing, Milestone, Result

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_result_a_seat_and_a_hearing() -> None:
    call_command("seed_demo", stdout=StringIO())
    demo = Organisation.objects.get(name="Sociaal Huis Lindeveld")
    result = Result.objects.get(organisation=demo, title="Eén premieloket in het sociaal huis")
    assert Milestone.objects.filter(result=result).count() == 3
    assert result.stalled is False
    assert CouncilSeat.objects.filter(organisation=demo).count() == 1
    hearing = Hearing.objects.get(organisation=demo)
    assert hearing.agenda.exists()
