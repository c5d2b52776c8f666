"""Consent first, and its withdrawal takes effect at once, also for someone with the case open."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from conftest import World
from inbreng.casework.models import Agreement, CaseConference, CaseConsent
from inbreng.core.models import AuditEvent

from .factories import open_case


def test_withdrawal_closes_the_case_at_once_for_every_provider(world: World) -> None:
    made = open_case(world)
    case_url = reverse("casework:case", kwargs={"pk": made.case.pk})
    provider = world.client_for("partner_worker")
    contact = world.client_for("social_worker")
    # The provider has the case open, with the agreement form on their screen.
    assert provider.get(case_url).status_code == 200
    assert contact.get(case_url).status_code == 200

    withdrawn = world.client_for("coordinator").post(
        reverse("casework:withdraw", kwargs={"pk": made.case.pk}),
        {"note": "Zei het aan de telefoon", "confirm": "on"},
    )
    assert withdrawn.status_code == 302

    # Their next click, and the form they still had open, are refused; nothing is saved.
    assert provider.get(case_url).status_code == 404
    sent = provider.post(
        reverse(
            "casework:agreement_status",
            kwargs={"pk": made.case.pk, "agreement_pk": made.agreement.pk},
        ),
        {"status": "done", "note": "gedaan"},
    )
    assert sent.status_code == 404
    made.agreement.refresh_from_db()
    assert made.agreement.status == Agreement.Status.OPEN
    assert contact.get(case_url).status_code == 404
    assert made.case.number not in provider.get(reverse("casework:list")).content.decode()

    # Only the coordinator still sees it, with the withdrawal on the page.
    page = world.client_for("coordinator").get(case_url)
    assert page.status_code == 200
    assert "Zei het aan de telefoon" in page.content.decode()
    consent = CaseConsent.objects.get(case=made.case)
    assert consent.withdrawn_at is not None
    assert consent.withdrawn_by == world.users["coordinator"]
    made.case.refresh_from_db()
    assert made.case.status == CaseConference.Status.WITHDRAWN
    assert AuditEvent.objects.filter(
        object_id=str(made.case.pk), detail__step="consent_withdrawn"
    ).exists()


def test_a_provider_can_record_the_withdrawal_and_then_loses_access(world: World) -> None:
    made = open_case(world)
    provider = world.client_for("partner_worker")
    response = provider.post(
        reverse("casework:withdraw", kwargs={"pk": made.case.pk}),
        {"note": "Zei het aan mij", "confirm": "on"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("casework:list")
    assert provider.get(reverse("casework:case", kwargs={"pk": made.case.pk})).status_code == 404


def test_withdrawal_needs_confirmation_and_keeps_what_was_typed(world: World) -> None:
    made = open_case(world)
    response = world.client_for("coordinator").post(
        reverse("casework:withdraw", kwargs={"pk": made.case.pk}), {"note": "Via de buurvrouw"}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert 'value="Via de buurvrouw"' in text
    assert 'id="id_confirm_error"' in text
    made.case.refresh_from_db()
    assert made.case.status == CaseConference.Status.OPEN


def _accepted_case(world: World) -> CaseConference:
    made = open_case(world)
    CaseConsent.objects.filter(case=made.case).delete()
    return made.case


def test_nothing_happens_before_consent(world: World) -> None:
    case = _accepted_case(world)
    coordinator = world.client_for("coordinator")
    member = world.member("social_worker")
    invite = coordinator.post(
        reverse("casework:invite", kwargs={"pk": case.pk}),
        {"name": "OCMW", "user": member.pk},
    )
    assert invite.status_code == 200
    assert (
        "Record the client" in invite.content.decode() or "toestemming" in invite.content.decode()
    )
    assert not case.providers.filter(user=world.users["social_worker"]).exists()
    agenda = coordinator.post(
        reverse("casework:agenda", kwargs={"pk": case.pk}), {"agenda_matters": "Rust"}
    )
    assert agenda.status_code == 200
    case.refresh_from_db()
    assert case.agenda_matters != "Rust"


def test_it_records_consent_with_what_each_provider_may_share(world: World) -> None:
    case = _accepted_case(world)
    providers = list(case.providers.order_by("id"))
    response = world.client_for("coordinator").post(
        reverse("casework:consent", kwargs={"pk": case.pk}),
        {
            "scope": "Wonen en schulden",
            "given_on": timezone.localdate().isoformat(),
            "how": "spoken",
            "witness": "",
            f"share_{providers[0].pk}": "Huursituatie",
        },
    )
    # A spoken consent needs a witness: refused, with the reason next to the field.
    assert response.status_code == 200
    text = response.content.decode()
    assert 'id="id_witness_error"' in text
    assert "Wonen en schulden" in text
    response = world.client_for("coordinator").post(
        reverse("casework:consent", kwargs={"pk": case.pk}),
        {
            "scope": "Wonen en schulden",
            "given_on": timezone.localdate().isoformat(),
            "how": "spoken",
            "witness": "Walter (sociale dienst)",
            f"share_{providers[1].pk}": "Alleen afspraken",
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    consent = CaseConsent.objects.get(case=case)
    assert consent.witness == "Walter (sociale dienst)"
    providers[1].refresh_from_db()
    assert providers[1].may_share == "Alleen afspraken"


def test_before_consent_only_the_coordinator_reads_the_case(world: World) -> None:
    """Accepted but without the client's consent yet: the staff contact and the provider
    who was on the request get a 404 on the case and do not see it in their list."""
    made = open_case(world)
    CaseConsent.objects.filter(case=made.case).delete()
    case_url = reverse("casework:case", kwargs={"pk": made.case.pk})
    for role in ("social_worker", "partner_worker"):
        client = world.client_for(role)
        assert client.get(case_url).status_code == 404, role
        # The list may say what they asked for and its state, never lead into the case.
        assert case_url not in client.get(reverse("casework:list")).content.decode()
    assert world.client_for("coordinator").get(case_url).status_code == 200

    CaseConsent.objects.create(
        organisation=world.org,
        case=made.case,
        scope="Overleg over wonen.",
        given_on=timezone.localdate(),
        how=CaseConsent.How.SIGNED,
        recorded_by=world.users["coordinator"],
    )
    for role in ("social_worker", "partner_worker"):
        assert world.client_for(role).get(case_url).status_code == 200, role
