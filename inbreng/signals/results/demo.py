"""Demo data for results, councils and hearings: fictional, written by us.

Called after the signals demo (signals/demo.py): it needs a followed advice, an advisory
council and a participation group with members.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from inbreng.core.models import Organisation
from inbreng.groups.models import GroupMembership, ParticipationGroup
from inbreng.participation.models import Response

from ..models import Body, CouncilSeat, Result, SignalAnswer
from . import council, services


def seed_results(organisation: Organisation, users: dict[str, Any]) -> None:
    coordinator = users["coordinator"]
    today = timezone.localdate()
    answer = (
        SignalAnswer.objects.filter(organisation=organisation, decision="followed")
        .select_related("signal__body")
        .order_by("-pk")
        .first()
    )
    if answer is not None:
        result = services.result_create(
            organisation=organisation,
            by=coordinator,
            title="Eén premieloket in het sociaal huis",
            meaning=(
                "Vanaf maart vraag je alle premies aan op één plek. "
                "Een medewerker helpt je met het formulier."
            ),
            service=None,
            due_on=today + timedelta(days=90),
            answer=answer,
            status=Result.Status.IN_PROGRESS,
            progress=40,
        )
        for what, who, days, done in (
            ("Een lokaal inrichten in het sociaal huis", "Facilitaire dienst", -20, True),
            ("Medewerkers van het loket opleiden", "Sociale dienst", 30, False),
            ("Folder in eenvoudige taal drukken", "Communicatie", 60, False),
        ):
            services.milestone_save(
                result=result,
                by=coordinator,
                what=what,
                who=who,
                due_on=today + timedelta(days=days),
                done_on=today + timedelta(days=days) if done else None,
            )
    response = (
        Response.objects.filter(organisation=organisation, status__in=services.RESULT_RESPONSES)
        .select_related("question__service")
        .order_by("pk")
        .first()
    )
    if response is not None:
        services.result_create(
            organisation=organisation,
            by=coordinator,
            title="De nieuwe brief wordt gedrukt",
            meaning="De brief is korter en duidelijker. Hij wordt nu gedrukt en is klaar in maart.",
            service=response.question.service,
            due_on=today + timedelta(days=75),
            response=response,
            status=Result.Status.IN_PROGRESS,
            progress=70,
        )
    group = ParticipationGroup.objects.filter(organisation=organisation).order_by("pk").first()
    advisory = Body.objects.filter(
        organisation=organisation, kind=Body.Kind.ADVISORY_COUNCIL
    ).first()
    member = (
        GroupMembership.objects.filter(
            organisation=organisation, stage=GroupMembership.Stage.MEMBER, left_on__isnull=True
        )
        .select_related("participant")
        .order_by("pk")
        .first()
    )
    if advisory is not None and member is not None:
        council.seat_save(
            organisation=organisation,
            by=coordinator,
            body=advisory,
            participant=member.participant,
            role=CouncilSeat.Role.MEMBER,
            starts_on=today - timedelta(days=700),
            ends_on=today + timedelta(days=45),
        )
        council.council_item_save(
            organisation=organisation,
            by=coordinator,
            body=advisory,
            council_meeting_on=today + timedelta(days=20),
            title="Sociaal tarief voor water en energie",
            group=group,
            meeting=None,
            position="De groep vraagt dat het sociaal tarief vanzelf wordt toegekend.",
        )
    if answer is not None:
        council.hearing_prepare(
            organisation=organisation,
            by=coordinator,
            year=today.year,
            body=answer.signal.body,
            group=answer.signal.group,
        )
