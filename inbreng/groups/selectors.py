"""Reads for groups: lists with member counts, and how well a group mirrors the clients."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from inbreng.core.models import Membership
from inbreng.people.models import PREFER_NOT, AgeBand, HouseholdType, IncomeSituation, Language

from .models import GroupMembership, ParticipationGroup, ReferenceFigure

# No count below this is ever shown: in a group of ten, smaller numbers point at people.
MIN_SHOWN = 5


def groups_of(membership: Membership) -> QuerySet[ParticipationGroup]:
    current = (
        GroupMembership.objects.filter(group=OuterRef("pk"))
        .exclude(stage=GroupMembership.Stage.LEFT)
        .values("group")
        .annotate(n=Count("pk"))
        .values("n")
    )
    # A correlated subquery keeps the pagination count from re-joining the member table.
    return ParticipationGroup.objects.filter(organisation=membership.organisation).annotate(
        current_count=Coalesce(Subquery(current, output_field=IntegerField()), 0)
    )


def members_of(group: ParticipationGroup) -> QuerySet[GroupMembership]:
    """The group's list: only what a row shows (the person's name, not their whole record)."""
    return (
        group.memberships.select_related("participant")
        .only(
            "stage",
            "referred_on",
            "intake_on",
            "trial_on",
            "member_since",
            "left_on",
            "note",
            "participant__name",
        )
        .order_by("stage", "participant__name")
    )


CATEGORY_LABELS = {
    "age_band": dict(AgeBand.choices),
    "household_type": dict(HouseholdType.choices),
    "home_language": dict(Language.choices),
    "income_situation": dict(IncomeSituation.choices),
}


@dataclass
class RepresentationRow:
    category: str
    label: str
    members_shown: str
    member_share: int | None  # percent, only when the count may be shown
    reference_share: int | None
    missing: bool
    under_represented: bool


@dataclass
class RepresentationReport:
    dimension: str
    label: str
    rows: list[RepresentationRow]
    answered: int


def representation(group: ParticipationGroup) -> list[RepresentationReport]:
    """Compares the current members' self-declared profile with the organisation's clients.

    Counts under MIN_SHOWN are shown as "fewer than 5", and no share is shown that would
    give such a count away; a category is flagged missing when
    the clients have it and no member does, under-represented when the members' share is
    under half of the clients' share.
    """
    from django.utils.translation import gettext as _

    members = group.memberships.exclude(stage=GroupMembership.Stage.LEFT)
    figures = list(ReferenceFigure.objects.filter(organisation=group.organisation_id))
    dimensions = [dimension for dimension, _label in ReferenceFigure.Dimension.choices]
    fields = [f"participant__{dimension}" for dimension in dimensions]
    # One pass over the members for every dimension: a row per combination of answers.
    tallies: dict[str, Counter[str]] = {dimension: Counter() for dimension in dimensions}
    for *values, n in (
        members.values(*fields).annotate(n=Count("pk")).order_by().values_list(*fields, "n")
    ):
        for dimension, value in zip(dimensions, values, strict=True):
            if value not in ("", PREFER_NOT):
                tallies[dimension][value] += n
    reports = []
    for dimension, label in ReferenceFigure.Dimension.choices:
        counts = tallies[dimension]
        answered = sum(counts.values())
        reference = {f.category: f.count for f in figures if f.dimension == dimension}
        reference_total = sum(reference.values())
        # The shares of the shown answers add up to 100 %: when the hidden ones are only a
        # few people, those shares would give their number away. Then no share is shown.
        hidden = sum(n for n in counts.values() if n < MIN_SHOWN)
        shares_shown = hidden == 0 or hidden >= MIN_SHOWN
        rows = []
        for category in sorted(set(counts) | set(reference)):
            n = counts.get(category, 0)
            member_share = round(100 * n / answered) if answered else None
            reference_share = (
                round(100 * reference[category] / reference_total)
                if category in reference and reference_total
                else None
            )
            shown = n >= MIN_SHOWN
            rows.append(
                RepresentationRow(
                    category=category,
                    label=str(CATEGORY_LABELS[dimension].get(category, category)),
                    members_shown=str(n) if shown else _("fewer than 5"),
                    member_share=member_share if shown and shares_shown else None,
                    reference_share=reference_share,
                    missing=n == 0 and category in reference,
                    under_represented=(
                        n > 0
                        and reference_share is not None
                        and member_share is not None
                        and member_share < reference_share / 2
                    ),
                )
            )
        reports.append(RepresentationReport(dimension, str(label), rows, answered))
    return reports
