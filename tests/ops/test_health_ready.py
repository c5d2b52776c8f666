"""/healthz/ready tells monitoring whether the database answers and whether work waits too long."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from conftest import World
from inbreng.messaging.models import Delivery, Kind, Message
from inbreng.people.models import Channel


@pytest.fixture(autouse=True)
def no_cached_answer(settings: Any) -> None:
    settings.INBRENG_HEALTH_CACHE_SECONDS = 0


def ready() -> tuple[int, dict[str, Any]]:
    response = Client().get(reverse("core:healthz_ready"))
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    return response.status_code, response.json()


def delivery(world: World, message: Message, status: str, **fields: Any) -> Delivery:
    return Delivery.objects.create(
        organisation=world.org,
        message=message,
        participant=world.participant,
        channel=Channel.SMS,
        language="nl",
        subject="Uitnodiging",
        body="Kom je naar de bijeenkomst?",
        status=status,
        **fields,
    )


def test_it_reports_an_empty_queue_as_ok(world: World) -> None:
    assert ready() == (
        200,
        {
            "status": "ok",
            "database": "ok",
            "tasks_waiting": 0,
            "oldest_task_waiting_seconds": None,
            "sends_due": 0,
            "oldest_overdue_send_seconds": None,
        },
    )


def test_it_reports_waiting_tasks_and_overdue_sends_as_late_without_personal_data(
    world: World, settings: Any
) -> None:
    settings.INBRENG_HEALTH_LATE_SECONDS = 600
    now = timezone.now()
    message = Message.objects.create(organisation=world.org, kind=Kind.FREE, title="Nieuws")
    Message.objects.filter(pk=message.pk).update(created_at=now - timedelta(minutes=30))
    delivery(world, message, Delivery.Status.QUEUED)  # due since the message: 30 minutes
    delivery(world, message, Delivery.Status.QUEUED, next_attempt_at=now - timedelta(minutes=5))
    delivery(world, message, Delivery.Status.SENDING, claimed_until=now - timedelta(minutes=1))
    # Not due: a retry later, one being sent now, one already sent.
    delivery(world, message, Delivery.Status.QUEUED, next_attempt_at=now + timedelta(minutes=5))
    delivery(world, message, Delivery.Status.SENDING, claimed_until=now + timedelta(minutes=4))
    delivery(world, message, Delivery.Status.SENT, sent_at=now)
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [message.pk], "kwargs": {}},
        task_path="inbreng.messaging.tasks.deliver",
        backend_name="default",
        run_after=get_date_max(),
    )
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=now - timedelta(minutes=20))

    status, answer = ready()

    assert status == 200  # the web server still serves pages; the worker is behind
    assert answer["status"] == "late"
    assert answer["sends_due"] == 3
    assert 30 * 60 <= answer["oldest_overdue_send_seconds"] < 31 * 60
    assert answer["tasks_waiting"] == 1
    assert 20 * 60 <= answer["oldest_task_waiting_seconds"] < 21 * 60
    text = str(answer)
    for personal in (world.participant.name, world.participant.phone, "Nieuws", "bijeenkomst"):
        assert personal not in text


def test_it_reports_recent_work_as_ok(world: World) -> None:
    message = Message.objects.create(organisation=world.org, kind=Kind.FREE, title="Nieuws")
    delivery(world, message, Delivery.Status.QUEUED)

    status, answer = ready()

    assert (status, answer["status"], answer["sends_due"]) == (200, "ok", 1)
    assert answer["oldest_overdue_send_seconds"] < 60


@pytest.mark.django_db
def test_it_answers_503_when_the_database_fails() -> None:
    with mock.patch(
        "inbreng.core.health.connection.cursor", side_effect=RuntimeError("connection refused")
    ):
        status, answer = ready()
    assert (status, answer) == (503, {"status": "error", "database": "error"})


def test_it_answers_without_login_or_second_step(world: World) -> None:
    client = Client()
    client.force_login(world.users["admin"])  # signed in, but not through the second step
    assert client.get(reverse("core:healthz_ready")).status_code == 200
