"""Responses: parsing answers, skip logic, self-completion links and paper double entry."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from conftest import World
from inbreng.surveys.models import Answer, PaperDifference, Response, SurveyLink
from inbreng.surveys.services import responses

from .factories import PAPER, interview, question, satisfaction_wave


def test_it_parses_the_keys_of_each_kind(world: World) -> None:
    wave = satisfaction_wave(world)
    assert responses.parse_answer(question(wave, "reception"), ["4"]) == ("4", 4.0)
    assert responses.parse_answer(question(wave, "next_step"), ["j"]) == ("yes", 1.0)
    assert responses.parse_answer(question(wave, "next_step"), ["no"]) == ("no", 0.0)
    assert responses.parse_answer(question(wave, "reason"), ["31"]) == ("1|3", None)
    assert responses.parse_answer(question(wave, "reason"), ["3", "1"]) == ("1|3", None)
    assert responses.parse_answer(question(wave, "visits"), ["12"]) == ("12", 12.0)
    assert responses.parse_answer(question(wave, "visits"), []) == ("", None)  # optional


@pytest.mark.parametrize(
    ("code", "raw", "message"),
    [
        ("reception", ["7"], "1 to 5"),
        ("reception", [], "Choose an answer"),
        ("next_step", ["misschien"], "yes or no"),
        ("visits", ["veel"], "whole number"),
        ("visits", ["500"], "from 0 to 100"),
        ("contact", ["9"], "one of the answers"),
        ("reason", ["8"], "answers in the list"),
    ],
)
def test_it_refuses_bad_answers_with_a_reason(
    world: World, code: str, raw: list[str], message: str
) -> None:
    wave = satisfaction_wave(world)
    # The reasons are checked in the source language; their Dutch is in the catalogue.
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        responses.parse_answer(question(wave, code), raw)
    assert message in " ".join(caught.value.messages)


def _answer(response: Response, code: str, raw: list[str]) -> responses.Route:
    questions = responses.questions_of(response.wave)
    target = next(q for q in questions if q.code == code)
    return responses.answer_record(response=response, questions=questions, question=target, raw=raw)


def test_it_skips_to_the_question_the_rule_names(world: World) -> None:
    wave = satisfaction_wave(world)
    response = interview(world, wave)
    questions = responses.questions_of(wave)
    for q in questions[:8]:
        _answer(response, q.code, ["1"] if q.kind != "yes_no" else ["j"])
    where = _answer(response, "unsolved", ["n"])
    assert questions[where.current].code == "overall"  # "unsolved_what" is skipped
    where = _answer(response, "unsolved", ["j"])
    assert questions[where.current].code == "unsolved_what"


def test_it_completes_and_drops_answers_left_off_the_route(world: World) -> None:
    wave = satisfaction_wave(world)
    response = interview(world, wave)
    questions = responses.questions_of(wave)
    for q in questions[:8]:
        _answer(response, q.code, ["2"] if q.kind != "yes_no" else ["j"])
    _answer(response, "unsolved", ["j"])
    _answer(response, "unsolved_what", ["Mijn dossier."])
    _answer(response, "unsolved", ["n"])  # went back and changed the answer
    _answer(response, "overall", ["4"])
    where = _answer(response, "better", [])
    assert where.current is None
    response.refresh_from_db()
    assert response.status == Response.Status.COMPLETE
    kept = set(Answer.objects.filter(response=response).values_list("question__code", flat=True))
    assert "unsolved_what" not in kept
    assert {"overall", "better"} <= kept


def test_a_finished_interview_and_a_closed_wave_keep_their_answers(world: World) -> None:
    """Published results do not change under the reader: a complete interview, or any
    response of a closed wave, is not edited afterwards."""
    wave = satisfaction_wave(world)
    response = interview(world, wave)
    for q in responses.questions_of(wave)[:8]:
        _answer(response, q.code, ["2"] if q.kind != "yes_no" else ["j"])
    _answer(response, "unsolved", ["n"])
    _answer(response, "overall", ["4"])
    _answer(response, "better", [])
    response.refresh_from_db()
    assert response.status == Response.Status.COMPLETE
    with pytest.raises(ValidationError):
        _answer(response, "overall", ["1"])
    assert Answer.objects.get(response=response, question__code="overall").value == "4"
    other = interview(world, wave)
    wave.status = "closed"
    wave.save()
    other.refresh_from_db()
    with pytest.raises(ValidationError):
        _answer(other, "contact", ["2"])
    assert not Answer.objects.filter(response=other).exists()


def test_a_link_stores_only_the_hash_and_resumes_where_it_stopped(world: World) -> None:
    wave = satisfaction_wave(world)
    link, token = responses.link_issue(wave=wave, language="fr", by=world.users["coordinator"])
    assert token not in link.token_hash
    assert not SurveyLink.objects.filter(token_hash=token).exists()
    found = responses.link_resolve(token)
    assert found is not None and found.response == link.response
    _answer(link.response, "contact", ["2"])
    _answer(link.response, "reason", ["1"])
    again = responses.link_resolve(token)
    assert again is not None
    assert again.response.position == 2
    assert again.response.status == Response.Status.IN_PROGRESS
    assert responses.link_resolve("not-a-token") is None


def test_a_revoked_link_or_closed_wave_opens_nothing(world: World) -> None:
    wave = satisfaction_wave(world)
    link, token = responses.link_issue(wave=wave, language="nl", by=world.users["coordinator"])
    wave.status = "closed"
    wave.save()
    assert responses.link_resolve(token) is None
    wave.status = "open"
    wave.save()
    responses.link_revoke(link=link, by=world.users["coordinator"])
    assert responses.link_resolve(token) is None


def test_a_second_typing_with_different_answers_is_flagged_not_written_over(
    world: World,
) -> None:
    wave = satisfaction_wave(world, double_entry_every=10)
    first = responses.paper_entry_record(
        wave=wave, form_number=10, values=PAPER, by=world.users["social_worker"]
    )
    assert first.second_needed
    typo = {**PAPER, "reception": "1", "next_step": "n"}
    second = responses.paper_entry_record(
        wave=wave, form_number=10, values=typo, by=world.users["coordinator"]
    )
    assert second.differences == 2
    response = first.entry.response
    response.refresh_from_db()
    assert response.needs_check
    reception = Answer.objects.get(response=response, question__code="reception")
    assert reception.value == "4"  # the first typing still counts
    difference = PaperDifference.objects.get(response=response, question__code="reception")
    assert (difference.first_value, difference.second_value) == ("4", "1")
    errors = responses.typing_error_rate(wave)
    assert (errors.forms, errors.fields, errors.different) == (1, 12, 2)
    responses.difference_resolve(difference=difference, value="1", by=world.users["coordinator"])
    reception.refresh_from_db()
    assert reception.value == "1"
    response.refresh_from_db()
    assert response.needs_check  # one difference left
    other = PaperDifference.objects.get(response=response, question__code="next_step")
    responses.difference_resolve(difference=other, value="j", by=world.users["coordinator"])
    response.refresh_from_db()
    assert not response.needs_check


def test_a_form_is_not_typed_in_twice_unless_chosen(world: World) -> None:
    wave = satisfaction_wave(world, double_entry_every=10)
    by = world.users["social_worker"]
    responses.paper_entry_record(wave=wave, form_number=3, values=PAPER, by=by)
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        responses.paper_entry_record(
            wave=wave, form_number=3, values=PAPER, by=world.users["coordinator"]
        )
    assert "already been typed" in " ".join(caught.value.messages)
    response = Response.objects.get(wave=wave, form_number=3)
    responses.paper_choose_for_double_entry(response=response, by=by)
    # The same typist may not check themselves.
    with pytest.raises(ValidationError):
        responses.paper_entry_record(wave=wave, form_number=3, values=PAPER, by=by)
    result = responses.paper_entry_record(
        wave=wave, form_number=3, values=PAPER, by=world.users["coordinator"]
    )
    assert result.differences == 0


def test_a_bad_paper_field_saves_nothing_and_names_the_question(world: World) -> None:
    wave = satisfaction_wave(world)
    with pytest.raises(ValidationError) as caught:
        responses.paper_entry_record(
            wave=wave,
            form_number=1,
            values={**PAPER, "reception": "9"},
            by=world.users["social_worker"],
        )
    assert set(caught.value.message_dict) == {"reception"}
    assert not Response.objects.filter(wave=wave).exists()
