"""The state pages read all the time is kept by the services, and recomputing finds no drift."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from conftest import World
from inbreng.core.tests.helpers import dutch, texts
from inbreng.participation import indicators as snapshots
from inbreng.participation import services, state
from inbreng.participation.models import Contribution, IndicatorSnapshot, Question

from .helpers import Build, day
from .test_indicators import make_example


def fresh(question: Question) -> Question:
    return Question.objects.get(pk=question.pk)


def test_every_step_of_the_loop_keeps_the_state(world: World, build: Build) -> None:
    make_example(world, build)
    assert state.recompute(fix=False) == []
    q1, q3, q4 = (Question.objects.get(title=t) for t in ("Q1", "Q3", "Q4"))
    assert (q1.live_inputs, q1.open_inputs, q1.answered_on) == (2, 0, timezone.localdate())
    assert q1.asked_on == day(-20)
    # Q3 has one input without an answer; Q4's only answer is "received", not final.
    assert (q3.live_inputs, q3.open_inputs, q3.answered_on) == (1, 1, None)
    assert (q4.live_inputs, q4.open_inputs, q4.answered_on) == (1, 1, None)


def test_withdrawing_and_reviewing_input_change_the_counts(world: World, build: Build) -> None:
    _group, meeting, question, people = build.discussed()
    said = build.say(meeting, question, "Te moeilijk", participant=people[0])
    assert fresh(question).open_inputs == 1
    services.contribution_withdraw(contribution=said)
    assert (fresh(question).live_inputs, fresh(question).open_inputs) == (0, 0)
    own = services.contribution_submit(participant=people[1], question=question, text="Ik ook")
    assert fresh(question).live_inputs == 0  # waits for the coordinator's review
    services.contribution_review(contribution=own, approve=True, by=build.coordinator)
    assert (fresh(question).live_inputs, fresh(question).open_inputs) == (1, 1)
    assert state.recompute(fix=False) == []


def test_an_answer_that_becomes_final_closes_the_question(world: World, build: Build) -> None:
    _group, meeting, question, _people = build.discussed()
    said = build.say(meeting, question, "a")
    response = services.response_create(
        question=question,
        contributions=[said],
        status="studying",
        explanation="",
        by=build.service_contact,
        expected_on=day(10),
    )
    assert fresh(question).open_inputs == 1
    services.response_update(
        response=response,
        version=response.version,
        status="adopted",
        explanation="We doen het.",
        by=build.service_contact,
        decided_on=day(-1),
    )
    assert (fresh(question).open_inputs, fresh(question).answered_on) == (0, day(-1))
    assert state.recompute(fix=False) == []


def test_saving_an_old_copy_does_not_write_old_counts_back(world: World, build: Build) -> None:
    _group, meeting, question, _people = build.discussed()
    old_copy = fresh(question)
    build.say(meeting, question, "a")
    old_copy.title = "Een nieuwe titel"
    old_copy.save()
    assert fresh(question).open_inputs == 1
    assert fresh(question).title == "Een nieuwe titel"


def test_the_command_reports_and_mends_drift(world: World, build: Build) -> None:
    _group, meeting, question, _people = build.discussed()
    build.say(meeting, question, "a")
    call_command("recompute_state", "--check")  # nothing drifted: no error
    Question.objects.filter(pk=question.pk).update(open_inputs=7)
    with pytest.raises(CommandError):
        call_command("recompute_state", "--check")
    assert fresh(question).open_inputs == 7  # --check changes nothing
    call_command("recompute_state")
    assert fresh(question).open_inputs == 1
    call_command("recompute_state", "--check")


def overdue_cell(world: World) -> str:
    response = world.client_for("coordinator").get(reverse("participation:indicators"))
    rows = texts(response, tag="tr")
    return next(r for r in rows if r.startswith(dutch("Whole organisation")))


def test_the_indicators_follow_a_change_at_once(world: World, build: Build) -> None:
    _group, meeting, question, people = build.discussed()
    Question.objects.filter(pk=question.pk).update(answer_due_on=day(-3))
    before = overdue_cell(world)
    snapshot = IndicatorSnapshot.objects.get(organisation=world.org)
    assert not snapshot.stale
    build.say(meeting, question, "Niemand antwoordt", participant=people[0])
    # The change marked the snapshot stale in its own transaction.
    assert IndicatorSnapshot.objects.get(organisation=world.org).stale
    after = overdue_cell(world)
    assert after != before
    assert not IndicatorSnapshot.objects.get(organisation=world.org).stale


def test_the_worker_computes_a_stale_snapshot_once(world: World, build: Build) -> None:
    _group, meeting, question, people = build.discussed()
    snapshots.current(world.org)
    build.say(meeting, question, "a", participant=people[0])
    assert snapshots.refresh(world.org.pk) is True
    assert snapshots.refresh(world.org.pk) is False  # nothing changed since
    figures = IndicatorSnapshot.objects.get(organisation=world.org).data["whole"]
    assert figures["contributors"] == 1


def test_a_change_in_one_organisation_leaves_the_others_snapshot(
    world: World, build: Build
) -> None:
    snapshots.current(world.org)
    snapshots.current(world.other_org)
    _group, meeting, question, people = build.discussed()
    build.say(meeting, question, "a", participant=people[0])
    assert IndicatorSnapshot.objects.get(organisation=world.org).stale
    assert not IndicatorSnapshot.objects.get(organisation=world.other_org).stale


def test_the_page_says_when_the_figures_were_computed(world: World) -> None:
    response = world.client_for("coordinator").get(reverse("participation:indicators"))
    moment = IndicatorSnapshot.objects.get(organisation=world.org).computed_at
    assert timezone.localtime(moment).strftime("%H:%M") in response.content.decode()


def test_an_approved_input_is_counted_whatever_path_saved_it(world: World, build: Build) -> None:
    """Importers and the demo save input with `save()`: the state follows them too."""
    _group, meeting, question, _people = build.discussed()
    Contribution.objects.create(
        organisation=world.org, question=question, meeting=meeting, text="Via de import"
    )
    assert fresh(question).live_inputs == 1


def test_a_snapshot_from_yesterday_is_computed_again(world: World, build: Build) -> None:
    """A question becomes overdue at midnight, without any change to the data."""
    _group, meeting, question, people = build.discussed()
    build.say(meeting, question, "a", participant=people[0])
    Question.objects.filter(pk=question.pk).update(answer_due_on=day(-1))
    snapshots.current(world.org)
    IndicatorSnapshot.objects.filter(organisation=world.org).update(
        computed_at=timezone.now() - timedelta(days=2), data={"whole": {}}
    )
    assert snapshots.current(world.org).data["whole"]["open_overdue"] == 1


def test_someone_who_heard_only_an_earlier_answer_has_not_heard_back(
    world: World, build: Build
) -> None:
    from inbreng.participation import selectors
    from inbreng.participation.models import FeedbackDelivery, Response

    _group, meeting, question, people = build.discussed()
    said = build.say(meeting, question, "a", participant=people[0])
    build.answer(question, [said], "adopted", "We doen het.")
    services.feedback_record(
        participant=people[0], question=question, channel="letter", by=None, on=day(-1)
    )
    # The letter went out before the newest answer was written: it could not hold it.
    Response.objects.filter(question=question).update(created_at=timezone.now())
    FeedbackDelivery.objects.filter(question=question).update(
        delivered_at=timezone.now() - timedelta(days=3)
    )
    figures = selectors.indicators(world.member("coordinator"))
    assert (figures.answered_contributors, figures.fed_back) == (1, 0)
    services.feedback_record(participant=people[0], question=question, channel="phone", by=None)
    assert selectors.indicators(world.member("coordinator")).fed_back == 1
