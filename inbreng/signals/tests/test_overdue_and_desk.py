"""Overdue signals on the start pages and first in the list; the policy maker's desk; reminders."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import World, verified_login
from inbreng.core.models import Membership, User
from inbreng.core.tests.helpers import text
from inbreng.signals import tasks
from inbreng.signals.models import Signal

from .helpers import Desk


def panel(response: Any) -> str:
    """The signals card on the start page."""
    html: str = response.content.decode()
    start = html.index('id="card-signals"')
    return html[start : html.index("</section>", start)]


def overdue(desk: Desk, title: str, days: int = 10, **fields: object) -> Signal:
    signal = desk.signal(title=title, **fields)
    # Registered long ago: the due date passed `days` days ago.
    Signal.objects.filter(pk=signal.pk).update(due_on=timezone.localdate() - timedelta(days=days))
    signal.refresh_from_db()
    return signal


def other_policy_maker(world: World) -> User:
    user = User.objects.create_user(username="other_pm", password="a-long-test-password")
    Membership.objects.create(organisation=world.org, user=user, is_policy_maker=True)
    return user


def test_the_list_shows_overdue_first(world: World, desk: Desk) -> None:
    body = desk.body()
    desk.signal(body, title="Op tijd", due_on=timezone.localdate() + timedelta(days=2))
    overdue(desk, "Te laat", body=body)
    page = world.client_for("coordinator").get(reverse("signals:list"))
    rows = text(page, tag="tbody")
    assert rows.index("Te laat") < rows.index("Op tijd")


def test_an_answer_takes_a_signal_off_the_overdue_lists(world: World, desk: Desk) -> None:
    late = overdue(desk, "Te laat beantwoord")
    home = world.client_for("coordinator").get(reverse("core:home"))
    assert "Te laat beantwoord" in panel(home)
    world.client_for("policy_maker").post(
        reverse("signals:answer", args=[late.pk]), {"decision": "acting", "text": "We doen het."}
    )
    late.refresh_from_db()
    assert late.status == Signal.Status.ANSWERED
    assert late.answered_on == timezone.localdate()
    home = world.client_for("coordinator").get(reverse("core:home"))
    assert "Te laat beantwoord" not in panel(home)


def test_the_policy_makers_start_page_is_their_desk(world: World, desk: Desk) -> None:
    mine = desk.body("College")
    theirs = desk.body("Bijzonder comité", policy_makers=[])
    desk.signal(mine, title="Wacht op jou")
    desk.signal(theirs, title="Voor het comité")
    overdue(desk, "Al te laat", body=theirs)
    home = world.client_for("policy_maker").get(reverse("core:home"))
    html = home.content.decode()
    desk_part = panel(home)
    # Waiting for their answer lists only their bodies' signals...
    first_list = desk_part.split("</ul>")[0]
    assert "Wacht op jou" in first_list and "Voor het comité" not in first_list
    # ... overdue and what came back this month show the rest too.
    assert "Al te laat" in desk_part
    assert "Voor het comité" in desk_part
    # The old placeholder is gone.
    assert "will appear here" not in html


def test_another_policy_maker_may_not_answer(world: World, desk: Desk) -> None:
    signal = desk.signal()
    other = verified_login(Client(), other_policy_maker(world))
    assert other.get(reverse("signals:answer", args=[signal.pk])).status_code == 403
    # They may read it.
    assert other.get(reverse("signals:detail", args=[signal.pk])).status_code == 200


def test_a_partner_worker_sees_their_partners_and_shared_signals_only(
    world: World, desk: Desk
) -> None:
    body = desk.body()
    own = desk.signal(body, title="Van onze vzw", on_behalf="partner", partner=world.partner)
    shared = desk.signal(body, title="Gedeeld", shareable=True)
    private = desk.signal(body, title="Intern")
    client = world.client_for("partner_worker")
    listed = client.get(reverse("signals:list")).content.decode()
    assert "Van onze vzw" in listed and "Gedeeld" in listed and "Intern" not in listed
    assert client.get(reverse("signals:detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("signals:detail", args=[shared.pk])).status_code == 200
    assert client.get(reverse("signals:detail", args=[private.pk])).status_code == 404


@pytest.fixture
def emails(world: World) -> None:
    User.objects.filter(pk=world.users["policy_maker"].pk).update(email="schepen@example.org")


def test_reminders_go_to_the_bodys_policy_makers_once_a_week(
    world: World, desk: Desk, emails: None
) -> None:
    body = desk.body()
    late = overdue(desk, "Wacht al lang", body=body)
    overdue(desk, "Ook te laat maar zonder beleidsmaker", body=desk.body("Leeg", policy_makers=[]))
    desk.signal(body, title="Nog op tijd")
    mail.outbox.clear()
    today = timezone.localdate()
    assert tasks.remind(today) == 1
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["schepen@example.org"]
    assert "Wacht al lang" in sent.body
    assert reverse("signals:detail", args=[late.pk]) in sent.body
    # Not again the next day, nor six days later; again after a week.
    assert tasks.remind(today + timedelta(days=1)) == 0
    assert tasks.remind(today + timedelta(days=6)) == 0
    assert tasks.remind(today + timedelta(days=7)) == 1
    assert len(mail.outbox) == 2
    # Answered: no more reminders.
    world.client_for("policy_maker").post(
        reverse("signals:answer", args=[late.pk]), {"decision": "acting", "text": "We doen het."}
    )
    assert tasks.remind(today + timedelta(days=21)) == 0


def test_the_daily_task_runs(world: World, desk: Desk, emails: None) -> None:
    overdue(desk, "Wacht al lang")
    mail.outbox.clear()
    result = tasks.send_signal_reminders.enqueue()
    assert result.return_value == 1
    assert len(mail.outbox) == 1


def test_a_partner_worker_adds_evidence_to_their_own_partners_signals_only(
    world: World, desk: Desk
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .factories import PDF

    body = desk.body()
    own = desk.signal(body, title="Van onze vzw", on_behalf="partner", partner=world.partner)
    shared = desk.signal(body, title="Gedeeld", shareable=True)
    client = world.client_for("partner_worker")

    def attach(signal: Signal) -> int:
        upload = SimpleUploadedFile("cijfers.pdf", PDF, content_type="application/pdf")
        url = reverse("signals:attach", args=[signal.pk])
        return client.post(url, {"file": upload}).status_code

    assert attach(shared) == 403
    assert attach(own) == 302
    assert [a.name for a in own.attachments.all()] == ["cijfers.pdf"]
    assert not shared.attachments.exists()
