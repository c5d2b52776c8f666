"""The demo municipality has bodies, themes and signals to try the desk with."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import verified_login
from inbreng.core.models import Organisation, User
from inbreng.signals.models import Body, Signal, SignalAnswer, Theme

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_overdue_an_answered_and_a_promoted_signal() -> None:
    call_command("seed_demo", stdout=StringIO())
    demo = Organisation.objects.get(name="Sociaal Huis Lindeveld")
    assert Body.objects.filter(organisation=demo).count() == 3
    assert Theme.objects.filter(organisation=demo).count() == 11
    signals = Signal.objects.filter(organisation=demo)
    assert signals.count() == 3
    assert signals.filter(status="open", due_on__lt=timezone.localdate()).count() == 1
    followed = SignalAnswer.objects.get(signal__organisation=demo)
    assert followed.decision == SignalAnswer.Decision.FOLLOWED
    assert followed.signal.status == Signal.Status.ANSWERED
    promoted = signals.filter(links__isnull=False).distinct().get()
    assert promoted.links.count() >= 1
    # The demo policy maker's desk shows what waits and what is late.
    client = verified_login(Client(), User.objects.get(username="policy"))
    home = client.get(reverse("core:home")).content.decode()
    overdue = signals.get(status="open", due_on__lt=timezone.localdate())
    assert overdue.title in home
    assert promoted.title in home
