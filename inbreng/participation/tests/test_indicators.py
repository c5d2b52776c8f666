"""Does every voice get an answer? The loop's numbers on a small example worked out by hand."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.urls import reverse

from conftest import World
from inbreng.core.models import Service
from inbreng.core.tests.helpers import dutch, dutch_count, texts
from inbreng.groups.models import ParticipationGroup
from inbreng.participation import selectors, services
from inbreng.participation.models import FeedbackDelivery, Level, Question

from .helpers import Build, day


@dataclass
class Example:
    g1: ParticipationGroup
    g2: ParticipationGroup
    s1: Service
    s2: Service


def ask(build: Build, service: Service, title: str) -> Question:
    question = services.question_ask(
        organisation=build.world.org,
        by=build.coordinator,
        service=service,
        title=title,
        body="",
        level=Level.CONSULT,
    )
    return services.question_review(question=question, by=build.coordinator, accept=True)


def due(question: Question, days: int) -> None:
    Question.objects.filter(pk=question.pk).update(answer_due_on=day(days))


@pytest.fixture
def example(world: World, build: Build) -> Example:
    return make_example(world, build)


def make_example(world: World, build: Build) -> Example:
    """Four questions, two groups, two services.

    Q1 (service 1, group 1): discussed 20 days ago, due 5 days ago, answered today (late).
        The group spoke with a, b and c present, and a spoke too: a, b and c contributed.
        a got a letter, b read it on the page (and heard it again at a meeting); c never heard.
    Q2 (service 2, group 1): discussed 10 days ago, due in 30 days, answered today.
        b spoke, and heard it at a meeting.
    Q3 (service 2, group 2): discussed 4 days ago, due yesterday, not answered: overdue.
        e spoke.
    Q4 (service 2, group 2): discussed 2 days ago, due in 20 days, only "received" so far.
        The group spoke with e and f present; e was phoned.

    People count once each. Only input with a final answer (Q1, Q2) can be heard back:
    a, b and c; a heard by letter, b first on their page, c not. f heard about Q1 by
    letter, but was not there when Q1 was discussed: that counts for nothing.
    """
    s1 = world.service
    s2 = Service.objects.create(organisation=world.org, name="Schuldhulp")
    g1 = build.group("Groep 1")
    a, b, c = (build.member(g1, name) for name in ("A", "B", "C"))
    g2 = build.group("Groep 2")
    e, f = (build.member(g2, name) for name in ("E", "F"))

    m1 = build.held(g1, -20)
    q1 = build.schedule(m1, ask(build, s1, "Q1"))
    build.answer(q1, [build.say(m1, q1, "groep"), build.say(m1, q1, "a", participant=a)])
    due(q1, -5)

    m2 = build.held(g1, -10)
    q2 = build.schedule(m2, ask(build, s2, "Q2"))
    build.answer(q2, [build.say(m2, q2, "b", participant=b)], "not_adopted", "Nee, omdat...")
    due(q2, 30)

    m3 = build.held(g2, -4)
    q3 = build.schedule(m3, ask(build, s2, "Q3"))
    build.say(m3, q3, "e", participant=e)
    due(q3, -1)

    m4 = build.held(g2, -2)
    q4 = build.schedule(m4, ask(build, s2, "Q4"))
    build.answer(q4, [build.say(m4, q4, "groep")], "received", "")
    due(q4, 20)

    Channel = FeedbackDelivery.Channel
    for person, question, channel in [
        (a, q1, Channel.LETTER),
        (b, q1, Channel.PERSONAL_PAGE),
        (b, q1, Channel.MEETING),  # heard twice: still one person
        (b, q2, Channel.MEETING),
        (e, q4, Channel.PHONE),
        (f, q1, Channel.LETTER),  # f was not there when Q1 was discussed
    ]:
        services.feedback_record(
            participant=person, question=question, channel=channel, by=build.coordinator
        )
    assert c  # present, but never heard back
    return Example(g1, g2, s1, s2)


def numbers(indicators: selectors.Indicators) -> tuple[object, ...]:
    return (
        indicators.questions_due,
        indicators.answered_on_time_share,
        indicators.median_days_to_answer,
        indicators.contributors,
        indicators.fed_back_share,
        indicators.open_overdue,
    )


def test_it_counts_the_whole_organisation(world: World, example: Example) -> None:
    # Due: Q1, Q2 (answered), Q3 (date passed); on time: Q2 only. Days: 20 and 10.
    # Contributors: a, b, c, e, f. Answered input: a, b, c, of whom a and b heard back.
    assert numbers(selectors.indicators(world.member("coordinator"))) == (3, 33, 15, 5, 67, 1)


def test_it_counts_per_group(world: World, example: Example) -> None:
    membership = world.member("coordinator")
    assert numbers(selectors.indicators(membership, group_id=example.g1.pk)) == (
        2,
        50,
        15,
        3,
        67,
        0,
    )
    # Nothing of group 2 has a final answer yet: nobody can have heard one.
    assert numbers(selectors.indicators(membership, group_id=example.g2.pk)) == (
        1,
        0,
        None,
        2,
        None,
        1,
    )


def test_it_counts_per_service(world: World, example: Example) -> None:
    membership = world.member("coordinator")
    assert numbers(selectors.indicators(membership, service_id=example.s1.pk)) == (
        1,
        0,
        20,
        3,
        67,
        0,
    )
    assert numbers(selectors.indicators(membership, service_id=example.s2.pk)) == (
        2,
        50,
        10,
        3,
        100,
        1,
    )


def test_it_counts_nothing_for_another_organisation(world: World, example: Example) -> None:
    from inbreng.core.models import Membership

    other = Membership.objects.get(user=world.other_user)
    assert numbers(selectors.indicators(other)) == (0, None, None, 0, None, 0)


def test_it_does_not_count_a_question_as_due_on_its_last_day(world: World, build: Build) -> None:
    _group, meeting, question, people = build.discussed()
    build.say(meeting, question, participant=people[0])
    due(question, 0)
    indicators = selectors.indicators(world.member("coordinator"))
    assert (indicators.questions_due, indicators.answered_on_time_share) == (0, None)
    assert indicators.open_overdue == 0


def test_it_shows_the_numbers_on_the_page(world: World, example: Example) -> None:
    response = world.client_for("coordinator").get(reverse("participation:indicators"))
    rows = texts(response, tag="tr")
    organisation = next(r for r in rows if r.startswith(dutch("Whole organisation")))
    assert "33%" in organisation and "67%" in organisation and " 15 " in organisation
    group_1 = next(r for r in rows if r.startswith("Groep 1"))
    assert "50%" in group_1 and "67%" in group_1
    service_2 = next(r for r in rows if r.startswith("Schuldhulp"))
    assert "50%" in service_2 and "100%" in service_2
    assert dutch_count("%(counter)s overdue", "%(counter)s overdue", 1) in service_2


def test_it_shows_a_service_contact_only_their_service(world: World, example: Example) -> None:
    response = world.client_for("service_contact").get(reverse("participation:indicators"))
    rows = texts(response, tag="tr")
    assert any(r.startswith("Huisvesting") for r in rows)
    assert not any(r.startswith("Schuldhulp") for r in rows)
    assert not any(r.startswith("Groep") for r in rows)
    assert not any(dutch("Whole organisation") in r for r in rows)
