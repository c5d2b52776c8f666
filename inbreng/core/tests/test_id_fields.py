"""Ids posted to any form that picks records cannot crash the database (a 500 on SQLite)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import World

HUGE = "99999999999999999999999"


@pytest.mark.parametrize("value", [HUGE, "²", "-1", "1e3"])
def test_a_body_form_refuses_impossible_policy_maker_ids(world: World, value: str) -> None:
    response = world.client_for("coordinator").post(
        reverse("signals:body_add"),
        {"name": "College", "kind": "college", "reply_days": "60", "policy_makers": [value]},
    )
    assert response.status_code == 200
    assert "College" in response.content.decode()  # the form is back, with what was typed


@pytest.mark.parametrize("value", [HUGE, "²"])
def test_list_filters_ignore_impossible_ids(world: World, value: str) -> None:
    client = world.client_for("coordinator")
    assert client.get(reverse("signals:list"), {"body": value, "theme": value}).status_code == 200
    assert client.get(reverse("signals:results"), {"service": value}).status_code == 200
