"""After the organisation's retention period a case is made anonymous; signals stay."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from typing import Any

from django.core.files.storage import default_storage
from django.core.management import call_command
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone

from conftest import World
from inbreng.casework.models import (
    Agreement,
    CaseConference,
    CaseConsent,
    CaseDocument,
    CaseMeeting,
    CaseProvider,
    CaseSettings,
    Signal,
)
from inbreng.casework.tasks import anonymise_due_cases

from .factories import Case, open_case

# Every row of a case, as model and lookup.
TABLES: list[tuple[Any, str]] = [
    (CaseConference, "pk"),
    (CaseConsent, "case_id"),
    (CaseProvider, "case_id"),
    (CaseMeeting, "case_id"),
    (Agreement, "case_id"),
    (CaseDocument, "case_id"),
    (Signal, "case_id"),
]
# What may stay: dates, kinds, statuses and links between the case's own rows.
KEPT = {
    "id",
    "organisation",
    "case",
    "status",
    "requested_at",
    "requested_by",
    "client_asked",
    "client_agrees",
    "life_domains",
    "decided_by",
    "decided_at",
    "coordinator",
    "key_worker",
    "agenda_recorded_at",
    "evaluated_at",
    "closure_reason",
    "closed_by",
    "consent_withdrawn_at",
    "ended_at",
    "anonymised_at",
    "invited_at",
    "acknowledged_at",
    "removed_at",
    "kind",
    "starts_at",
    "ends_at",
    "report_recorded_at",
    "meeting",
    "owner_kind",
    "owner",
    "due_on",
    "created_at",
    "done_at",
    "last_reminded_at",
}


def rows(case: CaseConference) -> dict[str, list[dict[str, Any]]]:
    return {
        model.__name__: [
            {**model_to_dict(row), "id": row.pk}
            for row in model.objects.filter(**{lookup: case.pk}).order_by("pk")
        ]
        for model, lookup in TABLES
    }


def closed_case(world: World, *, months_ago: int) -> Case:
    made = open_case(world)
    case = made.case
    case.evaluation = "Het ging beter met de huur."
    case.closure_reason = CaseConference.Closure.GOALS_REACHED
    case.closure_note = "Samira woont nu goed."
    case.status = CaseConference.Status.CLOSED
    case.ended_at = timezone.now() - timedelta(days=31 * months_ago)
    case.save()
    return made


def test_it_removes_every_personal_field_document_and_free_text_and_keeps_the_signals(
    world: World,
) -> None:
    CaseSettings.objects.create(organisation=world.org, retention_months=6)
    made = closed_case(world, months_ago=7)
    case = made.case
    stored = made.document.file.name
    assert default_storage.exists(stored)
    before = rows(case)

    assert anonymise_due_cases.enqueue().return_value == 1

    after = rows(case)
    # The signals are untouched, row for row.
    assert after["Signal"] == before["Signal"]
    # Consents and documents are gone, and the file with them.
    assert before["CaseConsent"] and after["CaseConsent"] == []
    assert before["CaseDocument"] and after["CaseDocument"] == []
    assert not default_storage.exists(stored)
    # The other rows stay, each with every field that is not on the kept list emptied.
    for table in ("CaseConference", "CaseProvider", "CaseMeeting", "Agreement"):
        assert len(after[table]) == len(before[table]), table
        for old, new in zip(before[table], after[table], strict=True):
            for field, value in new.items():
                if field in KEPT:
                    continue
                assert value in ("", None, [], {}), (table, field, value)
                if old[field] not in ("", None, [], {}):
                    assert value != old[field]
    anonymous = CaseConference.objects.get(pk=case.pk)
    assert anonymous.status == CaseConference.Status.ANONYMISED
    assert anonymous.client is None
    assert anonymous.life_domains == case.life_domains
    # Only the coordinator still opens it, and it says so.
    page = world.client_for("coordinator").get(reverse("casework:case", kwargs={"pk": case.pk}))
    text = page.content.decode()
    assert world.participant.name not in text
    assert "Rust in mijn hoofd." not in text


def test_it_waits_for_the_retention_period(world: World) -> None:
    CaseSettings.objects.create(organisation=world.org, retention_months=12)
    made = closed_case(world, months_ago=7)
    before = rows(made.case)
    out = StringIO()
    call_command("casework_anonymise", stdout=out)
    assert "0 case conference(s) were anonymised" in out.getvalue()
    assert rows(made.case) == before


def test_open_cases_are_never_anonymised(world: World) -> None:
    made = open_case(world)
    CaseConference.objects.filter(pk=made.case.pk).update(
        ended_at=timezone.now() - timedelta(days=3000)
    )
    before = rows(made.case)
    call_command("casework_anonymise", stdout=StringIO())
    assert rows(made.case) == before


def test_the_command_can_count_without_changing(world: World) -> None:
    made = closed_case(world, months_ago=13)
    before = rows(made.case)
    out = StringIO()
    call_command("casework_anonymise", "--dry-run", stdout=out)
    assert "1 case conference(s) would be anonymised" in out.getvalue()
    assert rows(made.case) == before
    call_command("casework_anonymise", stdout=out)
    assert rows(made.case) != before


def test_erasing_the_client_from_the_register_anonymises_their_cases(world: World) -> None:
    from inbreng.people.services import participant_erase

    made = open_case(world)
    participant_erase(participant=world.participant, by=world.users["admin"])
    made.case.refresh_from_db()
    assert made.case.status == CaseConference.Status.ANONYMISED
    assert made.case.agenda_matters == ""


def test_the_admin_sets_the_retention_period_without_seeing_cases(world: World) -> None:
    made = open_case(world)
    admin = world.client_for("admin")
    response = admin.post(reverse("casework:settings"), {"retention_months": "0"})
    assert response.status_code == 200
    assert 'id="id_retention_months_error"' in response.content.decode()
    assert admin.post(reverse("casework:settings"), {"retention_months": "18"}).status_code == 302
    assert CaseSettings.objects.get(organisation=world.org).retention_months == 18
    assert admin.get(reverse("casework:case", kwargs={"pk": made.case.pk})).status_code == 404
