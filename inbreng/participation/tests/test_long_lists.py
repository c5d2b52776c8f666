"""A city's question has thousands of inputs: pages show them a page at a time, and find the
rest; the agenda's question picker searches instead of listing every question."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from conftest import World
from inbreng.core.tests.helpers import dutch
from inbreng.participation.models import AgendaItem, Contribution
from inbreng.participation.selectors import INPUT_PAGE_SIZE, MY_PAGE_INPUTS, NEW_ANSWERS_SHOWN

from .helpers import Build


def fill(build: Build, count: int) -> tuple[object, object, list[Contribution]]:
    group = build.group("Grote groep", members=3)
    meeting = build.held(group)
    question = build.schedule(meeting, build.accepted("Hoe vindt u de wachtzaal?"))
    people = [m.participant for m in group.memberships.all()]
    said = [
        build.say(meeting, question, f"Inbreng nummer {n:03d}", participant=people[n % 3])
        for n in range(count)
    ]
    return meeting, question, said


def test_the_question_page_shows_its_input_a_page_at_a_time(world: World, build: Build) -> None:
    _meeting, question, _said = fill(build, INPUT_PAGE_SIZE + 5)
    client = world.client_for("service_contact")
    url = reverse("participation:question", args=[question.pk])
    first = client.get(url).content.decode()
    assert "Inbreng nummer 000" in first and f"Inbreng nummer {INPUT_PAGE_SIZE - 1:03d}" in first
    assert f"Inbreng nummer {INPUT_PAGE_SIZE:03d}" not in first
    assert "pagina=2" in first
    second = client.get(url, {"pagina": 2}).content.decode()
    assert f"Inbreng nummer {INPUT_PAGE_SIZE + 4:03d}" in second
    assert "Inbreng nummer 000" not in second


def test_each_pager_keeps_the_other_pagers_page(world: World, build: Build) -> None:
    _meeting, question, _said = fill(build, INPUT_PAGE_SIZE + 5)
    client = world.client_for("service_contact")
    url = reverse("participation:question", args=[question.pk])
    page = client.get(url, {"antwoorden": 2}).content.decode()
    # The next page of input keeps the page of answers, and lands at the input.
    assert 'href="?antwoorden=2&amp;pagina=2#input"' in page


def pseudonym_of(page: str, text: str) -> str:
    after = page.split(text, 1)[1]
    return after.split("<bdi>", 1)[1].split("</bdi>", 1)[0]


def test_a_pseudonym_stays_the_same_from_page_to_page(world: World, build: Build) -> None:
    _meeting, question, _said = fill(build, INPUT_PAGE_SIZE + 5)
    client = world.client_for("service_contact")
    url = reverse("participation:question", args=[question.pk])
    # Input 000 and the first input of page 2 with n % 3 == 0 come from the same person.
    same = INPUT_PAGE_SIZE + (-INPUT_PAGE_SIZE) % 3
    first = pseudonym_of(client.get(url).content.decode(), "Inbreng nummer 000")
    later = pseudonym_of(
        client.get(url, {"pagina": 2}).content.decode(), f"Inbreng nummer {same:03d}"
    )
    assert first == later
    assert "Participant" in first or dutch("Participant %(letter)s").split("%")[0] in first


def test_only_input_without_a_final_answer_can_be_shown(world: World, build: Build) -> None:
    _meeting, question, said = fill(build, 4)
    build.answer(question, said[:3], "adopted", "We doen het.")
    client = world.client_for("service_contact")
    page = client.get(
        reverse("participation:question", args=[question.pk]), {"toon": "open"}
    ).content.decode()
    assert "Inbreng nummer 003" in page
    assert "Inbreng nummer 000" not in page


def test_the_agenda_picker_searches_instead_of_listing_everything(
    world: World, build: Build
) -> None:
    group = build.group("Groep")
    meeting = build.meeting(group, 7)
    for n in range(55):
        build.accepted(f"Vraag over thema {n:02d}")
    client = world.client_for("coordinator")
    url = reverse("participation:meeting", args=[meeting.pk])
    page = client.get(url).content.decode()
    assert page.count("Vraag over thema") == 50  # the newest 50 only
    assert "Vraag over thema 00" not in page
    found = client.get(url, {"vraag": "thema 00"}).content.decode()
    assert "Vraag over thema 00" in found
    # A question that is not in the drop-down can still be added.
    oldest = build.world.org.question_set.get(title="Vraag over thema 00")
    client.post(reverse("participation:agenda_add", args=[meeting.pk]), {"question": oldest.pk})
    assert AgendaItem.objects.filter(meeting=meeting, question=oldest).exists()


def test_a_large_group_shows_its_people_a_page_at_a_time(world: World, build: Build) -> None:
    group = build.group("Grote groep", members=55)
    client = world.client_for("coordinator")
    url = reverse("groups:detail", args=[group.pk])
    first = client.get(url).content.decode()
    names = sorted(m.participant.name for m in group.memberships.select_related("participant"))
    assert names[0] in first and names[49] in first and names[50] not in first
    assert "pagina=2" in first
    second = client.get(url, {"pagina": 2})
    assert names[54] in second.content.decode()
    # The counts still count everyone, not only the page.
    assert (second.context["current_count"], second.context["too_big"]) == (55, True)


def test_the_indicators_show_the_groups_a_page_at_a_time(world: World, build: Build) -> None:
    for n in range(27):
        build.group(f"Groep {n:02d}")
    client = world.client_for("coordinator")
    url = reverse("participation:indicators")
    first = client.get(url).content.decode()
    assert "Groep 00" in first and "Groep 24" in first and "Groep 25" not in first
    second = client.get(url, {"groepen": 2}).content.decode()
    assert "Groep 26" in second and "Groep 00" not in second


def test_the_personal_page_shows_five_questions_a_page(world: World, build: Build) -> None:
    from .helpers import open_personal_page

    group = build.group("Groep", members=1)
    person = group.memberships.get().participant
    meeting = build.held(group)
    for n in range(12):
        question = build.schedule(meeting, build.accepted(f"Vraag nummer {n:02d}"))
        build.say(meeting, question, f"Mijn mening {n:02d}", participant=person)
    from django.test import Client

    from inbreng.participation import services as loop

    link = loop.link_issue(participant=person, by=None)
    client = Client()
    open_personal_page(client, loop.link_path(link))
    seen: list[int] = []
    for number, expected in [(1, 5), (2, 5), (3, 2)]:
        page = client.get(reverse("participation:my_page"), {"pagina": number}).content.decode()
        shown = [n for n in range(12) if f"Mijn mening {n:02d}" in page]
        assert len(shown) == expected, number
        seen += shown
    # Every question is on exactly one page.
    assert sorted(seen) == list(range(12))


def _spoke_twelve_times(build: Build) -> tuple[Any, Any, list[Contribution], Any]:
    group = build.group("Groep", members=1)
    person = group.memberships.get().participant
    meeting = build.held(group)
    question = build.schedule(meeting, build.accepted("Hoe vindt u de wachtzaal?"))
    said = [
        build.say(meeting, question, f"Mijn mening {n:02d}", participant=person) for n in range(12)
    ]
    return person, question, said, meeting


def _told_by_letter(person: Any, question: Any) -> None:
    """The person heard back about the question by letter five days ago: answers written
    since are new to them."""
    from datetime import timedelta

    from django.utils import timezone

    from inbreng.participation.models import FeedbackDelivery

    FeedbackDelivery.objects.create(
        organisation=person.organisation,
        participant=person,
        question=question,
        channel=FeedbackDelivery.Channel.LETTER,
        delivered_at=timezone.now() - timedelta(days=5),
    )


def _open_page(person: Any) -> Client:
    from inbreng.participation import services as loop

    from .helpers import open_personal_page

    client = Client()
    open_personal_page(client, loop.link_path(loop.link_issue(participant=person, by=None)))
    return client


def test_the_personal_page_shows_the_latest_input_of_a_question_and_the_rest_a_tap_away(
    world: World, build: Build
) -> None:
    """Someone who spoke twelve times on one question gets the latest five on their page,
    each with its answer, and a link to a page with all twelve, the newest first."""
    person, question, said, _meeting = _spoke_twelve_times(build)
    build.answer(question, said[:1], explanation="We zetten er meer stoelen.")
    build.answer(question, said[-1:], explanation="De verwarming gaat hoger.")
    other = build.accepted("Een vraag van iemand anders")

    client = _open_page(person)
    page = client.get(reverse("participation:my_page")).content.decode()
    shown = [n for n in range(12) if f"Mijn mening {n:02d}" in page]
    assert shown == list(range(12 - MY_PAGE_INPUTS, 12))
    assert "De verwarming gaat hoger." in page
    question_page = reverse("participation:my_question", args=[question.pk])
    assert question_page in page
    assert "Lees alles wat er over deze vraag gezegd is (nog 7)" in page

    everything = client.get(question_page).content.decode()
    assert all(f"Mijn mening {n:02d}" in everything for n in range(12))
    # The newest first; each answer right under what it answers, the first one too.
    assert everything.index("Mijn mening 11") < everything.index("Mijn mening 00")
    assert everything.index("Mijn mening 00") < everything.index("We zetten er meer stoelen.")
    assert "De verwarming gaat hoger." in everything
    # Back to the place on the personal page, and a way to close the page at the end.
    assert f"?pagina=1#my-q-{question.pk}" in everything
    assert reverse("participation:my_logout") in everything
    # Only the person's own questions open; anything else goes back to their page.
    for pk in (other.pk, 10**30):
        refused = client.get(f"/mijn/vraag/{pk}/")
        assert refused.status_code == 302 and refused["Location"] == reverse(
            "participation:my_page"
        )
    assert Client().get(question_page).status_code != 200


def test_a_new_answer_to_old_input_is_on_the_personal_page_and_marked(
    world: World, build: Build
) -> None:
    """The person heard back about the question once; then their oldest input got an
    answer. The page says there is a new answer, and shows it under that question."""

    person, question, said, _meeting = _spoke_twelve_times(build)
    _told_by_letter(person, question)
    build.answer(question, said[:1], explanation="We zetten er meer stoelen.")

    page = _open_page(person).get(reverse("participation:my_page")).content.decode()
    assert "Er is een nieuw antwoord op wat je zei" in page
    assert f'href="#my-q-{question.pk}"' in page
    card = page[page.index(f'id="my-q-{question.pk}"') :]
    assert "Mijn mening 00" in card and "We zetten er meer stoelen." in card
    assert card.index("Nieuw antwoord") < card.index("We zetten er meer stoelen.")


def test_many_new_answers_on_one_question_show_the_newest_few_and_say_how_many_more(
    world: World, build: Build
) -> None:
    """Seven older inputs each got their own answer after the person last heard back: the
    personal page shows three of them (the latest inputs), says four more new answers wait,
    and links to the question's page, which shows all seven and counts them as read."""

    person, question, said, _meeting = _spoke_twelve_times(build)
    _told_by_letter(person, question)
    for n in range(12 - MY_PAGE_INPUTS):
        build.answer(question, [said[n]], explanation=f"Antwoord op mening {n:02d}.")

    client = _open_page(person)
    page = client.get(reverse("participation:my_page")).content.decode()
    shown = [n for n in range(12) if f"Antwoord op mening {n:02d}." in page]
    assert shown == list(range(7 - NEW_ANSWERS_SHOWN, 7))  # the latest of the seven
    assert all(f"Mijn mening {n:02d}" in page for n in shown)
    assert "Mijn mening 00" not in page
    # One notice for seven answers, and one link that says how many more new answers wait.
    assert "Er zijn nieuwe antwoorden op wat je zei" in page
    card = page[page.index(f'id="my-q-{question.pk}"') :]
    question_page = reverse("participation:my_question", args=[question.pk])
    assert f'<a href="{question_page}"><strong>Lees nog 4 nieuwe antwoorden op deze vraag' in card
    assert "Lees alles wat er over deze vraag gezegd is" not in card

    everything = client.get(reverse("participation:my_question", args=[question.pk]))
    text = everything.content.decode()
    assert all(f"Antwoord op mening {n:02d}." in text for n in range(12 - MY_PAGE_INPUTS))
    after = client.get(reverse("participation:my_page")).content.decode()
    assert "nieuwe antwoorden op deze vraag" not in after
    assert 'class="new-answers"' not in after
    assert "Lees alles wat er over deze vraag gezegd is (nog 4)" in after


def test_the_new_answers_shown_are_the_newest_written_not_those_of_the_newest_input(
    world: World, build: Build
) -> None:
    """The oldest input was answered last: its answer is among the three on the page."""

    person, question, said, _meeting = _spoke_twelve_times(build)
    _told_by_letter(person, question)
    for n in reversed(range(12 - MY_PAGE_INPUTS)):
        build.answer(question, [said[n]], explanation=f"Antwoord op mening {n:02d}.")

    page = _open_page(person).get(reverse("participation:my_page")).content.decode()
    shown = [n for n in range(12) if f"Antwoord op mening {n:02d}." in page]
    assert shown == list(range(NEW_ANSWERS_SHOWN))
    assert "Lees nog 4 nieuwe antwoorden op deze vraag" in page


def test_the_question_page_counts_as_read_once_its_last_new_answer_was_shown(
    world: World, build: Build
) -> None:
    """Twenty-five new answers fill two pages of the question's own page (twenty a page):
    opening one of them leaves them new; opening both counts the question as read."""

    from inbreng.participation.models import FeedbackDelivery
    from inbreng.participation.views.personal import MY_QUESTION_PAIRS

    group = build.group("Groep", members=1)
    person = group.memberships.get().participant
    meeting = build.held(group)
    question = build.schedule(meeting, build.accepted("Hoe vindt u de wachtzaal?"))
    count = MY_QUESTION_PAIRS + 5
    said = [
        build.say(meeting, question, f"Mijn mening {n:02d}", participant=person)
        for n in range(count)
    ]
    _told_by_letter(person, question)
    for n in range(count):
        build.answer(question, [said[n]], explanation=f"Antwoord {n:02d}.")
    url = reverse("participation:my_question", args=[question.pk])
    # The second page opened by itself: the first page's new answers were not seen.
    alone = _open_page(person)
    assert "Antwoord 00." in alone.get(url + "?pagina=2").content.decode()
    assert 'class="new-answers"' in alone.get(reverse("participation:my_page")).content.decode()

    client = _open_page(person)
    first = client.get(url).content.decode()
    assert "Antwoord 24." in first and "Antwoord 04." not in first  # the newest first
    assert 'class="new-answers"' in client.get(reverse("participation:my_page")).content.decode()
    second = client.get(url + "?pagina=2").content.decode()
    assert "Antwoord 00." in second
    assert (
        'class="new-answers"' not in client.get(reverse("participation:my_page")).content.decode()
    )
    assert FeedbackDelivery.objects.filter(
        participant=person, channel=FeedbackDelivery.Channel.PERSONAL_PAGE
    ).exists()


def test_reading_counts_only_what_the_page_showed(world: World, build: Build) -> None:
    """Pressing the button counts a question as read on the page only when the page shows
    all its answers; a longer question counts once its own page is opened."""
    from inbreng.participation.models import FeedbackDelivery

    person, question, said, _meeting = _spoke_twelve_times(build)
    build.answer(question, said, explanation="We zetten er meer stoelen.")
    on_page = FeedbackDelivery.objects.filter(
        participant=person, question=question, channel=FeedbackDelivery.Channel.PERSONAL_PAGE
    )

    client = _open_page(person)
    assert not on_page.exists()
    client.get(reverse("participation:my_question", args=[question.pk]))
    assert on_page.count() == 1


def test_the_language_and_taking_back_stay_on_the_question_page(world: World, build: Build) -> None:
    person, question, said, _meeting = _spoke_twelve_times(build)
    client = _open_page(person)
    here = reverse("participation:my_question", args=[question.pk]) + "?pagina=1"
    chosen = client.post(reverse("participation:my_language"), {"language": "fr", "terug": here})
    assert chosen["Location"] == here
    taken = client.post(reverse("participation:my_withdraw", args=[said[0].pk]), {"terug": here})
    assert taken["Location"] == here
    # Only a path of the personal page: never another site.
    elsewhere = client.post(
        reverse("participation:my_language"), {"language": "nl", "terug": "//evil.example/mijn/"}
    )
    assert elsewhere["Location"] == reverse("participation:my_page")


def test_the_question_page_puts_the_newest_answer_first_and_marks_it(
    world: World, build: Build
) -> None:
    """An old input answered today is the newest answer: first on the question's page,
    marked new; after reading it there, the personal page no longer calls it new."""

    person, question, said, _meeting = _spoke_twelve_times(build)
    build.answer(question, said[-1:], explanation="De verwarming gaat hoger.")
    _told_by_letter(person, question)
    build.answer(question, said[:1], explanation="We zetten er meer stoelen.")
    client = _open_page(person)
    # Both answers came after the letter's day: the page speaks of new answers.
    assert (
        "Er zijn nieuwe antwoorden op wat je zei"
        in client.get(reverse("participation:my_page")).content.decode()
    )

    page = client.get(reverse("participation:my_question", args=[question.pk])).content.decode()
    assert page.index("We zetten er meer stoelen.") < page.index("De verwarming gaat hoger.")
    assert page.index("Nieuw antwoord") < page.index("We zetten er meer stoelen.")
    after = client.get(reverse("participation:my_page")).content.decode()
    assert 'class="new-answers"' not in after


def test_a_later_page_of_the_personal_page_counts_when_it_is_opened(
    world: World, build: Build
) -> None:
    """The button counts the first page's questions; the second page's count when the
    person opens it."""
    from inbreng.participation.models import FeedbackDelivery
    from inbreng.participation.selectors import MY_PAGE_SIZE

    group = build.group("Groep", members=1)
    person = group.memberships.get().participant
    meeting = build.held(group)
    questions = []
    for n in range(MY_PAGE_SIZE + 2):
        question = build.schedule(meeting, build.accepted(f"Vraag nummer {n:02d}"))
        build.answer(
            question, [build.say(meeting, question, f"Mijn mening {n:02d}", participant=person)]
        )
        questions.append(question)
    read = FeedbackDelivery.objects.filter(
        participant=person, channel=FeedbackDelivery.Channel.PERSONAL_PAGE
    )
    client = _open_page(person)
    assert read.count() == MY_PAGE_SIZE
    client.get(reverse("participation:my_page"), {"pagina": 2})
    assert read.count() == MY_PAGE_SIZE + 2


def test_a_group_page_costs_the_same_queries_for_more_people(
    world: World, build: Build, django_assert_max_num_queries: Any
) -> None:
    group = build.group("Groep", members=2)
    client = world.client_for("coordinator")
    url = reverse("groups:detail", args=[group.pk])
    client.get(url)
    with django_assert_max_num_queries(40) as captured:
        client.get(url)
    few = len(captured)
    for n in range(12):
        build.member(group, f"Extra{n:02d} Achternaam")
    with django_assert_max_num_queries(few):
        page = client.get(url).content.decode()
    assert "Extra11 Achternaam" in page
