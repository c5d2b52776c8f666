"""Case conferences at a city's scale, for `seed_demo --scale city|region` (see core.scale).

Fictional rows, inserted in bulk like the rest of the scale data.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from inbreng.core.scale import ScaleContext

from .models import Agreement, CaseConference, CaseMeeting, CaseProvider, Signal

CASES_PER_CITY = 150


def seed_scale(context: ScaleContext) -> dict[str, int]:
    """A year of case conferences for one organisation, `context.factor` times a city."""
    organisation, rng, staff, people = (
        context.organisation,
        context.rng,
        context.staff,
        context.people,
    )
    moment, now, write = context.moment, context.now, context.write
    case_model, provider_model, meeting_model = CaseConference, CaseProvider, CaseMeeting
    agreement_model, signal_model = Agreement, Signal
    domains = ["income", "housing", "health", "family", "work", "social", "administration"]
    n_cases = max(1, round(CASES_PER_CITY * context.factor))
    case_rows: list[dict[str, Any]] = []
    for _ in range(n_cases):
        status = rng.choice(["open"] * 5 + ["closed"] * 3 + ["requested", "declined"])
        requested = moment()
        case_rows.append(
            {
                "organisation": organisation.pk,
                "client": rng.choice(people),
                "status": status,
                "requested_by": rng.choice(staff.workers),
                "requested_at": requested,
                "client_agrees": True,
                "life_domains": rng.sample(domains, 3),
                "decided_by": staff.case_coordinator if status != "requested" else None,
                "decided_at": requested + timedelta(days=5) if status != "requested" else None,
                "coordinator": staff.case_coordinator,
                "staff_contact": rng.choice(staff.workers),
                "ended_at": requested + timedelta(days=90) if status == "closed" else None,
                "closure_reason": "goals_reached" if status == "closed" else "",
            }
        )
    cases = write(case_model, case_rows)
    provider_rows: list[dict[str, Any]] = []
    meeting_rows: list[dict[str, Any]] = []
    signal_rows: list[dict[str, Any]] = []
    for case, row in zip(cases, case_rows, strict=True):
        for name in ("CAW – schuldhulp", "Huisarts", "Wijkgezondheidscentrum"):
            provider_rows.append(
                {"organisation": organisation.pk, "case": case, "name": name, "user": None}
            )
        if row["status"] in ("open", "closed"):
            starts = row["requested_at"] + timedelta(days=14)
            meeting_rows.append(
                {
                    "organisation": organisation.pk,
                    "case": case,
                    "kind": "first",
                    "starts_at": starts,
                    "ends_at": starts + timedelta(hours=1),
                    "place": "Sociaal Huis",
                    "status": "held" if starts < now else "planned",
                }
            )
        if rng.random() < 0.5:
            signal_rows.append(
                {
                    "organisation": organisation.pk,
                    "case": case,
                    "kind": rng.choice(["threshold", "rights", "waiting_list", "gap"]),
                    "life_domain": rng.choice(domains),
                    "concerns": "Huisvestingsmaatschappij: waarborgregel",
                    "description": "Mensen met een leefloon vinden geen woning.",
                    "recorded_on": timezone.localdate(row["requested_at"]) + timedelta(days=20),
                    "recorded_by": row["coordinator"],
                }
            )
    write(provider_model, provider_rows)
    case_meetings = write(meeting_model, meeting_rows)
    agreement_rows: list[dict[str, Any]] = [
        {
            "organisation": organisation.pk,
            "case": row["case"],
            "meeting": pk,
            "what": "Samen de aanvraag voor de huurpremie invullen.",
            "owner_kind": rng.choice(["provider", "client"]),
            "due_on": timezone.localdate(row["starts_at"]) + timedelta(days=30),
            "status": rng.choice(["open", "done", "done", "not_done"]),
            "created_by": staff.case_coordinator,
        }
        for pk, row in zip(case_meetings, meeting_rows, strict=True)
        for _ in range(3)
    ]
    write(agreement_model, agreement_rows)
    write(signal_model, signal_rows)
    return {"cases": len(cases), "agreements": len(agreement_rows), "signals": len(signal_rows)}
