"""Requesting a case conference, and the LCO coordinator's decision."""

from __future__ import annotations

from django.urls import reverse

from conftest import World
from inbreng.casework.models import CaseConference, CaseProvider
from inbreng.core.models import AuditEvent

from .factories import make_case_coordinator, requested_case


def _request(world: World, role: str = "social_worker", **data: object) -> object:
    form = {
        "client": world.participant.pk,
        "client_agrees": "on",
        "life_domains": ["income", "housing"],
        "requester_provider": "Sociale dienst – budget",
        "providers": "CAW – wonen",
        "note": "Veel brieven, weinig rust.",
        "ground_rules": "on",
    }
    form.update(data)  # type: ignore[arg-type]
    return world.client_for(role).post(reverse("casework:request"), form)


def test_it_refuses_fewer_than_three_providers_and_three_life_domains_with_the_reason(
    world: World,
) -> None:
    response = _request(world)
    assert response.status_code == 200  # type: ignore[attr-defined]
    text = response.content.decode()  # type: ignore[attr-defined]
    assert 'id="id_life_domains_error"' in text
    # The reason names the numbers, and the conditions show which one is not met.
    assert "2" in text
    # What was typed stays.
    assert "CAW – wonen" in text
    assert "Veel brieven, weinig rust." in text
    assert not CaseConference.objects.exists()


def test_it_accepts_three_providers(world: World) -> None:
    response = _request(world, providers="CAW – wonen\nCGG\n")
    assert response.status_code == 302  # type: ignore[attr-defined]
    case = CaseConference.objects.get()
    assert case.status == CaseConference.Status.REQUESTED
    names = sorted(CaseProvider.objects.filter(case=case).values_list("name", flat=True))
    assert names == ["CAW – wonen", "CGG", "Sociale dienst – budget"]
    requester = CaseProvider.objects.get(case=case, user=world.users["social_worker"])
    assert requester.acknowledged_at is not None
    assert case.staff_contact == world.participant.social_worker
    assert AuditEvent.objects.filter(object_id=str(case.pk), action="create").exists()


def test_it_accepts_three_life_domains(world: World) -> None:
    response = _request(world, life_domains=["income", "housing", "health"], providers="")
    assert response.status_code == 302  # type: ignore[attr-defined]


def test_it_needs_the_clients_agreement(world: World) -> None:
    response = _request(world, client_agrees="", life_domains=["income", "housing", "health"])
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert 'id="id_client_agrees_error"' in response.content.decode()  # type: ignore[attr-defined]
    assert not CaseConference.objects.exists()


def test_a_partner_worker_only_requests_for_clients_they_may_see(world: World) -> None:
    from conftest import make_participant

    stranger = make_participant(world.org, name="Niet Verwezen", phone="+32470333444")
    response = _request(world, role="partner_worker", client=stranger.pk, life_domains=["a", "b"])
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert "Niet Verwezen" not in response.content.decode()  # type: ignore[attr-defined]
    assert not CaseConference.objects.exists()


def test_the_lco_coordinator_sees_and_accepts_a_request_with_a_neutral_coordinator(
    world: World,
) -> None:
    case = requested_case(world)
    CaseProvider.objects.create(
        organisation=world.org, case=case, name="OCMW", user=world.users["coordinator"]
    )
    lco = world.client_for("coordinator")
    assert lco.get(reverse("casework:case", kwargs={"pk": case.pk})).status_code == 200
    member = world.member("coordinator")
    refused = lco.post(
        reverse("casework:decide", kwargs={"pk": case.pk}),
        {"decision": "accept", "coordinator": member.pk},
    )
    assert refused.status_code == 200
    assert 'id="id_coordinator_error"' in refused.content.decode()
    case.refresh_from_db()
    assert case.status == CaseConference.Status.REQUESTED

    # Another LCO coordinator who is not involved is fine.
    neutral = make_case_coordinator(world, "policy_maker")
    accepted = lco.post(
        reverse("casework:decide", kwargs={"pk": case.pk}),
        {"decision": "accept", "coordinator": world.member("policy_maker").pk},
    )
    assert accepted.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseConference.Status.OPEN
    assert case.coordinator == neutral


def test_the_staff_contact_cannot_coordinate(world: World) -> None:
    case = requested_case(world)
    make_case_coordinator(world, "social_worker")
    response = world.client_for("coordinator").post(
        reverse("casework:decide", kwargs={"pk": case.pk}),
        {"decision": "accept", "coordinator": world.member("social_worker").pk},
    )
    assert response.status_code == 200
    assert 'id="id_coordinator_error"' in response.content.decode()


def test_declining_needs_a_reason_that_the_requester_reads(world: World) -> None:
    case = requested_case(world)
    lco = world.client_for("coordinator")
    url = reverse("casework:decide", kwargs={"pk": case.pk})
    assert lco.post(url, {"decision": "decline"}).status_code == 200
    response = lco.post(url, {"decision": "decline", "reason": "Eerst de schuldbemiddeling."})
    assert response.status_code == 302
    page = world.client_for("social_worker").get(reverse("casework:case", kwargs={"pk": case.pk}))
    assert "Eerst de schuldbemiddeling." in page.content.decode()
    case.refresh_from_db()
    assert case.status == CaseConference.Status.DECLINED
    assert case.ended_at is not None


def test_case_numbers_are_random_and_do_not_count_the_cases(world: World) -> None:
    """A number like LCO-7 tells how many cases there are and which came first."""
    cases = [requested_case(world) for _ in range(4)]
    numbers = [case.number for case in cases]
    assert len(set(numbers)) == len(cases) == 4
    for case in cases:
        assert case.number != f"LCO-{case.pk}"
        assert len(case.number.removeprefix("LCO-")) == 8
    listed = world.client_for("social_worker").get(reverse("casework:list")).content.decode()
    assert all(number in listed for number in numbers)
    assert f"LCO-{cases[0].pk}<" not in listed


def test_the_requester_follows_the_state_of_a_request_in_the_list(world: World) -> None:
    make_case_coordinator(world)
    case = requested_case(world, by="partner_worker")
    requester = world.client_for("partner_worker")
    listed = requester.get(reverse("casework:list")).content.decode()
    assert case.number in listed
    lco = world.client_for("coordinator")
    lco.post(
        reverse("casework:decide", kwargs={"pk": case.pk}),
        {"decision": "decline", "reason": "Eerst de schuldbemiddeling."},
    )
    # Declined, the request ends: the requester opens it and reads why.
    case_page = requester.get(reverse("casework:case", kwargs={"pk": case.pk}))
    assert "Eerst de schuldbemiddeling." in case_page.content.decode()
