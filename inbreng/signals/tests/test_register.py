"""Registering a signal or an advice: defaults, evidence and bad input."""

from __future__ import annotations

import io
import tracemalloc
import zipfile
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from conftest import World
from inbreng.archive.models import Entry
from inbreng.core.tests.helpers import dutch, field_error
from inbreng.signals import attachments
from inbreng.signals.models import Signal, SignalAttachment, Theme
from inbreng.signals.services import REFUSALS

from .factories import PDF
from .helpers import Desk

TEXT = "Wie een paar dagen te laat betaalt, krijgt meteen extra kosten."


def form(body: Any = "", **changes: Any) -> dict[str, Any]:
    data = {
        "kind": "signal",
        "title": "Te dure aanmaningen",
        "text": TEXT,
        "on_behalf": "organisation",
        "body": getattr(body, "pk", body),
    }
    data.update(changes)
    return data


def post(world: World, data: dict[str, Any], role: str = "coordinator") -> Any:
    return world.client_for(role).post(reverse("signals:add"), data)


def docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return out.getvalue()


def test_it_registers_with_the_bodys_due_date_and_remembers_it(world: World, desk: Desk) -> None:
    body = desk.body(reply_days=45)
    page = world.client_for("coordinator").get(reverse("signals:add"))
    # The organisation's themes are filled with the defaults on first use.
    assert Theme.objects.filter(organisation=world.org).count() == 11
    housing = Theme.objects.filter(organisation=world.org).first()
    assert housing is not None and housing.name in page.content.decode()
    response = post(world, form(body, themes=[housing.pk], figures="7 van de 11 gezinnen"))
    assert response.status_code == 302
    signal = Signal.objects.get()
    assert response["Location"] == reverse("signals:detail", args=[signal.pk])
    assert signal.due_on == timezone.localdate() + timedelta(days=45)
    assert signal.status == Signal.Status.OPEN
    assert list(signal.themes.all()) == [housing]
    # In the memory, without personal data, with its theme and body.
    entry = Entry.objects.get(organisation=world.org, key=f"signal:{signal.pk}")
    assert entry.title == "Te dure aanmaningen"
    assert housing.name in entry.themes
    assert entry.body_name == body.name


def test_it_asks_for_the_body_and_keeps_what_was_typed(world: World, desk: Desk) -> None:
    desk.body()
    response = post(world, form("", title="Mijn titel blijft"))
    assert response.status_code == 200
    assert field_error(response, "body")
    assert "Mijn titel blijft" in response.content.decode()
    assert not Signal.objects.exists()


def test_it_refuses_a_due_date_in_the_past(world: World, desk: Desk) -> None:
    body = desk.body()
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = post(world, form(body, due_on=yesterday))
    assert response.status_code == 200
    assert field_error(response, "due_on")
    assert not Signal.objects.exists()


def test_an_advice_needs_recommendations(world: World, desk: Desk) -> None:
    response = post(world, form(desk.body(), kind="advice"))
    assert response.status_code == 200
    assert field_error(response, "recommendations")


def test_it_refuses_personal_data_at_the_field(world: World, desk: Desk) -> None:
    body = desk.body()
    cases = {
        "text": ("Bel haar op 0470 12 34 56 voor meer uitleg.", "phone"),
        "title": ("Vraag van jan.peeters@example.org", "email"),
        "figures": ("Rijksregisternummer 85.07.30-033.61", "national_number"),
    }
    for field, (value, kind) in cases.items():
        response = post(world, form(body, **{field: value}))
        assert response.status_code == 200, field
        assert field_error(response, field) == dutch(str(REFUSALS[kind]))
        # Nothing is lost: the text is in the form to correct.
        assert value in response.content.decode()
    assert not Signal.objects.exists()
    assert not Entry.objects.exists()


def test_it_refuses_an_attachment_that_is_not_what_it_says(world: World, desk: Desk) -> None:
    body = desk.body()
    fake = SimpleUploadedFile("verslag.pdf", b"just some text", content_type="application/pdf")
    response = post(world, form(body, attachments=[fake]))
    assert response.status_code == 200
    assert "verslag.pdf" in field_error(response, "attachments")
    assert TEXT in response.content.decode()
    assert not Signal.objects.exists()
    assert not SignalAttachment.objects.exists()


def test_it_keeps_pdf_and_office_files_it_recognises(world: World, desk: Desk) -> None:
    body = desk.body()
    files = [
        SimpleUploadedFile("cijfers.pdf", PDF, content_type="application/pdf"),
        SimpleUploadedFile("verslag.docx", docx(), content_type="application/octet-stream"),
    ]
    assert post(world, form(body, attachments=files)).status_code == 302
    kept = sorted(SignalAttachment.objects.values_list("name", "content_type"))
    assert kept == [
        ("cijfers.pdf", "application/pdf"),
        (
            "verslag.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ]
    attachment = SignalAttachment.objects.get(name="cijfers.pdf")
    download = world.client_for("policy_maker").get(
        reverse("signals:attachment", args=[attachment.pk])
    )
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")  # type: ignore[attr-defined]


def test_a_partner_worker_speaks_only_for_their_own_partner(world: World, desk: Desk) -> None:
    body = desk.body()
    from inbreng.core.models import Partner

    other = Partner.objects.create(organisation=world.org, name="Andere vzw")
    response = post(world, form(body, on_behalf="partner", partner=other.pk), role="partner_worker")
    assert response.status_code == 200
    assert field_error(response, "partner")
    ok = post(
        world, form(body, on_behalf="partner", partner=world.partner.pk), role="partner_worker"
    )
    assert ok.status_code == 302
    assert Signal.objects.get().partner == world.partner


def test_the_answer_form_refuses_bad_input_and_keeps_it(world: World, desk: Desk) -> None:
    signal = desk.signal()
    client = world.client_for("policy_maker")
    url = reverse("signals:answer", args=[signal.pk])
    no_date = client.post(url, {"decision": "studying", "text": "We bekijken het."})
    assert no_date.status_code == 200
    assert field_error(no_date, "expected_on")
    assert "We bekijken het." in no_date.content.decode()
    past = (timezone.localdate() - timedelta(days=3)).isoformat()
    late = client.post(
        url, {"decision": "studying", "text": "We bekijken het.", "expected_on": past}
    )
    assert field_error(late, "expected_on")
    # A signal (not an advice) cannot be "not followed".
    wrong = client.post(url, {"decision": "not_followed", "text": "Nee.", "reasons": "Te duur."})
    assert field_error(wrong, "decision")
    signal.refresh_from_db()
    assert signal.status == Signal.Status.OPEN and not signal.answers.exists()


def test_an_answer_with_personal_data_is_refused(world: World, desk: Desk) -> None:
    signal = desk.signal()
    response = world.client_for("policy_maker").post(
        reverse("signals:answer", args=[signal.pk]),
        {"decision": "acting", "text": "Mail naar jan.peeters@example.org voor uitleg."},
    )
    assert response.status_code == 200
    assert field_error(response, "text") == dutch(str(REFUSALS["email"]))
    assert not signal.answers.exists()


def test_it_refuses_the_name_of_someone_in_the_register(world: World, desk: Desk) -> None:
    from conftest import make_participant

    make_participant(world.org, name="Yasmina Verhaegen")
    body = desk.body()
    response = post(world, form(body, text="Yasmina V. vindt geen woning met een leefloon."))
    assert field_error(response, "text") == dutch(str(REFUSALS["name"]))
    assert not Signal.objects.exists() and not Entry.objects.exists()


def test_an_attachment_with_the_wrong_ending_is_refused(world: World, desk: Desk) -> None:
    body = desk.body()
    renamed = SimpleUploadedFile("foto.png", PDF, content_type="image/png")
    response = post(world, form(body, attachments=[renamed]))
    assert response.status_code == 200
    assert "foto.png" in field_error(response, "attachments")
    assert not SignalAttachment.objects.exists()


def test_a_zip_bomb_is_not_unpacked(world: World, desk: Desk) -> None:
    """An ODT whose `mimetype` entry unpacks to 50 MB is read a few bytes deep, then refused."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", b"\0" * (50 * 1024 * 1024))
    assert len(out.getvalue()) < 1024 * 1024
    bomb = SimpleUploadedFile("verslag.odt", out.getvalue(), content_type="application/zip")
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError):
            attachments.check(bomb)
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5 * 1024 * 1024
    bomb.seek(0)
    response = post(world, form(body=desk.body(), attachments=[bomb]))
    assert "verslag.odt" in field_error(response, "attachments")
    assert not SignalAttachment.objects.exists()
