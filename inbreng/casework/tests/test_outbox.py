"""The client's invitation in the general outbox: neutral, only for the people on the case,
cancelled when the case ends, and emptied when the case is made anonymous."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import World, verified_login
from inbreng.casework import services
from inbreng.casework.models import CaseMeeting
from inbreng.core.models import Membership, User
from inbreng.messaging.models import Delivery, Message

from .factories import Case, open_case


def planned(world: World) -> tuple[Case, Message]:
    made = open_case(world)
    starts = timezone.now() + timedelta(days=7)
    meeting = services.meeting_plan(
        case=made.case,
        by=world.users["coordinator"],
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        place="Sociaal Huis, zaal 3",
    )
    assert meeting.invitation is not None
    return made, meeting.invitation


def test_the_outbox_title_names_neither_the_client_nor_the_case(world: World) -> None:
    made, message = planned(world)
    assert world.participant.name not in message.title
    assert made.case.number not in message.title
    assert str(made.case.pk) not in message.title


def test_staff_not_on_the_case_do_not_see_the_invitation_in_the_outbox(world: World) -> None:
    _made, message = planned(world)
    # A participation coordinator who is not on the case, and the admin: both have the outbox.
    colleague = User.objects.create_user(username="colleague", password="a-long-test-password")
    Membership.objects.create(organisation=world.org, user=colleague, is_coordinator=True)

    outsiders = {
        "admin": world.client_for("admin"),
        "colleague": verified_login(Client(), colleague),
    }
    detail = reverse("messaging:message", kwargs={"pk": message.pk})
    for who, client in outsiders.items():
        outbox = client.get(reverse("messaging:outbox"))
        assert outbox.status_code == 200, who
        assert detail not in outbox.content.decode(), who
        assert client.get(detail).status_code == 404, who
        assert client.get(
            reverse("messaging:phone_list", kwargs={"pk": message.pk})
        ).status_code in (
            403,
            404,
        ), who
    # The case's coordinator (an LCO coordinator with the outbox) sees it, with the client.
    coordinator = world.client_for("coordinator")
    assert detail in coordinator.get(reverse("messaging:outbox")).content.decode()
    page = coordinator.get(detail)
    assert page.status_code == 200
    assert world.participant.name in page.content.decode()


def test_withdrawing_consent_cancels_invitations_not_yet_delivered(world: World) -> None:
    made, message = planned(world)
    assert message.deliveries.filter(status=Delivery.Status.QUEUED).exists()
    services.consent_withdraw(case=made.case, by=world.users["coordinator"], note="aan de balie")
    assert not message.deliveries.exists()
    message.refresh_from_db()
    assert message.total == 0


def test_closing_the_case_cancels_invitations_not_yet_delivered(world: World) -> None:
    made, message = planned(world)
    sent = message.deliveries.get()
    # One invitation went out already: it stays as it was; a letter still to print does not.
    Delivery.objects.filter(pk=sent.pk).update(status=Delivery.Status.SENT)
    letter = Delivery.objects.create(
        organisation=world.org,
        message=message,
        participant=world.participant,
        channel="letter",
        language="nl",
        subject="Uitnodiging",
        body="Kom naar het gesprek.",
        status=Delivery.Status.TO_PRINT,
    )
    services.case_close(case=made.case, by=world.users["coordinator"], reason="moved", note="")
    assert list(message.deliveries.values_list("pk", flat=True)) == [sent.pk]
    assert not Delivery.objects.filter(pk=letter.pk).exists()


def test_anonymisation_empties_the_cases_messages(world: World) -> None:
    made, message = planned(world)
    assert message.deliveries.filter(body__contains="zaal 3").exists()
    services.case_close(case=made.case, by=world.users["coordinator"], reason="moved", note="")
    services.case_anonymise(case=made.case)
    message.refresh_from_db()
    assert not Delivery.objects.filter(message=message).exists()
    assert not Delivery.objects.filter(participant=world.participant).exists()
    assert message.facts == {}
    assert world.participant.name not in message.title
    assert "zaal 3" not in str(message.facts)
    assert made.case.meetings.filter(status=CaseMeeting.Status.PLANNED).count() == 1
