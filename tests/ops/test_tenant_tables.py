"""Every tenant-owned table carries `organisation`, and its indexes start with it.

This is what lets one organisation's pages ignore the others' rows, and what lets the data be
sharded by organisation later (Citus, docs/operations.md). A new model that points at tenant
data without an `organisation` column, or a new index or unique rule that does not start with
it, fails here until it is fixed or listed below with a reason.
"""

from __future__ import annotations

from django.apps import apps
from django.db import models
from django.test.utils import isolate_apps

from inbreng.core.models import Organisation

# Tables that hold no organisation's data of their own, with the reason.
GLOBAL_TABLES = {
    "core.Organisation": "the tenant itself",
    "core.User": (
        "a staff account is shared: one person may work for several organisations; "
        "what they may do there lives in core.Membership, which has `organisation`"
    ),
    "archive.EntryIndex": (
        "SQLite only (never created on PostgreSQL, where sharding applies): the FTS5 index "
        "over archive.Entry, joined by the entry's id"
    ),
}

# Indexes and unique rules on tenant tables that do not start with `organisation`, keyed by
# (model, index or constraint name, or field name for a unique field), with the reason.
# "TODO" marks a gap to close with a migration in the app that owns the model.
INDEX_EXCEPTIONS = {
    ("participation.PersonalLink", "token_hash"): (
        "a participant opens a link without saying which organisation it is from: the token "
        "is looked up across organisations (with Citus: a reference table token → organisation)"
    ),
    ("participation.PersonalLink", "short_hash"): (
        "the short code on a letter is looked up across organisations, as the token"
    ),
    ("surveys.SurveyLink", "token_hash"): (
        "a respondent opens a survey link without saying which organisation it is from, as "
        "a personal link"
    ),
    ("messaging.Delivery", "key"): (
        "TODO: the idempotency key is also the e-mail's Message-ID and is globally random; "
        "for sharding make it unique together with organisation"
    ),
    ("messaging.Delivery", "messaging_d_message_6c590d_idx"): (
        "TODO: the worker's task knows the message only; prefix with organisation"
    ),
    ("messaging.Delivery", "messaging_d_claim_e036b4_idx"): (
        "TODO: a worker finds its claimed batch by a random UUID; prefix with organisation"
    ),
}


def is_tenant_owned(model: type[models.Model]) -> bool:
    return any(f.name == "organisation" for f in model._meta.get_fields())


def tenant_problems(model: type[models.Model]) -> list[str]:
    """What is wrong with one model: a missing or nullable `organisation`, or an index or
    unique rule that does not start with it (the listed exceptions aside)."""
    label = model._meta.label
    problems: list[str] = []
    if label in GLOBAL_TABLES:
        return problems
    points_at_tenant_data = [
        f.name
        for f in model._meta.get_fields()
        if f.is_relation
        and f.concrete
        and f.related_model is not None
        and f.related_model is not model
        and (f.related_model is Organisation or is_tenant_owned(f.related_model))
        and f.related_model._meta.label not in GLOBAL_TABLES
    ]
    if not is_tenant_owned(model):
        if points_at_tenant_data or any(
            f.is_relation and f.concrete and f.related_model is Organisation
            for f in model._meta.get_fields()
        ):
            problems.append(
                f"{label}: relates to tenant data ({points_at_tenant_data}) "
                "without an `organisation` field"
            )
        return problems
    field = model._meta.get_field("organisation")
    if not (isinstance(field, models.ForeignKey) and field.related_model is Organisation):
        problems.append(f"{label}.organisation is not a foreign key to Organisation")
    elif field.null:
        problems.append(f"{label}.organisation may be empty")

    def check(name: str, first: str | None) -> None:
        if first != "organisation" and (label, name) not in INDEX_EXCEPTIONS:
            problems.append(f"{label}: {name} starts with {first!r}, not 'organisation'")

    for index in model._meta.indexes:
        first = index.fields[0].lstrip("-") if index.fields else None
        check(str(index.name), first)
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint):
            first = constraint.fields[0] if constraint.fields else None
            check(constraint.name, first)
    for together in model._meta.unique_together:
        check("unique_together " + ",".join(together), together[0])
    for f in model._meta.concrete_fields:
        if f.primary_key or f.name == "organisation":
            continue
        # A unique field (a one-to-one link too) is a unique index of its own. The plain
        # index Django puts on every foreign key is allowed: it serves joins and deletes,
        # and Citus does not need the distribution column in an index that is not unique.
        if f.unique or (f.db_index and not f.is_relation):
            check(f.name, f.name)
    return problems


def test_it_finds_organisation_on_every_tenant_table_and_at_the_start_of_its_indexes() -> None:
    problems = [p for model in apps.get_models() for p in tenant_problems(model)]
    assert problems == []


def test_it_lists_only_exceptions_that_still_exist() -> None:
    names = set()
    for model in apps.get_models():
        label = model._meta.label
        names |= {(label, str(i.name)) for i in model._meta.indexes}
        names |= {(label, c.name) for c in model._meta.constraints}
        names |= {(label, f.name) for f in model._meta.concrete_fields}
    assert set(INDEX_EXCEPTIONS) - names == set()


@isolate_apps("inbreng.core")
def test_it_fails_a_model_without_organisation_or_with_a_foreign_first_index() -> None:
    """The check itself catches both mistakes it exists for."""
    from inbreng.people.models import Participant

    class Note(models.Model):  # noqa: DJ008
        participant = models.ForeignKey(Participant, on_delete=models.CASCADE)

        class Meta:
            app_label = "core"

    class Tag(models.Model):  # noqa: DJ008
        organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, null=True)
        word = models.CharField(max_length=20)
        owner = models.OneToOneField(Participant, on_delete=models.CASCADE, related_name="+")

        class Meta:
            app_label = "core"
            indexes = [models.Index(fields=["word"], name="tag_word_idx")]
            constraints = [
                models.UniqueConstraint(fields=["word", "organisation"], name="tag_unique")
            ]

    assert tenant_problems(Note) == [
        "core.Note: relates to tenant data (['participant']) without an `organisation` field"
    ]
    assert tenant_problems(Tag) == [
        "core.Tag.organisation may be empty",
        "core.Tag: tag_word_idx starts with 'word', not 'organisation'",
        "core.Tag: tag_unique starts with 'word', not 'organisation'",
        "core.Tag: owner starts with 'owner', not 'organisation'",
    ]
