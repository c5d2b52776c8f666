"""Many letters: the task worker makes one PDF in parts, the message page shows progress
and then one download link; a changed batch, a failure and old files are handled."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from conftest import World, make_participant
from inbreng.core.models import AuditEvent
from inbreng.core.tests.helpers import dutch, dutch_count, messages_shown
from inbreng.messaging import letters, services
from inbreng.messaging.models import Kind, LettersJob, Message
from inbreng.messaging.services import Recipient
from inbreng.people.models import Channel, Participant


@pytest.fixture
def small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    # Five letters stand for a thousand: more than the request renders, in three parts.
    monkeypatch.setattr(letters, "LETTERS_IN_REQUEST", 2)
    monkeypatch.setattr(letters, "LETTERS_PER_PART", 2)


def MAKE_FIVE() -> str:
    return dutch_count("Make a PDF of %(counter)s letter", "Make a PDF of %(counter)s letters", 5)


def PART_ONE() -> str:
    return dutch("Part %(done)s of %(total)s is ready.") % {"done": 1, "total": 3}


def FAILED() -> str:
    return dutch(
        "Making the PDF did not work. Try again. If it fails again, tell the administrator."
    )


def people(world: World, count: int = 5) -> list[Participant]:
    return [
        make_participant(
            world.org,
            name=f"Persoon{n} X.",
            phone="",
            preferred_channel=Channel.LETTER,
            street=f"Kerkstraat {n}",
            postal_code="9000",
            city="Gent",
        )
        for n in range(count)
    ]


@pytest.fixture
def message(world: World, django_capture_on_commit_callbacks: Any) -> Message:
    with django_capture_on_commit_callbacks(execute=True):
        return services.message_send(
            organisation=world.org,
            kind=Kind.THANKS,
            title="Bedankt",
            recipients=[Recipient(p) for p in people(world)],
            context={"onderwerp": "de praatgroep"},
            by=world.users["coordinator"],
        )


def page(client: Client, message: Message) -> str:
    response = client.get(reverse("messaging:message", args=[message.pk]))
    assert response.status_code == 200
    return response.content.decode()


def make(client: Client, message: Message, capture: Any) -> Any:
    with capture(execute=True):
        return client.post(reverse("messaging:letters_make", args=[message.pk]))


def pdf_texts(content: bytes) -> list[str]:
    return [p.extract_text() or "" for p in PdfReader(io.BytesIO(content)).pages]


@pytest.mark.usefixtures("small_parts")
@pytest.mark.parametrize("processes", [1, 2])
def test_it_makes_one_pdf_of_all_letters_in_the_worker(
    world: World,
    message: Message,
    django_capture_on_commit_callbacks: Any,
    settings: Any,
    processes: int,
) -> None:
    # In the worker itself, or in separate processes (one per CPU).
    settings.LETTER_PROCESSES = processes
    coordinator = world.client_for("coordinator")
    url = reverse("messaging:letters", args=[message.pk])
    before = page(coordinator, message)
    assert MAKE_FIVE() in before
    assert url not in before
    # Nothing made yet: the download sends back to the page with a notice.
    assert coordinator.get(url).status_code == 302

    response = make(coordinator, message, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    job = LettersJob.objects.get(message=message)
    assert job.status == LettersJob.Status.DONE
    assert (job.parts_done, job.parts_total, job.letters) == (3, 3, 5)
    after = page(coordinator, message)
    assert f'href="{url}"' in after
    assert (
        dutch_count("Download %(counter)s letter (PDF)", "Download %(counter)s letters (PDF)", 5)
        in after
    )
    download = coordinator.get(url)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Cache-Control"] == "no-store"
    assert 'filename="brieven-' in download["Content-Disposition"]
    texts = pdf_texts(b"".join(download.streaming_content))  # type: ignore[attr-defined]
    assert len(texts) == 5
    for n, page_text in enumerate(texts):
        assert f"Kerkstraat {n}" in page_text  # every letter, in order
    assert AuditEvent.objects.filter(
        organisation=world.org, action=AuditEvent.Action.EXPORT
    ).exists()


@pytest.mark.usefixtures("small_parts")
def test_asking_again_while_it_runs_reuses_the_job(
    world: World, message: Message, django_capture_on_commit_callbacks: Any
) -> None:
    running = LettersJob.objects.create(
        organisation=world.org,
        message=message,
        status=LettersJob.Status.RUNNING,
        letters=5,
        parts_total=3,
        parts_done=1,
    )
    coordinator = world.client_for("coordinator")

    make(coordinator, message, django_capture_on_commit_callbacks)

    assert list(LettersJob.objects.filter(message=message)) == [running]
    shown = page(coordinator, message)
    assert PART_ONE() in shown
    assert "?deel=brieven" in shown  # polled with htmx; a reload link without JavaScript
    partial = coordinator.get(
        reverse("messaging:message", args=[message.pk]), {"deel": "brieven"}, HTTP_HX_REQUEST="true"
    )
    assert "<html" not in partial.content.decode()
    assert PART_ONE() in partial.content.decode()


@pytest.mark.usefixtures("small_parts")
def test_a_job_whose_worker_died_does_not_block_a_new_one(
    world: World, message: Message, django_capture_on_commit_callbacks: Any
) -> None:
    stuck = LettersJob.objects.create(
        organisation=world.org, message=message, status=LettersJob.Status.RUNNING
    )
    LettersJob.objects.filter(pk=stuck.pk).update(updated_at=timezone.now() - timedelta(hours=1))

    make(world.client_for("coordinator"), message, django_capture_on_commit_callbacks)

    # The stalled job gave way (marked failed, then cleaned up with the older jobs).
    assert not LettersJob.objects.filter(pk=stuck.pk, status=LettersJob.Status.RUNNING).exists()
    assert LettersJob.objects.filter(message=message, status=LettersJob.Status.DONE).exists()


@pytest.mark.usefixtures("small_parts")
def test_a_changed_batch_makes_the_old_file_useless(
    world: World, message: Message, django_capture_on_commit_callbacks: Any
) -> None:
    coordinator = world.client_for("coordinator")
    make(coordinator, message, django_capture_on_commit_callbacks)
    old = LettersJob.objects.get(message=message)
    person = message.deliveries.first().participant  # type: ignore[union-attr]
    person.street = "Nieuwstraat 9"
    person.save()

    shown = page(coordinator, message)
    assert dutch("The letters have changed since the last PDF. Make it again.") in shown
    url = reverse("messaging:letters", args=[message.pk])
    assert f'href="{url}"' not in shown
    response = coordinator.get(url, follow=True)
    assert dutch("The letters have changed. Make the PDF again.") in messages_shown(response)

    make(coordinator, message, django_capture_on_commit_callbacks)

    new = LettersJob.objects.get(message=message)
    assert new.pk != old.pk
    assert not default_storage.exists(old.file.name)
    texts = pdf_texts(b"".join(coordinator.get(url).streaming_content))  # type: ignore[attr-defined]
    assert any("Nieuwstraat 9" in t for t in texts)


@pytest.mark.usefixtures("small_parts")
def test_a_failed_job_says_so_in_dutch_and_can_be_tried_again(
    world: World,
    message: Message,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    coordinator = world.client_for("coordinator")

    def broken(*args: Any, **kwargs: Any) -> str:
        raise MemoryError

    with monkeypatch.context() as patch:
        patch.setattr(letters, "letters_html", broken)
        assert make(coordinator, message, django_capture_on_commit_callbacks).status_code == 302

    job = LettersJob.objects.get(message=message)
    assert job.status == LettersJob.Status.FAILED
    assert job.error == "MemoryError"
    shown = page(coordinator, message)
    assert FAILED() in shown
    assert MAKE_FIVE() in shown

    make(coordinator, message, django_capture_on_commit_callbacks)

    assert LettersJob.objects.filter(message=message).first().status == "done"  # type: ignore[union-attr]


@pytest.mark.usefixtures("small_parts")
def test_old_files_are_removed(
    world: World, message: Message, django_capture_on_commit_callbacks: Any
) -> None:
    make(world.client_for("coordinator"), message, django_capture_on_commit_callbacks)
    job = LettersJob.objects.get(message=message)
    assert default_storage.exists(job.file.name)
    LettersJob.objects.filter(pk=job.pk).update(
        finished_at=timezone.now() - timedelta(days=letters.KEEP_DAYS, minutes=1)
    )

    assert letters.letters_jobs_clean() == 1

    assert not default_storage.exists(job.file.name)
    assert not LettersJob.objects.filter(pk=job.pk).exists()


def test_a_few_letters_come_at_once_without_a_job(world: World, message: Message) -> None:
    coordinator = world.client_for("coordinator")
    url = reverse("messaging:letters", args=[message.pk])
    assert f'href="{url}"' in page(coordinator, message)

    response = coordinator.get(url)

    assert response["Content-Type"] == "application/pdf"
    assert len(pdf_texts(response.content)) == 5
    assert not LettersJob.objects.exists()


@pytest.mark.usefixtures("small_parts")
def test_another_organisation_cannot_make_or_fetch_the_letters(
    world: World, message: Message, django_capture_on_commit_callbacks: Any
) -> None:
    make(world.client_for("coordinator"), message, django_capture_on_commit_callbacks)
    other = world.client_for("other_org")

    assert other.post(reverse("messaging:letters_make", args=[message.pk])).status_code == 404
    assert other.get(reverse("messaging:letters", args=[message.pk])).status_code == 404
    assert LettersJob.objects.filter(message=message).count() == 1


@pytest.mark.usefixtures("small_parts")
def test_the_message_page_in_each_state_passes_the_nu_html_checker(
    world: World, message: Message, tmp_path: Path
) -> None:
    from tests.test_html_standards import _checker_or_skip, vnu_errors

    command = _checker_or_skip()
    coordinator = world.client_for("coordinator")
    files = [tmp_path / "offer.html"]
    files[0].write_text(page(coordinator, message))
    job = LettersJob.objects.create(
        organisation=world.org, message=message, status=LettersJob.Status.RUNNING, letters=5
    )
    for status in ("running", "done", "failed"):
        job.status = status
        if status == "done":
            job.state = letters.letters_state(message)
            job.file.save("brieven.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
        job.save()
        files.append(tmp_path / f"{status}.html")
        files[-1].write_text(page(coordinator, message))
    assert vnu_errors(command, files) == []
