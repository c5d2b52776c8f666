"""Preparation, the conference, agreements and follow-up, through the pages."""

from __future__ import annotations

from datetime import timedelta

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from conftest import World
from inbreng.casework import services
from inbreng.casework.models import Agreement, CaseConference, CaseMeeting, CaseProvider
from inbreng.messaging.models import Delivery, Message

from .factories import PDF, open_case


def local(moment: object) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")  # type: ignore[arg-type]


def test_planning_invites_the_client_over_their_channel_and_the_providers_without_names(
    world: World,
) -> None:
    made = open_case(world)
    starts = timezone.now() + timedelta(days=7)
    response = world.client_for("coordinator").post(
        reverse("casework:meeting_add", kwargs={"pk": made.case.pk}),
        {
            "kind": "first",
            "starts_at": local(starts),
            "ends_at": local(starts + timedelta(hours=1)),
            "place": "Sociaal Huis, zaal 3",
        },
    )
    assert response.status_code == 302
    meeting = made.case.meetings.get(status=CaseMeeting.Status.PLANNED)
    assert meeting.kind == CaseMeeting.Kind.FOLLOW_UP  # a conference was held before
    message = Message.objects.get(ref=f"case:{made.case.pk}")
    assert meeting.invitation == message
    delivery = Delivery.objects.get(message=message)
    assert delivery.participant == world.participant
    assert delivery.channel == "sms"  # the client's own channel
    assert "zaal 3" in delivery.body
    # The outbox title tells staff nothing about the case.
    assert world.participant.name not in message.title
    assert "schuld" not in message.title.lower()


def test_provider_e_mails_carry_no_client_name(world: World) -> None:
    made = open_case(world)
    for role in ("partner_worker", "social_worker"):
        user = world.users[role]
        user.email = f"{role}@example.org"
        user.save()
    starts = timezone.now() + timedelta(days=3)
    with_callbacks = world.client_for("coordinator")
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = with_callbacks.post(
            reverse("casework:meeting_add", kwargs={"pk": made.case.pk}),
            {
                "kind": "evaluation",
                "starts_at": local(starts),
                "ends_at": local(starts + timedelta(hours=1)),
                "place": "Zaal 1",
            },
        )
    assert response.status_code == 302
    staff_mail = [m for m in mail.outbox if "example.org" in " ".join(m.to)]
    assert staff_mail
    recipients = {address for m in staff_mail for address in m.to}
    assert recipients == {"partner_worker@example.org", "social_worker@example.org"}
    for message in staff_mail:
        assert made.case.number in message.body
        assert world.participant.name not in message.body + message.subject
        assert made.case.agenda_matters not in message.body


def test_the_agenda_comes_before_the_first_conference(world: World) -> None:
    made = open_case(world)
    CaseConference.objects.filter(pk=made.case.pk).update(agenda_recorded_at=None)
    starts = timezone.now() + timedelta(days=7)
    response = world.client_for("coordinator").post(
        reverse("casework:meeting_add", kwargs={"pk": made.case.pk}),
        {
            "kind": "first",
            "starts_at": local(starts),
            "ends_at": local(starts + timedelta(hours=1)),
            "place": "X",
        },
    )
    assert response.status_code == 200
    assert not made.case.meetings.filter(status=CaseMeeting.Status.PLANNED).exists()


def test_the_key_worker_records_the_clients_agenda_in_their_words(world: World) -> None:
    made = open_case(world)
    response = world.client_for("partner_worker").post(
        reverse("casework:agenda", kwargs={"pk": made.case.pk}),
        {
            "agenda_matters": "Dat ik kan slapen.",
            "agenda_going_well": "Mijn dochter helpt me.",
            "agenda_change": "Minder schulden.",
            "trusted_person": "Mijn dochter",
            "trusted_person_relation": "dochter",
        },
    )
    assert response.status_code == 302
    page = world.client_for("social_worker").get(
        reverse("casework:case", kwargs={"pk": made.case.pk})
    )
    assert "Dat ik kan slapen." in page.content.decode()


def test_the_coordinator_is_refused_as_a_provider(world: World) -> None:
    made = open_case(world)
    response = world.client_for("coordinator").post(
        reverse("casework:invite", kwargs={"pk": made.case.pk}),
        {"name": "OCMW", "user": world.member("coordinator").pk},
    )
    assert response.status_code == 200
    assert 'id="id_user_error"' in response.content.decode()


def test_an_invited_provider_gets_access_to_this_case_only_after_accepting(world: World) -> None:
    made = open_case(world)
    response = world.client_for("coordinator").post(
        reverse("casework:invite", kwargs={"pk": made.case.pk}),
        {
            "provider": made.other_provider.pk,
            "user": world.member("social_worker").pk,
            "may_share": "Afspraken",
        },
    )
    assert response.status_code == 302
    made.other_provider.refresh_from_db()
    assert made.other_provider.user == world.users["social_worker"]
    assert made.other_provider.acknowledged_at is None
    listed = world.client_for("social_worker").get(reverse("casework:list")).content.decode()
    assert reverse("casework:ground_rules", kwargs={"pk": made.case.pk}) in listed


def test_the_report_and_the_next_date(world: World) -> None:
    made = open_case(world)
    starts = timezone.now() + timedelta(days=30)
    response = world.client_for("coordinator").post(
        reverse("casework:report", kwargs={"pk": made.case.pk, "meeting_pk": made.meeting.pk}),
        {
            "report": "We maken een plan. Samira belt maandag.",
            "next_starts_at": local(starts),
            "next_ends_at": local(starts + timedelta(hours=1)),
            "next_place": "",
        },
    )
    assert response.status_code == 302
    made.meeting.refresh_from_db()
    assert made.meeting.report == "We maken een plan. Samira belt maandag."
    follow_up = made.case.meetings.get(status=CaseMeeting.Status.PLANNED)
    assert follow_up.kind == CaseMeeting.Kind.FOLLOW_UP
    assert follow_up.place == made.meeting.place


def test_an_agreement_without_an_owner_or_a_date_is_refused(world: World) -> None:
    made = open_case(world)
    url = reverse("casework:agreement_add", kwargs={"pk": made.case.pk})
    coordinator = world.client_for("coordinator")
    response = coordinator.post(url, {"what": "Huur betalen", "owner": "", "due_on": ""})
    assert response.status_code == 200
    text = response.content.decode()
    assert 'id="id_owner_error"' in text
    assert 'id="id_due_on_error"' in text
    assert "Huur betalen" in text
    assert made.case.agreements.count() == 1
    response = coordinator.post(
        url,
        {
            "what": "Huur betalen",
            "owner": "client",
            "due_on": (timezone.localdate() + timedelta(days=5)).isoformat(),
        },
    )
    assert response.status_code == 302
    assert made.case.agreements.filter(owner_kind="client", what="Huur betalen").exists()


def test_the_owner_marks_their_agreement_done_and_others_may_not(world: World) -> None:
    made = open_case(world)
    url = reverse(
        "casework:agreement_status",
        kwargs={"pk": made.case.pk, "agreement_pk": made.agreement.pk},
    )
    assert world.client_for("social_worker").post(url, {"status": "done"}).status_code == 403
    assert world.client_for("partner_worker").post(url, {"status": "done"}).status_code == 302
    made.agreement.refresh_from_db()
    assert made.agreement.status == Agreement.Status.DONE
    assert made.agreement.done_at is not None


def test_reminders_reach_the_owner_once_a_week_without_the_clients_name(world: World) -> None:
    made = open_case(world)
    user = world.users["partner_worker"]
    user.email = "partner@example.org"
    user.save()
    Agreement.objects.filter(pk=made.agreement.pk).update(
        due_on=timezone.localdate() + timedelta(days=2)
    )
    assert services.agreement_reminders() == 1
    assert services.agreement_reminders() == 0
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["partner@example.org"]
    assert made.case.number in message.subject
    assert world.participant.name not in message.body
    assert made.agreement.what not in message.body


def test_the_clients_own_agreements_are_reminded_through_the_key_worker(world: World) -> None:
    made = open_case(world)
    user = world.users["partner_worker"]
    user.email = "key@example.org"
    user.save()
    Agreement.objects.filter(pk=made.agreement.pk).delete()
    Agreement.objects.create(
        organisation=world.org,
        case=made.case,
        what="Brieven meebrengen",
        owner_kind="client",
        due_on=timezone.localdate() - timedelta(days=1),
    )
    from inbreng.casework.tasks import remind_agreements

    remind_agreements.enqueue()
    assert [m.to for m in mail.outbox] == [["key@example.org"]]


def test_documents_are_recognised_by_their_content(world: World) -> None:
    made = open_case(world)
    url = reverse("casework:document_add", kwargs={"pk": made.case.pk})
    coordinator = world.client_for("coordinator")
    fake = SimpleUploadedFile("form.pdf", b"<script>alert(1)</script>", "application/pdf")
    response = coordinator.post(url, {"title": "Formulier", "file": fake})
    assert response.status_code == 200
    assert 'id="id_file_error"' in response.content.decode()
    real = SimpleUploadedFile("Samira getekend.pdf", PDF, "application/pdf")
    assert coordinator.post(url, {"title": "Formulier", "file": real}).status_code == 302
    document = made.case.documents.get(title="Formulier")
    assert "Samira" not in document.file.name
    opened = world.client_for("partner_worker").get(
        reverse("casework:document", kwargs={"pk": made.case.pk, "document_pk": document.pk})
    )
    assert opened.status_code == 200
    assert b"".join(opened.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]


def test_closing_with_a_reason(world: World) -> None:
    made = open_case(world)
    coordinator = world.client_for("coordinator")
    url = reverse("casework:close", kwargs={"pk": made.case.pk})
    refused = coordinator.post(url, {"reason": "other"})
    assert refused.status_code == 200
    assert 'id="id_note_error"' in refused.content.decode()
    assert coordinator.post(url, {"reason": "goals_reached"}).status_code == 302
    made.case.refresh_from_db()
    assert made.case.status == CaseConference.Status.CLOSED
    assert made.case.ended_at is not None


def test_a_leaving_coordinator_hands_cases_to_a_neutral_colleague(world: World) -> None:
    from django.core.exceptions import ValidationError

    from inbreng.core.services import staff_deactivate

    from .factories import make_case_coordinator

    made = open_case(world)
    leaving = world.member("coordinator")
    # The partner worker is a provider on the case: refused.
    make_case_coordinator(world, "partner_worker")
    try:
        staff_deactivate(
            membership=leaving, by=world.users["admin"], hand_over_to=world.member("partner_worker")
        )
    except ValidationError as error:
        assert "hand_over_to" in error.message_dict
    else:
        raise AssertionError("a provider was made coordinator")
    make_case_coordinator(world, "policy_maker")
    moved = staff_deactivate(
        membership=leaving, by=world.users["admin"], hand_over_to=world.member("policy_maker")
    )
    assert moved >= 1
    made.case.refresh_from_db()
    assert made.case.coordinator == world.users["policy_maker"]
    assert CaseProvider.objects.filter(case=made.case).count() == 2


def test_hostile_numbers_and_dates_are_a_404_or_a_message(world: World) -> None:
    coordinator = world.client_for("coordinator")
    huge = "99999999999999999999999"
    assert coordinator.get(f"/clientoverleg/{huge}/").status_code == 404
    made = open_case(world)
    assert (
        coordinator.get(f"/clientoverleg/{made.case.pk}/overleg/{huge}/verslag/").status_code == 404
    )
    report = world.client_for("policy_maker").get(
        reverse("casework:signal_report"), {"since": "2026-13-45", "until": "x" * 500}
    )
    assert report.status_code == 200
    printed = world.client_for("coordinator").get(
        reverse("casework:print", kwargs={"pk": made.case.pk}), {"taal": "../../etc"}
    )
    assert printed.status_code == 200
