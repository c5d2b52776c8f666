"""Pages that page long lists, with enough data to show their pagers, pass the Nu Html Checker.

The matrix-wide check opens every page with almost no data, so no pager is drawn there.
"""

from __future__ import annotations

from pathlib import Path

from django.urls import reverse

from conftest import World
from inbreng.archive.tests.factories import put
from inbreng.casework.tests.factories import open_case
from inbreng.participation.selectors import INPUT_PAGE_SIZE
from inbreng.participation.tests.helpers import Build
from tests.test_html_standards import _checker_or_skip, vnu_errors


def test_paged_pages_with_data_are_valid_html(world: World, build: Build, tmp_path: Path) -> None:
    command = _checker_or_skip()
    group = build.group("Grote groep", members=3)
    meeting = build.held(group)
    question = build.schedule(meeting, build.accepted("Hoe vindt u de wachtzaal?"))
    people = [m.participant for m in group.memberships.all()]
    for n in range(INPUT_PAGE_SIZE + 3):
        build.say(meeting, question, f"Inbreng {n}", participant=people[n % 3])
    later = build.held(group, days=-2)  # a second meeting: the answer form offers a choice
    build.schedule(later, question)
    build.say(later, question, "Later nog iets", participant=people[0])
    for n in range(25):
        put(world.org, f"e{n}", f"Huur {n}", "Over de huur.")
    open_case(world)
    client = world.client_for("coordinator")
    pages = {
        "question": client.get(
            reverse("participation:question", args=[question.pk]), {"pagina": 2}
        ),
        "memory_page_2": client.get(reverse("archive:search"), {"q": "huur", "pagina": 2}),
        "answer_form_page_2": client.get(
            reverse("participation:response_add", args=[question.pk]), {"pagina": 2}
        ),
        "group": client.get(reverse("groups:detail", args=[group.pk])),
        "cases": client.get(reverse("casework:list")),
    }
    files = []
    for name, response in pages.items():
        assert response.status_code == 200, name
        path = tmp_path / f"{name}.html"
        path.write_text(response.content.decode(), encoding="utf-8")
        files.append(str(path))
    assert "#input" in pages["question"].content.decode()
    assert 'start="21"' in pages["memory_page_2"].content.decode()
    answer_form = pages["answer_form_page_2"].content.decode()
    assert 'id="meeting-filter"' in answer_form and 'name="all_waiting"' in answer_form
    errors = vnu_errors(command, files)
    assert not errors, "\n".join(errors)
