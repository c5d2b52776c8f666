"""What a participant and staff read on the pages of the last metre, read back as they see it.

A new answer after the person heard back is the first thing on their page, and staff see
they were not told yet; the send preview names the answers people will read in Dutch; a
dropdown's empty choice and "(optional)" say what is true, in Dutch; dates are written one
way, with the weekday.
"""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone, translation

from conftest import World
from inbreng.core import dates
from inbreng.core.tests.helpers import dutch, dutch_count, text, texts
from inbreng.participation import services
from inbreng.participation.models import (
    Contribution,
    FeedbackDelivery,
    Meeting,
    Response,
)
from inbreng.people.models import Participant

from .feedback_world import answered, in_arabic
from .helpers import Build, open_personal_page

PAGE = reverse("participation:my_page")
NEW = ("There is a new answer to what you said", "There are new answers to what you said")


def link_url(participant: Participant) -> str:
    return services.link_path(services.link_issue(participant=participant, by=None))


def opened(participant: Participant) -> Client:
    client = Client()
    assert open_personal_page(client, link_url(participant)).status_code == 302
    return client


class Story:
    """Anouk heard back by letter three days ago; today her second input got its answer."""

    def __init__(self, world: World, build: Build) -> None:
        _group, self.meeting, self.question, people = build.discussed()
        self.person = people[0]
        first = build.say(
            self.meeting, self.question, "De letters zijn te klein.", participant=self.person
        )
        answer = build.answer(
            self.question, [first], Response.Status.ADOPTED, "We maken ze groter."
        )
        Response.objects.filter(pk=answer.pk).update(created_at=timezone.now() - timedelta(days=5))
        FeedbackDelivery.objects.create(
            organisation=world.org,
            participant=self.person,
            question=self.question,
            channel=FeedbackDelivery.Channel.LETTER,
            delivered_at=timezone.now() - timedelta(days=3),
        )
        self.second: Contribution = build.say(
            self.meeting, self.question, "Het papier is te dun.", participant=self.person
        )

    def new_answer(self, build: Build) -> Response:
        return build.answer(
            self.question, [self.second], Response.Status.PARTLY, "We kiezen dikker papier."
        )


# 1. A new answer after the person heard back -----------------------------------------------


def test_a_new_answer_after_feedback_is_the_first_thing_on_the_persons_page(
    world: World, build: Build
) -> None:
    story = Story(world, build)
    assert text(opened(story.person).get(PAGE), cls="new-answers") == ""

    story.new_answer(build)
    page = opened(story.person).get(PAGE)

    assert texts(page, tag="h2")[0] == dutch_count(*NEW, 1)
    new = text(page, cls="new-answers")
    assert story.question.title in new
    assert f'href="#my-q-{story.question.pk}"' in page.content.decode()
    # The question itself says its answer is new.
    assert text(page, cls="new-answer") == dutch("New answer")
    # Read on her page now: the next time she opens it, it is no longer new.
    assert text(opened(story.person).get(PAGE), cls="new-answers") == ""


def test_staff_see_the_person_was_not_told_about_the_new_answer(world: World, build: Build) -> None:
    story = Story(world, build)
    coordinator = world.client_for("coordinator")
    loop = reverse("participation:participant_loop", args=[story.person.pk])
    assert text(coordinator.get(loop), id="not-told") == ""

    story.new_answer(build)
    before = coordinator.get(loop)
    opened(story.person)
    after = coordinator.get(loop)

    warning = text(before, id="not-told")
    assert story.person.first_name in warning
    assert story.question.title in warning
    assert dutch("before the new answer") in text(before, tag="table")
    # Reading the page told her: the list says so.
    assert text(after, id="not-told") == ""


# 4. The send preview names the answers people will read in Dutch ---------------------------


def test_the_feedback_preview_names_the_answers_without_a_translation(
    world: World, build: Build
) -> None:
    found = answered(world, build)
    in_arabic(world, found)  # the flyer question and Anouk's first answer are translated

    preview = world.client_for("coordinator").post(
        reverse("participation:meeting_message", args=[found.meeting.pk]), {"kind": "feedback"}
    )

    assert preview.status_code == 200
    html = preview.content.decode()
    in_dutch = text(preview, id="in-dutch")
    assert "Anouk Tanghe" in in_dutch
    # The group's answer on the flyer and the shared answer have no Arabic translation.
    for response in (found.answer_group_1, found.shared):
        assert f'data-untranslated-answer="{response.pk}"' in html
        link = reverse("participation:response_translate", args=[response.pk, "ar"])
        assert f'href="{link}"' in html
    assert f'data-untranslated-answer="{found.answer_mine_1.pk}"' not in html
    assert found.waiting_room.title in in_dutch


# 8. Dropdowns and "(optional)" -------------------------------------------------------------


def options(html: str, select_id: str) -> list[str]:
    start = html.index(f'id="{select_id}"')
    block = html[start : html.index("</select>", start)]
    return [" ".join(t.split()) for t in texts(block, tag="option")]


def test_a_dropdowns_empty_choice_is_in_dutch(world: World) -> None:
    page = world.client_for("coordinator").get(reverse("people:add"))

    first = options(page.content.decode(), "id_social_worker")[0]

    assert first == dutch("- Select an option -")
    with translation.override("nl"):
        assert translation.gettext("- Select an option -") != "- Select an option -"
    assert "---------" not in first


def test_a_field_required_in_some_cases_is_not_called_optional(world: World, build: Build) -> None:
    _group, meeting, question, _people = build.discussed()
    build.say(meeting, question)  # input that waits: the form is drawn
    page = world.client_for("coordinator").get(
        reverse("participation:response_add", args=[question.pk])
    )

    optional = dutch("(optional)")
    labels = {t.split(optional)[0].strip(): optional in t for t in texts(page, tag="label")}
    explanation = dutch("Explanation for the participants")
    assert explanation in labels, labels
    # "Required when not or partly adopted": never "(optional)".
    assert labels[explanation] is False
    # A field that really may stay empty still says so.
    assert labels[dutch("Who decided")] is True


# 9. One way to write a day ----------------------------------------------------------------


def test_the_personal_page_writes_a_meeting_day_with_weekday_and_year(
    world: World, build: Build
) -> None:
    group = build.group("Dagen")
    person = build.member(group, "Dina Dag")
    meeting: Meeting = build.meeting(group, 9)
    services.meeting_invite_group(meeting=meeting, by=build.coordinator)

    page = opened(person).get(PAGE)

    with translation.override("nl"):
        day = dates.long_date(meeting.starts_at)
    assert day in text(page, id=f"meeting-{meeting.invitations.get().pk}")
    assert str(timezone.localtime(meeting.starts_at).year) in day


# 2. The meeting's feedback overview does not promise a day that is over --------------------


def test_the_meetings_feedback_overview_says_late_for_a_day_that_is_over(
    world: World, build: Build
) -> None:
    found = answered(world, build)
    over = timezone.localdate() - timedelta(days=1)
    # Decided to be studied until yesterday; today there is still no decision.
    Response.objects.filter(pk=found.shared.pk).update(expected_on=over)

    page = world.client_for("coordinator").get(
        reverse("participation:meeting_feedback", args=[found.meeting.pk])
    )

    main = text(page, tag="main")
    assert dutch("The decision is late. We will let you know as soon as possible.") in main
    with translation.override("nl"):
        for shown in (dates.long_date(over), formats.date_format(over, "j F Y")):
            assert shown not in main
