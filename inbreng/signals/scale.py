"""Signals, advice, answers and results at a city's scale, for `seed_demo --scale` (core.scale).

A city-sized organisation: five bodies, the default themes, 400 signals and advice over the
last years (most answered, some overdue), 120 results with three milestones each. Fictional
texts, written in bulk; the kept state (status, answered on, stalled) is written as the
services would have left it.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from .models import (
    Body,
    Milestone,
    Result,
    Signal,
    SignalAnswer,
    SignalTheme,
    Theme,
)
from .services import DEFAULT_THEMES

SIGNALS_PER_CITY = 400
RESULTS_PER_CITY = 120
BODIES = [
    ("College van burgemeester en schepenen", Body.Kind.COLLEGE),
    ("Gemeenteraad", Body.Kind.COUNCIL),
    ("Bijzonder comité voor de sociale dienst", Body.Kind.SOCIAL_COMMITTEE),
    ("Managementteam", Body.Kind.MANAGEMENT),
    ("Welzijnsraad", Body.Kind.ADVISORY_COUNCIL),
]
TITLES = [
    "De wachtzaal is te klein voor gezinnen met kinderen",
    "Brieven over de energiepremie zijn te moeilijk",
    "De bus naar het sociaal huis rijdt niet meer na vijf uur",
    "Mensen met een leefloon vinden geen huurwoning",
    "De schoolrekening komt in één keer aan het eind van de maand",
    "Het digitale loket werkt niet op een oude telefoon",
]
ANSWERS = [
    "We passen de brieven aan en lezen ze eerst na met de groep.",
    "We bekijken het met de dienst. Tegen het voorjaar weten we meer.",
    "Dat kan niet dit jaar: het budget is op. We nemen het mee in de begroting.",
]


def seed_scale(context: Any) -> dict[str, int]:
    organisation, rng, now, moment = context.organisation, context.rng, context.now, context.moment
    today = timezone.localdate(now)
    org = organisation.pk
    # The demo organisation already has some bodies and themes: add only the missing ones.
    have = set(Body.objects.filter(organisation=org).values_list("name", flat=True))
    context.write(
        Body,
        ({"organisation": org, "name": n, "kind": k} for n, k in BODIES if n not in have),
    )
    bodies = list(Body.objects.filter(organisation=org).values_list("pk", flat=True))
    have = set(Theme.objects.filter(organisation=org).values_list("name", flat=True))
    context.write(
        Theme,
        ({"organisation": org, "name": str(n)} for n in DEFAULT_THEMES if str(n) not in have),
    )
    themes = list(Theme.objects.filter(organisation=org).values_list("pk", flat=True))
    n_signals = max(5, round(SIGNALS_PER_CITY * context.factor))
    rows: list[dict[str, Any]] = []
    for _ in range(n_signals):
        created = moment(now - timedelta(days=1000), now)
        due = timezone.localdate(created) + timedelta(days=60)
        answered = rng.random() < (0.9 if due < today else 0.3)
        rows.append(
            {
                "organisation": org,
                "kind": rng.choice(["signal", "signal", "advice"]),
                "title": rng.choice(TITLES),
                "text": "Wat de groep zag, in haar eigen woorden. " * rng.randint(1, 4),
                "on_behalf": rng.choice(["group", "organisation", "caseload"]),
                "group": rng.choice(context.groups) if context.groups else None,
                "body": rng.choice(bodies),
                "due_on": due,
                "shareable": rng.random() < 0.3,
                "registered_by": rng.choice(context.staff.coordinators),
                "created_at": created,
                "status": "answered" if answered else "open",
                "answered_on": min(today, due - timedelta(days=rng.randint(-20, 50)))
                if answered
                else None,
            }
        )
    signals = context.write(Signal, rows)
    context.write(
        SignalTheme,
        (
            {"organisation": org, "signal": pk, "theme": theme}
            for pk in signals
            for theme in rng.sample(themes, rng.randint(1, 3))
        ),
    )
    answered = [(pk, row) for pk, row in zip(signals, rows, strict=True) if row["answered_on"]]
    answers = context.write(
        SignalAnswer,
        (
            {
                "organisation": org,
                "signal": pk,
                "decision": "followed" if row["kind"] == "advice" else "acting",
                "text": rng.choice(ANSWERS),
                "decided_by": BODIES[0][0],
                "decided_on": row["answered_on"],
                "answered_by": rng.choice(context.staff.coordinators),
            }
            for pk, row in answered
        ),
    )
    n_results = min(len(answers), max(1, round(RESULTS_PER_CITY * context.factor)))
    result_rows = []
    for answer in rng.sample(answers, n_results):
        due = today + timedelta(days=rng.randint(-60, 240))
        status = rng.choice(["planned", "in_progress", "in_progress", "done"])
        result_rows.append(
            {
                "organisation": org,
                "title": "Kortere brieven over de energiepremie",
                "meaning": "De nieuwe brief wordt gedrukt. Klaar in maart.",
                "answer": answer,
                "service": rng.choice(context.staff.services),
                "status": status,
                "progress": 100 if status == "done" else rng.randint(0, 90),
                "due_on": due,
                "stalled": status != "done" and due < today,
            }
        )
    results = context.write(Result, result_rows)
    milestones = context.write(
        Milestone,
        (
            {
                "organisation": org,
                "result": pk,
                "what": what,
                "who": "Dienst Onthaal",
                "due_on": row["due_on"] - timedelta(days=30 * (3 - n)),
                "done_on": row["due_on"] - timedelta(days=30 * (3 - n))
                if row["status"] == "done"
                else None,
            }
            for pk, row in zip(results, result_rows, strict=True)
            for n, what in enumerate(["Tekst met de groep", "Drukken", "Verdelen"])
        ),
    )
    return {
        "signals and advice": len(signals),
        "signal answers": len(answers),
        "results": len(results),
        "milestones": len(milestones),
    }
