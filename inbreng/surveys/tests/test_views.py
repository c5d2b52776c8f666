"""The survey pages as staff and respondents use them: interview, self-completion, paper."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from conftest import World
from inbreng.core.models import AuditEvent
from inbreng.core.tests.test_pdf_accessibility import check_tagged
from inbreng.surveys.models import Answer, PaperDifference, Response
from inbreng.surveys.services import questionnaires, responses

from .factories import PAPER, satisfaction_wave


def _interview_url(response: Response, q: int | None = None) -> str:
    url = reverse("surveys:interview", kwargs={"pk": response.pk})
    return url if q is None else f"{url}?q={q}"


def test_an_interview_goes_question_by_question_and_back(world: World) -> None:
    wave = satisfaction_wave(world)
    client = world.client_for("social_worker")
    started = client.post(
        reverse("surveys:interview_start", kwargs={"pk": wave.pk}),
        {"interview-mode": "interview_in_person", "interview-stratum": "Loket Noord"},
    )
    response = Response.objects.get(wave=wave)
    assert started["Location"] == _interview_url(response)
    assert response.mode == "interview_in_person"
    page = client.get(_interview_url(response))
    assert "Hoe had je de laatste keer contact met ons?" in page.content.decode()
    moved = client.post(_interview_url(response), {"q": "0", "answer": "2"})
    assert moved["Location"] == _interview_url(response, 1)
    second = client.get(moved["Location"]).content.decode()
    assert "Waarvoor kwam je?" in second
    back = client.post(_interview_url(response), {"q": "1", "back": "1"})
    assert back["Location"] == _interview_url(response, 0)
    again = client.get(back["Location"]).content.decode()
    assert 'value="2" data-key="2" checked' in again  # the answer given is shown


def test_a_missing_answer_keeps_the_question_with_a_message(world: World) -> None:
    wave = satisfaction_wave(world)
    response = responses.response_start(wave=wave, mode="interview_phone", by=None)
    page = world.client_for("coordinator").post(_interview_url(response), {"q": "0"})
    assert page.status_code == 400
    assert 'class="field-error"' in page.content.decode()
    assert not Answer.objects.filter(response=response).exists()


def test_another_organisation_gets_404_for_a_response(world: World) -> None:
    wave = satisfaction_wave(world)
    response = responses.response_start(wave=wave, mode="interview_phone", by=None)
    assert world.client_for("other_org").get(_interview_url(response)).status_code == 404


def test_reading_a_sampled_persons_interview_is_audited(world: World) -> None:
    from inbreng.surveys.models import FrameUnit, Sample, SampleUnit, SamplingFrame

    wave = satisfaction_wave(world)
    frame = SamplingFrame.objects.create(organisation=world.org, name="Cliënten")
    unit = FrameUnit.objects.create(
        organisation=world.org, frame=frame, client_ref="C-001", stratum="Noord"
    )
    sample = Sample.objects.create(
        organisation=world.org, frame=frame, seed=1, allocation="proportional", size=1
    )
    drawn = SampleUnit.objects.create(
        organisation=world.org, sample=sample, unit=unit, stratum="Noord", kind="drawn"
    )
    response = responses.response_start(wave=wave, mode="interview_phone", by=None)
    Response.objects.filter(pk=response.pk).update(sample_unit=drawn)
    world.client_for("social_worker").get(_interview_url(response))
    assert AuditEvent.objects.filter(
        organisation=world.org, action="view", object_id=str(response.pk)
    ).exists()


def _self_client(world: World, language: str = "nl") -> tuple[Client, Response, str]:
    wave = satisfaction_wave(world)
    link, token = responses.link_issue(wave=wave, language=language, by=world.users["coordinator"])
    return Client(), link.response, token


def test_a_self_completion_opens_with_a_button_not_the_link_itself(world: World) -> None:
    client, _response, token = _self_client(world)
    opened = client.get(f"{reverse('surveys:self_open')}?t={token}")
    assert opened.status_code == 200
    assert client.get(reverse("surveys:self_question")).status_code == 403  # no session yet
    started = client.post(reverse("surveys:self_open"), {"t": token})
    assert started["Location"] == reverse("surveys:self_question")
    assert token not in started["Location"]
    assert client.get(reverse("surveys:self_question")).status_code == 200
    assert client.get(f"{reverse('surveys:self_open')}?t=wrong").status_code == 404


def test_a_half_finished_self_completion_resumes_from_the_same_link(world: World) -> None:
    client, response, token = _self_client(world)
    client.post(reverse("surveys:self_open"), {"t": token})
    url = reverse("surveys:self_question")
    client.post(url, {"q": "0", "answer": "1"})
    client.post(url, {"q": "1", "answer": ["2", "4"]})
    # The phone is closed; later the person opens the same link on a new session.
    later = Client()
    later.post(reverse("surveys:self_open"), {"t": token})
    page = later.get(url).content.decode()
    assert "Hoe werd je ontvangen?" in page  # question 3, where they stopped
    assert Answer.objects.get(response=response, question__code="reason").value == "2|4"


def test_a_self_completion_speaks_the_persons_language_and_thanks_at_the_end(
    world: World,
) -> None:
    client, response, token = _self_client(world, language="ar")
    client.post(reverse("surveys:self_open"), {"t": token})
    url = reverse("surveys:self_question")
    page = client.get(url)
    assert page["Content-Language"] == "ar"
    assert 'lang="ar" dir="rtl"' in page.content.decode()
    assert "كيف تواصلت معنا آخر مرة؟" in page.content.decode()
    questions = responses.questions_of(response.wave)
    where = responses.route(questions, {})
    while where.current is not None:
        q = questions[where.current]
        raw = {"yes_no": "no", "number": "2", "open": "", "multiple": "1"}.get(q.kind, "3")
        done = client.post(url, {"q": str(where.current), "answer": raw})
        where = responses.route(questions, responses.answers_of(response))
    assert done["Location"] == reverse("surveys:self_thanks")
    assert client.get(done["Location"]).status_code == 200
    response.refresh_from_db()
    assert response.status == Response.Status.COMPLETE
    # Opening the link again shows the thanks, not the questions.
    again = Client()
    assert again.post(reverse("surveys:self_open"), {"t": token})["Location"] == reverse(
        "surveys:self_thanks"
    )


def test_the_person_can_switch_language_on_the_page(world: World) -> None:
    client, _response, token = _self_client(world, language="nl")
    client.post(reverse("surveys:self_open"), {"t": token})
    client.post(reverse("surveys:self_language"), {"language": "fr", "q": "0"})
    page = client.get(reverse("surveys:self_question"))
    assert "Comment nous avez-vous contactés la dernière fois ?" in page.content.decode()


def test_the_paper_pdf_is_tagged_dutch_and_holds_the_questions(world: World) -> None:
    wave = satisfaction_wave(world)
    url = reverse("surveys:paper_pdf", kwargs={"pk": wave.pk})
    content = world.client_for("social_worker").get(f"{url}?start=41&count=2").content
    text = check_tagged(content, title="Hoe tevreden ben je over onze hulp?", language="nl")
    assert "41" in text and "42" in text
    for words in ("Hoe werd je ontvangen?", "Wat kunnen we beter doen?", "Aan het loket"):
        assert words in text
    assert "11" in text  # the skip rule names the question to go to


def test_the_entry_screen_saves_a_form_and_flags_a_second_typing(world: World) -> None:
    wave = satisfaction_wave(world, double_entry_every=2)
    url = reverse("surveys:paper_entry", kwargs={"pk": wave.pk})
    typed = {"form_number": "2", **{f"q_{code}": value for code, value in PAPER.items()}}
    saved = world.client_for("social_worker").post(url, typed)
    assert saved.status_code == 302
    again = world.client_for("coordinator").post(url, {**typed, "q_overall": "2"})
    assert again.status_code == 302
    difference = PaperDifference.objects.get(response__form_number=2)
    assert difference.question.code == "overall"
    checks = world.client_for("coordinator").get(reverse("surveys:checks", kwargs={"pk": wave.pk}))
    assert 'name="value" value="4"' in checks.content.decode()


def test_a_bad_field_on_the_entry_screen_keeps_what_was_typed(world: World) -> None:
    wave = satisfaction_wave(world)
    url = reverse("surveys:paper_entry", kwargs={"pk": wave.pk})
    typed = {"form_number": "7", **{f"q_{code}": value for code, value in PAPER.items()}}
    page = world.client_for("social_worker").post(url, {**typed, "q_visits": "veel"})
    assert page.status_code == 400
    html = page.content.decode()
    assert 'value="Minder lang wachten.' in html or "Minder lang wachten." in html
    assert 'id="id_q_visits_error"' in html
    assert not Response.objects.filter(wave=wave).exists()


def test_the_questionnaire_page_shows_the_plain_dutch_check(world: World) -> None:
    made = questionnaires.questionnaire_from_template(organisation=world.org, by=None)
    page = world.client_for("coordinator").get(
        reverse("surveys:questionnaire", kwargs={"pk": made.pk})
    )
    assert page.content.decode().count('class="plain-check plain-check--') == 12


def test_a_question_added_on_the_page_is_saved(world: World) -> None:
    made = questionnaires.questionnaire_from_template(organisation=world.org, by=None)
    url = reverse("surveys:question_add", kwargs={"pk": made.pk})
    saved = world.client_for("coordinator").post(
        url, {"text": "Hoe oud ben je?", "kind": "number", "code": "age", "minimum": "16"}
    )
    assert saved.status_code == 302
    assert questionnaires.latest_version(made).questions.get(code="age").minimum == 16
    refused = world.client_for("coordinator").post(
        url, {"text": "Nog eens?", "kind": "yes_no", "code": "age"}
    )
    assert refused.status_code == 200
    assert 'id="id_code_error"' in refused.content.decode()


def test_a_new_survey_from_the_template_and_a_wave(world: World) -> None:
    client = world.client_for("coordinator")
    made = client.post(reverse("surveys:survey_new"), {"title": "Tevredenheid 2027"})
    assert made.status_code == 302
    survey_pk = int(made["Location"].rstrip("/").split("/")[-1])
    wave = client.post(
        reverse("surveys:wave_new", kwargs={"pk": survey_pk}),
        {
            "name": "Voorjaar",
            "starts_on": "2027-03-01",
            "ends_on": "2027-02-01",
            "double_entry_every": "10",
        },
    )
    assert wave.status_code == 200
    assert 'id="id_ends_on_error"' in wave.content.decode()


def test_pages_keep_a_flat_query_budget(world: World, django_assert_max_num_queries: Any) -> None:
    wave = satisfaction_wave(world)
    for n in range(1, 6):
        responses.paper_entry_record(
            wave=wave, form_number=n, values=PAPER, by=world.users["social_worker"]
        )
    response = responses.response_start(wave=wave, mode="interview_phone", by=None)
    client = world.client_for("coordinator")
    pages = [
        reverse("surveys:home"),
        reverse("surveys:survey", kwargs={"pk": wave.survey_id}),
        reverse("surveys:wave", kwargs={"pk": wave.pk}),
        reverse("surveys:questionnaire", kwargs={"pk": wave.survey.questionnaire_id}),
        _interview_url(response),
        reverse("surveys:paper_entry", kwargs={"pk": wave.pk}),
        reverse("surveys:checks", kwargs={"pk": wave.pk}),
    ]
    for url in pages:
        client.get(url)  # warm the session and caches
        with django_assert_max_num_queries(22):
            assert client.get(url).status_code == 200, url


def test_the_self_completion_page_keeps_a_flat_query_budget(
    world: World, django_assert_max_num_queries: Any
) -> None:
    client, _response, token = _self_client(world, language="fr")
    client.post(reverse("surveys:self_open"), {"t": token})
    url = reverse("surveys:self_question")
    client.get(url)
    with django_assert_max_num_queries(8):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.post(url, {"q": "0", "answer": "1"}).status_code == 302


def test_the_demo_has_a_wave_with_every_mode_and_a_difference_to_check(world: World) -> None:
    from inbreng.surveys.demo import seed_surveys
    from inbreng.surveys.models import Wave

    seed_surveys(
        world.org,
        {"coordinator": world.users["coordinator"], "worker": world.users["social_worker"]},
    )
    wave = Wave.objects.get(organisation=world.org)
    complete = Response.objects.filter(wave=wave, status="complete")
    assert set(complete.values_list("mode", flat=True)) == {
        "interview_phone",
        "interview_in_person",
        "self",
        "paper",
    }
    assert Response.objects.filter(wave=wave, status="in_progress", mode="self").count() == 1
    assert PaperDifference.objects.filter(response__wave=wave).count() == 1
