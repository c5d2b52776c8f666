"""Recording is deliberate too: attendance or input for a meeting still to come asks for a tick
first (most often the wrong meeting was chosen), and an answer cannot promise a decision on a
day that is already over. Each refusal shows next to its field and keeps what was typed."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import formats, timezone, translation

from conftest import World
from inbreng.core.tests.helpers import dutch, field_error
from inbreng.participation import services
from inbreng.participation.models import Contribution, Invitation, Meeting, Response

from .helpers import Build, day
from .test_responses import answer_post, with_input

TICK = "Tick this box to record it for a meeting still to come."
PAST = "This date is in the past. Choose today or a later day."


def still_to_come(build: Build, days: int = 5) -> tuple[Meeting, list[int]]:
    group = build.group(members=3)
    meeting = build.meeting(group, days)
    build.schedule(meeting, build.accepted("Is de folder duidelijk?"))
    services.meeting_invite_group(meeting=meeting, by=build.coordinator)
    return meeting, list(meeting.invitations.values_list("participant_id", flat=True))


def on_day(meeting: Meeting) -> str:
    with translation.override("nl"):
        return formats.date_format(timezone.localtime(meeting.starts_at), "l j F Y")


# Attendance ----------------------------------------------------------------------------------


def test_attendance_for_a_meeting_still_to_come_asks_first_and_keeps_the_ticks(
    world: World, build: Build
) -> None:
    meeting, people = still_to_come(build)
    url = reverse("participation:attendance", args=[meeting.pk])
    client = world.client_for("coordinator")

    form = client.get(url)
    assert on_day(meeting) in form.content.decode()

    refused = client.post(url, {"present": [str(people[0]), str(people[2])]})

    assert refused.status_code == 200
    assert field_error(refused, "record_future") == dutch(TICK)
    html = refused.content.decode()
    for pk, ticked in ((people[0], True), (people[1], False), (people[2], True)):
        assert (f'value="{pk}" id="present-' in html) is True
        box = html[html.index(f'value="{pk}" id="present-') :].split(">", 1)[0]
        assert ("checked" in box) is ticked, pk
    assert not Invitation.objects.filter(meeting=meeting, attended__isnull=False).exists()

    saved = client.post(url, {"present": [str(people[0])], "record_future": "on"})

    assert saved.status_code == 302
    attended = dict(
        Invitation.objects.filter(meeting=meeting).values_list("participant_id", "attended")
    )
    assert attended == {people[0]: True, people[1]: False, people[2]: False}


def test_attendance_for_a_meeting_that_took_place_saves_at_once(world: World, build: Build) -> None:
    meeting = build.held(build.group(members=2))
    person = meeting.invitations.first()
    assert person is not None
    client = world.client_for("coordinator")
    url = reverse("participation:attendance", args=[meeting.pk])

    assert 'name="record_future"' not in client.get(url).content.decode()
    response = client.post(url, {"present": [str(person.participant_id)]})

    assert response.status_code == 302
    assert meeting.invitations.filter(attended=True).count() == 1


# Input ---------------------------------------------------------------------------------------


def test_input_for_a_meeting_still_to_come_asks_first_and_keeps_the_text(
    world: World, build: Build
) -> None:
    meeting, people = still_to_come(build)
    question = meeting.agenda_items.get().question
    assert question is not None
    url = reverse("participation:contributions", args=[meeting.pk])
    client = world.client_for("coordinator")
    typed = {
        "question": question.pk,
        "text": "De letters zijn te klein voor mij.",
        "participant": people[1],
        "agreed_count": "",
        "present_count": "",
    }

    refused = client.post(url, typed)

    assert refused.status_code == 200
    assert field_error(refused, "record_future") == dutch(TICK)
    assert "De letters zijn te klein voor mij." in refused.content.decode()
    assert on_day(meeting) in refused.content.decode()
    assert not Contribution.objects.exists()

    saved = client.post(url, {**typed, "record_future": "on"})

    assert saved.status_code == 302
    assert Contribution.objects.get().text == "De letters zijn te klein voor mij."


def test_input_for_a_meeting_that_took_place_needs_no_tick(world: World, build: Build) -> None:
    _group, meeting, question, people = build.discussed()
    url = reverse("participation:contributions", args=[meeting.pk])
    response = world.client_for("coordinator").post(
        url,
        {"question": question.pk, "text": "Goed zo.", "participant": people[0].pk},
    )
    assert response.status_code == 302
    assert Contribution.objects.filter(text="Goed zo.").exists()


# An expected decision date in the past ------------------------------------------------------


def test_an_expected_decision_date_in_the_past_is_refused_and_the_input_kept(
    world: World, build: Build
) -> None:
    question, said = with_input(build, 1)
    yesterday = day(-1).isoformat()

    response = world.client_for("service_contact").post(
        reverse("participation:response_add", args=[question.pk]),
        answer_post(
            said,
            status=Response.Status.STUDYING,
            explanation="We bekijken het met de schepen.",
            expected_on=yesterday,
            decided_by="Het college",
        ),
    )

    assert response.status_code == 200
    assert field_error(response, "expected_on") == dutch(PAST)
    html = response.content.decode()
    assert f'value="{yesterday}"' in html
    assert "We bekijken het met de schepen." in html and 'value="Het college"' in html
    assert not Response.objects.exists()


def test_today_is_a_fine_expected_date(world: World, build: Build) -> None:
    question, said = with_input(build, 1)
    response = world.client_for("service_contact").post(
        reverse("participation:response_add", args=[question.pk]),
        answer_post(
            said,
            status=Response.Status.STUDYING,
            explanation="We bekijken het.",
            expected_on=day(0).isoformat(),
        ),
    )
    assert response.status_code == 302
    assert Response.objects.get().expected_on == day(0)


def test_the_service_refuses_a_past_expected_date_too(build: Build) -> None:
    question, said = with_input(build, 1)
    with pytest.raises(ValidationError) as refused:
        build.answer(
            question, said, Response.Status.STUDYING, "We bekijken het.", expected_on=day(-3)
        )
    assert refused.value.message_dict["expected_on"] == [dutch(PAST)]


def test_an_answer_being_studied_whose_day_passed_is_given_a_new_day_or_a_decision(
    world: World, build: Build
) -> None:
    """Studied until last week: changing it needs a new day, unless it is now decided."""
    question, said = with_input(build, 1)
    studied = build.answer(
        question, said, Response.Status.STUDYING, "We bekijken het.", expected_on=day(3)
    )
    Response.objects.filter(pk=studied.pk).update(expected_on=day(-7))
    client = world.client_for("service_contact")
    url = reverse("participation:response_edit", args=[studied.pk])
    old = day(-7).isoformat()

    still = client.post(
        url,
        {"status": "studying", "explanation": "Nog even.", "expected_on": old, "version": 1},
    )
    decided = client.post(
        url,
        {"status": "adopted", "explanation": "We doen het.", "expected_on": old, "version": 1},
    )

    assert field_error(still, "expected_on") == dutch(PAST)
    assert decided.status_code == 302
    assert Response.objects.get().status == Response.Status.ADOPTED
