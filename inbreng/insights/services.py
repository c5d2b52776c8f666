"""Writes for insights: the client population and the coordinator's report text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from inbreng.core.models import AuditEvent, Organisation

from .kept import forget
from .models import PopulationCount, ReportText
from .population import PopulationRow


@transaction.atomic
def population_import(*, organisation: Organisation, by: Any, rows: Sequence[PopulationRow]) -> int:
    """Stores the checked counts: all or nothing.

    For each year and question in the file, the counts it gives replace the ones stored
    before (a corrected file is simply imported again). Returns how many counts were stored.
    """
    if not rows or any(r.errors or r.year is None or r.count is None for r in rows):
        raise ValidationError("The file has errors; nothing is stored.")
    made = [
        PopulationCount(
            organisation=organisation,
            year=r.year or 0,
            dimension=r.dimension,
            category=r.category,
            count=r.count or 0,
        )
        for r in rows
    ]
    for count in made:
        count.full_clean(validate_unique=False, validate_constraints=False)
    replaced = Q(pk__in=[])
    for year, dimension in {(r.year, r.dimension) for r in rows}:
        replaced |= Q(year=year, dimension=dimension)
    PopulationCount.objects.filter(replaced, organisation=organisation).delete()
    PopulationCount.objects.bulk_create(made)
    # The reach pages compare with these numbers: no kept table may show the old ones.
    forget(organisation)
    AuditEvent.record(
        organisation=organisation,
        actor=by,
        action=AuditEvent.Action.IMPORT,
        object_type="insights.populationcount",
        count=len(made),
        years=sorted({r.year for r in rows if r.year is not None}),
    )
    return len(made)


@transaction.atomic
def report_text_save(*, organisation: Organisation, year: int, text: str, by: Any) -> ReportText:
    """Saves the coordinator's text for one year's report."""
    report, _created = ReportText.objects.get_or_create(organisation=organisation, year=year)
    report.text = text
    report.updated_by = by
    report.full_clean()
    report.save()
    AuditEvent.record(
        organisation=organisation,
        actor=by,
        action=AuditEvent.Action.UPDATE,
        obj=report,
        fields=["text"],
    )
    return report
