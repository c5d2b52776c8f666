"""What participants read in Dutch passes the project's own plain-language checker.

The B1 targets (DESIGN.md): on average 12 words a sentence or fewer, no sentence over 20
words, no jargon. Pages and letters are read as a participant gets them, text node by text
node (a heading or a button is a "sentence" of its own), together with the example data.
"""

from __future__ import annotations

import io
from html.parser import HTMLParser
from typing import Any

from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from conftest import World
from inbreng import plainlanguage
from inbreng.messaging.models import Delivery, Kind, Message
from inbreng.messaging.views import letters_context
from inbreng.participation import outreach, services
from inbreng.participation.models import Meeting
from inbreng.people.models import Participant

from .helpers import Build
from .test_personal_page import opened, person  # noqa: F401 - the shared fixture


class _Text(HTMLParser):
    """The visible text of <main>, one line per text node."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.skip = 0
        self.lines: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag == "main":
            self.depth += 1
        if tag in ("script", "style", "svg"):
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.depth -= 1
        if tag in ("script", "style", "svg"):
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip and data.strip():
            self.lines.append(" ".join(data.split()))


def page_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "\n".join(parser.lines)


def pdf_lines(content: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)


def assert_plain(text: str, what: str) -> None:
    report = plainlanguage.check(text)
    assert not report.is_empty, what
    assert not report.long_sentences, f"{what}: sentences over 20 words: {report.long_sentences}"
    assert report.average_sentence_length <= 12, f"{what}: {report.average_sentence_length}"
    assert not report.jargon, f"{what}: jargon {report.jargon}"


def test_the_personal_page_is_plain_dutch(person: Participant) -> None:  # noqa: F811
    response = opened(person).get(reverse("participation:my_page"))
    assert_plain(page_text(response.content.decode()), "personal page")


def test_the_pages_around_it_are_plain_dutch(person: Participant) -> None:  # noqa: F811
    invalid = Client().get(reverse("participation:open_link") + "?t=not-a-real-token")
    assert_plain(page_text(invalid.content.decode()), "link that does not work")
    link = services.link_issue(participant=person, by=None)
    button = Client().get(services.link_short_path(link))
    assert_plain(page_text(button.content.decode()), "the link's button page")
    client = opened(person)
    closed = client.post(reverse("participation:my_logout"), follow=True)
    assert_plain(page_text(closed.content.decode()), "page closed")


def test_the_feedback_letter_is_plain_dutch(world: World, person: Participant) -> None:  # noqa: F811
    coordinator = world.client_for("coordinator")
    letter = coordinator.get(reverse("participation:letter", args=[person.pk]))
    assert_plain(pdf_lines(letter.content), "feedback letter")


def test_the_invitation_letter_is_plain_dutch(
    world: World,
    build: Build,
    person: Participant,  # noqa: F811
    django_capture_on_commit_callbacks: Any,
) -> None:
    Participant.objects.filter(pk=person.pk).update(preferred_channel="letter")
    meeting = Meeting.objects.get(title="Volgende keer")
    with django_capture_on_commit_callbacks(execute=True):
        outreach.meeting_send(
            meeting=meeting, kind=Kind.INVITATION, by=build.coordinator, site="https://x.be"
        )
    message = Message.objects.get()
    rows = list(Delivery.objects.filter(status=Delivery.Status.TO_PRINT))
    assert rows, "the letter was not queued for printing"
    from inbreng.core.pdf import render_pdf

    content = render_pdf("messaging/letters.pdf.html", letters_context(message, rows))
    # The personal link is one long "word" on its own line: leave it out of the count.
    text = "\n".join(line for line in pdf_lines(content).splitlines() if "https://" not in line)
    assert_plain(text, "invitation letter")
