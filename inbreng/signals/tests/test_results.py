"""Results and milestones: kept stalled flags, the pages, bad input and query budgets."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from conftest import Loop, World
from inbreng.core.models import Membership, Service, User
from inbreng.participation.models import Response
from inbreng.signals.models import Milestone, Result
from inbreng.signals.results import services
from inbreng.signals.results.tasks import recompute_stalled_results

TODAY = timezone.localdate


def make(world: World, loop: Loop, **fields: Any) -> Result:
    fields.setdefault("title", "Kortere brieven")
    fields.setdefault("meaning", "De brieven worden korter. Klaar in maart.")
    fields.setdefault("due_on", TODAY() + timedelta(days=30))
    fields.setdefault("service", world.service)
    return services.result_create(
        organisation=world.org, by=world.users["coordinator"], response=loop.response, **fields
    )


def milestone(result: Result, world: World, days: int, done: bool = False) -> Milestone:
    return services.milestone_save(
        result=result,
        by=world.users["coordinator"],
        what="Tekst nalezen met de groep",
        who="Dienst Huisvesting",
        due_on=TODAY() + timedelta(days=days),
        done_on=TODAY() if done else None,
    )


# The kept flag ----------------------------------------------------------------------------


def test_it_is_not_stalled_before_its_date(world: World, loop: Loop) -> None:
    assert make(world, loop).stalled is False


def test_it_is_stalled_past_its_date_and_not_done(world: World, loop: Loop) -> None:
    result = make(world, loop, due_on=TODAY() - timedelta(days=1))
    assert Result.objects.get(pk=result.pk).stalled is True


def test_done_is_never_stalled_and_reads_full_progress(world: World, loop: Loop) -> None:
    result = make(world, loop, due_on=TODAY() - timedelta(days=1))
    services.result_update_progress(
        result=result, by=world.users["coordinator"], status="done", progress=60, due_on=None
    )
    result.refresh_from_db()
    assert result.stalled is False and result.progress == 100


def test_a_late_milestone_stalls_the_result_until_it_is_done(world: World, loop: Loop) -> None:
    result = make(world, loop)
    late = milestone(result, world, -2)
    assert Result.objects.get(pk=result.pk).stalled is True
    services.milestone_save(
        result=result,
        by=world.users["coordinator"],
        milestone=late,
        what=late.what,
        who=late.who,
        due_on=late.due_on,
        done_on=TODAY(),
    )
    assert Result.objects.get(pk=result.pk).stalled is False


def test_the_daily_task_flags_results_whose_dates_passed(world: World, loop: Loop) -> None:
    make(world, loop, title="Op tijd")
    passing = make(world, loop, title="Datum voorbij")
    with_milestone = make(world, loop, title="Mijlpaal")
    milestone(with_milestone, world, 3)
    Result.objects.filter(pk=passing.pk).update(due_on=TODAY() - timedelta(days=1))
    Milestone.objects.filter(result=with_milestone).update(due_on=TODAY() - timedelta(days=1))
    assert recompute_stalled_results.call() == 2
    flags = dict(Result.objects.values_list("title", "stalled"))
    assert flags == {"Op tijd": False, "Datum voorbij": True, "Mijlpaal": True}
    # A date put back in the future lifts the flag the next day.
    Result.objects.filter(pk=passing.pk).update(due_on=TODAY() + timedelta(days=5))
    assert services.results_recompute_stalled() == 1
    assert Result.objects.get(pk=passing.pk).stalled is False


# Bad input --------------------------------------------------------------------------------


def test_it_refuses_a_result_from_an_answer_that_adopted_nothing(world: World, loop: Loop) -> None:
    Response.objects.filter(pk=loop.response.pk).update(status=Response.Status.NOT_ADOPTED)
    loop.response.refresh_from_db()
    with pytest.raises(ValidationError):
        make(world, loop)
    assert not Result.objects.exists()


def test_it_refuses_personal_data_in_the_words_for_participants(world: World, loop: Loop) -> None:
    with pytest.raises(ValidationError) as error:
        make(world, loop, meaning="Bel Anouk op 0470 12 34 56.")
    assert "meaning" in error.value.message_dict


def test_the_form_keeps_what_was_typed_and_says_what_is_wrong(world: World, loop: Loop) -> None:
    client = world.client_for("coordinator")
    response = client.post(
        reverse("signals:result_add"),
        {
            "source": f"r{loop.response.pk}",
            "title": "Kortere brieven",
            "meaning": "Mail naar iemand@example.org",
            "status": "planned",
            "progress": "150",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kortere brieven" in html and "iemand@example.org" in html
    assert 'class="field-error"' in html
    assert not Result.objects.exists()


def test_a_milestone_cannot_be_done_in_the_future(world: World, loop: Loop) -> None:
    result = make(world, loop)
    client = world.client_for("service_contact")
    response = client.post(
        reverse("signals:milestone_add", kwargs={"pk": result.pk}),
        {"what": "Drukken", "who": "", "due_on": "2026-01-01", "done_on": "2099-01-01"},
    )
    assert response.status_code == 200
    assert "Drukken" in response.content.decode()
    assert not Milestone.objects.exists()


# Pages ------------------------------------------------------------------------------------


def test_a_service_contact_updates_the_progress_of_its_own_result(world: World, loop: Loop) -> None:
    result = make(world, loop)
    client = world.client_for("service_contact")
    response = client.post(
        reverse("signals:result_edit", kwargs={"pk": result.pk}),
        {
            "title": result.title,
            "meaning": result.meaning,
            "status": "in_progress",
            "progress": "70",
            "due_on": (TODAY() + timedelta(days=10)).isoformat(),
        },
    )
    assert response.status_code == 302
    detail = client.get(reverse("signals:result", kwargs={"pk": result.pk})).content.decode()
    assert "70%" in detail


def test_a_contact_of_another_service_cannot_update_it(world: World, loop: Loop) -> None:
    other = Service.objects.create(organisation=world.org, name="Schuldhulp")
    user = User.objects.create_user(username="schuld", password="a-long-test-password")
    Membership.objects.create(
        organisation=world.org, user=user, is_service_contact=True, service=other
    )
    result = make(world, loop)
    from django.test import Client

    from conftest import verified_login

    client = verified_login(Client(), user)
    assert client.get(reverse("signals:result", kwargs={"pk": result.pk})).status_code == 200
    assert client.get(reverse("signals:result_edit", kwargs={"pk": result.pk})).status_code == 403


def test_the_list_filters_on_stalled_status_and_service(world: World, loop: Loop) -> None:
    make(world, loop, title="Loopt op schema")
    make(world, loop, title="Zit vast", due_on=TODAY() - timedelta(days=2))
    other = Service.objects.create(organisation=world.org, name="Schuldhulp")
    make(world, loop, title="Andere dienst", service=other)
    client = world.client_for("policy_maker")
    url = reverse("signals:results")
    stalled = client.get(url, {"stalled": "1"}).content.decode()
    assert "Zit vast" in stalled and "Loopt op schema" not in stalled
    by_service = client.get(url, {"service": str(other.pk)}).content.decode()
    assert "Andere dienst" in by_service and "Zit vast" not in by_service
    planned = client.get(url, {"status": "done"}).content.decode()
    assert "Zit vast" not in planned
    # Nonsense in the filters shows everything, never an error.
    assert client.get(url, {"service": "x'--", "status": "<b>"}).status_code == 200


def test_the_coordinators_start_page_flags_stalled_results(world: World, loop: Loop) -> None:
    make(world, loop, title="Zit vast", due_on=TODAY() - timedelta(days=2))
    make(world, loop, title="Loopt op schema")
    html = world.client_for("coordinator").get(reverse("core:home")).content.decode()
    assert "Zit vast" in html and "Loopt op schema" not in html


def test_another_organisations_result_is_not_found(world: World, loop: Loop) -> None:
    result = make(world, loop)
    client = world.client_for("other_org")
    assert client.get(reverse("signals:result", kwargs={"pk": result.pk})).status_code == 404
    assert "Kortere brieven" not in client.get(reverse("signals:results")).content.decode()


@pytest.mark.parametrize("count", [1, 12])
def test_the_pages_keep_their_query_budget(
    world: World, loop: Loop, count: int, django_assert_max_num_queries: Any
) -> None:
    for n in range(count):
        result = make(world, loop, title=f"Resultaat {n}")
        milestone(result, world, 5 + n)
    client = world.client_for("coordinator")
    with django_assert_max_num_queries(14):
        assert client.get(reverse("signals:results")).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(reverse("signals:result", kwargs={"pk": result.pk})).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(reverse("signals:result_add")).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(reverse("core:home")).status_code == 200


def test_results_and_hearing_outcomes_go_into_the_memory(world: World, loop: Loop) -> None:
    from inbreng.archive.models import Entry
    from inbreng.signals.models import Body
    from inbreng.signals.results import council

    result = make(world, loop)
    services.result_update_progress(
        result=result, by=world.users["coordinator"], status="done", progress=100, due_on=None
    )
    entry = Entry.objects.get(organisation=world.org, key=f"result:{result.pk}")
    assert entry.title == "Kortere brieven" and entry.kind == "result"
    assert entry.status_label == str(Result.Status.DONE.label)  # in the reader's language
    assert entry.status == "Done"  # kept as the source text, whoever wrote it
    body = Body.objects.create(organisation=world.org, name="Gemeenteraad", kind="council")
    hearing = council.hearing_prepare(
        organisation=world.org, by=world.users["coordinator"], year=2026, body=body
    )
    council.hearing_record_outcome(
        hearing=hearing,
        by=world.users["coordinator"],
        held_on=TODAY(),
        outcome="De raad maakt een plan tegen energiearmoede.",
    )
    assert Entry.objects.filter(
        organisation=world.org, key=f"hearing:{hearing.pk}", text__contains="energiearmoede"
    ).exists()
