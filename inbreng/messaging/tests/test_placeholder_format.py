"""A placeholder is exactly `{name}`: a format specification, conversion, attribute or index
is refused when the text is saved, and a stored one is never interpreted when it is sent."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import World
from inbreng.core.tests.helpers import field_error
from inbreng.messaging import services
from inbreng.messaging.models import MessageTemplate

TRICKS = ("{datum:%d-%m}", "{naam:>20000000}", "{naam!r}", "{naam!s:>9}", "{naam.title}")


@pytest.mark.parametrize("token", TRICKS)
def test_it_refuses_a_placeholder_with_anything_after_the_name_and_names_it(
    world: World, token: str
) -> None:
    coordinator = world.client_for("coordinator")
    body = f"Dag {{naam}}.\n\nKom je op {token}?"
    response = coordinator.post(
        reverse("messaging:template_edit", args=["invitation", "nl"]),
        {"subject": "Uitnodiging", "body": body, "sms": "Dag {naam}. Kom je? {link}"},
    )

    assert response.status_code == 200
    assert token in field_error(response, "body")
    assert not MessageTemplate.objects.filter(organisation=world.org).exists()


@pytest.mark.parametrize("token", TRICKS)
def test_a_stored_format_specification_is_sent_as_written(token: str) -> None:
    text = services.Text(
        subject=token, body=f"Dag {token}", sms=token, language="nl", reviewed=True, custom=True
    )
    rendered = services._render(text, {"naam": "Mila", "datum": "1 mei"}, isolate=False)

    assert rendered.body == f"Dag {token}"
    assert rendered.subject == token
    assert len(rendered.sms) < 40


def test_the_check_before_sending_names_a_format_specification() -> None:
    problems = services.placeholder_errors("Tot {datum:%d-%m}")
    assert len(problems) == 1
    assert "{datum:%d-%m}" in problems[0]
    assert "{datum}" in problems[0]
