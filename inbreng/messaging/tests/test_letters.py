"""Letters: one PDF for a message, one page per person, in their language, for window
envelopes; and marking them as posted."""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from conftest import World, make_participant
from inbreng.core.tests.helpers import dutch, dutch_count, messages_shown, text, texts
from inbreng.groups import services as group_services
from inbreng.groups.models import GroupMembership
from inbreng.messaging import services
from inbreng.messaging.models import Delivery, Kind, Message
from inbreng.participation import outreach
from inbreng.participation.models import Meeting
from inbreng.participation.tests.helpers import Build
from inbreng.people.models import Channel, Participant


@dataclass
class Letters:
    meeting: Meeting
    message: Message
    people: dict[str, Participant]  # by language


PEOPLE = {
    "nl": ("Lea Peeters", "Kerkstraat 1", "9000", "Gent"),
    "fr": ("Chloé Dubois", "Rue Haute 22", "1000", "Brussel"),
    "ar": ("Samira Benali", "Molenstraat 7 bus 3", "2000", "Antwerpen"),
}


@pytest.fixture
def letters(world: World, django_capture_on_commit_callbacks: Any) -> Letters:
    build = Build(world)
    group = build.group("Brievengroep")
    people = {}
    for language, (name, street, postal_code, city) in PEOPLE.items():
        person = make_participant(
            world.org,
            name=name,
            language=language,
            preferred_channel=Channel.LETTER,
            phone="",
            street=street,
            postal_code=postal_code,
            city=city,
        )
        group_services.membership_add(
            group=group,
            participant=person,
            by=build.coordinator,
            stage=GroupMembership.Stage.MEMBER,
        )
        people[language] = person
    # Someone reached by SMS: not in the letters.
    group_services.membership_add(
        group=group,
        participant=make_participant(world.org, name="Sam Sms", phone="+32470111222"),
        by=build.coordinator,
        stage=GroupMembership.Stage.MEMBER,
    )
    meeting = build.meeting(group, 10, title="Praatcafé", place="Buurthuis De Linde")
    from inbreng.participation import services as participation

    participation.meeting_invite_group(meeting=meeting, by=build.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        message = outreach.meeting_send(
            meeting=meeting,
            kind=Kind.INVITATION,
            by=build.coordinator,
            site="https://inbreng.test",
        )
    assert message is not None
    return Letters(meeting, message, people)


def pdf_pages(response: Any) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(response.content)).pages]


def squeezed(value: str) -> str:
    """Text compared the way a PDF gives it back: Arabic letters may come in their presentation
    forms and in visual order, and the spaces differ."""
    return "".join(unicodedata.normalize("NFKC", value).split())


def shows(page: str, expected: str) -> bool:
    """Whether every word of `expected` is on the page, Arabic words possibly reversed."""
    content = squeezed(page)
    for word in re.findall(r"\w+", unicodedata.normalize("NFKC", expected)):
        wanted = squeezed(word)
        if wanted not in content and wanted[::-1] not in content:
            return False
    return True


def page_of(pages: list[str], person: Participant) -> str:
    found = [page for page in pages if person.name in " ".join(page.split())]
    assert len(found) == 1, (person.name, pages)
    return found[0]


def letters_url(message: Message) -> str:
    return reverse("messaging:letters", args=[message.pk])


def test_it_prints_one_page_per_letter_for_the_window_envelope(
    world: World, letters: Letters
) -> None:
    response = world.client_for("coordinator").get(letters_url(letters.message))

    pages = pdf_pages(response)
    assert len(pages) == 3  # Sam gets an SMS, not a letter
    assert 'filename="brieven-' in response["Content-Disposition"]
    for language, (_name, street, postal_code, city) in PEOPLE.items():
        page = " ".join(page_of(pages, letters.people[language]).split())
        assert world.org.name in page
        assert street in page
        assert f"{postal_code} {city}" in page
        assert "{" not in page and "}" not in page, language
        # The QR code is drawn, not printed as its SVG source.
        assert "<svg" not in page and "xml version" not in page, language
        assert "Sam Sms" not in page


@pytest.mark.parametrize("language", ["nl", "fr", "ar"])
def test_each_letter_is_in_the_persons_language(
    world: World, letters: Letters, language: str
) -> None:
    person = letters.people[language]
    delivery = Delivery.objects.get(participant=person)
    facts = letters.message.facts[language]

    pages = pdf_pages(world.client_for("coordinator").get(letters_url(letters.message)))

    page = page_of(pages, person)
    assert delivery.language == language
    assert shows(page, delivery.subject), (delivery.subject, page)
    assert shows(page, facts["datum"]), (facts["datum"], page)
    assert shows(page, facts["uur"])
    assert shows(page, "Buurthuis De Linde")
    first_line = delivery.body.splitlines()[0]
    assert person.first_name in first_line
    assert shows(page, first_line), (first_line, page)
    with translation.override(language):
        scan = translation.gettext("Scan for your page")
    assert shows(page, scan), (scan, page)


def test_the_letters_are_in_the_right_words_for_each_language(
    world: World, letters: Letters
) -> None:
    """Not just the same Dutch text thrice: the greetings and months differ."""
    pages = pdf_pages(world.client_for("coordinator").get(letters_url(letters.message)))
    dutch_page = page_of(pages, letters.people["nl"])
    french_page = page_of(pages, letters.people["fr"])
    arabic_page = page_of(pages, letters.people["ar"])

    assert "Dag Lea," in dutch_page
    assert "Bonjour Chloé," in " ".join(french_page.split())
    assert re.search("[\u0600-\u06ff\ufb50-\ufeff]", arabic_page)
    assert shows(arabic_page, "مرحبا")
    assert "Uitnodiging" not in french_page + arabic_page


def test_letters_printed_marks_them_done_and_they_leave_the_count(
    world: World, letters: Letters
) -> None:
    coordinator = world.client_for("coordinator")
    detail_url = reverse("messaging:message", args=[letters.message.pk])
    print_button = dutch_count(
        "Print %(counter)s letter (PDF)", "Print %(counter)s letters (PDF)", 3
    )
    assert print_button in text(coordinator.get(detail_url), cls="button-row")
    home = coordinator.get(reverse("core:home"))
    assert dutch_count("%(counter)s letter to print", "%(counter)s letters to print", 3) in (
        messaging_card(home)
    )

    response = coordinator.post(
        reverse("messaging:letters_printed", args=[letters.message.pk]),
        {"posted_on": timezone.localdate().isoformat()},
    )

    assert response["Location"] == detail_url
    page = coordinator.get(detail_url)
    with translation.override("nl"):
        said = translation.ngettext(
            "%(count)d letter is marked as posted.", "%(count)d letters are marked as posted.", 3
        ) % {"count": 3}
    assert said in messages_shown(page)
    assert print_button not in text(page, cls="button-row")
    assert dutch("%(done)s of %(total)s done") % {"done": 4, "total": 4} in text(
        page, id="message-progress-label"
    )
    letters_done = Delivery.objects.filter(channel=Channel.LETTER)
    assert set(letters_done.values_list("status", flat=True)) == {Delivery.Status.DONE}
    assert set(letters_done.values_list("handled_by", flat=True)) == {world.users["coordinator"].pk}
    home = coordinator.get(reverse("core:home"))
    assert messaging_card(home) == ""  # nothing left for staff to do
    # Nothing is left to print: the PDF link says so instead of an empty file.
    again = coordinator.get(letters_url(letters.message))
    assert again["Location"] == detail_url
    assert dutch("There are no letters to print.") in messages_shown(coordinator.get(detail_url))


def messaging_card(response: Any) -> str:
    title = dutch("Messages to participants")
    cards = [card for card in texts(response, cls="card--attention") if title in card]
    return cards[0] if cards else ""


def test_another_organisations_letters_are_not_found(world: World, letters: Letters) -> None:
    other = world.client_for("other_org")

    assert other.get(letters_url(letters.message)).status_code == 404
    response = other.post(reverse("messaging:letters_printed", args=[letters.message.pk]))

    assert response.status_code == 404
    assert Delivery.objects.filter(status=Delivery.Status.TO_PRINT).count() == 3


def test_only_staff_who_send_may_print_them(world: World, letters: Letters) -> None:
    assert world.client_for("social_worker").get(letters_url(letters.message)).status_code == 403
    assert Client().get(letters_url(letters.message)).status_code == 302


def test_a_free_message_prints_without_the_meeting_box(world: World) -> None:
    person = make_participant(
        world.org,
        name="Lea Peeters",
        preferred_channel=Channel.LETTER,
        phone="",
        street="Kerkstraat 1",
        postal_code="9000",
        city="Gent",
    )
    message = services.message_send(
        organisation=world.org,
        kind=Kind.FREE,
        title="Nieuwe openingsuren",
        recipients=[services.Recipient(person)],
        context={},
        by=world.users["coordinator"],
        custom=services.Text(
            "Nieuwe openingsuren",
            "Dag {naam}.\n\nHet sociaal huis is nu ook op zaterdag open.",
            "Dag {naam}. Ook op zaterdag open.",
            "nl",
            reviewed=True,
            custom=True,
        ),
    )

    pages = pdf_pages(world.client_for("coordinator").get(letters_url(message)))

    assert len(pages) == 1
    page = " ".join(pages[0].split())
    assert "Dag Lea." in page
    assert "Het sociaal huis is nu ook op zaterdag open." in page
    assert "Kerkstraat 1" in page
