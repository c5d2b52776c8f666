"""Staff and partners translate a question or an answer into participants' languages."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from conftest import Loop, World
from inbreng.core.models import AuditEvent
from inbreng.lib.script import foreign_sentences, is_written_in
from inbreng.participation.models import Question, Translation, Translator
from inbreng.participation.translations import translation_save, translations_for

ARABIC_TITLE = "هل هذه الرسالة واضحة؟"
ARABIC_REASONS = "سنغير الرسالة. ستكون أقصر وأوضح."


def _translate_question(client: Any, question: Question, language: str, **data: Any) -> Any:
    url = reverse("participation:question_translate", args=[question.pk, language])
    fields = {"title": ARABIC_TITLE, "text": "", "translated_by": "Tolkendienst"}
    fields.update({"translator": Translator.STAFF, **data})
    return client.post(url, fields)


def test_it_saves_a_translation_that_participants_then_get(world: World, loop: Loop) -> None:
    client = world.client_for("coordinator")
    response = _translate_question(client, loop.question, "ar", reviewed="on")
    assert response.status_code == 302
    saved = Translation.objects.get(question=loop.question, language="ar")
    # Who translated is the person who saved it, whatever name was posted.
    assert (saved.title, saved.translated_by, saved.reviewed) == (
        ARABIC_TITLE,
        world.users["coordinator"].get_full_name(),
        True,
    )
    found = translations_for(language="ar", questions=[loop.question.pk])
    assert found.question_title(loop.question.pk, loop.question.title) == ARABIC_TITLE
    # Dutch is the original: nothing to translate.
    dutch = translations_for(language="nl", questions=[loop.question.pk])
    assert dutch.question_title(loop.question.pk, loop.question.title) == loop.question.title
    assert AuditEvent.objects.filter(
        object_type="participation.translation", actor=world.users["coordinator"]
    )


def test_it_translates_an_answers_reasons(world: World, loop: Loop) -> None:
    client = world.client_for("service_contact")
    url = reverse("participation:response_translate", args=[loop.response.pk, "ar"])
    page = client.get(url)
    assert loop.response.explanation in page.content.decode()  # the Dutch original beside it
    response = client.post(
        url, {"text": ARABIC_REASONS, "translated_by": "Sara", "translator": Translator.STAFF}
    )
    assert response.status_code == 302
    found = translations_for(language="ar", responses=[loop.response.pk])
    assert found.response_text(loop.response.pk, loop.response.explanation) == ARABIC_REASONS


def test_it_refuses_dutch_in_the_arabic_box_next_to_the_field_and_keeps_it(
    world: World, loop: Loop
) -> None:
    client = world.client_for("coordinator")
    response = _translate_question(client, loop.question, "ar", title="Is deze brief duidelijk?")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Arabisch" in html.split('id="id_title_error')[1][:300]
    assert 'value="Is deze brief duidelijk?"' in html  # what was typed is kept
    assert not Translation.objects.exists()


def test_it_marks_a_partners_translation_as_a_partners(world: World, loop: Loop) -> None:
    client = world.client_for("partner_worker")
    # A partner cannot pass their work off as staff's: the choice is not offered.
    response = _translate_question(
        client, loop.question, "fr", title="Cette lettre est-elle claire ?"
    )
    assert response.status_code == 400
    response = _translate_question(
        client,
        loop.question,
        "fr",
        title="Cette lettre est-elle claire ?",
        translator=Translator.PARTNER,
    )
    assert response.status_code == 302
    assert Translation.objects.get(language="fr").translator == Translator.PARTNER


def test_the_list_shows_what_is_missing(world: World, loop: Loop) -> None:
    client = world.client_for("coordinator")
    before = client.get(reverse("participation:translations") + "?ontbrekend=1")
    assert loop.question.title in before.content.decode()
    for language, title in (("ar", ARABIC_TITLE), ("fr", "Claire ?"), ("en", "Clear?")):
        Translation.objects.create(
            organisation=world.org,
            question=loop.question,
            language=language,
            title=title,
            translated_by="x",
        )
        Translation.objects.create(
            organisation=world.org,
            response=loop.response,
            language=language,
            text={"ar": ARABIC_REASONS}.get(language, "We change it."),
            translated_by="x",
        )
    after = client.get(reverse("participation:translations") + "?ontbrekend=1")
    assert loop.question.title not in after.content.decode()
    everything = client.get(reverse("participation:translations"))
    assert loop.question.title in everything.content.decode()


@pytest.mark.parametrize(
    ("role", "status"),
    [("social_worker", 403), ("policy_maker", 403), ("other_org", 404)],
)
def test_only_translators_of_the_organisation_may_translate(
    world: World, loop: Loop, role: str, status: int
) -> None:
    client = world.client_for(role)
    url = reverse("participation:question_translate", args=[loop.question.pk, "ar"])
    assert client.get(url).status_code == status


def test_a_service_translates_only_its_own_questions(world: World, loop: Loop) -> None:
    from inbreng.core.models import Service

    elsewhere = Service.objects.create(organisation=world.org, name="Onderwijs")
    loop.question.service = elsewhere
    loop.question.save(update_fields=["service"])
    client = world.client_for("service_contact")
    url = reverse("participation:question_translate", args=[loop.question.pk, "ar"])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("language", ["nl", "tr", "x" * 30])
def test_it_knows_no_other_languages(world: World, loop: Loop, language: str) -> None:
    client = world.client_for("coordinator")
    url = reverse("participation:question_translate", args=[loop.question.pk, language])
    assert client.get(url).status_code == 404


def test_the_list_keeps_its_query_count_with_many_questions(
    world: World, loop: Loop, django_assert_max_num_queries: Any
) -> None:
    for n in range(30):
        Question.objects.create(
            organisation=world.org,
            service=world.service,
            title=f"Vraag {n}",
            status=Question.Status.ACCEPTED,
        )
    client = world.client_for("coordinator")
    client.get(reverse("participation:translations"))
    with django_assert_max_num_queries(14):
        assert client.get(reverse("participation:translations")).status_code == 200


@given(
    st.text(
        alphabet=st.characters(
            whitelist_categories=["Lo"], min_codepoint=0x0621, max_codepoint=0x064A
        ),
        min_size=1,
    )
)
def test_arabic_letters_are_arabic(text: str) -> None:
    assert is_written_in(text, "ar")
    assert not is_written_in(text, "fr")


@given(st.text())
def test_the_script_check_never_fails_on_any_text(text: str) -> None:
    for language in ("nl", "fr", "en", "ar", "tr"):
        assert is_written_in(text, language) in (True, False)


def test_a_dutch_name_inside_an_arabic_sentence_is_fine() -> None:
    assert is_written_in("سنغير الرسالة في Buurthuis De Linde", "ar")
    assert not is_written_in("We passen de brief aan", "ar")


def test_the_question_page_leads_to_its_translations(world: World, loop: Loop) -> None:
    html = (
        world.client_for("coordinator")
        .get(reverse("participation:question", args=[loop.question.pk]))
        .content.decode()
    )
    assert reverse("participation:question_translate", args=[loop.question.pk, "ar"]) in html
    assert reverse("participation:response_translate", args=[loop.response.pk, "ar"]) in html


# Who may change what (issue 8 review) ---------------------------------------------------

FRENCH_TITLE = "Cette lettre est-elle claire ?"


def _staff_translation(world: World, loop: Loop, *, reviewed: bool = False) -> Translation:
    return translation_save(
        organisation=world.org,
        language="fr",
        question=loop.question,
        title=FRENCH_TITLE,
        text="",
        translator=Translator.STAFF,
        reviewed=reviewed,
        by=world.users["coordinator"],
    )


def test_the_translator_is_the_person_saving_not_a_typed_name(world: World, loop: Loop) -> None:
    client = world.client_for("partner_worker")
    page = client.get(reverse("participation:question_translate", args=[loop.question.pk, "fr"]))
    html = page.content.decode()
    assert 'name="translated_by"' not in html  # nothing to type
    assert "Partner_Worker" in html  # shown, read-only
    _translate_question(
        client,
        loop.question,
        "fr",
        title=FRENCH_TITLE,
        translator=Translator.PARTNER,
        translated_by="De coördinator",
    )
    saved = Translation.objects.get(language="fr")
    assert saved.translated_by == "Partner_Worker (CAW Test)"
    assert saved.translator == Translator.PARTNER


@pytest.mark.parametrize("role", ["partner_worker", "service_contact"])
def test_a_partner_cannot_overwrite_or_remove_a_staff_translation(
    world: World, loop: Loop, role: str
) -> None:
    made = _staff_translation(world, loop)
    client = world.client_for(role)
    url = reverse("participation:question_translate", args=[loop.question.pk, "fr"])
    page = client.get(url).content.decode()
    assert FRENCH_TITLE in page and '<form method="post" novalidate' not in page
    response = _translate_question(
        client, loop.question, "fr", title="Autre chose ?", translator=Translator.PARTNER
    )
    assert response.status_code == 403
    client.post(reverse("participation:translation_delete", args=[made.pk]))
    kept = Translation.objects.get(pk=made.pk)
    assert (kept.title, kept.translator) == (FRENCH_TITLE, Translator.STAFF)


def test_a_partner_cannot_overwrite_another_partners_checked_translation(
    world: World, loop: Loop
) -> None:
    from inbreng.core.models import Membership, User

    colleague = User.objects.create_user(username="tolk2", first_name="Karim")
    Membership.objects.create(
        organisation=world.org, user=colleague, is_partner_worker=True, partner=world.partner
    )
    checked = translation_save(
        organisation=world.org,
        language="fr",
        question=loop.question,
        title=FRENCH_TITLE,
        text="",
        translator=Translator.PARTNER,
        reviewed=True,
        by=colleague,
    )
    response = _translate_question(
        world.client_for("partner_worker"),
        loop.question,
        "fr",
        title="Autre chose ?",
        translator=Translator.PARTNER,
    )
    assert response.status_code == 403
    assert Translation.objects.get(pk=checked.pk).title == FRENCH_TITLE


def test_the_author_changing_checked_words_makes_it_unchecked(world: World, loop: Loop) -> None:
    client = world.client_for("partner_worker")
    fields = {"title": FRENCH_TITLE, "translator": Translator.PARTNER, "reviewed": "on"}
    _translate_question(client, loop.question, "fr", **fields)
    assert Translation.objects.get(language="fr").reviewed
    fields["title"] = "Cette lettre est claire ?"
    response = _translate_question(client, loop.question, "fr", **fields)
    assert response.status_code == 302
    saved = Translation.objects.get(language="fr")
    assert (saved.title, saved.reviewed) == ("Cette lettre est claire ?", False)
    # The list says so.
    listing = client.get(reverse("participation:translations")).content.decode()
    assert "not checked yet" in listing or "nog niet nagekeken" in listing


def test_a_coordinator_may_change_a_checked_translation_and_keep_it_checked(
    world: World, loop: Loop
) -> None:
    _staff_translation(world, loop, reviewed=True)
    client = world.client_for("admin")
    response = _translate_question(
        client, loop.question, "fr", title="Cette lettre est claire ?", reviewed="on"
    )
    assert response.status_code == 302
    saved = Translation.objects.get(language="fr")
    assert (saved.title, saved.reviewed) == ("Cette lettre est claire ?", True)


def test_a_partner_may_improve_an_unchecked_partner_translation(world: World, loop: Loop) -> None:
    from inbreng.core.models import Membership, User

    colleague = User.objects.create_user(username="tolk2", first_name="Karim")
    Membership.objects.create(
        organisation=world.org, user=colleague, is_partner_worker=True, partner=world.partner
    )
    translation_save(
        organisation=world.org,
        language="fr",
        question=loop.question,
        title="Cette letre est claire ?",
        text="",
        translator=Translator.PARTNER,
        reviewed=False,
        by=colleague,
    )
    response = _translate_question(
        world.client_for("partner_worker"),
        loop.question,
        "fr",
        title=FRENCH_TITLE,
        translator=Translator.PARTNER,
    )
    assert response.status_code == 302
    assert Translation.objects.get(language="fr").title == FRENCH_TITLE


# One sentence in the wrong script --------------------------------------------------------

ARABIC_SENTENCES = [
    "سنغير الرسالة.",
    "ستكون أقصر وأوضح.",
    "الاجتماع يوم الثلاثاء في القاعة الكبيرة.",
    "شكرا على مشاركتك.",
]
DUTCH_SENTENCES = [
    "We passen de brief aan.",
    "Kom zeker naar de vergadering op dinsdag.",
    "De wachtlijst voor een sociale woning is te lang.",
    "Je krijgt een antwoord voor het einde van de maand.",
]


def test_a_dutch_sentence_hidden_in_an_arabic_answer_is_refused_by_name(
    world: World, loop: Loop
) -> None:
    hidden = " ".join([*ARABIC_SENTENCES[:3], DUTCH_SENTENCES[1], ARABIC_SENTENCES[3]])
    client = world.client_for("coordinator")
    url = reverse("participation:response_translate", args=[loop.response.pk, "ar"])
    response = client.post(url, {"text": hidden, "translator": Translator.STAFF})
    assert response.status_code == 400
    error = response.content.decode().split('id="id_text_error')[1][:400]
    assert "Kom zeker naar de vergadering op dinsdag." in error
    assert "Arabisch" in error or "Arabic" in error
    assert f"{hidden}</textarea>" in response.content.decode()  # what was typed is kept
    assert not Translation.objects.exists()


@given(
    st.lists(st.sampled_from(ARABIC_SENTENCES), min_size=1, max_size=6),
    st.sampled_from(DUTCH_SENTENCES),
    st.integers(min_value=0, max_value=6),
    st.sampled_from([" ", "\n", "\n\n", " \u200f"]),
)
def test_a_dutch_sentence_anywhere_in_arabic_is_found(
    arabic: list[str], dutch: str, where: int, glue: str
) -> None:
    parts = list(arabic)
    parts.insert(min(where, len(parts)), dutch)
    text = glue.join(parts)
    found = foreign_sentences(text, "ar")
    assert [dutch.rstrip(".")] == [f.rstrip(".") for f in found]
    assert not is_written_in(text, "ar")


@given(
    st.lists(st.sampled_from(ARABIC_SENTENCES), min_size=1, max_size=6),
    st.sampled_from(["Buurthuis De Linde", "OCMW Gent", "Sociaal Huis", "{naam}", "{link}"]),
)
def test_names_places_and_placeholders_inside_arabic_pass(arabic: list[str], name: str) -> None:
    text = " ".join(arabic).replace("في", f"في {name}", 1)
    assert foreign_sentences(text, "ar") == []
    assert is_written_in(text, "ar")


@given(st.text())
def test_the_sentence_check_never_fails_on_any_text(text: str) -> None:
    for language in ("nl", "fr", "en", "ar", "tr"):
        assert isinstance(foreign_sentences(text, language), list)


def test_bidi_controls_are_taken_out_of_a_translation(world: World, loop: Loop) -> None:
    client = world.client_for("coordinator")
    _translate_question(
        client, loop.question, "fr", title="\u202eCette lettre\u200b est-elle claire ?\u2066"
    )
    assert Translation.objects.get(language="fr").title == FRENCH_TITLE
