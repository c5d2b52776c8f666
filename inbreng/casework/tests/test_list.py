"""The case list: each row's open agreements, and the same queries for more cases."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from conftest import World
from inbreng.casework.models import Agreement, CaseConference

from .factories import open_case

pytestmark = pytest.mark.django_db


def row_of(html: str, code: str) -> list[str]:
    """The cells of the table row that links to the case with this number."""
    row = re.search(rf"<tr>((?:(?!</tr>).)*>{re.escape(code)}</a>.*?)</tr>", html, re.S)
    assert row, f"no row for {code}"
    return [
        re.sub(r"<[^>]+>", "", cell).strip()
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", row[1], re.S)
    ]


def test_each_row_counts_only_the_agreements_still_to_do(world: World) -> None:
    made = open_case(world)
    for status in (Agreement.Status.OPEN, Agreement.Status.DONE, Agreement.Status.NOT_DONE):
        Agreement.objects.create(
            organisation=world.org,
            case=made.case,
            what=f"Afspraak {status}",
            status=status,
            owner_kind=Agreement.Owner.PROVIDER,
            owner=made.provider,
            due_on=made.agreement.due_on,
            created_by=made.case.coordinator,
        )
    # A second open case of the same coordinator, without agreements.
    second = open_case(world).case
    Agreement.objects.filter(case=second).delete()
    html = world.client_for("coordinator").get(reverse("casework:list")).content.decode()
    first_row, second_row = row_of(html, made.case.number), row_of(html, second.number)
    assert first_row[-1] == "2"  # the factory's agreement and the one still to do
    assert second_row[-1] == "0"
    assert first_row[1] == world.participant.name


def test_more_cases_cost_no_more_queries(world: World, django_assert_max_num_queries: Any) -> None:
    client = world.client_for("coordinator")
    open_case(world)
    client.get(reverse("casework:list"))
    with django_assert_max_num_queries(30) as captured:
        client.get(reverse("casework:list"))
    few = len(captured)
    for _ in range(5):
        open_case(world)
    assert CaseConference.objects.filter(organisation=world.org).count() == 6
    with django_assert_max_num_queries(few):
        html = client.get(reverse("casework:list")).content.decode()
    assert html.count('data-label="') >= 6 * 5
