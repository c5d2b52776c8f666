"""The demo memory loads and can be searched as a visitor of the demo would."""

from __future__ import annotations

import pytest

from conftest import World
from inbreng.archive.demo import seed_memory
from inbreng.archive.models import Dossier
from inbreng.archive.selectors import Criteria, entry_search

pytestmark = pytest.mark.django_db


def test_the_demo_memory_is_found_and_gathered(world: World) -> None:
    seed_memory(world.org, world.users)
    titles = [e.title for e in entry_search(world.org, Criteria(q="energiefactuur")).entries]
    assert titles[0] == "Praatcafé over energiefacturen"
    assert Dossier.objects.get(organisation=world.org).entries.count() == 2
    shared = [e.title for e in entry_search(world.other_org, Criteria(q="budgetmeter")).entries]
    assert shared == ["Praatcafé over energiefacturen"]


def test_the_readme_tour_search_finds_the_word_in_another_form(world: World) -> None:
    # README, step 10: "schulden" finds "schuld"; a title match comes first.
    seed_memory(world.org, world.users)
    titles = [e.title for e in entry_search(world.org, Criteria(q="schulden")).entries]
    assert titles == ["Een schuld bij de waterleverancier", "Praatcafé over energiefacturen"]
