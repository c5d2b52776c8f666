"""Findings of the security review, kept fixed."""

from __future__ import annotations

from django.urls import reverse

from conftest import Loop, World
from inbreng.core.models import Service
from inbreng.participation import services
from inbreng.participation.models import Contribution, Level, Trajectory

from .helpers import open_personal_page


def test_it_shows_a_service_contact_only_their_own_services_trajectories(
    world: World, loop: Loop
) -> None:
    other_service = Service.objects.create(organisation=world.org, name="Vrije tijd")
    other = Trajectory.objects.create(
        organisation=world.org,
        title="Zomerkampen",
        purpose="Geheim plan",
        service=other_service,
        level=Level.CONSULT,
        starts_on=loop.trajectory.starts_on,
    )
    client = world.client_for("service_contact")

    assert client.get(reverse("participation:trajectory", args=[other.pk])).status_code == 404
    listing = client.get(reverse("participation:trajectories")).content.decode()
    assert "Zomerkampen" not in listing
    assert loop.trajectory.title in listing
    ask = client.get(reverse("participation:question_ask")).content.decode()
    assert "Zomerkampen" not in ask


def test_it_keeps_answered_input_that_a_participant_tries_to_take_back(
    world: World, loop: Loop
) -> None:
    from django.test import Client

    link = services.link_issue(participant=world.participant, by=None)
    phone = Client()
    open_personal_page(phone, services.link_path(link))

    response = phone.post(reverse("participation:my_withdraw", args=[loop.contribution.pk]))

    assert response.status_code == 404
    assert Contribution.objects.get(pk=loop.contribution.pk).withdrawn_at is None


def test_it_keeps_the_token_out_of_the_path(world: World) -> None:
    link = services.link_issue(participant=world.participant, by=None)
    path = services.link_path(link)
    assert path.startswith(reverse("participation:open_link") + "?t=")
    assert services.link_token(link) not in path.split("?")[0]


def test_it_refuses_to_answer_input_that_was_answered_meanwhile(world: World, loop: Loop) -> None:
    import pytest
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.response_create(
            question=loop.question,
            contributions=[loop.contribution],
            status="done",
            explanation="",
            by=world.users["service_contact"],
        )
