"""Letters on paper: the PDF of a message's letters, small batches at once, large ones in
the task worker.

A batch of at most LETTERS_IN_REQUEST letters renders in the web request (about a second).
A larger one is a `LettersJob`: the worker renders it in parts of LETTERS_PER_PART letters
(each a tagged PDF/UA-1 with each letter's language), joins the parts into one tagged PDF
(`pdf_join`) and stores it in private storage. The message page shows the progress and then
one download link. The file lives until the letters change (another state) or for
KEEP_DAYS days, whichever comes first: it holds names, addresses and live personal links.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import tempfile
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from inbreng.core.models import User
from inbreng.core.qr import qr_png_data_uri
from inbreng.core.services import save_with

from . import letter_process, services
from .items import letter_text
from .models import Delivery, LettersJob, Message

logger = logging.getLogger(__name__)

LETTERS_IN_REQUEST = 20  # about 2 s of WeasyPrint: the most a web request renders
LETTERS_PER_PART = 100  # about 10 s and 150 MB per part in the worker
KEEP_DAYS = 2
# A running job whose parts stop moving for this long had its worker die.
STALLED_AFTER = timedelta(minutes=10)
TEMPLATE = "messaging/letters.pdf.html"


def letters_context(message: Message, rows: list[Delivery]) -> dict[str, Any]:
    # The person's link as it is now, not when the message was made: a letter printed after
    # a new link was made carries the new one.
    links = services.current_links(rows)
    for d in rows:
        d.body = services.with_link(d.body, links.get(d.pk, ""))  # on paper only, not saved
    return {
        "message": message,
        "organisation": message.organisation,
        "letters": [
            {
                "delivery": d,
                "facts": message.facts.get(d.language, {}),
                "qr": qr_png_data_uri(links[d.pk]) if d.pk in links else "",
                # Each input with its own answer, printed in full (feedback).
                "text": letter_text(d.body, d.items, d.language),
                "social_worker": (
                    d.participant.social_worker.display_name()
                    if d.participant.social_worker
                    else ""
                ),
            }
            for d in rows
        ],
    }


def to_print(message: Message) -> Any:
    return message.deliveries.filter(status=Delivery.Status.TO_PRINT).order_by("id")


def letters_state(message: Message) -> str:
    """A digest of what the letters would say now: who is on them, when each person's
    record last changed (address, social worker) and each person's current link."""
    rows = list(
        to_print(message).values_list("pk", "participant_id", "link", "participant__updated_at")
    )
    stub = [Delivery(pk=pk, participant_id=person, link=link) for pk, person, link, _ in rows]
    links = services.current_links(stub)
    digest = hashlib.sha256(f"{message.pk}:{message.organisation.contact_phone}".encode())
    for pk, person, _link, changed in rows:
        digest.update(f"|{pk}:{person}:{changed.isoformat()}:{links.get(pk, '')}".encode())
    return digest.hexdigest()


def render_letters(message: Message, rows: list[Delivery]) -> bytes:
    """One tagged PDF/UA-1 of these letters."""
    return render_part(message, rows)[0]


def render_part(message: Message, rows: list[Delivery]) -> tuple[bytes, list[str]]:
    """One tagged PDF/UA-1 of these letters and the language of each of its pages."""
    return letter_process.pdf_of_html(letters_html(message, rows))


def letters_html(message: Message, rows: list[Delivery]) -> str:
    return render_to_string(TEMPLATE, letters_context(message, rows))


# The job ------------------------------------------------------------------------------


def current_job(message: Message) -> LettersJob | None:
    """The newest job of the message: the one the page shows."""
    return LettersJob.objects.filter(organisation=message.organisation, message=message).first()


def stalled(job: LettersJob) -> bool:
    return job.status in (LettersJob.Status.QUEUED, LettersJob.Status.RUNNING) and (
        timezone.now() - job.updated_at > STALLED_AFTER
    )


@transaction.atomic
def letters_job_request(*, message: Message, by: User) -> LettersJob:
    """Asks the worker for the letters of `message` as one PDF. A job that is waiting or
    running is reused; a finished one is reused while the letters are unchanged."""
    from .tasks import make_letters

    Message.objects.select_for_update().filter(pk=message.pk).first()
    job = current_job(message)
    if job is not None and job.status in (LettersJob.Status.QUEUED, LettersJob.Status.RUNNING):
        if not stalled(job):
            return job
        LettersJob.objects.filter(pk=job.pk).update(
            status=LettersJob.Status.FAILED, error="stalled", finished_at=timezone.now()
        )
    state = letters_state(message)
    if job is not None and job.status == LettersJob.Status.DONE and job.state == state:
        return job
    new: LettersJob = save_with(
        LettersJob(
            organisation=message.organisation,
            message=message,
            requested_by=by,
            state=state,
            letters=to_print(message).count(),
        )
    )
    new_pk = new.pk
    transaction.on_commit(lambda: make_letters.enqueue(new_pk))
    return new


def _progress(job: LettersJob, **fields: Any) -> None:
    for name, value in fields.items():
        setattr(job, name, value)
    job.updated_at = timezone.now()
    LettersJob.objects.filter(pk=job.pk).update(updated_at=job.updated_at, **fields)


def letters_job_run(job_pk: int) -> int:
    """Renders a job's letters part by part and stores them as one PDF; returns the page
    count. Runs in the task worker. A failure is recorded on the job, never raised."""
    job = LettersJob.objects.select_related("message__organisation").filter(pk=job_pk).first()
    if job is None or job.status != LettersJob.Status.QUEUED:
        return 0
    message = job.message
    ids = list(to_print(message).values_list("pk", flat=True))
    parts = [ids[i : i + LETTERS_PER_PART] for i in range(0, len(ids), LETTERS_PER_PART)]
    _progress(
        job,
        status=LettersJob.Status.RUNNING,
        # What the file will hold: the letters as they are now, not when asked for.
        state=letters_state(message),
        letters=len(ids),
        parts_total=len(parts),
        parts_done=0,
    )
    try:
        pages = _render_and_join(job, message, parts)
    except Exception as error:  # Any failure must end up on the job's page.
        # The type only: an exception's text may quote a letter, and logs hold no
        # personal data.
        logger.error("letters job %s failed: %s", job.pk, type(error).__name__)
        _progress(
            job,
            status=LettersJob.Status.FAILED,
            error=type(error).__name__[:200],
            finished_at=timezone.now(),
        )
        return 0
    letters_jobs_clean(keep=job)
    return pages


def processes() -> int:
    """How many processes render parts at once: one per CPU, at most
    settings.LETTER_PROCESSES (default 2); 1 renders in the worker itself."""
    return max(1, min(os.cpu_count() or 1, getattr(settings, "LETTER_PROCESSES", 2)))


def _render_and_join(job: LettersJob, message: Message, parts: Sequence[list[int]]) -> int:
    from .pdf_join import join_tagged

    if not parts:
        raise ValueError("no letters to print")

    def html_of(part: list[int]) -> str:
        rows = list(
            Delivery.objects.filter(pk__in=part, organisation=job.organisation)
            .select_related("participant__social_worker")
            .order_by("id")
        )
        return letters_html(message, rows)

    with tempfile.TemporaryDirectory(prefix="inbreng-letters-") as folder:
        paths = [Path(folder) / f"part-{n:05d}.pdf" for n in range(1, len(parts) + 1)]
        languages: list[list[str]] = []
        count = processes() if len(parts) > 1 else 1
        if count == 1:
            for number, (part, path) in enumerate(zip(parts, paths, strict=True), start=1):
                languages.append(letter_process.render_to_file(html_of(part), str(path)))
                _progress(job, parts_done=number)
        else:
            # Separate processes: the CPUs work in parallel, and the memory of the layout
            # goes back to the system when they end. Started fresh ("spawn", not a fork of
            # a worker that may run threads); they get the HTML and never touch the database.
            context = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(
                max_workers=count, mp_context=context, initializer=letter_process.start
            ) as pool:
                pending: list[Future[list[str]]] = []
                for part, path in zip(parts, paths, strict=True):
                    pending.append(
                        pool.submit(letter_process.render_to_file, html_of(part), str(path))
                    )
                    # Only a few parts' HTML at a time waits in memory.
                    while len(pending) - len(languages) > count:
                        languages.append(pending[len(languages)].result())
                        _progress(job, parts_done=len(languages))
                while len(languages) < len(pending):
                    languages.append(pending[len(languages)].result())
                    _progress(job, parts_done=len(languages))
        joined = Path(folder) / "letters.pdf"
        pages = join_tagged(paths, joined, languages=languages)
        with joined.open("rb") as stream:
            job.file.save(f"brieven-{message.pk}.pdf", File(stream), save=False)
    _progress(job, status=LettersJob.Status.DONE, file=job.file.name, finished_at=timezone.now())
    return pages


def letters_jobs_clean(*, keep: LettersJob | None = None) -> int:
    """Removes the files of older jobs of the same message and of any job finished more
    than KEEP_DAYS days ago, with the jobs; returns how many went."""
    old = LettersJob.objects.filter(finished_at__lt=timezone.now() - timedelta(days=KEEP_DAYS))
    if keep is not None:
        old = old | LettersJob.objects.filter(
            organisation=keep.organisation, message=keep.message, created_at__lt=keep.created_at
        ).exclude(status__in=[LettersJob.Status.QUEUED, LettersJob.Status.RUNNING])
    if keep is not None:
        old = old.exclude(pk=keep.pk)
    count = 0
    for job in old:
        if job.file:
            job.file.delete(save=False)
        job.delete()
        count += 1
    return count


def job_is_current(job: LettersJob | None, message: Message) -> bool:
    """The job's file still holds the letters as they are now."""
    return (
        job is not None
        and job.status == LettersJob.Status.DONE
        and bool(job.file)
        and job.state == letters_state(message)
    )
