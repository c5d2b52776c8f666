"""Participants read what changed because of them: on their page, in letters and messages."""

from __future__ import annotations

import io
import re
from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from conftest import Loop, World
from inbreng.messaging.items import items_text
from inbreng.participation import pairs
from inbreng.participation import services as loop_services
from inbreng.participation.models import Contribution
from inbreng.participation.tests.helpers import open_personal_page
from inbreng.signals.models import Result
from inbreng.signals.results import services

MEANING = "De nieuwe folder wordt gedrukt. Hij is klaar in maart."


def make_result(world: World, loop: Loop, **fields: object) -> Result:
    fields.setdefault("title", "Een duidelijkere brief")
    fields.setdefault("meaning", MEANING)
    fields.setdefault("due_on", timezone.localdate() + timedelta(days=90))
    return services.result_create(
        organisation=world.org,
        by=world.users["coordinator"],
        service=world.service,
        response=loop.response,
        status=Result.Status.IN_PROGRESS,
        progress=40,
        **fields,  # type: ignore[arg-type]
    )


def page_of(world: World) -> str:
    link = loop_services.link_issue(participant=world.participant, by=None)
    client = Client()
    assert open_personal_page(client, loop_services.link_path(link)).status_code == 302
    response = client.get(reverse("participation:my_page"))
    assert response.status_code == 200
    return response.content.decode()


def flat(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip()


def test_it_shows_the_result_under_the_answer_on_the_personal_page(
    world: World, loop: Loop
) -> None:
    make_result(world, loop)
    html = page_of(world)
    assert "Een duidelijkere brief" in html
    assert MEANING in html
    assert "40%" in html


def test_it_prints_the_result_in_the_persons_letter(world: World, loop: Loop) -> None:
    make_result(world, loop)
    client = world.client_for("coordinator")
    response = client.get(reverse("participation:letter", kwargs={"pk": world.participant.pk}))
    assert response.status_code == 200
    words = flat(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages))
    assert "Een duidelijkere brief" in words
    assert flat(MEANING) in words


def test_it_puts_the_result_in_the_feedback_message_text(world: World, loop: Loop) -> None:
    make_result(world, loop)
    said = list(
        Contribution.objects.filter(pk=loop.contribution.pk).select_related("question", "response")
    )
    items = pairs.for_message(
        pairs.items_in(said, participant_id=world.participant.pk, language="nl")
    )
    text = items_text(items)
    assert "Een duidelijkere brief" in text and MEANING in text


def test_it_shows_the_translation_and_keeps_the_dutch_one_tap_away(
    world: World, loop: Loop
) -> None:
    result = make_result(world, loop)
    services.result_translate(
        result=result,
        by=world.users["coordinator"],
        language="fr",
        title="Une lettre plus claire",
        meaning="Le nouveau dépliant est en cours d'impression. Prêt en mars.",
        translated_by="Tolk",
    )
    world.participant.language = "fr"
    world.participant.save()
    html = page_of(world)
    assert 'lang="fr"' in html and "Une lettre plus claire" in html
    # The Dutch original stays there, marked as Dutch.
    assert MEANING in html


def test_it_marks_an_untranslated_result_as_dutch(world: World, loop: Loop) -> None:
    make_result(world, loop)
    world.participant.language = "fr"
    world.participant.save()
    html = page_of(world)
    assert re.search(r'<p lang="nl" dir="ltr">' + re.escape(MEANING), html)


def test_it_tells_participants_when_the_result_takes_longer(world: World, loop: Loop) -> None:
    result = make_result(world, loop)
    Result.objects.filter(pk=result.pk).update(due_on=timezone.localdate() - timedelta(days=3))
    html = page_of(world)
    assert MEANING in html
    assert "Planned ready by" not in html and "Gepland klaar" not in html
