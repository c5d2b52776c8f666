"""A signal acted on leads to its result: the link on the signal's page picks the answer."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone, translation

from conftest import World
from inbreng.core.tests.helpers import text

from .helpers import Desk


def answer(world: World, desk: Desk, decision: str) -> int:
    signal = desk.signal(title="De wachtzaal is te klein")
    later = (timezone.localdate() + timedelta(days=30)).isoformat()
    world.client_for("policy_maker").post(
        reverse("signals:answer", args=[signal.pk]),
        {"decision": decision, "text": "We zoeken een grotere zaal.", "expected_on": later},
    )
    signal.refresh_from_db()
    assert signal.status != "open"
    return signal.pk


def test_a_signal_acted_on_offers_to_follow_it_up_as_a_result(world: World, desk: Desk) -> None:
    pk = answer(world, desk, "acting")
    page = world.client_for("coordinator").get(reverse("signals:detail", args=[pk]))
    link = page.content.decode().split("Volg het op als resultaat")[0].rsplit('href="', 1)[1]
    form = world.client_for("coordinator").get(link.split('"')[0].replace("&amp;", "&"))
    assert form.status_code == 200
    # The answer is the chosen source of the new result.
    html = form.content.decode()
    field = html[html.index('name="source"') :]
    chosen = field[: field.index("selected")].rsplit("<option", 1)[1]
    assert "De wachtzaal is te klein" in field[field.index("selected") :].split("</option>")[0]
    assert 'value="a' in chosen


def test_an_answer_that_follows_nothing_offers_no_result(world: World, desk: Desk) -> None:
    pk = answer(world, desk, "studying")
    page = world.client_for("coordinator").get(reverse("signals:detail", args=[pk]))
    assert "Volg het op als resultaat" not in text(page)


def test_an_answer_nobody_is_linked_to_says_so(world: World, desk: Desk) -> None:
    """Without linked input the answer reaches nobody by letter or SMS: the policy maker and
    the signal's page say that, instead of promising that the people will hear it."""
    signal = desk.signal(title="Geen inbreng gekoppeld")
    assert not signal.links.exists()
    answered = world.client_for("policy_maker").post(
        reverse("signals:answer", args=[signal.pk]),
        {"decision": "acting", "text": "We zoeken een grotere zaal."},
        follow=True,
    )
    (message,) = list(answered.context["messages"])
    assert message.level_tag == "warning"
    with translation.override("nl"):
        said = translation.gettext(
            "The answer is saved. No input is linked to this signal, so nobody gets it by "
            "letter or SMS. Tell the group at its next meeting."
        )
        shown = translation.gettext(
            "No input is linked to this signal: its answer reaches nobody by letter or SMS. "
            "Tell the group at its next meeting."
        )
    assert "Tell the group" not in said  # the Dutch text, not the English source
    assert str(message) == said and shown in answered.content.decode()
