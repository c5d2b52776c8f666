"""The pages of results, councils and hearings pass the Nu Html Checker, also with errors."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import Loop, World
from tests.test_html_standards import _checker_or_skip, vnu_errors

from . import routes_results as rows


def test_result_council_and_hearing_pages_have_no_html_errors(
    world: World, loop: Loop, tmp_path: Path
) -> None:
    command = _checker_or_skip()
    from inbreng.participation import services as loop_services
    from inbreng.participation.tests.helpers import open_personal_page

    result = rows.result(world, loop)
    result.due_on = timezone.localdate() - timedelta(days=1)
    result.stalled = True
    result.save()
    client = world.client_for("coordinator")
    pages: dict[str, str] = {}
    for name, route in rows.result_routes(lambda allowed, **kw: {"allowed": allowed, **kw}).items():
        if name.endswith("_pdf"):
            continue
        kwargs = route.get("kwargs", lambda w, lp: {})(world, loop)
        response = client.get(reverse(name, kwargs=kwargs))
        assert response.status_code == 200, name
        pages[name] = response.content.decode()
    for name in ("result_add", "seat_add", "council_item_add", "hearing_add"):
        pages[f"{name}.errors"] = client.post(reverse(f"signals:{name}"), {}).content.decode()
    pages["home"] = client.get(reverse("core:home")).content.decode()
    link = loop_services.link_issue(participant=world.participant, by=None)
    participant = Client()
    open_personal_page(participant, loop_services.link_path(link))
    pages["my_page"] = participant.get(reverse("participation:my_page")).content.decode()
    assert "De nieuwe brief wordt gedrukt." in pages["my_page"]

    files = []
    for name, html in pages.items():
        path = tmp_path / f"{name.replace(':', '__')}.html"
        path.write_text(html, encoding="utf-8")
        files.append(str(path))
    errors = vnu_errors(command, files)
    assert not errors, "The Nu Html Checker found errors:\n" + "\n".join(errors)
