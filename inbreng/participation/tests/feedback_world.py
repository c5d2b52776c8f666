"""A meeting whose input was answered: the world the feedback tests read back.

Anouk spoke twice and the group spoke twice, on two questions. Her first input and the
group's first input got different answers; her second input and the group's second input
share one answer that is still being studied. Everyone here is made up.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.test import Client
from django.utils import translation
from pypdf import PdfReader

from conftest import World
from inbreng.participation import services
from inbreng.participation.models import Contribution, Meeting, Question, Response
from inbreng.participation.translations import translation_save
from inbreng.participation.views.personal import SESSION_KEY, page_session
from inbreng.people.models import Channel, Participant

from .helpers import Build, day

MINE_1 = "De letters op de flyer zijn te klein."
GROUP_1 = "Zet een foto van het loket op de flyer."
ANSWER_MINE_1 = "We drukken de flyer opnieuw, met grotere letters."
ANSWER_GROUP_1 = "Een foto neemt te veel plaats in. We tekenen een pijl naar het loket."
MINE_2 = "Er zijn te weinig stoelen in de wachtzaal."
GROUP_2 = "Het is te koud in de wachtzaal."
ANSWER_SHARED = "We zoeken extra stoelen. We laten de verwarming nakijken."
DECIDED_BY = "het schepencollege"

# The Arabic translations a partner wrote (an interpreter), for Samira.
ARABIC_TITLE = "هل هذا المنشور واضح؟"
ARABIC_ANSWER = "سنطبع المنشور من جديد بحروف أكبر."


@dataclass
class Answered:
    meeting: Meeting
    flyer: Question
    waiting_room: Question
    anouk: Participant
    absent: Participant
    mine_1: Contribution
    group_1: Contribution
    mine_2: Contribution
    group_2: Contribution
    answer_mine_1: Response
    answer_group_1: Response
    shared: Response


def answered(world: World, build: Build, *, channel: str = Channel.LETTER) -> Answered:
    """The meeting of last week, all its input answered; Anouk gets letters by post."""
    group = build.group("Klankbordgroep")
    anouk = build.member(group, "Anouk Tanghe")
    Participant.objects.filter(pk=anouk.pk).update(
        preferred_channel=channel,
        phone="" if channel == Channel.LETTER else "+32470123456",
        street="Kerkstraat 12",
        postal_code="9999",
        city="Testdorp",
        social_worker=world.users["social_worker"],
    )
    anouk.refresh_from_db()
    meeting = build.held(group, title="Praatgroep over de folder")
    # Someone who was invited but not there: the group's input is not theirs to hear about.
    absent = build.member(group, "Bram Afwezig")
    services.meeting_invite(meeting=meeting, participant=absent, by=build.coordinator)
    flyer = build.schedule(meeting, build.accepted("Is deze flyer duidelijk?"))
    waiting_room = build.schedule(meeting, build.accepted("Hoe vind je de wachtzaal?"))
    mine_1 = build.say(meeting, flyer, MINE_1, participant=anouk)
    group_1 = build.say(meeting, flyer, GROUP_1, agreed_count=5, present_count=7)
    mine_2 = build.say(meeting, waiting_room, MINE_2, participant=anouk)
    group_2 = build.say(meeting, waiting_room, GROUP_2)
    answer_mine_1 = build.answer(
        flyer,
        [mine_1],
        Response.Status.ADOPTED,
        ANSWER_MINE_1,
        decided_by=DECIDED_BY,
        decided_on=day(-2),
    )
    answer_group_1 = build.answer(flyer, [group_1], Response.Status.NOT_ADOPTED, ANSWER_GROUP_1)
    shared = build.answer(
        waiting_room,
        [mine_2, group_2],
        Response.Status.STUDYING,
        ANSWER_SHARED,
        expected_on=day(30),
    )
    return Answered(
        meeting,
        flyer,
        waiting_room,
        anouk,
        absent,
        mine_1,
        group_1,
        mine_2,
        group_2,
        answer_mine_1,
        answer_group_1,
        shared,
    )


def in_arabic(world: World, found: Answered) -> Participant:
    """Anouk reads Arabic; a partner translated the first question and her answer."""
    Participant.objects.filter(pk=found.anouk.pk).update(language="ar")
    found.anouk.refresh_from_db()
    coordinator = world.users["coordinator"]
    translation_save(
        organisation=world.org,
        language="ar",
        question=found.flyer,
        title=ARABIC_TITLE,
        text="",
        translator="partner",
        reviewed=True,
        by=coordinator,
    )
    translation_save(
        organisation=world.org,
        language="ar",
        response=found.answer_mine_1,
        text=ARABIC_ANSWER,
        translator="partner",
        reviewed=True,
        by=coordinator,
    )
    return found.anouk


def page_of(participant: Participant) -> Client:
    """A phone with the person's page open (as after pressing "open my page")."""
    services.link_issue(participant=participant, by=None)
    client = Client()
    session = client.session
    session[SESSION_KEY] = page_session(participant)
    session.save()
    return client


def pdf_text(content: bytes) -> str:
    """The text of a PDF as one line, whitespace collapsed, and a word hyphenated at the end
    of a line ("nakij‐ / ken") whole again."""
    reader = PdfReader(io.BytesIO(content))
    pages = [(page.extract_text() or "").replace("\u2010\n", "") for page in reader.pages]
    return " ".join(" ".join(page.split()) for page in pages)


def squeezed(value: str) -> str:
    """Text compared the way a PDF gives it back: Arabic letters may come in their
    presentation forms and in visual order, and the spaces differ."""
    return "".join(unicodedata.normalize("NFKC", value).split())


def shows(text: str, expected: str) -> bool:
    """Whether every word of `expected` is in `text`, Arabic words possibly reversed."""
    content = squeezed(text)
    for word in re.findall(r"\w+", unicodedata.normalize("NFKC", expected)):
        wanted = squeezed(word)
        if wanted not in content and wanted[::-1] not in content:
            return False
    return True


def in_language(language: str, message: str, **values: Any) -> str:
    with translation.override(language):
        text = translation.gettext(message)
    return text % values if values else text


def status_words(status: str, language: str = "nl") -> str:
    with translation.override(language):
        return Response(status=status).plain_status
