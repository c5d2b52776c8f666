"""Fictional demo data for signals and advice: bodies, themes and three signals."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from inbreng.core.models import Organisation
from inbreng.groups.models import ParticipationGroup

from . import services
from .models import Body, Signal, Theme


def _themes(organisation: Organisation, *names: str) -> list[Theme]:
    return list(Theme.objects.filter(organisation=organisation, name__in=names))


def seed_signals(organisation: Organisation, users: dict[str, Any]) -> None:
    coordinator, policy = users["coordinator"], users["policy"]
    services.themes_ensure(organisation)
    college = services.body_save(
        organisation=organisation,
        by=coordinator,
        name="College van burgemeester en schepenen",
        kind=Body.Kind.COLLEGE,
        reply_days=60,
        policy_makers=[policy],
    )
    committee = services.body_save(
        organisation=organisation,
        by=coordinator,
        name="Bijzonder comité voor de sociale dienst",
        kind=Body.Kind.SOCIAL_COMMITTEE,
        reply_days=45,
        policy_makers=[policy],
    )
    services.body_save(
        organisation=organisation,
        by=coordinator,
        name="Adviesraad welzijn",
        kind=Body.Kind.ADVISORY_COUNCIL,
        reply_days=90,
    )
    group = ParticipationGroup.objects.filter(organisation=organisation).order_by("pk").first()
    on_behalf = Signal.OnBehalf.GROUP if group else Signal.OnBehalf.ORGANISATION
    late = services.signal_register(
        organisation=organisation,
        by=coordinator,
        kind=Signal.Kind.SIGNAL,
        title="Aanmaningskosten bij de waterfactuur",
        text=(
            "Wie de waterfactuur een paar dagen te laat betaalt, krijgt meteen extra kosten. "
            "Voor gezinnen met een klein inkomen stapelen die kosten zich op."
        ),
        figures="In de groep betaalden 7 van de 11 gezinnen dit jaar aanmaningskosten.",
        on_behalf=on_behalf,
        group=group,
        body=committee,
        themes=_themes(organisation, "Schulden", "Energie", "Debts", "Energy"),
    )
    # Registered two months ago and not answered: the overdue example.
    Signal.objects.filter(pk=late.pk).update(
        due_on=timezone.localdate() - timedelta(days=12),
        created_at=timezone.now() - timedelta(days=57),
    )
    advice = services.signal_register(
        organisation=organisation,
        by=coordinator,
        kind=Signal.Kind.ADVICE,
        title="Advies: één loket voor premies",
        text="Mensen moeten voor elke premie naar een ander loket. Ze haken af.",
        recommendations=(
            "Maak één loket waar je alle premies samen aanvraagt. "
            "Laat een medewerker het formulier samen met de aanvrager invullen."
        ),
        on_behalf=on_behalf,
        group=group,
        body=college,
        themes=_themes(organisation, "Inkomen", "Income"),
        shareable=True,
    )
    services.signal_answer(
        signal=advice,
        by=policy,
        decision="followed",
        text=(
            "We volgen het advies. Vanaf volgend jaar is er één premieloket in het sociaal huis. "
            "Een medewerker helpt met het formulier."
        ),
    )
    inputs = list(services.promotable(organisation).order_by("pk")[:2])
    if inputs:
        meeting_group = inputs[0].meeting.group if inputs[0].meeting else group
        services.signal_register(
            organisation=organisation,
            by=coordinator,
            kind=Signal.Kind.SIGNAL,
            title="Wat de groep zei, doorgegeven aan het college",
            text="De groep vraagt het college om hier werk van te maken.",
            on_behalf=Signal.OnBehalf.GROUP if meeting_group else Signal.OnBehalf.ORGANISATION,
            group=meeting_group,
            body=college,
            contributions=inputs,
        )
