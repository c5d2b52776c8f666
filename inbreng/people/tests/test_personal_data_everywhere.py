"""The GDPR export and erase cover what the other apps keep about a person, too."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from conftest import Loop, World
from inbreng.participation import services as loop_services
from inbreng.participation.models import Invitation, PersonalLink
from inbreng.people.services import participant_erase


@pytest.fixture
def noted(world: World, loop: Loop) -> Loop:
    loop.group_membership.note = "Komt met een vriendin"
    loop.group_membership.save()
    loop.invitation.children = 2
    loop.invitation.interpreter_language = "Tigrinya"
    loop.invitation.save()
    return loop


def test_it_exports_groups_meetings_and_input(world: World, noted: Loop) -> None:
    response = world.client_for("coordinator").get(
        reverse("people:export_json", args=[world.participant.pk])
    )
    data = json.loads(response.content)
    assert data["groups"]["memberships"][0]["note"] == "Komt met een vriendin"
    assert data["participation"]["invitations"][0]["interpreter_language"] == "Tigrinya"
    assert data["participation"]["contributions"][0]["text"] == "Te lang."


def test_it_erases_notes_needs_and_links_but_keeps_what_was_said(world: World, noted: Loop) -> None:
    link = loop_services.link_issue(participant=world.participant, by=None)

    participant_erase(participant=world.participant, by=world.users["coordinator"])

    noted.group_membership.refresh_from_db()
    assert noted.group_membership.note == ""
    invitation = Invitation.objects.get(pk=noted.invitation.pk)
    assert (invitation.children, invitation.interpreter_language) == (0, "")
    assert PersonalLink.objects.get(pk=link.pk).revoked_at is not None
    assert loop_services.link_resolve(loop_services.link_token(link)) is None
    noted.contribution.refresh_from_db()
    assert noted.contribution.text == "Te lang."
