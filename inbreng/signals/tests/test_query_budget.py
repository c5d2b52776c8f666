"""The signal pages and the desk read the database a fixed number of times, however many
signals, answers and inputs there are."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import reverse

from conftest import World
from inbreng.participation.tests.helpers import Build, count_queries
from inbreng.signals import services
from inbreng.signals.models import Signal

from .helpers import Desk


def grow(world: World, desk: Desk, build: Build, count: int) -> Signal:
    """`count` more signals to the body, each from new input, each answered, with themes."""
    services.themes_ensure(world.org)
    themes = list(services.Theme.objects.filter(organisation=world.org)[:3])
    body = desk.body() if not services.Body.objects.exists() else services.Body.objects.get()
    group = build.group(f"Groep {Signal.objects.count()}")
    meeting = build.held(group)
    question = build.schedule(meeting, build.accepted(f"Vraag {Signal.objects.count()}"))
    signal = None
    for n in range(count):
        person = build.member(group, f"Persoon{n} Achternaam{Signal.objects.count()}")
        said = build.say(meeting, question, f"Het loket is te ver weg ({n}).", participant=person)
        signal = desk.signal(body, title=f"Signaal {n}", themes=themes, contributions=[said])
        services.signal_answer(
            signal=signal, by=world.users["policy_maker"], decision="acting", text="We doen het."
        )
        desk.signal(body, title=f"Open {n}")
    assert signal is not None
    return signal


def thicken(world: World, build: Build, signal: Signal) -> Signal:
    """The same signal with eight more inputs behind it, two more answer versions and more
    attachments."""
    said = signal.links.select_related("contribution__meeting", "contribution__question").first()
    assert said is not None
    meeting, question = said.contribution.meeting, said.contribution.question
    for n in range(8):
        extra = build.say(meeting, question, f"Nog iets ({n}).")
        services.SignalContribution.objects.create(
            organisation=world.org, signal=signal, contribution=extra
        )
    for text in ("We bekijken het opnieuw.", "We doen het toch."):
        services.signal_answer(
            signal=signal, by=world.users["policy_maker"], decision="acting", text=text
        )
    return signal


PAGES: dict[str, tuple[str, Callable[[Signal], str], int]] = {
    "list": ("coordinator", lambda s: reverse("signals:list"), 12),
    "list_filtered": (
        "policy_maker",
        lambda s: reverse("signals:list") + f"?status=open&body={s.body_id}",
        12,
    ),
    "detail": ("policy_maker", lambda s: reverse("signals:detail", args=[s.pk]), 14),
    "desk": ("policy_maker", lambda s: reverse("core:home"), 30),
    "coordinator_home": ("coordinator", lambda s: reverse("core:home"), 30),
    "bodies": ("coordinator", lambda s: reverse("signals:bodies"), 12),
}


@pytest.mark.parametrize("page", list(PAGES))
def test_it_keeps_the_page_within_its_query_budget(
    world: World, desk: Desk, build: Build, page: str
) -> None:
    role, url, budget = PAGES[page]
    client = world.client_for(role)
    few = count_queries(client, url(grow(world, desk, build, 2)))
    signal = grow(world, desk, build, 8)
    if page == "detail":
        signal = thicken(world, build, signal)
    many = count_queries(client, url(signal))
    assert few == many, "the page reads more when there is more"
    assert few <= budget, few
