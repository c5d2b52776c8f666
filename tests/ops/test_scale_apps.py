"""`seed_demo --scale city` fills the tables of every app, not only the loop's (issue 14):
signals and results, the memory (searchable, as entry_put leaves it) and survey responses."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from inbreng.archive.models import Entry
from inbreng.archive.selectors import Criteria, entry_search
from inbreng.core.models import Organisation
from inbreng.signals.models import Milestone, Result, Signal
from inbreng.surveys.models import Answer, Response

pytestmark = pytest.mark.django_db


def test_a_small_city_fills_signals_the_memory_and_surveys() -> None:
    out = StringIO()
    call_command("seed_demo", "--scale", "city", "--factor", "0.02", stdout=out, stderr=StringIO())
    demo = Organisation.objects.get(name="Sociaal Huis Lindeveld")
    assert "memory entries 400" in out.getvalue()
    assert Signal.objects.filter(organisation=demo, status="answered").count() >= 2
    assert Result.objects.filter(organisation=demo).exists()
    assert Milestone.objects.filter(organisation=demo).count() >= 3
    assert Response.objects.filter(organisation=demo).count() >= 100
    assert Answer.objects.filter(organisation=demo).count() > 25 * 100
    # The generated memory is found through the search index, by a word and by its lemma.
    assert Entry.objects.filter(organisation=demo).count() >= 400
    for query in ("schulden", "schuld"):
        found = entry_search(demo, Criteria(q=query)).entries
        assert found.filter(key__startswith="scale:").exists(), query
