"""Surveys in a real browser: the interview screen with the keyboard only, the paper entry
screen, and self-completion on a small phone, each checked with axe-core and at 320 px."""

from __future__ import annotations

from typing import Any

import pytest

from .helpers import (
    BrowserWorld,
    assert_accessible,
    assert_fits,
    click_and_load,
    login,
    tab_to,
    visit,
)

pytestmark = pytest.mark.browser


def _wave(bworld: BrowserWorld) -> Any:
    from inbreng.surveys.tests.factories import satisfaction_wave

    return satisfaction_wave(bworld.world, double_entry_every=2)


def _answers(response: Any) -> dict[str, str]:
    from inbreng.surveys.models import Answer

    return dict(Answer.objects.filter(response=response).values_list("question__code", "value"))


def test_an_interview_with_the_keyboard_only(
    page: Any, new_page: Any, bworld: BrowserWorld
) -> None:
    from inbreng.surveys.models import Response

    wave = _wave(bworld)
    login(page, bworld.users["social_worker"])
    visit(page, f"/bevragingen/rondes/{wave.pk}/")
    assert_accessible(page, "wave page")
    tab_to(page, "#id_interview-mode_0")
    page.keyboard.press("ArrowDown")  # in person
    assert page.locator("#id_interview-mode_1").is_checked()
    tab_to(page, "main form[action$='/interview/'] button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    response = Response.objects.get(wave=wave)
    assert response.mode == "interview_in_person"
    assert_accessible(page, "interview, one answer")

    def key(*keys: str) -> None:
        for k in keys:
            page.keyboard.press(k)
        with page.expect_navigation():
            page.keyboard.press("Enter")

    key("3")  # contact: at home
    assert page.get_by_text("Waarvoor kwam je?").is_visible()
    assert_accessible(page, "interview, more answers")
    key("1", "3")  # reason: money and debts
    assert_accessible(page, "interview, smiley scale")
    key("4")  # reception
    key("2")  # waiting
    # Oops: back with Backspace, the answer given is still chosen; change it.
    with page.expect_navigation():
        page.keyboard.press("Backspace")
    assert page.locator("input[name=answer][value='2']").is_checked()
    key("3")
    key("5")  # clarity
    assert_accessible(page, "interview, yes or no")
    key("j")  # next step known
    key("5")  # respect
    assert_accessible(page, "interview, a number")
    page.keyboard.type("4")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    key("n")  # nothing left unsolved: skips the open question about it
    assert page.get_by_text("Hoe tevreden ben je over onze hulp?").is_visible()
    key("4")
    assert_accessible(page, "interview, open answer")
    page.keyboard.type("Een vaste persoon.")
    with page.expect_navigation():
        page.keyboard.press("Control+Enter")
    assert page.url.endswith(f"/bevragingen/rondes/{wave.pk}/")
    response.refresh_from_db()
    assert response.status == "complete"
    assert _answers(response) == {
        "contact": "3",
        "reason": "1|3",
        "reception": "4",
        "waiting": "3",
        "clarity": "5",
        "next_step": "yes",
        "respect": "5",
        "visits": "4",
        "unsolved": "no",
        "overall": "4",
        "better": "Een vaste persoon.",
    }


def test_the_interview_screen_at_320_px(new_page: Any, bworld: BrowserWorld) -> None:
    from inbreng.surveys.services import responses

    wave = _wave(bworld)
    response = responses.response_start(wave=wave, mode="interview_phone", by=None)
    page = new_page(viewport={"width": 320, "height": 640})
    login(page, bworld.users["coordinator"])
    visit(page, f"/bevragingen/antwoorden/{response.pk}/interview/")
    assert_fits(page, "interview")
    for answer in ("1", "2"):
        page.locator(f"input[name=answer][value='{answer}']").first.check()
        click_and_load(page, "button[data-next]")
    assert_fits(page, "interview smileys")


def test_typing_in_paper_forms(page: Any, new_page: Any, bworld: BrowserWorld) -> None:
    from inbreng.surveys.models import PaperDifference
    from inbreng.surveys.tests.factories import PAPER

    wave = _wave(bworld)
    login(page, bworld.users["social_worker"])
    visit(page, f"/bevragingen/rondes/{wave.pk}/papier/")
    assert_accessible(page, "paper entry")
    tab_to(page, "#id_form_number")
    page.keyboard.type("2")
    for code, value in PAPER.items():
        tab_to(page, f"#id_q_{code}")
        page.keyboard.type(value if code != "reception" else "9")
    # The last field is an open answer (a text area): Tab on to the button.
    tab_to(page, "main form.survey-entry button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # A bad field: the message is at the field, and what was typed stays.
    assert page.locator("#id_q_reception_error").is_visible()
    assert page.locator("#id_q_better").input_value() == PAPER["better"]
    assert_accessible(page, "paper entry with an error")
    page.locator("#id_q_reception").fill("4")
    click_and_load(page, "main form.survey-entry button[type=submit]")
    assert page.locator("#id_form_number").input_value() == ""
    # Someone else types form 2 again, on a small screen, with one slip.
    other = new_page(viewport={"width": 320, "height": 640})
    login(other, bworld.users["coordinator"])
    visit(other, f"/bevragingen/rondes/{wave.pk}/papier/")
    assert_fits(other, "paper entry")
    other.locator("#id_form_number").fill("2")
    for code, value in PAPER.items():
        other.locator(f"#id_q_{code}").fill(value if code != "overall" else "2")
    click_and_load(other, "main form.survey-entry button[type=submit]")
    difference = PaperDifference.objects.get()
    assert (difference.first_value, difference.second_value) == ("4", "2")
    visit(other, f"/bevragingen/rondes/{wave.pk}/controle/")
    assert_fits(other, "typing differences")


def test_self_completion_on_a_small_phone(new_page: Any, bworld: BrowserWorld) -> None:
    from inbreng.surveys.models import Response
    from inbreng.surveys.services import responses

    wave = _wave(bworld)
    link, token = responses.link_issue(wave=wave, language="nl", by=bworld.users["coordinator"])
    phone = new_page(viewport={"width": 320, "height": 640})
    visit(phone, f"/v/?t={token}")
    assert_fits(phone, "self-completion start")
    tab_to(phone, "main form button[type=submit]")
    with phone.expect_navigation():
        phone.keyboard.press("Enter")
    assert phone.url.endswith("/v/vraag/")
    assert token not in phone.url
    assert_fits(phone, "self-completion, one answer")
    # Keyboard only: Tab into the choices, an arrow key to choose, Enter to go on.
    tab_to(phone, "#answer-1")
    phone.keyboard.press("ArrowDown")
    assert phone.locator("#answer-2").is_checked()
    with phone.expect_navigation():
        phone.keyboard.press("Enter")
    assert_fits(phone, "self-completion, more answers")
    tab_to(phone, "#answer-1")
    phone.keyboard.press("Space")
    with phone.expect_navigation():
        phone.keyboard.press("Enter")
    assert phone.locator("svg.smiley").count() == 5
    assert_fits(phone, "self-completion, smileys")
    # Each face has its word beside it, so the scale reads without colour or picture.
    assert "5" in phone.locator("label[for=answer-5]").inner_text()
    assert phone.locator("label[for=answer-5] .survey-option__label").inner_text().strip() != "5"
    tab_to(phone, "#answer-1")
    for _step in range(3):
        phone.keyboard.press("ArrowDown")
    assert phone.locator("#answer-4").is_checked()
    with phone.expect_navigation():
        phone.keyboard.press("Enter")
    # The phone is closed half-way; the same link later goes on at question 4.
    later = new_page(viewport={"width": 320, "height": 640})
    visit(later, f"/v/?t={token}")
    click_and_load(later, "main form button[type=submit]")
    assert later.get_by_text("Wat vond je van de wachttijd?").is_visible()
    response = Response.objects.get(pk=link.response.pk)
    assert response.status == "in_progress"
    # The rest in Arabic, chosen on the page.
    click_and_load(later, "button[name=language][value=ar]")
    assert later.locator("html").get_attribute("dir") == "rtl"
    assert_fits(later, "self-completion in Arabic")
    questions = responses.questions_of(wave)
    while True:
        where = responses.route(questions, responses.answers_of(response))
        if where.current is None:
            break
        kind = questions[where.current].kind
        if kind in ("number", "open"):
            later.locator("#answer").fill("2" if kind == "number" else "")
        else:
            later.locator("label[for=answer-1]").click()
        click_and_load(later, "main form.survey-form button[type=submit]")
    assert later.url.endswith("/v/bedankt/")
    assert_fits(later, "self-completion thanks")
    response.refresh_from_db()
    assert response.status == "complete"


def test_writing_a_questionnaire_and_a_wave(page: Any, bworld: BrowserWorld) -> None:
    from inbreng.surveys.models import Questionnaire

    login(page, bworld.users["coordinator"])
    visit(page, "/bevragingen/")
    assert_accessible(page, "surveys home")
    click_and_load(page, "main a[href='/bevragingen/vragenlijsten/nieuw/']")
    assert_accessible(page, "new questionnaire")
    click_and_load(page, "main button[name=template]")
    made = Questionnaire.objects.get(organisation=bworld.org)
    assert page.url.endswith(f"/bevragingen/vragenlijsten/{made.pk}/")
    assert page.locator("section.plain-check").count() == 12
    assert_accessible(page, "questionnaire with the plain-language check")
    click_and_load(page, "main a[href$='/vraag/']")
    assert_accessible(page, "add a question")
    page.locator("#id_text").fill("Hoe oud ben je?")
    page.locator("#id_kind").select_option("number")
    page.locator("#id_code").fill("reception")  # taken: refused at the field
    click_and_load(page, "main form button[type=submit]")
    assert page.locator("#id_code_error").is_visible()
    assert page.locator("#id_text").input_value() == "Hoe oud ben je?"
    assert_accessible(page, "question form with an error")
    visit(page, f"/bevragingen/vragenlijsten/{made.pk}/")
    click_and_load(page, "main a[href$='/vertaling/fr/']")
    assert_accessible(page, "translation form")
    visit(page, "/bevragingen/nieuw/")
    assert_accessible(page, "new survey")
    page.locator("#id_title").fill("Tevredenheid")
    click_and_load(page, "main form button[type=submit]")
    click_and_load(page, "main a[href$='/ronde/nieuw/']")
    assert_accessible(page, "new wave")
