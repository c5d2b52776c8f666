"""The answer form offers waiting input a page at a time, per meeting if asked, or all of it.

A question in a city can have thousands of inputs: the form must not draw them all, and
one answer must still be able to reach all of them.
"""

from __future__ import annotations

import re
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
from inbreng.groups.services import group_save
from inbreng.participation import selectors, services
from inbreng.participation.models import Contribution, Question, Response

from .helpers import Build, at

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


def seen(response: Any) -> dict[str, str]:
    """What the drawn form remembers of what waited (its hidden fields), to send back."""
    import re

    html = response.content.decode()
    return dict(re.findall(r'<input type="hidden" name="(seen_\w+)" value="([^"]*)"', html))


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
    response = client.post(url(question), ticked(seen(page), all_waiting="on"), follow=True)
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
    """The page moved (someone answered earlier input): an id ticked on page 1 that now
    lies on page 2 is still this question's waiting input, and is answered."""
    question, said = many(build, PAGE + 3)
    client = world.client_for("service_contact")
    assert said[PAGE + 1].pk not in boxes(client.get(url(question)))
    client.post(url(question), ticked(contributions=[said[PAGE + 1].pk]))
    assert list(Response.objects.get().contributions.all()) == [said[PAGE + 1]]


def test_input_of_another_question_is_refused(world: World, build: Build) -> None:
    question, _said = many(build, 2)
    _other, other_said = many(build, 1)
    response = world.client_for("service_contact").post(
        url(question), ticked(contributions=[other_said[0].pk])
    )
    assert response.status_code == 200
    assert field_error(response, "contributions")
    assert not Response.objects.exists()


def test_input_that_arrives_while_writing_is_not_answered_unseen(
    world: World, build: Build
) -> None:
    """ "All of it" means what the form said: new input makes it ask again, text kept."""
    question, said = many(build, PAGE + 1)
    client = world.client_for("service_contact")
    drawn = client.get(url(question))
    late = build.say(said[0].meeting, question, "Net binnen", participant=said[1].participant)
    response = client.post(
        url(question), ticked(seen(drawn), all_waiting="on", explanation="Mijn tekst blijft.")
    )
    assert response.status_code == 200
    assert not Response.objects.exists()
    with translation.override("nl"):
        changed = ngettext(
            "While you wrote, the waiting input changed: now %(count)s input waits. "
            "Check the number and save again.",
            "While you wrote, the waiting input changed: now %(count)s inputs wait. "
            "Check the number and save again.",
            PAGE + 2,
        ) % {"count": PAGE + 2}
    assert field_error(response, "all_waiting") == changed
    assert "Mijn tekst blijft." in response.content.decode()
    # The redrawn form keeps the tick and now means the new number: sent again, it
    # reaches the new input too.
    assert re.search(r'<input[^>]*name="all_waiting"[^>]*checked', response.content.decode())
    assert not field_error(response, "contributions")  # one message, not two
    client.post(url(question), ticked(seen(response), all_waiting="on"))
    answered = set(Response.objects.get().contributions.values_list("pk", flat=True))
    assert answered == {c.pk for c in said} | {late.pk}


def test_all_of_one_meeting_leaves_the_other_meetings_input(world: World, build: Build) -> None:
    group, first, question, people = build.discussed(members=2)
    second = build.held(group, days=-2)
    build.schedule(second, question)
    early = [build.say(first, question, f"Eerst {n}", participant=people[0]) for n in range(2)]
    late = [
        build.say(second, question, f"Later {n}", participant=people[1]) for n in range(PAGE + 1)
    ]
    client = world.client_for("service_contact")
    drawn = client.get(url(question, bijeenkomst=second.pk))
    response = client.post(
        url(question, bijeenkomst=second.pk), ticked(seen(drawn), all_waiting="on")
    )
    answered = set(Response.objects.get().contributions.values_list("pk", flat=True))
    assert answered == {c.pk for c in late}
    # The rest still waits: back to the form, which now offers the first meeting's input.
    assert response.status_code == 302
    assert boxes(client.get(response["Location"])) == [c.pk for c in early]


def test_a_meeting_answered_meanwhile_is_not_widened_on_sending(world: World, build: Build) -> None:
    """The chosen meeting's input was answered by someone else: the form must not give
    this answer to the other meetings' input instead."""
    group, first, question, people = build.discussed(members=2)
    second = build.held(group, days=-2)
    build.schedule(second, question)
    early = [build.say(first, question, f"Eerst {n}", participant=people[0]) for n in range(2)]
    late = [build.say(second, question, f"Later {n}", participant=people[1]) for n in range(2)]
    client = world.client_for("service_contact")
    client.get(url(question, bijeenkomst=second.pk))
    build.answer(question, late, Response.Status.ADOPTED)  # someone else, meanwhile
    response = client.post(
        url(question, bijeenkomst=second.pk),
        ticked(contributions=[c.pk for c in late], explanation="Mijn tekst blijft."),
    )
    assert response.status_code == 200
    assert dutch(
        "Someone else answered this input meanwhile. Your text is still below: "
        "copy it if you need it."
    ) in text(response, cls="warning")
    assert "Mijn tekst blijft." in response.content.decode()
    still_waiting = Contribution.objects.filter(pk__in=[c.pk for c in early], response=None)
    assert still_waiting.count() == len(early)
    assert Response.objects.count() == 1


def test_another_organisations_meeting_is_not_a_filter(world: World, build: Build) -> None:
    question, said = many(build, 2)
    theirs = group_save(organisation=world.other_org, by=world.other_user, name="Elders")
    elsewhere = services.meeting_save(
        organisation=world.other_org,
        by=world.other_user,
        group=theirs,
        starts_at=at(-3),
        ends_at=at(-3, 16),
        record_past=True,
        title="Elders",
        place="Elders",
    )
    client = world.client_for("service_contact")
    assert boxes(client.get(url(question, bijeenkomst=elsewhere.pk))) == [c.pk for c in said]
    response = client.post(
        url(question, bijeenkomst=elsewhere.pk), ticked(contributions=[said[0].pk])
    )
    assert response.status_code == 200
    assert not Response.objects.exists()


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


def test_answered_meanwhile_keeps_the_text_and_saves_nothing(world: World, build: Build) -> None:
    question, said = many(build, 2)
    client = world.client_for("service_contact")
    client.get(url(question))
    build.answer(question, said, Response.Status.ADOPTED)  # someone else, meanwhile
    sent = client.post(
        url(question), ticked(contributions=[said[0].pk], explanation="Mijn lange uitleg.")
    )
    assert sent.status_code == 200
    warning = text(sent, cls="warning")
    assert dutch("Nothing was saved") in warning
    assert (
        dutch(
            "Someone else answered this input meanwhile. Your text is still below: "
            "copy it if you need it."
        )
        in warning
    )
    assert "Mijn lange uitleg." in text(sent, id="id_explanation")
    assert dutch("Save the answer") not in text(sent, tag="main")
    assert Response.objects.count() == 1  # nothing new


@pytest.mark.parametrize("count", [PAGE + 10])
def test_queries_stay_the_same_however_much_waits(world: World, build: Build, count: int) -> None:
    question, said = many(build, PAGE + 1)  # paged: "all of it" is offered
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


def test_input_answered_in_another_tab_says_so_in_plain_words(world: World, build: Build) -> None:
    question, said = many(build, 3)
    client = world.client_for("service_contact")
    client.get(url(question))
    build.answer(question, [said[0]], Response.Status.ADOPTED)  # the other tab
    response = client.post(
        url(question), ticked(contributions=[said[0].pk, said[1].pk], explanation="Blijft.")
    )
    assert field_error(response, "contributions") == dutch(
        "Someone else answered some of what you ticked meanwhile, or it was "
        "withdrawn. Nothing was saved: check your ticks and save again."
    )
    assert str(said[0].pk) not in field_error(response, "contributions")  # no internal id
    assert "Blijft." in text(response, id="id_explanation")
    assert Response.objects.count() == 1


def test_no_status_is_chosen_in_advance(world: World, build: Build) -> None:
    question, said = many(build, 2)
    client = world.client_for("service_contact")
    page = client.get(url(question)).content.decode()
    assert '<option value="" selected>' in page
    response = client.post(url(question), ticked(contributions=[said[0].pk], status=""))
    assert field_error(response, "status")
    assert not Response.objects.exists()


def test_a_chosen_meeting_says_how_much_waits_there_and_in_all(world: World, build: Build) -> None:
    group, first, question, people = build.discussed(members=2)
    second = build.held(group, days=-2)
    build.schedule(second, question)
    for n in range(2):
        build.say(first, question, f"Eerst {n}", participant=people[0])
    for n in range(PAGE + 1):
        build.say(second, question, f"Later {n}", participant=people[1])
    page = world.client_for("service_contact").get(url(question, bijeenkomst=second.pk))
    with translation.override("nl"):
        counted = ngettext(
            "%(counter)s input of this meeting waits for an answer (%(total)s in all).",
            "%(counter)s inputs of this meeting wait for an answer (%(total)s in all).",
            PAGE + 1,
        ) % {"counter": PAGE + 1, "total": PAGE + 3}
        offer = ngettext(
            "Give this answer to all %(count)s input of this meeting that waits, "
            "also on the other pages",
            "Give this answer to all %(count)s inputs of this meeting that wait, "
            "also on the other pages",
            PAGE + 1,
        ) % {"count": PAGE + 1}
    assert counted in text(page, tag="main")
    assert offer in texts(page, tag="label")


def test_all_of_it_is_the_set_drawn_not_just_as_many(world: World, build: Build) -> None:
    """Older input approved while another is answered: as many wait, but not the same
    ones. "All of it" must not reach the input the writer never saw."""
    question, said = many(build, PAGE + 2)
    late = services.contribution_submit(
        participant=said[0].participant, question=question, text="Later doorgegeven"
    )
    build.say(said[0].meeting, question, "Nieuwste", participant=said[1].participant)
    client = world.client_for("service_contact")
    drawn = client.get(url(question))
    services.contribution_review(contribution=late, approve=True, by=build.coordinator)
    build.answer(question, [said[3]], Response.Status.ADOPTED)  # same count, other set
    response = client.post(url(question), ticked(seen(drawn), all_waiting="on"))
    assert response.status_code == 200
    assert Response.objects.count() == 1  # only the other one's
    late.refresh_from_db()
    assert late.response_id is None
