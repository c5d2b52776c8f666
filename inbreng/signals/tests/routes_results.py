"""Authorization-matrix rows for results, councils and hearings."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

ALL_STAFF = {
    "admin",
    "coordinator",
    "social_worker",
    "service_contact",
    "policy_maker",
    "partner_worker",
}
RESULT_WRITERS = {"coordinator", "service_contact"}
COUNCIL_READERS = {"admin", "coordinator", "policy_maker"}
COUNCIL_KEEPERS = {"coordinator"}


def council(w: Any) -> Any:
    from inbreng.signals.models import Body

    body, _ = Body.objects.get_or_create(
        organisation=w.org, name="Welzijnsraad", defaults={"kind": Body.Kind.ADVISORY_COUNCIL}
    )
    return body


def result(w: Any, loop: Any) -> Any:
    from inbreng.signals.models import Result

    found, _ = Result.objects.get_or_create(
        organisation=w.org,
        title="Kortere brief",
        defaults={
            "meaning": "De nieuwe brief wordt gedrukt. Klaar in maart.",
            "response": loop.response,
            "service": w.service,
            "due_on": timezone.localdate() + timedelta(days=60),
        },
    )
    return found


def milestone(w: Any, loop: Any) -> dict[str, Any]:
    from inbreng.signals.models import Milestone

    owner = result(w, loop)
    found, _ = Milestone.objects.get_or_create(
        organisation=w.org,
        result=owner,
        what="Tekst nalezen",
        defaults={"due_on": timezone.localdate() + timedelta(days=10)},
    )
    return {"pk": owner.pk, "milestone_pk": found.pk}


def seat(w: Any, loop: Any) -> dict[str, Any]:
    from inbreng.signals.models import CouncilSeat

    found, _ = CouncilSeat.objects.get_or_create(
        organisation=w.org,
        body=council(w),
        participant=w.participant,
        defaults={
            "starts_on": date(2026, 1, 1),
            "ends_on": timezone.localdate() + timedelta(days=30),
        },
    )
    return {"pk": found.pk}


def item(w: Any, loop: Any) -> dict[str, Any]:
    from inbreng.signals.models import CouncilItem

    found, _ = CouncilItem.objects.get_or_create(
        organisation=w.org,
        body=council(w),
        title="Energiepremies",
        defaults={"council_meeting_on": timezone.localdate(), "group": loop.group},
    )
    return {"pk": found.pk}


def hearing(w: Any, loop: Any) -> dict[str, Any]:
    from inbreng.signals.models import Hearing

    found, _ = Hearing.objects.get_or_create(
        organisation=w.org, year=timezone.localdate().year, body=council(w), group=loop.group
    )
    return {"pk": found.pk}


def result_routes(route: Any) -> dict[str, Any]:
    """The rows, made with the matrix's own `Route` class."""
    one_result = lambda w, loop: {"pk": result(w, loop).pk}  # noqa: E731
    return {
        "signals:results": route(ALL_STAFF),
        "signals:result_add": route(RESULT_WRITERS),
        "signals:result": route(ALL_STAFF, kwargs=one_result, scoped=True),
        "signals:result_edit": route(RESULT_WRITERS, kwargs=one_result, scoped=True),
        "signals:milestone_add": route(RESULT_WRITERS, kwargs=one_result, scoped=True),
        "signals:milestone_edit": route(RESULT_WRITERS, kwargs=milestone, scoped=True),
        "signals:result_translate": route(RESULT_WRITERS, kwargs=one_result, scoped=True),
        "signals:councils": route(COUNCIL_READERS),
        "signals:seat_add": route(COUNCIL_KEEPERS),
        "signals:seat_edit": route(COUNCIL_KEEPERS, kwargs=seat, scoped=True),
        "signals:council_item_add": route(COUNCIL_KEEPERS),
        "signals:council_item_edit": route(COUNCIL_KEEPERS, kwargs=item, scoped=True),
        "signals:hearings": route(COUNCIL_READERS),
        "signals:hearing_add": route(COUNCIL_KEEPERS),
        "signals:hearing": route(COUNCIL_READERS, kwargs=hearing, scoped=True),
        "signals:hearing_pdf": route(COUNCIL_READERS, kwargs=hearing, scoped=True),
    }
