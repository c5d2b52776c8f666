"""A batch held by a worker that died (SIGKILL, or cut off by a database restart) is sent
once its claim runs out, without an operator: the delivery task comes back for it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from conftest import World, make_participant
from inbreng.messaging import services
from inbreng.messaging.models import Delivery, Kind
from inbreng.messaging.services import Recipient
from inbreng.people.models import Channel

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True)
def test_a_dead_workers_batch_is_sent_when_its_claim_runs_out(world: World) -> None:
    person = make_participant(
        world.org, name="Mila", preferred_channel=Channel.EMAIL, email="mila@example.be"
    )
    with override_settings(TASKS=DATABASE_TASKS):
        message = services.message_send(
            organisation=world.org,
            kind=Kind.THANKS,
            title="Bedankt",
            recipients=[Recipient(person)],
            context={"onderwerp": "de praatgroep"},
            by=world.users["coordinator"],
        )
        # A worker claimed the delivery and was killed before it sent anything.
        held_until = timezone.now() + timedelta(seconds=300)
        Delivery.objects.filter(message=message).update(
            status=Delivery.Status.SENDING, claim=None, claimed_until=held_until
        )
        DBTaskResult.objects.all().delete()

        # After the restart, `resume_outbox` runs the delivery task: the claim still holds.
        assert services.deliver_due(message.pk) == 0
        assert mail.outbox == []

        follow_up = DBTaskResult.objects.get()
        assert follow_up.args_kwargs["args"] == [message.pk]
        assert follow_up.run_after is not None
        assert held_until <= follow_up.run_after <= held_until + timedelta(seconds=5)

    # When the follow-up runs, the claim has run out: Mila gets her message, once.
    Delivery.objects.filter(message=message).update(
        claimed_until=timezone.now() - timedelta(seconds=1)
    )
    assert services.deliver_due(message.pk) == 1
    assert [m.to for m in mail.outbox] == [["mila@example.be"]]
    assert Delivery.objects.get(message=message).status == Delivery.Status.SENT


@pytest.mark.django_db(transaction=True)
def test_a_finished_message_schedules_nothing_more(world: World) -> None:
    person = make_participant(
        world.org, name="Mila", preferred_channel=Channel.EMAIL, email="mila@example.be"
    )
    with override_settings(TASKS=DATABASE_TASKS):
        message = services.message_send(
            organisation=world.org,
            kind=Kind.THANKS,
            title="Bedankt",
            recipients=[Recipient(person)],
            context={"onderwerp": "de praatgroep"},
            by=world.users["coordinator"],
        )
        DBTaskResult.objects.all().delete()
        assert services.deliver_due(message.pk) == 1
        assert not DBTaskResult.objects.exists()
