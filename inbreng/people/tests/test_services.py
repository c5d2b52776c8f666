"""Writes to the register: each one audited, none half-done."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from conftest import World, make_participant
from inbreng.core.models import AuditEvent, Membership, User
from inbreng.core.services import open_work_count, staff_deactivate
from inbreng.people import selectors, services
from inbreng.people.models import Channel, Consent, Participant


def events(world: World, action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(organisation=world.org, action=action))


def test_it_adds_a_person_and_records_who_referred_them(world: World) -> None:
    by = world.users["social_worker"]

    person = services.participant_create(
        organisation=world.org,
        by=by,
        data={"name": "Fatima", "phone": "+32470112233", "preferred_channel": Channel.SMS},
    )

    person.refresh_from_db()
    assert person.organisation == world.org
    assert person.referred_by_user == by
    assert person.last_activity_at is not None
    [event] = events(world, AuditEvent.Action.CREATE)
    assert (event.actor, event.object_id) == (by, str(person.pk))


def test_it_refuses_to_add_a_person_with_invalid_data_and_saves_nothing(world: World) -> None:
    with pytest.raises(ValidationError):
        services.participant_create(
            organisation=world.org,
            by=world.users["coordinator"],
            data={"name": "x" * 101, "email": "geen-adres"},
        )

    assert not Participant.objects.filter(organisation=world.org, email="geen-adres").exists()
    assert events(world, AuditEvent.Action.CREATE) == []


def test_it_audits_a_change_by_field_names_never_by_values(world: World) -> None:
    person = world.participant

    services.participant_update(
        participant=person,
        by=world.users["coordinator"],
        data={"phone": "+32470654321", "needs_transport": True, "name": person.name},
    )

    person.refresh_from_db()
    assert person.phone == "+32470654321"
    [event] = events(world, AuditEvent.Action.UPDATE)
    assert event.detail == {"fields": ["needs_transport", "phone"]}
    assert "654321" not in str(event.detail)


def test_it_audits_a_change_made_on_an_instance_that_already_holds_the_new_values(
    world: World,
) -> None:
    # A model form copies the typed values onto its instance while it validates.
    person = world.participant
    person.city = "Gent"

    services.participant_update(
        participant=person, by=world.users["coordinator"], data={"city": "Gent"}
    )

    [event] = events(world, AuditEvent.Action.UPDATE)
    assert event.detail == {"fields": ["city"]}


def test_it_audits_a_new_social_worker_as_a_change(world: World) -> None:
    services.participant_update(
        participant=world.participant,
        by=world.users["coordinator"],
        data={"social_worker": world.users["admin"]},
    )

    world.participant.refresh_from_db()
    assert world.participant.social_worker == world.users["admin"]
    [event] = events(world, AuditEvent.Action.UPDATE)
    assert event.detail == {"fields": ["social_worker"]}


def test_it_records_no_change_when_nothing_changed(world: World) -> None:
    services.participant_update(
        participant=world.participant,
        by=world.users["coordinator"],
        data={"name": "Anouk T.", "social_worker": world.users["social_worker"]},
    )

    assert events(world, AuditEvent.Action.UPDATE) == []


def test_it_records_consent_with_when_and_by_whom(world: World) -> None:
    by = world.users["social_worker"]

    consent = services.consent_record(
        participant=world.participant, by=by, purpose="participation", how="paper"
    )

    consent.refresh_from_db()
    assert consent.recorded_by == by
    assert consent.given_at <= timezone.now()
    assert consent.is_active
    [event] = events(world, AuditEvent.Action.UPDATE)
    assert event.detail == {"consent": "participation"}


def test_it_keeps_a_withdrawn_consent_with_the_date_it_was_withdrawn(world: World) -> None:
    consent = services.consent_record(
        participant=world.participant, by=world.users["coordinator"], purpose="photos", how="spoken"
    )
    by = world.users["social_worker"]

    services.consent_withdraw(consent=consent, by=by)
    first_date = Consent.objects.get(pk=consent.pk).withdrawn_at
    services.consent_withdraw(consent=Consent.objects.get(pk=consent.pk), by=by)

    kept = Consent.objects.get(pk=consent.pk)
    assert kept.withdrawn_at is not None
    assert kept.withdrawn_at == first_date
    assert kept.withdrawn_recorded_by == by
    assert not kept.is_active


def test_it_erases_every_personal_detail_but_keeps_an_anonymous_record(world: World) -> None:
    person = world.participant
    for name, value in {
        "postal_name": "Anouk Tersago",
        "email": "anouk@example.be",
        "street": "Kerkstraat 1",
        "postal_code": "9000",
        "city": "Gent",
        "age_band": "25_44",
        "household_type": "single_parent",
        "home_language": "ar",
        "neighbourhood": "Brugse Poort",
        "income_situation": "benefit",
        "needs_childcare": True,
        "needs_interpreter": True,
    }.items():
        setattr(person, name, value)
    person.save()
    services.consent_record(
        participant=person, by=world.users["coordinator"], purpose="participation", how="paper"
    )

    services.participant_erase(participant=person, by=world.users["coordinator"])

    person = Participant.objects.get(pk=person.pk)
    assert person.name == services.ERASED_NAME
    assert all(getattr(person, name) == "" for name in Participant.PERSONAL_FIELDS)
    assert person.needs() == []
    assert person.social_worker is None
    assert person.referred_by_partner is None
    assert person.is_erased
    assert not Consent.objects.filter(participant=person).exists()
    [event] = events(world, AuditEvent.Action.ERASE)
    assert event.object_id == str(person.pk)
    assert "Anouk" not in str(event.detail)


def test_it_takes_a_kept_person_off_the_review_list(world: World) -> None:
    person = make_participant(
        world.org, name="Oud", last_activity_at=timezone.now() - timedelta(days=1000)
    )
    coordinator = world.member("coordinator")
    assert person in selectors.inactive_participants(coordinator)

    services.participant_keep(participant=person, by=world.users["coordinator"])

    assert person not in selectors.inactive_participants(coordinator)
    person.refresh_from_db()
    assert person.reviewed_at is not None
    assert len(events(world, AuditEvent.Action.KEEP)) == 1


def test_it_exports_everything_the_register_holds_on_a_person(world: World) -> None:
    services.consent_record(
        participant=world.participant,
        by=world.users["coordinator"],
        purpose="reach",
        how="spoken",
    )

    data = services.participant_export_data(participant=world.participant, by=world.users["admin"])

    person = data["participant"]
    assert person["name"] == "Anouk T."
    assert person["phone"] == "+32470123456"
    assert person["referred_by_partner"] == "CAW Test"
    assert person["social_worker"] == "Social_Worker"
    assert [c["purpose"] for c in data["consents"]] == ["reach"]
    assert data["organisation"] == "Sociaal Huis Testdorp"
    [event] = events(world, AuditEvent.Action.EXPORT)
    assert event.actor == world.users["admin"]


def test_it_hands_the_people_a_leaving_social_worker_follows_to_a_colleague(
    world: World,
) -> None:
    leaving = world.member("social_worker")
    successor = world.member("coordinator")
    followed = make_participant(world.org, name="Ook gevolgd", social_worker=leaving.user)
    make_participant(world.org, name="Gewist", social_worker=leaving.user, erased_at=timezone.now())
    # The same worker also works elsewhere; that organisation's people stay with them.
    Membership.objects.create(
        organisation=world.other_org, user=leaving.user, is_social_worker=True
    )
    elsewhere = make_participant(world.other_org, name="Elders", social_worker=leaving.user)
    assert open_work_count(leaving) == 2

    moved = staff_deactivate(membership=leaving, by=world.users["admin"], hand_over_to=successor)

    assert moved == 2
    for person in (world.participant, followed):
        person.refresh_from_db()
        assert person.social_worker == successor.user
    elsewhere.refresh_from_db()
    assert elsewhere.social_worker == leaving.user


def test_it_refuses_to_deactivate_a_social_worker_whose_people_nobody_takes_over(
    world: World,
) -> None:
    leaving = world.member("social_worker")

    with pytest.raises(ValidationError):
        staff_deactivate(membership=leaving, by=world.users["admin"], hand_over_to=None)

    leaving.refresh_from_db()
    world.participant.refresh_from_db()
    assert leaving.is_active
    assert world.participant.social_worker == leaving.user


def test_it_lets_a_social_worker_without_people_go_without_a_successor(world: World) -> None:
    quiet = User.objects.create_user(username="stil", password="a-long-test-password")
    membership = Membership.objects.create(
        organisation=world.org, user=quiet, is_social_worker=True
    )

    assert staff_deactivate(membership=membership, by=world.users["admin"], hand_over_to=None) == 0


def _row(line: int, **data: object) -> services.ImportRow:
    return services.ImportRow(line=line, data={"preferred_channel": "sms", **data})


def test_it_imports_checked_rows_and_audits_the_count_without_names(world: World) -> None:
    rows = [
        _row(2, name="Een", phone="+32470000001"),
        _row(3, name="Twee", phone="+32470000002"),
    ]

    created = services.participants_import(
        organisation=world.org, by=world.users["coordinator"], rows=rows, skip_duplicates=False
    )

    assert {p.name for p in created} == {"Een", "Twee"}
    assert Participant.objects.filter(organisation=world.org, name="Twee").exists()
    [event] = events(world, AuditEvent.Action.IMPORT)
    assert event.detail == {"count": 2}


def test_it_imports_nothing_when_one_row_still_has_an_error(world: World) -> None:
    rows = [_row(2, name="Een"), services.ImportRow(line=3, data={}, errors=["De naam is leeg."])]

    with pytest.raises(ValueError):
        services.participants_import(
            organisation=world.org, by=world.users["coordinator"], rows=rows, skip_duplicates=False
        )

    assert not Participant.objects.filter(name="Een").exists()


def test_it_imports_nothing_when_one_row_cannot_be_saved(world: World) -> None:
    rows = [_row(2, name="Een", phone="+32470000001"), _row(3, name="x" * 300)]

    with pytest.raises(ValidationError):
        services.participants_import(
            organisation=world.org, by=world.users["coordinator"], rows=rows, skip_duplicates=False
        )

    assert not Participant.objects.filter(name="Een").exists()
    assert events(world, AuditEvent.Action.IMPORT) == []


def test_it_skips_likely_duplicates_when_asked(world: World) -> None:
    rows = [
        _row(2, name="Nieuw", phone="+32470000001"),
        services.ImportRow(line=3, data={"name": "Anouk"}, duplicate_of=[world.participant.pk]),
        services.ImportRow(line=4, data={"name": "Nieuw bis"}, same_as_line=2),
    ]

    created = services.participants_import(
        organisation=world.org, by=world.users["coordinator"], rows=rows, skip_duplicates=True
    )

    assert [p.name for p in created] == ["Nieuw"]
