"""The group pages as coordinators, social workers and admins use them."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from conftest import World, make_participant
from inbreng.core.tests.helpers import dutch, field_error, messages_shown, text, texts
from inbreng.groups import services
from inbreng.groups.models import GroupMembership, ParticipationGroup, ReferenceFigure
from inbreng.groups.selectors import CATEGORY_LABELS


def warning(size: int) -> str:
    return dutch(
        "This group has more than %(size)s members and trial members. "
        "A smaller group talks more easily."
    ) % {"size": size}


@pytest.mark.parametrize(
    ("stages", "warns"),
    [
        (["member", "member", "trial"], False),
        (["member", "member", "trial", "member"], True),
        # People still on their way in do not make the meeting crowded yet.
        (["member", "member", "trial", "referred", "intake"], False),
    ],
)
def test_it_warns_when_the_group_grows_past_its_size(
    world: World, group: ParticipationGroup, add_person: Any, stages: list[str], warns: bool
) -> None:
    for n, stage in enumerate(stages):
        add_person(f"Persoon {n}", stage=stage)
    response = world.client_for("coordinator").get(reverse("groups:detail", args=[group.pk]))
    assert response.status_code == 200
    assert (warning(3) in text(response, cls="warning")) is warns


def test_it_lists_the_people_with_their_stage_and_date(
    world: World, group: ParticipationGroup, add_person: Any
) -> None:
    services.membership_add(
        group=group,
        participant=world.participant,
        by=world.users["coordinator"],
        stage="intake",
        on=timezone.localdate() - timedelta(days=3),
        note="Komt met een vriendin",
    )
    response = world.client_for("social_worker").get(reverse("groups:detail", args=[group.pk]))
    row = next(r for r in texts(response, tag="tr") if "Anouk T." in r)
    assert dutch("Intake conversation") in row
    with translation.override("nl"):
        day = date_format(timezone.localdate() - timedelta(days=3), "SHORT_DATE_FORMAT")
    assert day in row
    assert "Komt met een vriendin" in row
    # A social worker may look but not change the list.
    assert dutch("Next step") not in response.content.decode()


def test_it_shows_small_counts_as_fewer_than_five_on_the_page(
    world: World, group: ParticipationGroup, add_person: Any
) -> None:
    services.reference_figures_save(
        organisation=world.org,
        by=world.users["admin"],
        dimension="age_band",
        counts={"u25": 30, "65p": 70},
    )
    add_person("Jong", age_band="u25")
    add_person("Jong 2", age_band="u25")
    response = world.client_for("coordinator").get(reverse("groups:detail", args=[group.pk]))
    section = text(response, id="rep-age_band")
    assert section == dutch("Age")
    html = response.content.decode()
    age_table = html.split('id="rep-age_band"')[1].split("</table>")[0]
    assert dutch("fewer than 5") in age_table
    assert dutch("Missing") in age_table
    # Two members answered: neither "2" nor "100%" may point at them.
    assert ">2<" not in age_table
    assert "100%" not in age_table
    assert "30%" in age_table and "70%" in age_table


def test_it_adds_a_person_to_the_group(world: World, group: ParticipationGroup) -> None:
    client = world.client_for("coordinator")
    response = client.post(
        reverse("groups:member_add", args=[group.pk]),
        {
            "participant": world.participant.pk,
            "stage": "referred",
            "on": timezone.localdate().isoformat(),
            "note": "",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("groups:detail", args=[group.pk])
    assert "Anouk T." in messages_shown(response)
    membership = GroupMembership.objects.get(group=group)
    assert (membership.participant, membership.stage) == (world.participant, "referred")


def test_it_refuses_a_future_date_on_the_add_form_and_keeps_the_choice(
    world: World, group: ParticipationGroup
) -> None:
    future = (timezone.localdate() + timedelta(days=5)).isoformat()
    response = world.client_for("coordinator").post(
        reverse("groups:member_add", args=[group.pk]),
        {"participant": world.participant.pk, "stage": "intake", "on": future, "note": "x"},
    )
    assert response.status_code == 200
    assert field_error(response, "on") == dutch("This date is in the future.")
    assert 'value="x"' in response.content.decode()
    assert not GroupMembership.objects.exists()


def test_it_does_not_offer_a_person_already_on_the_list_or_of_another_organisation(
    world: World, group: ParticipationGroup, add_person: Any
) -> None:
    add_person("Al Lid")
    free = make_participant(world.org, name="Nog Vrij")
    response = world.client_for("coordinator").get(reverse("groups:member_add", args=[group.pk]))
    options = texts(response, tag="option")
    assert "Nog Vrij" in options
    assert "Al Lid" not in options
    assert world.other_participant.name not in options
    refused = world.client_for("coordinator").post(
        reverse("groups:member_add", args=[group.pk]),
        {"participant": world.other_participant.pk, "stage": "referred", "on": ""},
    )
    assert refused.status_code == 200
    assert field_error(refused, "participant")
    assert free.group_memberships.count() == 0


@pytest.mark.parametrize(
    ("stage", "error_field"),
    [("member", None), ("intake", "stage"), ("referred", "stage")],
)
def test_it_moves_a_person_on_the_move_form(
    world: World, group: ParticipationGroup, stage: str, error_field: str | None
) -> None:
    membership = services.membership_add(
        group=group, participant=world.participant, by=world.users["coordinator"], stage="trial"
    )
    response = world.client_for("coordinator").post(
        reverse("groups:member_move", args=[membership.pk]),
        {"stage": stage, "on": timezone.localdate().isoformat(), "note": "Graag vooraan"},
    )
    membership.refresh_from_db()
    if error_field is None:
        assert response.status_code == 302
        assert (membership.stage, membership.note) == ("member", "Graag vooraan")
    else:
        assert response.status_code == 200
        assert field_error(response, error_field) == dutch(
            "A person moves forward: referred, intake, trial, member."
        )
        assert 'value="Graag vooraan"' in response.content.decode()
        assert membership.stage == "trial"


def test_it_hides_another_organisations_membership(world: World) -> None:
    other_group = services.group_save(
        organisation=world.other_org, by=world.other_user, name="Elders"
    )
    membership = services.membership_add(
        group=other_group, participant=world.other_participant, by=world.other_user
    )
    client = world.client_for("coordinator")
    assert client.get(reverse("groups:member_move", args=[membership.pk])).status_code == 404
    assert client.get(reverse("groups:detail", args=[other_group.pk])).status_code == 404


def reference_post(**counts: Any) -> dict[str, Any]:
    data = {}
    for dimension in ReferenceFigure.Dimension.values:
        for category in CATEGORY_LABELS[dimension]:
            data[f"{dimension}-{category}"] = ""
    data.update(counts)
    return data


def test_it_saves_the_reference_figures_for_an_admin(world: World) -> None:
    client = world.client_for("admin")
    response = client.post(
        reverse("groups:reference"),
        reference_post(**{"age_band-u25": "120", "age_band-65p": "80", "household_type-single": 5}),
        follow=True,
    )
    assert messages_shown(response) == dutch("The reference figures are saved.")
    assert {
        (f.dimension, f.category, f.count)
        for f in ReferenceFigure.objects.filter(organisation=world.org)
    } == {("age_band", "u25", 120), ("age_band", "65p", 80), ("household_type", "single", 5)}
    page = client.get(reverse("groups:reference")).content.decode()
    assert 'name="age_band-u25" value="120"' in page


def test_it_refuses_a_negative_reference_figure_and_saves_nothing(world: World) -> None:
    response = world.client_for("admin").post(
        reverse("groups:reference"),
        reference_post(**{"age_band-u25": "-3", "household_type-single": "40"}),
    )
    assert response.status_code == 200
    assert dutch("Please check the numbers.") in text(response, cls="field-error")
    assert 'value="40"' in response.content.decode()
    assert not ReferenceFigure.objects.exists()


@pytest.mark.parametrize("role", ["coordinator", "social_worker", "service_contact"])
def test_it_keeps_the_reference_figures_for_admins(world: World, role: str) -> None:
    response = world.client_for(role).post(
        reverse("groups:reference"), reference_post(**{"age_band-u25": "10"})
    )
    assert response.status_code == 403
    assert not ReferenceFigure.objects.exists()


def test_it_reads_the_group_page_in_a_fixed_number_of_queries(
    world: World, group: ParticipationGroup, add_person: Any
) -> None:
    client = world.client_for("coordinator")
    url = reverse("groups:detail", args=[group.pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    add_person("Een", age_band="u25")
    count()  # The first request also fills per-process caches.
    small = count()
    for n in range(15):
        add_person(f"Meer {n}", age_band="65p", household_type="single")
    assert count() == small
    # Two of them count the people per stage and page the list: a city's group has hundreds.
    assert small <= 17
