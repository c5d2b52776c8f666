"""The participation loop in a real browser: from a service's question to the participant's page.

A service contact asks a question; the coordinator accepts it, records the meeting where it was
discussed, who came and what was said; the service answers; the participant opens their
personal link, without an account, and reads the answer. axe-core checks every page on the way.

Everyone here is made up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest

from .helpers import (
    WIDTH,
    BrowserWorld,
    assert_accessible,
    assert_fits,
    click_and_load,
    login,
    open_personal_link,
    tab_to,
    visit,
)

pytestmark = pytest.mark.browser

QUESTION = "Is de nieuwe folder over de energiepremie duidelijk?"
GROUP_SAID = "De folder is te lang. Schrijf de belangrijkste stap bovenaan."
ANOUK_SAID = "Ik begreep niet welk formulier ik moest invullen."
EXPLANATION = "We zetten de stap bovenaan. De folder blijft twee bladzijden: dat moet van de wet."
SEND = "main form.form button[type=submit]"


def local_input(moment: Any) -> str:
    """A moment as a datetime-local field wants it, in the site's time zone."""
    from django.utils import timezone

    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def main_text(page: Any) -> str:
    text: str = page.locator("main").inner_text()
    return text


def checked(page: Any, label: str) -> None:
    """axe on the page as it is now, and no server error."""
    assert "Server Error" not in page.title(), label
    assert_accessible(page, label)


# Data ------------------------------------------------------------------------------------


@dataclass
class Group:
    group: Any
    anouk: Any
    jef: Any
    mira: Any


def make_group(bworld: BrowserWorld) -> Group:
    """A standing group with three members; Anouk is the shared world's participant."""
    from django.utils import timezone

    from conftest import make_participant
    from inbreng.groups.models import GroupMembership, ParticipationGroup

    org, today = bworld.org, timezone.localdate()
    group = ParticipationGroup.objects.create(
        organisation=org, name="Samen Sterk", coordinator=bworld.users["coordinator"]
    )
    jef = make_participant(org, name="Jef Peeters", phone="+32470100200")
    mira = make_participant(org, name="Mira Daems", phone="+32470100300")
    for person in (bworld.participant, jef, mira):
        GroupMembership.objects.create(
            organisation=org,
            group=group,
            participant=person,
            stage=GroupMembership.Stage.MEMBER,
            member_since=today,
        )
    return Group(group, bworld.participant, jef, mira)


@dataclass
class Personal:
    """Anouk's part in the loop, made through the services: the personal page is under test."""

    anouk: Any
    answered: Any
    upcoming: Any
    next_meeting: Any
    link: Any
    path: str


def make_personal(bworld: BrowserWorld) -> Personal:
    from django.utils import timezone

    from inbreng.participation import services
    from inbreng.participation.models import Level, Response

    team = make_group(bworld)
    org, now = bworld.org, timezone.now()
    coordinator, contact = bworld.users["coordinator"], bworld.users["service_contact"]
    service = bworld.world.service

    def meeting(title: str, start: Any) -> Any:
        return services.meeting_save(
            organisation=org,
            by=coordinator,
            record_past=start < now,
            group=team.group,
            title=title,
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            place="Buurthuis De Linde",
            place_details="Bus 5, halte Kerk. Ingang naast de bakker, met lift.",
        )

    def question(title: str, on: Any) -> Any:
        asked = services.question_ask(
            organisation=org, by=contact, service=service, title=title, body="", level=Level.ADVISE
        )
        services.question_review(question=asked, by=coordinator, accept=True)
        services.agenda_add_question(meeting=on, question=asked, by=coordinator)
        services.meeting_invite_group(meeting=on, by=coordinator)
        return asked

    held = meeting("Bijeenkomst over de folder", now - timedelta(days=2))
    answered = question(QUESTION, held)
    services.attendance_record(meeting=held, present_ids=[team.anouk.pk], by=coordinator)
    said = services.contribution_record(
        meeting=held,
        question=answered,
        text=GROUP_SAID,
        by=coordinator,
        agreed_count=6,
        present_count=8,
    )
    services.response_create(
        question=answered,
        contributions=[said],
        status=Response.Status.PARTLY,
        explanation=EXPLANATION,
        by=contact,
    )
    next_meeting = meeting("Volgende bijeenkomst", now + timedelta(days=9))
    upcoming = question("Wat vind je van de nieuwe openingsuren?", next_meeting)
    link = services.link_issue(participant=team.anouk, by=coordinator)
    return Personal(team.anouk, answered, upcoming, next_meeting, link, services.link_path(link))


# 1. The journey ------------------------------------------------------------------------------


def test_the_loop_from_question_to_the_participants_page(
    new_page: Any, live_server: Any, bworld: BrowserWorld
) -> None:
    from django.utils import timezone

    from inbreng.participation.models import (
        Contribution,
        FeedbackDelivery,
        Meeting,
        Question,
        Response,
    )

    team = make_group(bworld)
    anouk = team.anouk

    # The service contact asks a question, with what the input can change.
    service = new_page()
    login(service, bworld.users["service_contact"])
    checked(service, "service contact's start page")
    click_and_load(service, "a[href='/vragen/']")
    checked(service, "question list (service)")
    click_and_load(service, "main a[href='/vragen/nieuw/']")
    checked(service, "ask a question")
    service.locator("#id_title").fill(QUESTION)
    service.locator("#id_body").fill("We willen weten of de stappen duidelijk zijn.")
    service.locator("#id_level").select_option("advise")
    click_and_load(service, SEND)
    question = Question.objects.get(organisation=bworld.org, title=QUESTION)
    assert service.url == f"{live_server.url}/vragen/{question.pk}/"
    assert question.level == "advise" and question.status == Question.Status.SUBMITTED
    assert question.service == bworld.world.service
    # The level's promise is on the question.
    assert "Je advies telt." in service.locator(".promise").inner_text()
    checked(service, "question as asked")

    # The coordinator logs in (with the two-step code) and accepts it.
    coordinator = new_page()
    login(coordinator, bworld.users["coordinator"], check=True)
    checked(coordinator, "coordinator's start page")
    click_and_load(
        coordinator, "section[aria-labelledby=card-loop] a[href='/vragen/?status=submitted']"
    )
    checked(coordinator, "questions to review")
    click_and_load(coordinator, f"main a[href='/vragen/{question.pk}/']")
    checked(coordinator, "question to review (coordinator)")
    click_and_load(coordinator, f"main a[href='/vragen/{question.pk}/beoordelen/']")
    checked(coordinator, "review a question")
    coordinator.locator("input[name=decision][value=accept]").check()
    click_and_load(coordinator, SEND)
    question.refresh_from_db()
    assert question.status == Question.Status.ACCEPTED
    checked(coordinator, "question accepted")

    # A new meeting in the past is refused unless it is recorded afterwards on purpose.
    visit(coordinator, "/bijeenkomsten/")
    checked(coordinator, "meeting list, empty")
    click_and_load(coordinator, "main a[href='/bijeenkomsten/nieuw/']")
    checked(coordinator, "new meeting")
    start = timezone.now().replace(second=0, microsecond=0) - timedelta(days=1)
    coordinator.locator("#id_group").select_option(str(team.group.pk))
    coordinator.locator("#id_title").fill("Samen Sterk: de energiefolder")
    coordinator.locator("#id_starts_at").fill(local_input(start))
    coordinator.locator("#id_ends_at").fill(local_input(start + timedelta(hours=2)))
    coordinator.locator("#id_place").fill("Buurthuis De Linde")
    coordinator.locator("#id_place_details").fill("Bus 5, halte Kerk. Ingang met lift.")
    click_and_load(coordinator, SEND)
    assert coordinator.locator(".error-summary").is_visible()
    assert "verleden" in coordinator.locator("#id_starts_at_error").inner_text()
    assert coordinator.locator("#id_place").input_value() == "Buurthuis De Linde"
    checked(coordinator, "new meeting with errors")
    coordinator.locator("#id_record_past").check()
    click_and_load(coordinator, SEND)
    meeting = Meeting.objects.get(organisation=bworld.org, group=team.group)
    assert coordinator.url == f"{live_server.url}/bijeenkomsten/{meeting.pk}/"
    assert meeting.status == Meeting.Status.HELD
    checked(coordinator, "meeting, just made")

    # The question goes on the agenda; the group's members are invited.
    coordinator.locator("#id_question").select_option(str(question.pk))
    click_and_load(coordinator, f"form[action='/bijeenkomsten/{meeting.pk}/agenda/'] button")
    assert coordinator.locator("main ol a", has_text=QUESTION).is_visible()
    question.refresh_from_db()
    assert question.status == Question.Status.SCHEDULED
    assert question.answer_due_on == timezone.localdate(start) + timedelta(weeks=6)
    click_and_load(coordinator, f"form[action='/bijeenkomsten/{meeting.pk}/uitnodigen/'] button")
    assert coordinator.locator("main table tbody tr").count() == 3
    checked(coordinator, "meeting with agenda and invitations")

    # Who came: Anouk and Jef, not Mira.
    click_and_load(coordinator, f"main a[href='/bijeenkomsten/{meeting.pk}/aanwezigheid/']")
    checked(coordinator, "attendance")
    for person in (anouk, team.jef):
        coordinator.locator(f"input[name=present][value='{person.pk}']").check()
    click_and_load(coordinator, SEND)
    assert meeting.invitations.filter(attended=True).count() == 2
    checked(coordinator, "meeting with attendance")

    # What was said: once for the group (6 of the 8 present agreed), once by Anouk.
    click_and_load(coordinator, f"main a[href='/bijeenkomsten/{meeting.pk}/inbreng/']")
    checked(coordinator, "record what was said")
    coordinator.locator("#id_question").select_option(str(question.pk))
    coordinator.locator("#id_text").fill(GROUP_SAID)
    coordinator.locator("#id_agreed_count").fill("6")
    coordinator.locator("#id_present_count").fill("8")
    click_and_load(coordinator, SEND)
    coordinator.locator("#id_question").select_option(str(question.pk))
    coordinator.locator("#id_text").fill(ANOUK_SAID)
    coordinator.locator("#id_participant").select_option(str(anouk.pk))
    coordinator.locator("#id_agreed_count").fill("")
    coordinator.locator("#id_present_count").fill("")
    click_and_load(coordinator, SEND)
    recorded = main_text(coordinator)
    assert GROUP_SAID in recorded and "6 van de 8" in recorded
    assert ANOUK_SAID in recorded and anouk.name in recorded  # the coordinator sees names
    checked(coordinator, "record what was said, two recorded")
    said = list(Contribution.objects.filter(question=question).order_by("pk"))
    assert [(c.participant_id, c.agreed_count, c.present_count) for c in said] == [
        (None, 6, 8),
        (anouk.pk, None, None),
    ]

    # The next meeting is planned, in the future, and the members are invited.
    visit(coordinator, "/bijeenkomsten/nieuw/")
    later = timezone.now().replace(second=0, microsecond=0) + timedelta(days=14)
    coordinator.locator("#id_group").select_option(str(team.group.pk))
    coordinator.locator("#id_title").fill("Samen Sterk: volgende keer")
    coordinator.locator("#id_starts_at").fill(local_input(later))
    coordinator.locator("#id_ends_at").fill(local_input(later + timedelta(hours=2)))
    coordinator.locator("#id_place").fill("Buurthuis De Linde")
    click_and_load(coordinator, SEND)
    next_meeting = Meeting.objects.get(group=team.group, status=Meeting.Status.PLANNED)
    click_and_load(
        coordinator, f"form[action='/bijeenkomsten/{next_meeting.pk}/uitnodigen/'] button"
    )
    checked(coordinator, "next meeting, planned")

    # The service answers, without seeing who said what.
    visit(service, "/")
    checked(service, "service contact's start page with input to answer")
    click_and_load(service, f"section[aria-labelledby=card-loop] a[href='/vragen/{question.pk}/']")
    checked(service, "question with input (service)")
    seen = main_text(service)
    assert GROUP_SAID in seen and ANOUK_SAID in seen
    assert "Deelnemer A" in seen and "De groep" in seen
    for name in ("Anouk", "Jef", "Mira"):
        assert name not in seen, f"the service sees the name {name}"
    click_and_load(service, f"main a[href='/vragen/{question.pk}/antwoorden/']")
    checked(service, "answer the input")
    # One button ticks all the input on the page (it is there only with JavaScript).
    service.get_by_role("button", name="Alle inbreng op deze pagina aanvinken").click()
    boxes = service.locator("input[name=contributions]")
    assert boxes.count() == 2 and service.locator("input[name=contributions]:checked").count() == 2
    service.locator("#id_status").select_option("not_adopted")
    service.locator("#id_decided_by").fill("Het team energie")
    click_and_load(service, SEND)
    # Refused: "not adopted" needs an explanation. The error is in Dutch; what was typed stays.
    assert service.locator(".error-summary").is_visible()
    error = service.locator("#id_explanation_error").inner_text()
    assert error.startswith("Leg in eenvoudige woorden uit"), error
    assert service.locator("#id_decided_by").input_value() == "Het team energie"
    assert service.locator("#id_status").input_value() == "not_adopted"
    assert service.locator("input[name=contributions]:checked").count() == 2
    assert not Response.objects.filter(question=question).exists()
    checked(service, "answer with errors")
    service.locator("#id_status").select_option("partly")
    service.locator("#id_explanation").fill(EXPLANATION)
    click_and_load(service, SEND)
    assert service.url == f"{live_server.url}/vragen/{question.pk}/"
    answered = main_text(service)
    assert "Deels overgenomen" in answered and EXPLANATION in answered
    assert "Beantwoord" in service.locator(".details").inner_text()
    checked(service, "question answered (service)")

    # The next meeting got a feedback item by itself; the overview shows the answer.
    visit(coordinator, f"/bijeenkomsten/{next_meeting.pk}/")
    assert coordinator.locator("main ol li", has_text=QUESTION).is_visible()
    checked(coordinator, "next meeting with a feedback item")
    visit(coordinator, f"/bijeenkomsten/{meeting.pk}/terugkoppeling/")
    overview = main_text(coordinator)
    assert EXPLANATION in overview and "6 van de 8" in overview
    checked(coordinator, "what happened with your input (overview)")

    # The coordinator makes Anouk's personal link; it is shown once.
    visit(coordinator, f"/deelnemers/{anouk.pk}/")
    click_and_load(coordinator, f"main a[href='/deelname/{anouk.pk}/']")
    checked(coordinator, "participant's feedback page")
    click_and_load(coordinator, f"main a[href='/deelname/{anouk.pk}/link/']")
    checked(coordinator, "a new link: what stops working")
    coordinator.locator("input[name=reason][value=lost]").check()
    click_and_load(coordinator, "main form.form button[type=submit]")
    url = coordinator.locator("code.secret").inner_text().strip()
    code = url.split("?", 1)[1]
    assert url.startswith(f"{live_server.url}/k/?") and len(code) == 12, url
    checked(coordinator, "participant's feedback page with the new link")
    coordinator.reload()
    assert coordinator.locator("code.secret").count() == 0, "the link is shown only once"

    # Anouk opens it on her phone and presses its button: no account, and the code leaves
    # the address bar.
    phone = new_page()
    open_personal_link(phone, url)
    assert phone.url == f"{live_server.url}/mijn/"
    assert code not in phone.url
    assert phone.evaluate("document.documentElement.lang") == "nl"
    assert phone.locator("h1").inner_text() == "Dag Anouk"
    mine = main_text(phone)
    assert ANOUK_SAID in mine and GROUP_SAID in mine
    # The status in plain words ("We do part of it."), and the service's explanation.
    assert "We doen een deel ervan." in mine and EXPLANATION in mine
    # The level's promise: what the input could change.
    assert "Je advies telt." in mine
    for private in ("Testers", "Peeters", "Voorbeeldstraat", "0470", "+32"):
        assert private not in phone.content(), f"the personal page shows {private!r}"
    checked(phone, "participant's page")
    phone.set_viewport_size({"width": WIDTH, "height": 640})
    assert_fits(phone, "participant's page")
    assert FeedbackDelivery.objects.filter(
        participant=anouk, question=question, channel=FeedbackDelivery.Channel.PERSONAL_PAGE
    ).exists()


# 2. Without JavaScript, without an account ---------------------------------------------------


def test_the_personal_page_works_without_javascript(
    new_page: Any, live_server: Any, bworld: BrowserWorld
) -> None:
    from inbreng.participation.models import Contribution

    mine = make_personal(bworld)
    page = new_page(java_script_enabled=False)
    open_personal_link(page, mine.path)
    assert page.url == f"{live_server.url}/mijn/"
    text = main_text(page)
    assert QUESTION in text and GROUP_SAID in text and EXPLANATION in text
    # The next meeting, with where it is.
    assert "Buurthuis De Linde" in text and "halte Kerk" in text

    # Anouk says something about the question on the next meeting's agenda.
    form = page.locator(f"form[action='/mijn/inbreng/{mine.upcoming.pk}/']")
    form.locator("textarea[name=text]").fill("Open ook op zaterdagvoormiddag, dan kan ik werken.")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.url == f"{live_server.url}/mijn/"
    assert "Dank je wel" in page.locator(".messages").inner_text()
    added = Contribution.objects.get(question=mine.upcoming, participant=mine.anouk)
    assert added.review == Contribution.Review.PENDING and added.source == "participant"
    assert "zaterdagvoormiddag" in main_text(page)
    # axe needs JavaScript: it checks the same page in a second window of the same session.
    same = new_page()
    same.context.add_cookies(page.context.cookies())
    visit(same, "/mijn/")
    assert "zaterdagvoormiddag" in main_text(same)
    checked(same, "participant's page with input waiting for review")

    # And takes it back.
    with page.expect_navigation():
        page.locator(f"form[action='/mijn/intrekken/{added.pk}/'] button").click()
    assert "Wat je zei, is teruggenomen." in page.locator(".messages").inner_text()
    assert "zaterdagvoormiddag" not in main_text(page)
    added.refresh_from_db()
    assert added.withdrawn_at is not None

    # The participant's session opens their own page, nothing of the staff's.
    response = page.goto("/deelnemers/")
    assert response is not None and "/account/aanmelden/" in page.url


# 3. Expired and revoked links ------------------------------------------------------------


def assert_link_refused(page: Any, label: str, *, secrets: list[str]) -> None:
    assert page.locator("h1").inner_text() == "Deze link werkt niet"
    content = page.content()
    for secret in secrets:
        assert secret not in content, f"{label} shows {secret!r}"
    assert page.locator("form").count() == 0
    checked(page, label)


def test_expired_and_revoked_links_show_a_friendly_page_and_no_data(
    new_page: Any, live_server: Any, bworld: BrowserWorld
) -> None:
    from django.utils import timezone

    from inbreng.participation.models import PersonalLink

    mine = make_personal(bworld)
    private = ["Anouk", QUESTION, GROUP_SAID, EXPLANATION, "Buurthuis"]

    # Anouk's phone has her page open.
    phone = new_page()
    open_personal_link(phone, mine.path)
    assert phone.locator("h1").inner_text() == "Dag Anouk"

    # The coordinator makes a new link (she lost the letter): the old one stops working.
    coordinator = new_page()
    login(coordinator, bworld.users["coordinator"])
    visit(coordinator, f"/deelname/{mine.anouk.pk}/link/")
    coordinator.locator("input[name=reason][value=lost]").check()
    click_and_load(coordinator, "main form.form button[type=submit]")
    new_url = coordinator.locator("code.secret").inner_text().strip()
    mine.link.refresh_from_db()
    assert mine.link.revoked_at is not None

    stranger = new_page()
    visit(stranger, mine.path, status=404)
    assert_link_refused(stranger, "revoked link", secrets=private)
    # The page that was open stops, too.
    visit(phone, "/mijn/", status=403)
    assert_link_refused(phone, "page of a revoked link", secrets=private)
    # The new link works.
    open_personal_link(stranger, new_url)
    assert stranger.locator("h1").inner_text() == "Dag Anouk"

    # A link past its date (a year after it was made) does not work either.
    PersonalLink.objects.filter(revoked_at__isnull=True).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    late = new_page(viewport={"width": WIDTH, "height": 640})
    visit(late, new_url.removeprefix(live_server.url), status=404)
    assert_link_refused(late, "expired link", secrets=private)
    assert_fits(late, "expired link")
    visit(stranger, "/mijn/", status=403)
    assert_link_refused(stranger, "page of an expired link", secrets=private)
    # Nobody gets in with a made-up token.
    visit(late, "/p/?t=" + "x" * 43, status=404)
    assert_link_refused(late, "unknown link", secrets=private)


@pytest.mark.parametrize("language", ["nl", "ar"])
def test_a_question_with_much_input_has_its_own_page_at_320px(
    new_page: Any, live_server: Any, bworld: BrowserWorld, language: str
) -> None:
    """Anouk said eight things on one question: her page shows the latest five and a link
    to the question's own page, which shows all, the newest answer first, and leads back."""
    from inbreng.participation import services
    from inbreng.participation.models import Meeting

    mine = make_personal(bworld)
    mine.anouk.language = language
    mine.anouk.save(update_fields=["language"])
    held = Meeting.objects.get(title="Bijeenkomst over de folder")
    for n in range(8):
        services.contribution_record(
            meeting=held,
            question=mine.answered,
            text=f"Mijn punt nummer {n}",
            participant=mine.anouk,
            by=bworld.users["coordinator"],
        )
    phone = new_page(viewport={"width": WIDTH, "height": 640})
    open_personal_link(phone, mine.path)
    text = main_text(phone)
    assert "Mijn punt nummer 7" in text and "Mijn punt nummer 0" not in text
    more = phone.locator(f"a[href='/mijn/vraag/{mine.answered.pk}/']")
    assert more.count() == 1
    with phone.expect_navigation():
        more.click()
    whole = main_text(phone)
    assert all(f"Mijn punt nummer {n}" in whole for n in range(8))
    assert EXPLANATION in whole
    assert phone.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert_fits(phone, f"a question's own page ({language})")
    checked(phone, f"a question's own page ({language})")
    # The way back lands on the question's card; the page can be closed at its end.
    assert phone.locator("form[action='/mijn/afmelden/'] button").count() == 1
    with phone.expect_navigation():
        phone.locator("main a[href^='/mijn/?pagina=1']").last.click()
    assert phone.url.endswith(f"/mijn/?pagina=1#my-q-{mine.answered.pk}")


# 4. Keyboard only ------------------------------------------------------------------------


def test_closing_the_personal_page_with_the_keyboard(
    new_page: Any, live_server: Any, bworld: BrowserWorld
) -> None:
    mine = make_personal(bworld)
    page = new_page()
    open_personal_link(page, mine.path)
    assert page.url == f"{live_server.url}/mijn/"

    # The first Tab reaches the skip link; it jumps to the page's content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # Through the input form (every stop shows its focus) to "Close my page".
    tab_to(page, f"#my-input-{mine.upcoming.pk}")
    tab_to(page, "form[action='/mijn/afmelden/'] button")
    assert page.evaluate("document.activeElement.innerText.trim()") == "Mijn pagina sluiten"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "Je pagina is gesloten"
    assert "Anouk" not in page.content()
    checked(page, "page closed")
    assert_fits_after_resize(page, "page closed")

    # Someone else picking up the phone sees nothing.
    visit(page, "/mijn/", status=403)
    assert_link_refused(page, "page after closing", secrets=["Anouk", QUESTION, EXPLANATION])


def assert_fits_after_resize(page: Any, label: str) -> None:
    page.set_viewport_size({"width": WIDTH, "height": 640})
    assert_fits(page, label)


# 5. The rest of the loop's pages ---------------------------------------------------------


def test_every_page_of_the_loop_passes_axe(
    new_page: Any, live_server: Any, bworld: BrowserWorld, loop: Any
) -> None:
    from django.utils import timezone

    from inbreng.groups.models import ReferenceFigure
    from inbreng.participation import services
    from inbreng.participation.models import Contribution, Level, Question

    org, today = bworld.org, timezone.localdate()
    coordinator_user = bworld.users["coordinator"]
    # A question past its answer date with input nobody answered: the start pages warn.
    overdue = Question.objects.create(
        organisation=org,
        service=bworld.world.service,
        title="Zijn de wachttijden aan het loket aanvaardbaar?",
        level=Level.CONSULT,
        status=Question.Status.SCHEDULED,
        answer_due_on=today - timedelta(days=3),
    )
    services.agenda_add_question(meeting=loop.meeting, question=overdue, by=coordinator_user)
    services.contribution_record(
        meeting=loop.meeting,
        question=overdue,
        text="Twee uur wachten is te lang.",
        by=coordinator_user,
        agreed_count=5,
        present_count=7,
    )
    # Input Anouk added herself, waiting for review.
    pending = services.contribution_submit(
        participant=bworld.participant, question=overdue, text="Er zijn te weinig stoelen."
    )
    services.meeting_minutes_save(
        meeting=loop.meeting, minutes="We spraken over de brief.", by=coordinator_user
    )
    for category, count in {"u25": 300, "25_44": 900, "45_64": 700, "65p": 250}.items():
        ReferenceFigure.objects.create(
            organisation=org, dimension="age_band", category=category, count=count
        )

    meeting, group, trajectory = loop.meeting, loop.group, loop.trajectory
    coordinator = new_page()
    login(coordinator, coordinator_user)
    panel = coordinator.locator("section[aria-labelledby=card-loop]").inner_text()
    assert overdue.title in panel, panel
    checked(coordinator, "coordinator's start page with an overdue question")
    visit(coordinator, "/vragen/")
    late = coordinator.locator("main tbody tr", has_text=overdue.title)
    assert "te laat" in late.inner_text()
    checked(coordinator, "question list")
    for label, url in [
        ("question list, filtered", "/vragen/?status=scheduled"),
        ("question detail (coordinator)", f"/vragen/{loop.question.pk}/"),
        ("overdue question detail", f"/vragen/{overdue.pk}/"),
        ("returned question", f"/vragen/{loop.returned_question.pk}/"),
        ("change an answer", f"/antwoorden/{loop.response.pk}/"),
        ("answer the overdue input", f"/vragen/{overdue.pk}/antwoorden/"),
        ("input to review", "/inbreng/te-beoordelen/"),
        ("meeting list", "/bijeenkomsten/"),
        ("meeting detail", f"/bijeenkomsten/{meeting.pk}/"),
        ("meeting edit", f"/bijeenkomsten/{meeting.pk}/bewerken/"),
        ("feedback overview", f"/bijeenkomsten/{meeting.pk}/terugkoppeling/"),
        ("attendance", f"/bijeenkomsten/{meeting.pk}/aanwezigheid/"),
        ("minutes", f"/bijeenkomsten/{meeting.pk}/verslag/"),
        ("record input", f"/bijeenkomsten/{meeting.pk}/inbreng/"),
        ("record a reply", f"/bijeenkomsten/antwoord/{loop.invitation.pk}/"),
        ("group list", "/groepen/"),
        ("group detail", f"/groepen/{group.pk}/"),
        ("group edit", f"/groepen/{group.pk}/bewerken/"),
        ("new group", "/groepen/nieuw/"),
        ("add a member", f"/groepen/{group.pk}/leden/nieuw/"),
        ("move a member", f"/groepen/lid/{loop.group_membership.pk}/"),
        ("trajectory list", "/trajecten/"),
        ("trajectory detail", f"/trajecten/{trajectory.pk}/"),
        ("new trajectory", "/trajecten/nieuw/"),
        ("trajectory edit", f"/trajecten/{trajectory.pk}/bewerken/"),
        ("indicators", "/inzichten/"),
        ("participant's feedback page", f"/deelname/{bworld.participant.pk}/"),
        ("withdraw answered input", f"/inbreng/{loop.contribution.pk}/intrekken/"),
    ]:
        visit(coordinator, url)
        checked(coordinator, label)
    visit(coordinator, "/inbreng/te-beoordelen/")
    assert "Er zijn te weinig stoelen." in main_text(coordinator)
    assert coordinator.locator(f"form[action='/inbreng/{pending.pk}/beoordelen/']").count() == 1

    # The widest of them fit a small phone (long Dutch words like "Participatietrajecten").
    coordinator.set_viewport_size({"width": WIDTH, "height": 640})
    for label, url in [
        ("trajectory list", "/trajecten/"),
        ("meeting detail", f"/bijeenkomsten/{meeting.pk}/"),
        ("overdue question detail", f"/vragen/{overdue.pk}/"),
        ("group detail", f"/groepen/{group.pk}/"),
        ("withdraw answered input", f"/inbreng/{loop.contribution.pk}/intrekken/"),
    ]:
        visit(coordinator, url)
        assert_fits(coordinator, label)
    coordinator.set_viewport_size({"width": 1280, "height": 720})

    # Forms sent empty: the error summaries pass, too.
    for label, url in [
        ("new trajectory with errors", "/trajecten/nieuw/"),
        ("new group with errors", "/groepen/nieuw/"),
        ("add a member with errors", f"/groepen/{group.pk}/leden/nieuw/"),
        ("record input with errors", f"/bijeenkomsten/{meeting.pk}/inbreng/"),
    ]:
        visit(coordinator, url)
        click_and_load(coordinator, SEND)
        assert coordinator.locator(".error-summary").is_visible(), label
        checked(coordinator, label)

    # The reference figures are for the administrator.
    admin = new_page()
    login(admin, bworld.users["admin"])
    visit(admin, "/groepen/referentiecijfers/")
    checked(admin, "reference figures")
    admin.locator("#id_age_band-u25").fill("-4")
    click_and_load(admin, SEND)
    assert admin.locator("main .field-error").first.is_visible()
    checked(admin, "reference figures with errors")

    # The service contact's side: its start page warns about the overdue answer.
    contact = new_page()
    login(contact, bworld.users["service_contact"])
    panel = contact.locator("section[aria-labelledby=card-loop]").inner_text()
    assert overdue.title in panel, panel
    checked(contact, "service contact's start page with an overdue question")
    for label, url in [
        ("question list (service)", "/vragen/"),
        ("question detail (service)", f"/vragen/{loop.question.pk}/"),
        ("overdue question (service)", f"/vragen/{overdue.pk}/"),
        ("rewrite a returned question", f"/vragen/{loop.returned_question.pk}/herwerken/"),
        ("change an answer (service)", f"/antwoorden/{loop.response.pk}/"),
        ("trajectory list (service)", "/trajecten/"),
        ("trajectory detail (service)", f"/trajecten/{trajectory.pk}/"),
        ("indicators (service)", "/inzichten/"),
    ]:
        visit(contact, url)
        checked(contact, label)
    assert bworld.participant.name not in main_text(contact)

    # The participant's error page: input sent empty (the browser's check switched off).
    link = services.link_issue(participant=bworld.participant, by=None)
    Contribution.objects.filter(pk=pending.pk).update(withdrawn_at=timezone.now())
    next_meeting = services.meeting_save(
        organisation=org,
        by=coordinator_user,
        group=group,
        title="Volgende keer",
        starts_at=timezone.now() + timedelta(days=5),
        ends_at=timezone.now() + timedelta(days=5, hours=2),
        place="Buurthuis",
    )
    services.agenda_add_question(meeting=next_meeting, question=overdue, by=coordinator_user)
    services.meeting_invite_group(meeting=next_meeting, by=coordinator_user)
    phone = new_page(viewport={"width": WIDTH, "height": 640})
    open_personal_link(phone, services.link_path(link))
    form = phone.locator(f"form[action='/mijn/inbreng/{overdue.pk}/']")
    form.locator("textarea").evaluate("el => el.removeAttribute('required')")
    with phone.expect_navigation():
        form.locator("button[type=submit]").click()
    assert phone.locator(".error-summary").is_visible()
    assert_fits(phone, "participant's input with errors")
