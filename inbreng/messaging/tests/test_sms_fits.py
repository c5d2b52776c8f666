"""Every built-in SMS fits in two text messages, with realistic values, in every language;
and every built-in text says whom to call, or leaves that sentence out when there is no
number.

"Realistic" is what a real invitation holds at its longest: a long first name, the longest
date in each language, a place with a street and number and the room it is in, a short
personal link, and the organisation's number with its opening hours.

Arabic goes out in UCS-2 (67 characters a part): an invitation, reminder or change whose place
has its details filled in takes three parts there, and the count says so honestly. Without the
details it fits in two.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from conftest import World, make_participant
from inbreng.lib import gsm
from inbreng.lib.script import is_written_in
from inbreng.messaging import services, sms_length
from inbreng.messaging.defaults import DEFAULTS
from inbreng.messaging.models import Delivery, Kind
from inbreng.messaging.services import Recipient
from inbreng.people.models import Channel

LANGUAGES = ["nl", "fr", "en", "ar"]
# Feedback texts hold each input with its answer ({antwoorden}); they are checked with them.
KINDS = [kind for kind in Kind if kind not in (Kind.FREE, Kind.FEEDBACK)]
MEETING_KINDS = [Kind.INVITATION, Kind.REMINDER, Kind.CHANGE]
# Kinds whose letter, e-mail and pass-on text must say whom to call.
CALL_US_KINDS = [Kind.INVITATION, Kind.REMINDER, Kind.CHANGE, Kind.CANCELLATION]

NAME = "Jean-Christophe"
PLACE_NAME = "Sociaal Huis, Kerkstraat 12"
PLACE = f"{PLACE_NAME}, zaal 2, eerste verdieping"
LINK = "https://inbreng.example.be/k/?ABCDEFGH2345"
PHONE = "09 123 45 67"
HOURS = "maandag tot vrijdag, 9 tot 12 uur"
# The longest day and month in Dutch, French and English, written as each language does.
LONGEST_DATE = {
    "nl": "woensdag 30 september 2026",
    "fr": "mercredi 30 septembre 2026",
    "en": "Wednesday 30 September 2026",
    "ar": "الأربعاء 30 سبتمبر 2026",
}
CONTEXT = {
    "onderwerp": "Maandelijkse bijeenkomst",
    "datum": datetime(2026, 9, 30, 14, 0, tzinfo=ZoneInfo("Europe/Brussels")),
    # As participation/outreach.py writes the hours: with an en dash.
    "uur": "14:00 – 16:00",
    "plaats": PLACE,
    "meebrengen": "je identiteitskaart",
    "belofte": "We vragen je mening. We zeggen wat we ermee deden.",
}


@pytest.fixture
def with_number(world: World) -> World:
    world.org.contact_phone = PHONE
    world.org.contact_hours = HOURS
    world.org.save()
    return world


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", KINDS)
def test_every_built_in_sms_fits_in_two_text_messages(
    with_number: World, kind: str, language: str
) -> None:
    template = DEFAULTS[kind][language].sms

    sms = sms_length.rendered(with_number.org, template, language)

    found = gsm.count(sms)
    assert found.parts <= 2, (found, sms)
    # The realistic values are really in it.
    assert NAME in sms
    if "{datum}" in template:
        assert LONGEST_DATE[language] in sms
    if "{plaats}" in template:
        assert PLACE in sms
    if "{link}" in template:
        assert LINK in sms
    if language == "ar":
        # Arabic needs UCS-2: two parts hold 134 code units, bidi isolates included.
        assert found.encoding == "ucs2"
        assert found.characters <= 134
        assert "\u2068" + NAME + "\u2069" in sms
    else:
        # No typographic dash or quote turns the text into UCS-2.
        assert found.encoding == "gsm7", sms
        assert "14:00 – 16:00" not in sms


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", MEETING_KINDS)
def test_the_sms_about_a_meeting_still_says_when_and_where(
    with_number: World, kind: str, language: str
) -> None:
    sms = sms_length.rendered(with_number.org, DEFAULTS[kind][language].sms, language)

    assert LONGEST_DATE[language] in sms
    assert "14:00" in sms and "16:00" in sms
    assert PLACE in sms


def test_an_sms_goes_out_in_gsm7_as_the_person_receives_it(
    with_number: World, django_capture_on_commit_callbacks: Any, sms_outbox: list[Any]
) -> None:
    """Through message_send and the worker: the en dash of the hours is a plain hyphen, and
    the whole invitation takes two parts at most."""
    person = make_participant(with_number.org, name=f"{NAME} Peeters", phone="+32470111222")
    with django_capture_on_commit_callbacks(execute=True):
        services.message_send(
            organisation=with_number.org,
            kind=Kind.INVITATION,
            title="Maandelijkse bijeenkomst",
            recipients=[Recipient(person, link=LINK)],
            context=CONTEXT,
            by=with_number.users["coordinator"],
        )

    [sent] = sms_outbox
    text = sent["text"]
    assert text.startswith(f"Dag {NAME}.")
    assert "14:00 - 16:00" in text
    assert gsm.count(text).encoding == "gsm7"
    assert gsm.count(text).parts <= 2
    assert f"Vragen? Bel {PHONE} ({HOURS})." in text


def test_an_arabic_sms_keeps_its_isolates_and_stays_within_two_parts(
    with_number: World, django_capture_on_commit_callbacks: Any, sms_outbox: list[Any]
) -> None:
    person = make_participant(
        with_number.org, name=f"{NAME} Haddad", phone="+32470222333", language="ar"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.message_send(
            organisation=with_number.org,
            kind=Kind.INVITATION,
            title="Maandelijkse bijeenkomst",
            recipients=[Recipient(person, link=LINK)],
            # A place without its details: then an Arabic invitation fits in two parts.
            context={**CONTEXT, "plaats": PLACE_NAME},
            by=with_number.users["coordinator"],
        )

    [sent] = sms_outbox
    found = gsm.count(sent["text"])
    assert (found.encoding, found.parts <= 2) == ("ucs2", True)
    assert f"\u2068{PLACE_NAME}\u2069" in sent["text"]
    # No Dutch outside the isolates: the Arabic sentence around the values is Arabic.
    outside = _outside_isolates(sent["text"])
    assert is_written_in(outside, "ar"), outside
    assert not any("a" <= c.lower() <= "z" for c in outside), outside


def _outside_isolates(text: str) -> str:
    """The text with every bidi-isolated value (FSI … PDI) taken out."""
    parts, depth = [], 0
    for char in text:
        if char == "\u2068":
            depth += 1
        elif char == "\u2069":
            depth -= 1
        elif depth == 0:
            parts.append(char)
    return "".join(parts)


# Whom to call ---------------------------------------------------------------------------------


def _letter_to(world: World, kind: str, language: str) -> Delivery:
    person = make_participant(
        world.org,
        name=f"Lea {language}",
        preferred_channel=Channel.LETTER,
        phone="",
        street="Kerkstraat 1",
        postal_code="9000",
        city="Gent",
        language=language,
    )
    services.message_send(
        organisation=world.org,
        kind=kind,
        title="Maandelijkse bijeenkomst",
        recipients=[Recipient(person, link=LINK)],
        context=CONTEXT,
        by=world.users["coordinator"],
    )
    return Delivery.objects.get(participant=person)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", CALL_US_KINDS)
def test_every_built_in_text_says_whom_to_call(
    with_number: World, kind: str, language: str
) -> None:
    letter = _letter_to(with_number, kind, language)

    lines = [line for line in letter.body.splitlines() if PHONE in line]
    assert len(lines) == 1, letter.body
    # Staff type the hours in Dutch: other languages get the number alone.
    assert (HOURS in lines[0]) == (language == "nl"), lines[0]
    # Its own short sentence, a question and the number: "Vragen? Bel 09 …".
    assert lines[0].count("?") == 1 or lines[0].count("؟") == 1, lines[0]


QUESTIONS_CALL = {
    "nl": "Vragen? Bel",
    "fr": "Des questions ? Appelez le",
    "en": "Questions? Call",
    "ar": "اتصل بالرقم",
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", CALL_US_KINDS)
def test_without_a_number_the_sentence_about_calling_is_left_out(
    world: World, kind: str, language: str
) -> None:
    assert not world.org.contact_phone

    letter = _letter_to(world, kind, language)

    assert QUESTIONS_CALL[language] not in letter.body
    assert QUESTIONS_CALL[language] not in letter.sms
    assert QUESTIONS_CALL[language] not in letter.script
    # No empty line is left where the sentence was, and the rest is all there.
    assert "\n\n\n" not in letter.body
    assert "Lea" in letter.body
    assert PLACE in letter.body or kind == Kind.CANCELLATION


def test_a_line_whose_placeholders_are_all_empty_is_left_out() -> None:
    text = services.Text(
        subject="{onderwerp}",
        body="Dag {naam},\n\n{belofte}\n\nWaar? {plaats}.\nVragen? Bel {telefoon}.\nTot dan!",
        sms="Dag {naam}.\nVragen? Bel {telefoon}.",
        language="nl",
        reviewed=True,
        custom=True,
    )
    values = {name: "" for name in services.PLACEHOLDERS} | {"naam": "Sam", "plaats": "Gent"}

    rendered = services._render(text, values, isolate=False)

    assert rendered.body == "Dag Sam,\n\nWaar? Gent.\nTot dan!"
    assert rendered.sms == "Dag Sam."
    # A line with one value filled and one empty stays.
    both = services.Text("", "Waar? {plaats} {uur}", "", "nl", True, True)
    assert services._render(both, values, isolate=False).body == "Waar? Gent "


@pytest.mark.parametrize("kind", KINDS)
def test_every_built_in_dutch_sms_reads_easily(world: World, kind: str) -> None:
    report = services.plain_report(world.org, DEFAULTS[kind]["nl"].sms)

    assert report.passes(world.org.plain_language_min_score), report
    assert report.average_sentence_length <= 12
    assert report.longest_sentence_length <= 20
