"""Writes for sampling: frames, samples, volunteer pools, quotas, selections and weights.

The statistics are in `surveys.sampling`, `surveys.selection` and `surveys.stats` (no
database); these services store what they decide, all or nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from inbreng.core.models import Organisation

from .. import sampling as draws
from .. import selection as sortition
from .. import stats
from ..models import (
    FrameUnit,
    Quota,
    Response,
    Sample,
    SampleUnit,
    SamplingFrame,
    Selection,
    Volunteer,
    VolunteerPool,
    Wave,
)

BATCH = 2000


@transaction.atomic
def frame_import(
    *,
    organisation: Organisation,
    name: str,
    strata_columns: Sequence[str],
    rows: Sequence[draws.FrameRow],
    by: Any,
) -> SamplingFrame:
    """Stores a checked frame with all its units; nothing when one unit is wrong."""
    frame = SamplingFrame(
        organisation=organisation,
        name=name[:200],
        strata_columns=list(strata_columns),
        row_count=len(rows),
        imported_by=by,
    )
    frame.full_clean()
    frame.save()
    units = []
    for row in rows:
        unit = FrameUnit(
            organisation=organisation,
            frame=frame,
            client_ref=row.client_ref,
            strata=row.strata,
            stratum=row.stratum,
            line_number=row.line,
        )
        unit.full_clean(exclude=["frame", "organisation"], validate_unique=False)
        units.append(unit)
    FrameUnit.objects.bulk_create(units, batch_size=BATCH)
    return frame


def frame_sizes(frame: SamplingFrame) -> dict[str, int]:
    rows = (
        FrameUnit.objects.filter(organisation=frame.organisation, frame=frame)
        .values("stratum")
        .annotate(n=Count("id"))
        .order_by("stratum")
    )
    return {row["stratum"]: row["n"] for row in rows}


@transaction.atomic
def sample_draw(
    *,
    frame: SamplingFrame,
    size: int,
    allocation: str,
    minimum: int,
    reserve_per_stratum: int,
    seed: int | None,
    wave: Wave | None,
    by: Any,
) -> Sample:
    """Draws a stratified sample with the given (or a new) seed and stores who was drawn and
    the reserve list per stratum. Raises ValidationError with the reason."""
    sizes = frame_sizes(frame)
    try:
        plan = draws.allocate(
            sizes, size, minimum=minimum if allocation == Sample.Allocation.MINIMUM else 0
        )
        used_seed = seed or draws.new_seed()
        units = list(
            FrameUnit.objects.filter(organisation=frame.organisation, frame=frame).values_list(
                "client_ref", "stratum", "pk"
            )
        )
        result = draws.draw(
            [(ref, stratum) for ref, stratum, _pk in units],
            plan,
            seed=used_seed,
            reserve_per_stratum=reserve_per_stratum,
        )
    except draws.SamplingError as error:
        raise ValidationError({"size": str(error)}) from error
    sample = Sample(
        organisation=frame.organisation,
        frame=frame,
        wave=wave,
        seed=used_seed,
        allocation=allocation,
        minimum_per_stratum=minimum if allocation == Sample.Allocation.MINIMUM else 0,
        size=size,
        reserve_per_stratum=reserve_per_stratum,
        strata_sizes=sizes,
        allocation_plan=plan,
        drawn_by=by,
    )
    sample.full_clean()
    sample.save()
    pk_of = {ref: pk for ref, _stratum, pk in units}
    chosen: list[SampleUnit] = []
    for part in result:
        for kind, refs in (
            (SampleUnit.Kind.DRAWN, part.drawn),
            (SampleUnit.Kind.RESERVE, part.reserve),
        ):
            chosen.extend(
                SampleUnit(
                    organisation=frame.organisation,
                    sample=sample,
                    unit_id=pk_of[ref],
                    stratum=part.stratum,
                    kind=kind,
                    order=order,
                )
                for order, ref in enumerate(refs, start=1)
            )
    SampleUnit.objects.bulk_create(chosen, batch_size=BATCH)
    return sample


@transaction.atomic
def weights_from_sample(*, sample: Sample) -> int:
    """Sets the weight of every complete response of the sample's wave by post-stratifying
    to the frame: in each stratum the responses together stand for the stratum's units (the
    design weight N_h / n_h, adjusted for who did not answer). Returns the responses weighted.

    Responses in a stratum the frame does not know keep their weight.
    """
    if sample.wave_id is None:
        raise ValidationError(_("This sample is not linked to a wave."))
    complete = Response.objects.filter(
        organisation=sample.organisation,
        wave_id=sample.wave_id,
        status=Response.Status.COMPLETE,
        stratum__in=list(sample.strata_sizes),
    )
    strata = list(complete.values_list("stratum", flat=True))
    if not strata:
        raise ValidationError(_("There are no complete responses in the sample's strata yet."))
    present = set(strata)
    controls = {s: n for s, n in sample.strata_sizes.items() if s in present}
    weights = stats.poststratify(strata, [1.0] * len(strata), controls)
    # Post-stratified from equal weights, every response of a stratum gets the same weight:
    # one UPDATE per stratum instead of one per response.
    per_stratum = dict(zip(strata, weights, strict=True))
    for stratum, weight in per_stratum.items():
        complete.filter(stratum=stratum).update(weight=weight)
    sample.weighted_at = timezone.now()
    sample.save(update_fields=["weighted_at"])
    return len(strata)


@transaction.atomic
def pool_create(
    *,
    organisation: Organisation,
    name: str,
    features: Sequence[str],
    volunteers: Sequence[draws.FrameRow],
) -> VolunteerPool:
    """A pool of volunteers with their features (read like a frame: a ref and columns)."""
    pool = VolunteerPool(organisation=organisation, name=name[:200], features=list(features))
    pool.full_clean()
    pool.save()
    Volunteer.objects.bulk_create(
        [
            Volunteer(organisation=organisation, pool=pool, ref=row.client_ref, features=row.strata)
            for row in volunteers
        ]
    )
    categories: dict[tuple[str, str], int] = {}
    for row in volunteers:
        for feature, category in row.strata.items():
            categories[(feature, category)] = categories.get((feature, category), 0) + 1
    # A quota per category to start from: anyone from none to all of them.
    Quota.objects.bulk_create(
        [
            Quota(
                organisation=organisation,
                pool=pool,
                feature=feature,
                category=category,
                minimum=0,
                maximum=count,
            )
            for (feature, category), count in sorted(categories.items())
        ]
    )
    return pool


@transaction.atomic
def quotas_save(*, pool: VolunteerPool, limits: dict[int, tuple[int, int]]) -> None:
    """Sets the minimum and maximum of the pool's quotas ({quota pk: (minimum, maximum)})."""
    quotas = list(Quota.objects.filter(organisation=pool.organisation, pool=pool))
    errors = {}
    for quota in quotas:
        if quota.pk not in limits:
            continue
        quota.minimum, quota.maximum = limits[quota.pk]
        if quota.minimum > quota.maximum:
            errors[f"quota_{quota.pk}"] = _("The minimum is above the maximum.")
    if errors:
        raise ValidationError(errors)
    Quota.objects.bulk_update(quotas, ["minimum", "maximum"])


@transaction.atomic
def selection_make(*, pool: VolunteerPool, size: int, seed: int | None, by: Any) -> Selection:
    """Chooses a group from the pool against its quotas; stores who and each one's chance."""
    volunteers = [
        (ref, features)
        for ref, features in Volunteer.objects.filter(
            organisation=pool.organisation, pool=pool
        ).values_list("ref", "features")
    ]
    quotas = [
        sortition.QuotaSpec(q.feature, q.category, q.minimum, q.maximum)
        for q in Quota.objects.filter(organisation=pool.organisation, pool=pool)
    ]
    used_seed = seed or draws.new_seed()
    try:
        result = sortition.select_within(volunteers, quotas, size=size, seed=used_seed)
    except sortition.SelectionFailed as error:
        raise ValidationError({"size": str(error)}) from error
    selection = Selection(
        organisation=pool.organisation,
        pool=pool,
        size=size,
        seed=used_seed,
        selected=result.selected,
        probabilities=result.probabilities,
        checks=[check.__dict__ for check in result.checks],
        made_by=by,
    )
    selection.full_clean()
    selection.save()
    return selection
