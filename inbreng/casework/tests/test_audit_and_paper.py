"""Every case read is audited; the client gets the report, the consent form and the access
log on paper, as tagged PDFs in plain Dutch or their own language."""

from __future__ import annotations

import io

from django.urls import reverse
from pypdf import PdfReader

from conftest import World
from inbreng.casework.models import CaseConference
from inbreng.core.models import AuditEvent
from inbreng.core.tests.test_pdf_accessibility import check_tagged

from .factories import open_case
from .test_access import POST_ONLY, case_routes


def test_every_case_page_pdf_and_document_writes_an_audit_event(world: World) -> None:
    made = open_case(world)
    pk = str(made.case.pk)
    clients = {role: world.client_for(role) for role in ("coordinator", "partner_worker")}
    opened = []
    for name, kwargs in case_routes(made):
        if name in POST_ONLY or name == "decide":
            continue
        # The ground rules are the invitee's page; the rest the coordinator opens.
        if name == "ground_rules":
            made.provider.acknowledged_at = None
            made.provider.save()
            client = clients["partner_worker"]
        else:
            client = clients["coordinator"]
        before = AuditEvent.objects.filter(object_id=pk).count()
        response = client.get(reverse(f"casework:{name}", kwargs=kwargs))
        assert response.status_code == 200, name
        events = AuditEvent.objects.filter(object_id=pk, object_type="casework.caseconference")
        assert events.count() > before, f"{name} was read without an audit event"
        newest = events.order_by("-id").first()
        assert newest is not None and newest.actor is not None
        opened.append(name)
        if name == "ground_rules":
            made.provider.acknowledged_at = made.case.requested_at
            made.provider.save()
    assert {"case", "print", "document", "consent_form", "access_log"} <= set(opened)


def test_reading_a_request_to_decide_it_is_audited(world: World) -> None:
    from .factories import requested_case

    case = requested_case(world)
    for name in ("case", "decide"):
        before = AuditEvent.objects.filter(object_id=str(case.pk)).count()
        response = world.client_for("coordinator").get(
            reverse(f"casework:{name}", kwargs={"pk": case.pk})
        )
        assert response.status_code == 200
        assert AuditEvent.objects.filter(object_id=str(case.pk)).count() == before + 1


def _pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(page.extract_text() for page in reader.pages)


def test_the_access_log_lists_who_looked_and_when(world: World) -> None:
    made = open_case(world)
    world.users["partner_worker"].first_name = "Petra"
    world.users["partner_worker"].last_name = "Partner"
    world.users["partner_worker"].save()
    world.client_for("partner_worker").get(reverse("casework:case", kwargs={"pk": made.case.pk}))
    response = world.client_for("coordinator").get(
        reverse("casework:access_log", kwargs={"pk": made.case.pk})
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    text = _pdf_text(response.content)
    assert "Petra Partner" in " ".join(text.split())
    assert "CAW Test" in text  # why she may see it: she is on the case for her service
    assert world.participant.name in text


def test_the_clients_report_holds_the_report_and_the_agreements(world: World) -> None:
    made = open_case(world)
    response = world.client_for("partner_worker").get(
        reverse("casework:print", kwargs={"pk": made.case.pk}), {"taal": "nl"}
    )
    assert response.status_code == 200
    text = check_tagged(response.content, title=_title(response.content), language="nl")
    assert "We spraken over de huur." in text
    assert "Huurachterstand bespreken" in text


def _title(content: bytes) -> str:
    metadata = PdfReader(io.BytesIO(content)).metadata
    assert metadata is not None and metadata.title
    return str(metadata.title)


def test_the_consent_form_is_in_plain_dutch_and_in_the_clients_language(world: World) -> None:
    world.participant.language = "fr"
    world.participant.save()
    made = open_case(world)
    coordinator = world.client_for("coordinator")
    page = coordinator.get(reverse("casework:consent", kwargs={"pk": made.case.pk}))
    links = page.content.decode()
    url = reverse("casework:consent_form", kwargs={"pk": made.case.pk})
    assert f"{url}?taal=nl" in links and f"{url}?taal=fr" in links
    for language in ("nl", "fr"):
        response = coordinator.get(url, {"taal": language})
        assert response.status_code == 200
        text = check_tagged(response.content, title=_title(response.content), language=language)
        assert "CAW Test" in text and "Huursituatie" in text
    # A language the client does not read falls back to theirs.
    response = coordinator.get(url, {"taal": "ar"})
    check_tagged(response.content, title=_title(response.content), language="fr")


def test_the_french_print_is_marked_french(world: World) -> None:
    world.participant.language = "fr"
    world.participant.save()
    made = open_case(world)
    response = world.client_for("coordinator").get(
        reverse("casework:print", kwargs={"pk": made.case.pk}), {"taal": "fr"}
    )
    check_tagged(response.content, title=_title(response.content), language="fr")


def test_the_case_page_has_a_query_budget_that_does_not_grow(world: World) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from inbreng.casework.models import Agreement, CaseProvider

    made = open_case(world)
    client = world.client_for("coordinator")
    url = reverse("casework:case", kwargs={"pk": made.case.pk})
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for n in range(15):
        provider = CaseProvider.objects.create(
            organisation=world.org, case=made.case, name=f"Dienst {n}"
        )
        Agreement.objects.create(
            organisation=world.org,
            case=made.case,
            what=f"Taak {n}",
            owner_kind="provider",
            owner=provider,
            due_on=made.agreement.due_on,
        )
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small)
    assert len(small) <= 30
    listing = reverse("casework:list")
    with CaptureQueriesContext(connection) as listed:
        assert client.get(listing).status_code == 200
    CaseConference.objects.bulk_create(
        [
            CaseConference(organisation=world.org, coordinator=world.users["coordinator"])
            for _ in range(10)
        ]
    )
    with CaptureQueriesContext(connection) as listed_more:
        assert client.get(listing).status_code == 200
    assert len(listed_more) == len(listed)


def test_the_access_log_speaks_the_language_asked_and_groups_repeated_looks(
    world: World,
) -> None:
    world.participant.language = "fr"
    world.participant.save()
    made = open_case(world)
    partner = world.client_for("partner_worker")
    for _ in range(3):
        partner.get(reverse("casework:case", kwargs={"pk": made.case.pk}))
    url = reverse("casework:access_log", kwargs={"pk": made.case.pk})
    coordinator = world.client_for("coordinator")
    for language in ("nl", "fr"):
        response = coordinator.get(url, {"taal": language})
        assert response.status_code == 200
        check_tagged(response.content, title=_title(response.content), language=language)
    text = " ".join(_pdf_text(response.content).split())
    # Three looks by the partner worker are one line: first and last time, and how often.
    assert text.count("CAW Test") == 1
    partner_line = text.split("CAW Test", 1)[1].split("Coordinator", 1)[0]
    assert partner_line.split()[-1] == "3", partner_line


def test_the_signature_block_of_the_consent_form_stays_on_one_page(world: World) -> None:
    from django.utils import translation
    from django.utils.translation import gettext

    made = open_case(world)
    response = world.client_for("coordinator").get(
        reverse("casework:consent_form", kwargs={"pk": made.case.pk}), {"taal": "nl"}
    )
    with translation.override("nl"):
        heading = gettext("Your signature")
        witness = gettext("Or: you said yes out loud. Witness (name and signature):")
    pages = [
        " ".join(page.extract_text().split())
        for page in PdfReader(io.BytesIO(response.content)).pages
    ]
    with_heading = [n for n, text in enumerate(pages) if heading in text]
    with_witness = [n for n, text in enumerate(pages) if witness.split(".")[0] in text]
    assert with_heading and with_heading == with_witness, pages
