"""The answer form offers waiting input a page at a time, per meeting if asked, or all of it.

A question in a city can have thousands of inputs: the form must not draw them all, and
one answer must still be able to reach all of them.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext

from conftest import World
from inbreng.core.tests.helpers import (
    dutch,
    dutch_count,
    field_error,
    messages_shown,
    text,
    texts,
)
from inbreng.participation import selectors, services
from inbreng.participation.models import Contribution, Question, Response

from .helpers import Build

PAGE = selectors.INPUT_PAGE_SIZE


def url(question: Question, **query: Any) -> str:
    base = reverse("participation:response_add", args=[question.pk])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def ticked(data: dict[str, Any] | None = None, **overrides: Any) -> dict[str, Any]:
    post: dict[str, Any] = {
        "status": Response.Status.ADOPTED,
        "explanation": "We maken de letters groter.",
        "decided_by": "",
        "decided_on": "",
        "expected_on": "",
    }
    post.update(data or {})
    post.update(overrides)
    return post


def pseudonym(index: int) -> str:
    with translation.override("nl"):
        return gettext("Participant %(letter)s") % {"letter": "ABC"[index]}


def boxes(response: Any) -> list[int]:
    """The input ids the form offers as check boxes, in order."""
    import re

    html = response.content.decode()
    return [int(v) for v in re.findall(r'name="contributions" value="(\d+)"', html)]


def many(build: Build, count: int) -> tuple[Question, list[Contribution]]:
    _group, meeting, question, people = build.discussed(members=3)
    said = [
        build.say(meeting, question, f"Opmerking {n}", participant=people[n % 3])
        for n in range(count)
    ]
    return question, said


def test_it_offers_waiting_input_a_page_at_a_time(world: World, build: Build) -> None:
    question, said = many(build, PAGE + 5)
    build.answer(question, [said[0]], Response.Status.ADOPTED)  # answered: not offered again
    client = world.client_for("service_contact")
    first = client.get(url(question))
    assert boxes(first) == [c.pk for c in said[1 : PAGE + 1]]
    waits = dutch_count(
        "%(counter)s input waits for an answer.", "%(counter)s inputs wait for an answer.", PAGE + 4
    )
    assert waits in text(first, tag="main")
    second = client.get(url(question, pagina=2))
    assert boxes(second) == [c.pk for c in said[PAGE + 1 :]]
    # Staff who do not see names see the same pseudonym on every page: the second page's
    # first input is the third member's ("Participant C"), as it is on the question page.
    offered = text(second, id="id_contributions")
    assert f"Opmerking {PAGE + 1} ({pseudonym(2)})" in offered


def test_one_answer_reaches_all_waiting_input_across_pages(world: World, build: Build) -> None:
    question, said = many(build, PAGE + 3)
    client = world.client_for("service_contact")
    page = client.get(url(question))
    assert len(boxes(page)) == PAGE
    with translation.override("nl"):
        offer = ngettext(
            "Give this answer to all %(count)s input that waits, also on the other pages",
            "Give this answer to all %(count)s inputs that wait, also on the other pages",
            PAGE + 3,
        ) % {"count": PAGE + 3}
    assert offer in texts(page, tag="label")
    response = client.post(url(question), ticked(all_waiting="on"), follow=True)
    assert messages_shown(response) == dutch("Your answer is saved. The participants will hear it.")
    answer = Response.objects.get()
    assert sorted(answer.contributions.values_list("pk", flat=True)) == sorted(c.pk for c in said)
    assert services.question_is_answered(question)


def test_ticked_input_from_this_page_alone_is_answered(world: World, build: Build) -> None:
    question, said = many(build, PAGE + 3)
    client = world.client_for("service_contact")
    client.post(url(question), ticked(contributions=[said[2].pk, said[4].pk]))
    answer = Response.objects.get()
    assert sorted(answer.contributions.values_list("pk", flat=True)) == [said[2].pk, said[4].pk]
    assert not services.question_is_answered(question)
    # What is answered is no longer offered; the rest moves up.
    assert said[2].pk not in boxes(client.get(url(question)))
    assert len(boxes(client.get(url(question)))) == PAGE


def test_nothing_ticked_says_so_and_keeps_the_text(world: World, build: Build) -> None:
    question, _said = many(build, PAGE + 1)
    response = world.client_for("service_contact").post(
        url(question), ticked(explanation="Mijn uitleg blijft staan.")
    )
    assert response.status_code == 200
    assert field_error(response, "contributions") == dutch(
        "Choose the input you answer, or give the answer to all of it."
    )
    assert "Mijn uitleg blijft staan." in response.content.decode()
    assert not Response.objects.exists()


def test_input_shifted_off_the_page_meanwhile_is_still_accepted(world: World, build: Build) -> None:
    """The page moved (someone answered earlier input): the ids ticked are still valid."""
    question, said = many(build, PAGE + 3)
    client = world.client_for("service_contact")
    client.post(url(question, pagina=2), ticked(contributions=[said[PAGE + 1].pk]))
    assert list(Response.objects.get().contributions.all()) == [said[PAGE + 1]]


def test_input_from_one_meeting_can_be_answered_on_its_own(world: World, build: Build) -> None:
    group, first, question, people = build.discussed(members=2)
    second = build.held(group, days=-2)
    build.schedule(second, question)
    early = [build.say(first, question, f"Eerst {n}", participant=people[0]) for n in range(2)]
    late = [build.say(second, question, f"Later {n}", participant=people[1]) for n in range(3)]
    client = world.client_for("service_contact")
    page = client.get(url(question))
    assert text(page, id="meeting-filter")  # two meetings: a choice
    only_late = client.get(url(question, bijeenkomst=second.pk))
    assert boxes(only_late) == [c.pk for c in late]
    client.post(url(question, bijeenkomst=second.pk), ticked(contributions=[c.pk for c in late]))
    assert sorted(Response.objects.get().contributions.values_list("pk", flat=True)) == sorted(
        c.pk for c in late
    )
    assert boxes(client.get(url(question))) == [c.pk for c in early]


def test_a_meeting_of_no_waiting_input_shows_all(world: World, build: Build) -> None:
    question, said = many(build, 2)
    response = world.client_for("service_contact").get(url(question, bijeenkomst=987654))
    assert boxes(response) == [c.pk for c in said]
    bad = world.client_for("service_contact").get(url(question, bijeenkomst="abc"))
    assert bad.status_code == 404


def test_with_nothing_waiting_it_says_so_and_offers_no_form(world: World, build: Build) -> None:
    question, said = many(build, 2)
    build.answer(question, said, Response.Status.ADOPTED)
    client = world.client_for("service_contact")
    page = client.get(url(question))
    assert page.status_code == 200
    assert (
        text(page, tag="main").count(
            dutch("All input on this question has an answer. Nothing is waiting.")
        )
        == 1
    )
    assert 'name="status"' not in page.content.decode()  # no answer form
    sent = client.post(url(question), ticked(contributions=[said[0].pk]))
    assert sent.status_code == 200
    assert Response.objects.count() == 1  # nothing new


@pytest.mark.parametrize("count", [PAGE + 10])
def test_queries_stay_the_same_however_much_waits(world: World, build: Build, count: int) -> None:
    question, said = many(build, 3)
    client = world.client_for("service_contact")
    client.get(url(question))

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url(question)).status_code == 200
        return len(captured)

    few = queries()
    _group, meeting, *_ = build.discussed(members=1)
    build.schedule(meeting, question)
    for n in range(count):
        build.say(meeting, question, f"Meer {n}", participant=said[0].participant)
    assert queries() == few
