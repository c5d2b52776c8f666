"""Pairs: each thing a participant (or their group) said, with its own answer right under it,
on the personal page, the per-person letter and the meeting's feedback overview."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from conftest import World
from inbreng.core.models import Organisation
from inbreng.core.tests.helpers import dutch, text, texts
from inbreng.participation import services
from inbreng.participation.models import Contribution, Response
from inbreng.participation.translations import translation_save

from .feedback_world import (
    ANSWER_GROUP_1,
    ANSWER_MINE_1,
    ANSWER_SHARED,
    ARABIC_ANSWER,
    ARABIC_TITLE,
    DECIDED_BY,
    GROUP_1,
    GROUP_2,
    MINE_1,
    MINE_2,
    Answered,
    answered,
    in_arabic,
    in_language,
    page_of,
    pdf_text,
    shows,
    squeezed,
    status_words,
)
from .helpers import Build, count_queries

PAGE = reverse("participation:my_page")


@pytest.fixture
def found(world: World, build: Build) -> Answered:
    return answered(world, build)


def positions(haystack: str, *needles: str) -> list[int]:
    """Where each text first appears; fails on a missing one."""
    found = []
    for needle in needles:
        index = haystack.find(needle)
        assert index >= 0, f"{needle!r} is missing"
        found.append(index)
    return found


def letter(world: World, found: Answered) -> str:
    response = world.client_for("coordinator").get(
        reverse("participation:letter", args=[found.anouk.pk])
    )
    assert response.status_code == 200
    return pdf_text(response.content)


# The personal page ---------------------------------------------------------------------------


def test_each_answer_comes_right_after_its_own_input_on_the_page(found: Answered) -> None:
    main = text(page_of(found.anouk).get(PAGE), tag="main")
    mine, answer_mine, group, answer_group = positions(
        main, MINE_1, ANSWER_MINE_1, GROUP_1, ANSWER_GROUP_1
    )
    # What Anouk said, then its answer; then what the group said, then that answer.
    assert mine < answer_mine < group < answer_group
    # Each answer says whose input it answers, and what it means in plain words.
    assert dutch("The answer to what you said:") in main[mine:group]
    assert status_words("adopted") in main[answer_mine - 200 : group]
    assert dutch("The answer to what the group said:") in main[group:]
    assert status_words("not_adopted") in main[group:]
    assert DECIDED_BY in main[answer_mine:group]


def test_a_shared_answer_says_it_covers_what_you_and_the_group_said(found: Answered) -> None:
    response = page_of(found.anouk).get(PAGE)
    section = next(s for s in texts(response, tag="section") if MINE_2 in s)
    mine, group, answer = positions(section, MINE_2, GROUP_2, ANSWER_SHARED)
    assert mine < group < answer
    covers = dutch("This answer is about what you said and about what the group said.")
    assert covers in section
    assert section.index(covers) > group
    # Still being studied: the person reads when the decision comes.
    assert status_words("studying") in section
    assert found.shared.expected_on is not None
    assert found.shared.expected_on.strftime("%Y") in section
    # Only once: one answer for both inputs, not the same answer twice.
    assert section.count(ANSWER_SHARED) == 1


def test_the_page_shows_whom_to_call(world: World, found: Answered) -> None:
    Organisation.objects.filter(pk=world.org.pk).update(
        contact_phone="09 123 45 67", contact_hours="maandag tot vrijdag, 9 tot 12 uur"
    )
    call_us = text(page_of(found.anouk).get(PAGE), cls="call-us")
    assert "09 123 45 67" in call_us
    assert "maandag tot vrijdag, 9 tot 12 uur" in call_us
    assert world.users["social_worker"].display_name() in call_us


def test_own_input_waiting_for_review_stays_and_can_be_taken_back(
    build: Build, found: Answered
) -> None:
    later = build.schedule(
        build.meeting(found.meeting.group, 10), build.accepted("Welke uren passen jou?")
    )
    services.contribution_submit(participant=found.anouk, question=later, text="Na vijf uur.")
    response = page_of(found.anouk).get(PAGE)
    section = next(s for s in texts(response, tag="section") if "Na vijf uur." in s)
    assert dutch("the coordinator reads it first") in section
    mine = Contribution.objects.get(text="Na vijf uur.")
    assert reverse("participation:my_withdraw", args=[mine.pk]) in response.content.decode()
    # Answered input cannot be taken back: the answer would lose what it answers.
    assert reverse("participation:my_withdraw", args=[found.mine_1.pk]) not in (
        response.content.decode()
    )


def test_an_arabic_participant_reads_the_translation_with_the_dutch_original(
    world: World, found: Answered
) -> None:
    in_arabic(world, found)
    response = page_of(found.anouk).get(PAGE)
    html = response.content.decode()
    # The translated question and answer, in Arabic, right to left.
    assert re.search(
        rf'<h3 id="my-q-{found.flyer.pk}" lang="ar" dir="rtl">{ARABIC_TITLE}</h3>', html
    )
    assert f'<p lang="ar" dir="rtl">{ARABIC_ANSWER}</p>' in html
    # The Dutch original one tap away, marked as Dutch, left to right.
    originals = re.findall(
        r'<details class="original"><summary>([^<]+)</summary><p lang="nl" dir="ltr">([^<]+)</p>',
        html,
    )
    assert (in_language("ar", "Show the question in Dutch"), found.flyer.title) in originals
    assert (in_language("ar", "Show the answer in Dutch"), ANSWER_MINE_1) in originals
    # Not translated yet: the Dutch text shows as Dutch, left to right, inside the Arabic page.
    assert f'<p lang="nl" dir="ltr">{ANSWER_GROUP_1}</p>' in html
    assert (
        f'<h3 id="my-q-{found.waiting_room.pk}" lang="nl" dir="ltr">{found.waiting_room.title}'
        in html
    )
    # The status in Arabic words.
    assert status_words("adopted", "ar") in text(response, tag="main")


def test_the_personal_page_reads_the_same_whatever_the_number_of_inputs(
    world: World, build: Build, found: Answered
) -> None:
    in_arabic(world, found)
    client = page_of(found.anouk)
    few = count_queries(client, PAGE)
    for n in range(12):
        question = build.schedule(found.meeting, build.accepted(f"Extra vraag {n}"))
        said = [
            build.say(found.meeting, question, f"Ik zeg {n}.", participant=found.anouk),
            build.say(found.meeting, question, f"Wij zeggen {n}."),
        ]
        response = build.answer(question, said[: 1 + n % 2], "partly", f"Uitleg {n}.")
        translation_save(
            organisation=world.org,
            language="ar",
            response=response,
            text="شرح",
            translator="partner",
            reviewed=False,
            by=build.coordinator,
        )
    main = text(client.get(PAGE), tag="main")
    assert "Wij zeggen 11." in main
    assert count_queries(client, PAGE) == few


# The per-person letter -----------------------------------------------------------------------


def test_the_letter_puts_each_answer_right_after_its_own_input(
    world: World, found: Answered
) -> None:
    words = letter(world, found)
    mine, answer_mine, group, answer_group = positions(
        words, MINE_1, ANSWER_MINE_1, GROUP_1, ANSWER_GROUP_1
    )
    assert mine < answer_mine < group < answer_group
    assert status_words("adopted") in words[mine:group]
    assert status_words("not_adopted") in words[group:]
    assert DECIDED_BY in words[answer_mine:group]
    mine_2, group_2, shared = positions(words, MINE_2, GROUP_2, ANSWER_SHARED)
    assert mine_2 < group_2 < shared
    covers = dutch("This answer is about what you said and about what the group said.")
    assert covers in words
    assert group_2 < words.index(covers) < shared


def test_the_arabic_letter_holds_the_translation_and_the_dutch_original(
    world: World, found: Answered
) -> None:
    in_arabic(world, found)
    words = letter(world, found)
    assert shows(words, ARABIC_TITLE)
    assert shows(words, ARABIC_ANSWER)
    assert shows(words, status_words("adopted", "ar"))
    # The Dutch original stays on paper, for whoever helps the person read it.
    assert squeezed(found.flyer.title) in squeezed(words)
    assert squeezed(ANSWER_MINE_1) in squeezed(words)


def test_the_letter_reads_the_same_whatever_the_number_of_inputs(
    world: World, build: Build, found: Answered
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = world.client_for("coordinator")
    url = reverse("participation:letter", args=[found.anouk.pk])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    queries()
    few = queries()
    for n in range(6):
        question = build.schedule(found.meeting, build.accepted(f"Extra vraag {n}"))
        said = build.say(found.meeting, question, f"Ik zeg {n}.", participant=found.anouk)
        build.answer(question, [said], "done", f"Uitleg {n}.")
    assert queries() == few


# The meeting's feedback overview (staff) ------------------------------------------------------


def test_the_overview_pairs_each_input_with_its_answer_and_names_nobody(
    world: World, found: Answered
) -> None:
    response = world.client_for("coordinator").get(
        reverse("participation:meeting_feedback", args=[found.meeting.pk])
    )
    sections = texts(response, tag="section")
    flyer = next(s for s in sections if s.startswith(found.flyer.title))
    mine, answer_mine, group, answer_group = positions(
        flyer, MINE_1, ANSWER_MINE_1, GROUP_1, ANSWER_GROUP_1
    )
    assert mine < answer_mine < group < answer_group
    waiting_room = next(s for s in sections if s.startswith(found.waiting_room.title))
    assert waiting_room.count(ANSWER_SHARED) == 1
    assert dutch("One answer to all of this:") in waiting_room
    assert "Anouk" not in response.content.decode()


def test_the_staff_page_of_a_participant_shows_the_pairs(world: World, found: Answered) -> None:
    response = world.client_for("social_worker").get(
        reverse("participation:participant_loop", args=[found.anouk.pk])
    )
    block = " ".join(t for t in texts(response, cls="contribution"))
    mine, group = positions(block, MINE_1, GROUP_1)
    adopted, not_adopted = positions(
        block, status_words(Response.Status.ADOPTED), status_words(Response.Status.NOT_ADOPTED)
    )
    assert mine < adopted < group < not_adopted
