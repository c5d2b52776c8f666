"""The participant's own page: opened from a link, no account, safe on a shared phone."""

from __future__ import annotations

import io
import re
import unicodedata
from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from conftest import World
from inbreng.core.models import AuditEvent
from inbreng.core.tests.helpers import (
    dutch,
    dutch_count,
    field_error,
    messages_shown,
    post_data,
    text,
    texts,
)
from inbreng.participation import services
from inbreng.participation.forms import NUMBER_OF_CHILDREN, YES_NO_MAYBE
from inbreng.participation.models import (
    Contribution,
    FeedbackDelivery,
    Invitation,
    Meeting,
    PersonalLink,
    Question,
    Response,
)
from inbreng.participation.views.personal import SESSION_KEY
from inbreng.people.models import Participant

from .helpers import Build, day, open_personal_page, said_to_participants

PAGE = reverse("participation:my_page")


def link_url(participant: Participant) -> str:
    link = services.link_issue(participant=participant, by=None)
    return services.link_path(link)


def opened(participant: Participant) -> Client:
    """A phone that opened the person's link and pressed its button: no staff login, no
    JavaScript."""
    client = Client()
    response = open_personal_page(client, link_url(participant))
    assert response.status_code == 302
    return client


@pytest.fixture
def person(world: World, build: Build) -> Participant:
    """Anouk spoke at last week's meeting, and the group spoke too; both were answered."""
    participant = world.participant
    participant.name = "Anouk Tanghe"
    participant.phone = "+32470123456"
    participant.street = "Kerkstraat 12"
    participant.postal_code = "9999"
    participant.city = "Testdorp"
    participant.needs_childcare = True
    participant.needs_wheelchair_access = True
    participant.save()
    group = build.group()
    from inbreng.groups.services import membership_add

    membership_add(group=group, participant=participant, by=build.coordinator, stage="member")
    meeting = build.held(group)
    question = build.schedule(meeting, build.accepted("Is deze flyer duidelijk?"))
    mine = build.say(meeting, question, "De letters zijn te klein.", participant=participant)
    ours = build.say(meeting, question, "Zet er een foto van het loket op.")
    build.answer(question, [mine], "adopted", "We maken de letters groter.")
    build.answer(question, [ours], "not_adopted", "Een foto kost te veel plaats.")
    build.meeting(group, 10, title="Volgende keer", place="Buurthuis De Linde")
    services.meeting_invite_group(
        meeting=Meeting.objects.get(title="Volgende keer"), by=build.coordinator
    )
    return participant


def test_it_opens_the_page_from_the_link_and_drops_the_token(person: Participant) -> None:
    client = Client()
    url = link_url(person)
    token = url.split("?t=", 1)[1]
    # Following the link shows only the button: no page, no name, no session yet.
    shown = client.get(url)
    assert shown.status_code == 200
    assert text(shown, tag="h1") == dutch("Your own page")
    assert "Anouk" not in shown.content.decode()
    assert SESSION_KEY not in client.session
    response = client.post(reverse("participation:open_link"), {"t": token}, follow=True)
    assert response.redirect_chain == [(PAGE, 302)]
    assert response.request["PATH_INFO"] == PAGE
    assert token not in response.content.decode()
    assert response.status_code == 200
    link = PersonalLink.objects.get(participant=person)
    # The person and their link's version: never the link's token.
    assert client.session[SESSION_KEY] == {"participant": person.pk, "version": link.pk}
    assert "_auth_user_id" not in client.session
    # Neither the page, the button nor the redirect may be kept in a shared browser's cache.
    assert "no-store" in response["Cache-Control"]
    assert "no-store" in Client().get(link_url(person))["Cache-Control"]
    assert (
        "no-store"
        in Client().post(reverse("participation:open_link"), {"t": token})["Cache-Control"]
    )


def test_it_shows_what_happened_with_the_input(person: Participant) -> None:
    response = opened(person).get(PAGE)
    main = text(response, tag="main")
    assert text(response, tag="h1") == dutch("Hello %(first_name)s") % {"first_name": "Anouk"}
    assert "De letters zijn te klein." in main
    assert "Zet er een foto van het loket op." in main
    assert "We maken de letters groter." in main
    assert "Een foto kost te veel plaats." in main
    assert said_to_participants("adopted") in main
    assert said_to_participants("not_adopted") in main
    assert "Buurthuis De Linde" in main
    # The next meeting and its "will you come?" come before the history of what was said,
    # which can be long for someone who spoke often.
    headings = texts(response, tag="h2")
    assert headings.index("Wanneer zien we elkaar?") < headings.index(
        "Wat is er gebeurd met wat je zei?"
    )
    # No <script> is needed: everything above came from the server.
    assert "<script" not in response.content.decode()


def test_it_shows_a_first_name_only_and_never_contact_details_or_needs(
    person: Participant,
) -> None:
    html = opened(person).get(PAGE).content.decode()
    for secret in [
        "Tanghe",
        "+32470123456",
        "0470",
        "Kerkstraat",
        "9999",
        dutch("wheelchair access"),
    ]:
        assert secret not in html, secret
    # The answer form asks about childcare, but does not start from the needs in the register.
    assert re.search(r'<input type="checkbox" name="childcare"[^>]*>', html)
    assert not re.search(r'<input type="checkbox" name="childcare"[^>]*checked', html)


@pytest.mark.parametrize("how", ["unknown", "revoked", "expired", "erased"])
def test_it_shows_a_friendly_page_for_a_link_that_does_not_work(
    person: Participant, how: str
) -> None:
    url = link_url(person)
    if how == "unknown":
        url = reverse("participation:open_link") + "?t=dit-is-geen-echte-code"
    elif how == "revoked":
        services.link_issue(participant=person, by=None)
    elif how == "expired":
        PersonalLink.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    else:
        Participant.objects.filter(pk=person.pk).update(erased_at=timezone.now())
    client = Client()
    response = client.get(url)
    assert response.status_code == 404
    assert text(response, tag="h1") == dutch("This link does not work")
    html = response.content.decode()
    assert "Anouk" not in html and "De letters zijn te klein." not in html
    assert SESSION_KEY not in client.session
    assert client.get(PAGE).status_code == 403


@pytest.mark.parametrize("how", ["reissued", "expired"])
def test_it_closes_an_open_page_once_the_link_stops_working(person: Participant, how: str) -> None:
    client = opened(person)
    assert client.get(PAGE).status_code == 200
    if how == "reissued":
        services.link_issue(participant=person, by=None)
    else:
        PersonalLink.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.get(PAGE)
    assert response.status_code == 403
    assert text(response, tag="h1") == dutch("This link does not work")
    assert "Anouk" not in response.content.decode()


def test_it_keeps_a_link_valid_for_a_year(person: Participant) -> None:
    link = services.link_issue(participant=person, by=None)
    assert link.expires_at - timezone.now() > timedelta(days=364)
    assert services.link_resolve(services.link_token(link)) == link
    assert services.link_resolve("x" * 101) is None
    assert services.link_resolve("") is None


def test_it_stores_no_token(person: Participant) -> None:
    link = services.link_issue(participant=person, by=None)
    token = services.link_token(link)
    stored = PersonalLink.objects.filter(pk=link.pk).values().get()
    assert token not in {str(v) for v in stored.values()}


def test_it_records_reading_on_the_page_once_per_answered_question(
    build: Build, person: Participant
) -> None:
    _group, meeting, open_question, _people = build.discussed(title="Nog niet beantwoord")
    services.meeting_invite(meeting=meeting, participant=person, by=build.coordinator)
    build.say(meeting, open_question, "Nog even wachten", participant=person)
    client = opened(person)
    client.get(PAGE)
    client.get(PAGE)
    deliveries = FeedbackDelivery.objects.filter(participant=person)
    assert [(d.question.title, d.channel) for d in deliveries] == [
        ("Is deze flyer duidelijk?", FeedbackDelivery.Channel.PERSONAL_PAGE)
    ]


def test_it_records_reading_only_once_the_answer_is_final(build: Build) -> None:
    _group, meeting, question, people = build.discussed()
    said = build.say(meeting, question, "Iets", participant=people[0])
    answer = build.answer(question, [said], "studying", "We kijken het na.", expected_on=day(20))
    client = opened(people[0])
    page = client.get(PAGE)
    assert "We kijken het na." in text(page, tag="main")
    assert not FeedbackDelivery.objects.exists()
    services.response_update(
        response=answer,
        version=answer.version,
        status=Response.Status.DONE,
        explanation="Klaar.",
        by=build.service_contact,
    )
    # Reading the page again without the button counts nothing; the button does.
    client.get(PAGE)
    assert not FeedbackDelivery.objects.exists()
    open_personal_page(client, link_url(people[0]))
    assert FeedbackDelivery.objects.filter(participant=people[0]).count() == 1


def test_it_lets_a_participant_add_input_that_waits_for_review(
    world: World, build: Build, person: Participant
) -> None:
    upcoming = Meeting.objects.get(title="Volgende keer")
    question = build.schedule(upcoming, build.accepted("Wat vind je van de wachtzaal?"))
    client = opened(person)
    page = client.get(PAGE)
    assert "Wat vind je van de wachtzaal?" in texts(page, tag="h3")
    response = client.post(
        reverse("participation:my_input", args=[question.pk]),
        {"text": "Te weinig stoelen."},
        follow=True,
    )
    assert messages_shown(response) == dutch(
        "Thank you. The coordinator reads it first, then passes it on."
    )
    contribution = Contribution.objects.get(text="Te weinig stoelen.")
    assert (contribution.participant, contribution.review) == (
        person,
        Contribution.Review.PENDING,
    )
    assert dutch("the coordinator reads it first") in text(response, tag="main")
    service_page = world.client_for("service_contact").get(
        reverse("participation:question", args=[question.pk])
    )
    assert "Te weinig stoelen." not in service_page.content.decode()


def test_it_refuses_input_on_a_question_not_on_the_persons_agenda(
    build: Build, person: Participant
) -> None:
    elsewhere = build.accepted("Niet voor jou")
    response = opened(person).post(
        reverse("participation:my_input", args=[elsewhere.pk]), {"text": "Toch iets"}
    )
    assert response.status_code == 404
    assert not Contribution.objects.filter(text="Toch iets").exists()


def test_it_keeps_the_typed_text_when_input_is_too_long(build: Build, person: Participant) -> None:
    upcoming = Meeting.objects.get(title="Volgende keer")
    question = build.schedule(upcoming, build.accepted("Wat vind je van de wachtzaal?"))
    response = opened(person).post(
        reverse("participation:my_input", args=[question.pk]), {"text": "lang " * 500}
    )
    assert response.status_code == 400
    assert text(response, cls="brand") == "Sociaal Huis Testdorp"
    assert "lang lang lang" in text(response, id="id_text")
    assert text(response, id="id_text_error")
    assert not Contribution.objects.filter(source=Contribution.Source.PARTICIPANT).exists()


def test_it_lets_a_participant_take_their_input_back(world: World, person: Participant) -> None:
    question = Question.objects.get(title="Is deze flyer duidelijk?")
    client = opened(person)
    own = services.contribution_submit(participant=person, question=question, text="Spijt van")
    services.contribution_review(contribution=own, approve=True, by=world.users["coordinator"])
    response = client.post(reverse("participation:my_withdraw", args=[own.pk]), follow=True)
    assert messages_shown(response) == dutch("What you said is taken back.")
    assert "Spijt van" not in text(response, tag="main")
    service_page = world.client_for("service_contact").get(
        reverse("participation:question", args=[question.pk])
    )
    assert "Spijt van" not in service_page.content.decode()
    # The audit log says the person took it back themselves: no staff member is named.
    event = AuditEvent.objects.get(object_type="participation.contribution", object_id=str(own.pk))
    assert event.actor is None
    assert event.detail == {"withdrawn_by": "participant"}


def test_it_tells_the_person_when_their_input_was_not_passed_on(
    world: World, person: Participant
) -> None:
    question = Question.objects.get(title="Is deze flyer duidelijk?")
    own = services.contribution_submit(participant=person, question=question, text="Te duur")
    services.contribution_review(contribution=own, approve=False, by=world.users["coordinator"])

    page = text(opened(person).get(PAGE), tag="main")

    assert "Te duur" in page
    assert dutch("the coordinator did not pass this on. You can ask why.") in page
    service_page = world.client_for("service_contact").get(
        reverse("participation:question", args=[question.pk])
    )
    assert "Te duur" not in service_page.content.decode()


def test_it_refuses_to_take_back_someone_elses_input(build: Build, person: Participant) -> None:
    group_input = Contribution.objects.get(participant=None)
    response = opened(person).post(reverse("participation:my_withdraw", args=[group_input.pk]))
    assert response.status_code == 404
    group_input.refresh_from_db()
    assert group_input.withdrawn_at is None


def test_it_closes_the_page_on_a_shared_phone(person: Participant) -> None:
    client = opened(person)
    response = client.post(reverse("participation:my_logout"))
    assert text(response, tag="h1") == dutch("You closed your page")
    assert SESSION_KEY not in client.session
    again = client.get(PAGE)
    assert again.status_code == 403
    assert "Anouk" not in again.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        reverse("participation:my_input", args=[1]),
        reverse("participation:my_withdraw", args=[1]),
    ],
)
def test_it_refuses_participant_actions_without_an_open_page(person: Participant, url: str) -> None:
    response = Client().post(url, {"text": "Hallo"})
    assert response.status_code == 403
    assert not Contribution.objects.filter(text="Hallo").exists()


# Staff: links and other ways people heard the answer -----------------------------------


def test_it_shows_a_new_link_once_and_stops_the_old_one(world: World, person: Participant) -> None:
    old = link_url(person)
    client = world.client_for("social_worker")
    response = client.post(
        reverse("participation:link_reissue", args=[person.pk]),
        {"reason": "lost", "old_link": "stop"},
        follow=True,
    )
    new = text(response, cls="secret")
    assert new.startswith("http://testserver/k/?")
    assert "<svg" in response.content.decode()
    assert Client().get(old).status_code == 404
    opened_new = open_personal_page(Client(), new.removeprefix("http://testserver"))
    assert opened_new.status_code == 302
    # Shown only once: reloading the page does not show it again.
    again = client.get(reverse("participation:participant_loop", args=[person.pk]))
    assert new not in again.content.decode()


@pytest.mark.parametrize("channel", ["meeting", "social_worker", "phone", "letter"])
def test_it_lets_staff_record_how_a_person_heard_the_answer(
    world: World, person: Participant, channel: str
) -> None:
    question = Question.objects.get(title="Is deze flyer duidelijk?")
    response = world.client_for("coordinator").post(
        reverse("participation:feedback_record", args=[person.pk]),
        {"question": question.pk, "channel": channel},
        follow=True,
    )
    assert messages_shown(response) == dutch("Recorded: this person heard the answer.")
    delivery = FeedbackDelivery.objects.get(participant=person)
    assert (delivery.question, delivery.channel, delivery.recorded_by) == (
        question,
        channel,
        world.users["coordinator"],
    )
    label = str(FeedbackDelivery.Channel(channel).label)
    assert dutch(label) in texts(response, tag="td")


def test_it_refuses_to_record_feedback_on_a_question_the_person_had_no_part_in(
    world: World, build: Build, person: Participant
) -> None:
    unrelated = build.accepted("Niets mee te maken")
    response = world.client_for("coordinator").post(
        reverse("participation:feedback_record", args=[person.pk]),
        {"question": unrelated.pk, "channel": "phone"},
        follow=True,
    )
    assert messages_shown(response) == dutch(
        "Choose the question and how the person heard the answer."
    )
    assert not FeedbackDelivery.objects.exists()


def test_it_hides_another_organisations_participant_from_staff(world: World) -> None:
    client = world.client_for("coordinator")
    for name in ("participant_loop", "letter"):
        url = reverse(f"participation:{name}", args=[world.other_participant.pk])
        assert client.get(url).status_code == 404
    response = client.post(reverse("participation:link_reissue", args=[world.other_participant.pk]))
    assert response.status_code == 404
    assert not PersonalLink.objects.exists()


# The participant's language -----------------------------------------------------------------

# A sentence every personal page shows, as each participant language writes it. Spelled out
# here so that a missing translation fails (gettext would quietly return the English).
WHEN_DO_WE_MEET = {
    "nl": "Wanneer zien we elkaar?",
    "fr": "Quand nous voyons-nous ?",
    "en": "When do we meet?",
    "ar": "متى نلتقي؟",
}


def speaking(person: Participant, language: str) -> Participant:
    Participant.objects.filter(pk=person.pk).update(language=language)
    person.refresh_from_db()
    return person


def html_tag(response: Any) -> str:
    return str(re.search(r"<html[^>]*>", response.content.decode())[0])  # type: ignore[index]


@pytest.mark.parametrize(
    ("language", "direction"), [("nl", "ltr"), ("fr", "ltr"), ("en", "ltr"), ("ar", "rtl")]
)
def test_it_speaks_the_participants_language(
    person: Participant, language: str, direction: str
) -> None:
    response = opened(speaking(person, language)).get(PAGE)
    assert html_tag(response) == f'<html lang="{language}" dir="{direction}">'
    assert response["Content-Language"] == language
    assert WHEN_DO_WE_MEET[language] in texts(response, tag="h2")
    # What people said stays as they said it.
    assert "De letters zijn te klein." in text(response, tag="main")


@pytest.mark.parametrize("language", ["tr", "ti", "other"])
def test_it_falls_back_to_dutch_for_a_language_it_does_not_have(
    person: Participant, language: str
) -> None:
    response = opened(speaking(person, language)).get(PAGE)
    assert html_tag(response) == '<html lang="nl" dir="ltr">'
    assert WHEN_DO_WE_MEET["nl"] in texts(response, tag="h2")


def test_it_ignores_the_staff_language_of_the_browser(person: Participant) -> None:
    client = opened(speaking(person, "fr"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(PAGE)
    assert html_tag(response) == '<html lang="fr" dir="ltr">'
    # And the staff pages of that browser keep their own language.
    assert '<html lang="en"' in client.get(reverse("login")).content.decode()


def test_it_offers_the_four_languages_each_in_its_own_language(person: Participant) -> None:
    html = opened(person).get(PAGE).content.decode()
    options = re.findall(r'<option value="(\w+)" lang="\1"(?: selected)?>([^<]+)</option>', html)
    assert options == [
        ("nl", "Nederlands"),
        ("fr", "français"),
        ("en", "English"),
        ("ar", "العربيّة"),
    ]
    assert 'value="nl" lang="nl" selected' in html


def test_it_lets_the_participant_read_their_page_in_another_language(
    person: Participant,
) -> None:
    client = opened(person)
    response = client.post(reverse("participation:my_language"), {"language": "ar"}, follow=True)
    assert html_tag(response) == '<html lang="ar" dir="rtl">'
    assert WHEN_DO_WE_MEET["ar"] in texts(response, tag="h2")
    # The choice lives in this session only: the register and the letter keep their language.
    person.refresh_from_db()
    assert person.language == "nl"
    # Closing the page says goodbye in the chosen language, then forgets the choice.
    goodbye = client.post(reverse("participation:my_logout"))
    assert html_tag(goodbye) == '<html lang="ar" dir="rtl">'
    assert html_tag(client.get(PAGE)) == '<html lang="nl" dir="ltr">'


def test_it_starts_a_new_link_in_the_persons_own_language(
    build: Build, person: Participant
) -> None:
    client = opened(person)
    client.post(reverse("participation:my_language"), {"language": "fr"})
    # Someone else opens their own link on the same phone.
    other = speaking(build.member(build.group("Andere groep"), "Samira Ouali"), "ar")
    response = client.get(link_url(other), follow=True)
    assert html_tag(response) == '<html lang="ar" dir="rtl">'


@pytest.mark.parametrize("language", ["de", "", "ar-evil"])
def test_it_keeps_the_language_when_the_choice_is_not_on_the_list(
    person: Participant, language: str
) -> None:
    client = opened(speaking(person, "fr"))
    response = client.post(
        reverse("participation:my_language"), {"language": language}, follow=True
    )
    assert response.status_code == 200
    assert html_tag(response) == '<html lang="fr" dir="ltr">'
    assert messages_shown(response) == "Choisissez une langue dans la liste."


# Answering an invitation --------------------------------------------------------------------


def upcoming_invitation(person: Participant) -> Invitation:
    return Invitation.objects.get(participant=person, meeting__title="Volgende keer")


def answer(client: Client, invitation: Invitation, **data: Any) -> Any:
    return client.post(
        reverse("participation:my_reply", args=[invitation.pk]), post_data(**data), follow=True
    )


def test_it_lets_the_participant_say_yes_and_what_they_need(
    world: World, person: Participant
) -> None:
    invitation = upcoming_invitation(person)
    client = opened(person)
    response = answer(
        client,
        invitation,
        reply="yes",
        childcare=True,
        children="2",
        transport=True,
        interpreter=True,
        interpreter_language="ar",
    )
    assert messages_shown(response) == "Bedankt. We rekenen op je."
    invitation.refresh_from_db()
    assert (invitation.reply, invitation.children, invitation.needs_transport) == ("yes", 2, True)
    # Stored as staff type it: the Dutch name of the language.
    assert invitation.interpreter_language == "Arabisch"
    # The page shows the answer, and the form starts from it.
    card = text(response, cls="my-answer")
    assert "Ja, ik kom" in card
    assert dutch_count("Childcare for %(counter)s child", "", 2) in card
    assert dutch("Transport") in card
    assert "Tolk: Arabisch" in card
    html = response.content.decode()
    assert re.search(
        rf'name="reply" value="yes"[^>]*id="id_invitation{invitation.pk}_reply_0"', html
    )
    assert re.search(r'<input type="radio" name="reply" value="yes"[^>]*checked', html)
    # The coordinator's meeting page counts it.
    meeting = world.client_for("coordinator").get(
        reverse("participation:meeting", args=[invitation.meeting_id])
    )
    totals = texts(meeting, tag="li")
    assert dutch("Coming: %(n)s") % {"n": 1} in totals
    assert dutch("Children for childcare: %(n)s") % {"n": 2} in totals
    assert dutch("Need transport: %(n)s") % {"n": 1} in totals
    assert f"{dutch('Interpreters:')} Arabisch" in totals


def test_it_thanks_someone_who_cannot_come_and_forgets_their_needs(person: Participant) -> None:
    invitation = upcoming_invitation(person)
    services.invitation_answer(invitation=invitation, reply="yes", children=3)
    response = answer(opened(person), invitation, reply="no", childcare=True, children="3")
    assert messages_shown(response) == "Jammer. Bedankt dat je het laat weten."
    invitation.refresh_from_db()
    assert (invitation.reply, invitation.children) == ("no", 0)
    assert "Nee, ik kom niet" in text(response, cls="my-answer")


def test_it_drops_a_need_that_is_no_longer_ticked(person: Participant) -> None:
    invitation = upcoming_invitation(person)
    services.invitation_answer(
        invitation=invitation, reply="yes", children=2, interpreter_language="Arabisch"
    )
    # The number and the language are still filled in, but the boxes are unticked.
    answer(opened(person), invitation, reply="maybe", children="2", interpreter_language="ar")
    invitation.refresh_from_db()
    assert (invitation.reply, invitation.children, invitation.interpreter_language) == (
        "maybe",
        0,
        "",
    )


def test_it_answers_in_the_participants_language(person: Participant) -> None:
    invitation = upcoming_invitation(speaking(person, "ar"))
    page = opened(person).get(PAGE)
    # The interpreter's language starts from the person's own.
    assert re.search(r'<option value="ar" selected>', page.content.decode())
    assert "هل ستأتي؟" in texts(page, tag="legend")
    response = answer(opened(person), invitation, reply="maybe")
    assert messages_shown(response) == "شكراً. أخبرنا عندما تكون متأكداً."


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"reply": "yes", "childcare": True, "children": "-1"}, "children", NUMBER_OF_CHILDREN),
        ({"reply": "yes", "childcare": True, "children": "40"}, "children", NUMBER_OF_CHILDREN),
        ({"reply": "yes", "childcare": True, "children": "twee"}, "children", NUMBER_OF_CHILDREN),
        ({"reply": "yes", "childcare": True, "children": ""}, "children", NUMBER_OF_CHILDREN),
        ({"reply": "perhaps", "children": "1"}, "reply", YES_NO_MAYBE),
        ({"children": "1"}, "reply", YES_NO_MAYBE),
        (
            {"reply": "yes", "interpreter": True, "interpreter_language": ""},
            "interpreter_language",
            "Choose a language.",
        ),
        (
            {"reply": "yes", "interpreter": True, "interpreter_language": "klingon"},
            "interpreter_language",
            "Choose a language from the list.",
        ),
    ],
)
def test_it_explains_a_wrong_answer_and_keeps_what_was_typed(
    person: Participant, data: dict[str, Any], field: str, message: str
) -> None:
    invitation = upcoming_invitation(person)
    response = opened(person).post(
        reverse("participation:my_reply", args=[invitation.pk]), post_data(**data)
    )
    assert response.status_code == 400
    assert field_error(response, field) == dutch(message)
    assert dutch("Please check the form") in text(response, cls="error-summary")
    html = response.content.decode()
    if data.get("children"):
        assert f'value="{data["children"]}"' in html
    if data.get("childcare"):
        assert re.search(r'name="childcare"[^>]*checked', html)
    invitation.refresh_from_db()
    assert (invitation.reply, invitation.children) == ("unknown", 0)


def test_it_refuses_someone_elses_invitation_and_a_past_meeting(
    build: Build, person: Participant
) -> None:
    other = build.member(build.group("Andere groep"), "Samira Ouali")
    services.meeting_invite(
        meeting=Meeting.objects.get(title="Volgende keer"), participant=other, by=build.coordinator
    )
    theirs = upcoming_invitation(other)
    past = Invitation.objects.get(participant=person, meeting__starts_at__lt=timezone.now())
    client = opened(person)
    for invitation in (theirs, past):
        response = client.post(
            reverse("participation:my_reply", args=[invitation.pk]), {"reply": "no"}
        )
        assert response.status_code == 404
        invitation.refresh_from_db()
        assert invitation.reply != "no"


def test_it_refuses_to_answer_without_an_open_page(person: Participant) -> None:
    invitation = upcoming_invitation(person)
    response = Client().post(
        reverse("participation:my_reply", args=[invitation.pk]), {"reply": "yes"}
    )
    assert response.status_code == 403
    invitation.refresh_from_db()
    assert invitation.reply == "unknown"


# The letter in the participant's language ----------------------------------------------------


def letter_text(world: World, person: Participant) -> str:
    response = world.client_for("coordinator").get(
        reverse("participation:letter", args=[person.pk])
    )
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    return "".join(page.extract_text() or "" for page in reader.pages)


def squeezed(value: str) -> str:
    """Text compared the way a PDF gives it back: Arabic letters may come in their presentation
    forms and in visual order, and the spaces differ."""
    return "".join(unicodedata.normalize("NFKC", value).split())


def test_it_prints_the_letter_in_arabic_right_to_left(world: World, person: Participant) -> None:
    content = squeezed(letter_text(world, speaking(person, "ar")))
    with translation.override("ar"):
        sentences = [
            translation.gettext("Scan for your page"),
            translation.gettext("When do we meet?").rstrip("؟"),
            translation.gettext("Your page on the internet:").rstrip(":"),
        ]
    for sentence in sentences:
        assert re.search("[\u0600-\u06ff]", sentence), f"not translated: {sentence}"
        wanted = squeezed(sentence)
        assert wanted in content or wanted[::-1] in content, sentence
    # What people said, and the address, stay as they were written.
    assert "Deletterszijnteklein." in content
    assert "Kerkstraat12" in content


def test_it_prints_the_letter_in_french(world: World, person: Participant) -> None:
    content = " ".join(letter_text(world, speaking(person, "fr")).split())
    assert "Bonjour Anouk " in content
    assert "Vous avez donné votre avis." in content
    assert "Oui, nous le faisons." in content  # the answer's plain status
    assert "De letters zijn te klein." in content
