"""Many letters come as several PDFs, so that each download stays quick."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.urls import reverse
from pypdf import PdfReader

from conftest import World, make_participant
from inbreng.messaging import services, views
from inbreng.messaging.models import Kind
from inbreng.messaging.services import Recipient
from inbreng.people.models import Channel


def test_it_splits_the_letters_into_parts(
    world: World, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    monkeypatch.setattr(views, "LETTERS_PER_PDF", 2)
    people = [
        make_participant(
            world.org,
            name=f"Persoon{n} X.",
            phone="",
            preferred_channel=Channel.LETTER,
            street=f"Kerkstraat {n}",
            postal_code="9000",
            city="Gent",
        )
        for n in range(5)
    ]
    with django_capture_on_commit_callbacks(execute=True):
        message = services.message_send(
            organisation=world.org,
            kind=Kind.THANKS,
            title="Bedankt",
            recipients=[Recipient(p) for p in people],
            context={"onderwerp": "de praatgroep"},
            by=world.users["coordinator"],
        )
    coordinator = world.client_for("coordinator")
    page = coordinator.get(reverse("messaging:message", args=[message.pk])).content.decode()
    url = reverse("messaging:letters", args=[message.pk])
    for part in (1, 2, 3):
        assert f"{url}?deel={part}" in page
    pages = []
    for part in (1, 2, 3):
        response = coordinator.get(url, {"deel": part})
        assert response["Content-Type"] == "application/pdf"
        reader = PdfReader(io.BytesIO(response.content))
        pages.append([p.extract_text() for p in reader.pages])
    assert [len(p) for p in pages] == [2, 2, 1]
    everyone = " ".join(text for part in pages for text in part)
    for n in range(5):
        assert f"Kerkstraat {n}" in everyone
    # Past the last part, or nonsense: back to the message with a notice, never a 500.
    assert coordinator.get(url, {"deel": 4}).status_code == 302
    # A part that is no positive number we could have linked: not found.
    for bad in ("x", "0", "-1", "99999999999999999999999", "١"):
        assert coordinator.get(url, {"deel": bad}).status_code == 404, bad
