"""Questionnaires: the template, versions that freeze, questions, skip rules, translations."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from conftest import World
from inbreng.surveys.models import QuestionKind, QuestionnaireVersion
from inbreng.surveys.services import questionnaires

from .factories import question, satisfaction_wave


def test_it_ships_the_satisfaction_template_with_six_kinds_and_translations(world: World) -> None:
    made = questionnaires.questionnaire_from_template(
        organisation=world.org, by=world.users["coordinator"]
    )
    version = questionnaires.latest_version(made)
    codes = list(version.questions.values_list("code", flat=True))
    assert len(codes) == 12
    assert {"reception", "waiting", "clarity", "respect", "overall", "better"} <= set(codes)
    kinds = set(version.questions.values_list("kind", flat=True))
    assert kinds == set(QuestionKind.values)
    for q in version.questions.all():
        assert set(q.translations.values_list("language", flat=True)) == {"fr", "ar"}


def test_it_passes_the_plain_dutch_check_for_every_template_question(world: World) -> None:
    from inbreng.messaging.services import plain_check

    made = questionnaires.questionnaire_from_template(organisation=world.org, by=None)
    for q in questionnaires.latest_version(made).questions.all():
        check = plain_check(world.org, q.text)
        assert check.report.longest_sentence_length <= 12, q.text
        assert not check.report.jargon, q.text


def test_it_makes_a_new_version_when_a_used_version_is_edited(world: World) -> None:
    wave = satisfaction_wave(world)
    questionnaire = wave.survey.questionnaire
    reception = question(wave, "reception")
    questionnaires.question_save(
        questionnaire=questionnaire,
        question=reception,
        by=world.users["coordinator"],
        text="Hoe was het onthaal?",
        kind="scale1_5",
        code="reception",
    )
    versions = QuestionnaireVersion.objects.filter(questionnaire=questionnaire)
    assert versions.count() == 2
    reception.refresh_from_db()
    assert reception.text == "Hoe werd je ontvangen?"  # the wave's version is untouched
    new = questionnaires.latest_version(questionnaire)
    assert new.frozen_at is None
    assert new.questions.get(code="reception").text == "Hoe was het onthaal?"
    # The copy keeps choices and translations, and the codes to compare waves by.
    assert new.questions.get(code="reason").choices.count() == 6
    assert new.questions.get(code="reception").translations.count() == 2


def test_it_refuses_a_skip_rule_to_an_earlier_question(world: World) -> None:
    made = questionnaires.questionnaire_from_template(organisation=world.org, by=None)
    with pytest.raises(ValidationError) as caught:
        questionnaires.question_save(
            questionnaire=made,
            question=questionnaires.latest_version(made).questions.get(code="unsolved"),
            by=world.users["coordinator"],
            skip_value="no",
            skip_to="contact",
        )
    assert "skip_to" in caught.value.message_dict


def test_it_needs_two_answers_for_a_choice_question(world: World) -> None:
    made = questionnaires.questionnaire_create(
        organisation=world.org, title="Kort", by=world.users["coordinator"]
    )
    with pytest.raises(ValidationError) as caught:
        questionnaires.question_save(
            questionnaire=made,
            by=world.users["coordinator"],
            choices=["Alleen dit"],
            text="Wat koos u?",
            kind="single",
            code="keuze",
        )
    assert "choices" in caught.value.message_dict


def test_a_new_question_goes_to_the_end_and_can_move_up(world: World) -> None:
    made = questionnaires.questionnaire_from_template(organisation=world.org, by=None)
    by = world.users["coordinator"]
    added = questionnaires.question_save(
        questionnaire=made, by=by, text="Hoe oud ben je?", kind="number", code="age"
    )
    assert added.position == 13
    questionnaires.question_move(questionnaire=made, question=added, up=True, by=by)
    added.refresh_from_db()
    assert added.position == 12


def test_an_arabic_translation_in_latin_letters_is_refused(world: World) -> None:
    made = questionnaires.questionnaire_from_template(organisation=world.org, by=None)
    reception = questionnaires.latest_version(made).questions.get(code="reception")
    with pytest.raises(ValidationError) as caught:
        questionnaires.translation_save(
            questionnaire=made,
            question=reception,
            language="ar",
            text="Hoe werd je ontvangen?",
            translated_by="Test",
            by=world.users["coordinator"],
        )
    assert "text" in caught.value.message_dict
    saved = questionnaires.translation_save(
        questionnaire=made,
        question=reception,
        language="ar",
        text="كيف \u202eتم استقبالك؟",
        translated_by="Test",
        by=world.users["coordinator"],
    )
    assert saved.text == "كيف تم استقبالك؟"  # the hidden direction mark is gone
