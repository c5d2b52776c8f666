"""The readability report a writer sees while typing a text for participants."""

from __future__ import annotations

from inbreng.plainlanguage import (
    DEFAULT_JARGON,
    LONG_SENTENCE,
    JargonHit,
    check,
    split_sentences,
    split_words,
)

PLAIN = "We drinken koffie. Kom je ook? Je mag je kinderen meebrengen."

BUREAUCRATIC = (
    "In het kader van de uitvoering van het participatietraject verzoeken wij u vriendelijk om "
    "uiterlijk op vrijdag het ingevulde formulier met de gevraagde documenten aan de "
    "maatschappelijk werker te bezorgen."
)


def test_it_scores_a_short_plain_text() -> None:
    report = check(PLAIN)
    # Words: 3 + 3 + 5 = 11 in 3 sentences.
    # Syllables: we drin-ken kof-fie (5), kom je ook (3), je mag je kin-de-ren mee-bren-gen (9).
    assert (report.words, report.sentences, report.syllables) == (11, 3, 17)
    # 206.835 - 0.93 * 11/3 - 77 * 17/11 = 206.835 - 3.41 - 119.0 = 84.425
    assert report.flesch_douma == 84.4
    assert report.average_sentence_length == 3.7  # 11 / 3
    assert report.longest_sentence_length == 5
    assert report.long_sentences == ()
    assert report.rare_words == ()
    assert report.jargon == ()
    assert report.passes(60)
    assert not report.is_empty


def test_it_lists_a_long_bureaucratic_sentence_and_fails_it() -> None:
    report = check(f"{PLAIN} {BUREAUCRATIC}")
    assert report.long_sentences == (BUREAUCRATIC,)
    assert report.longest_sentence_length == 30
    assert not report.passes(60)


def test_it_scores_a_long_bureaucratic_sentence_low() -> None:
    report = check(BUREAUCRATIC)
    # 30 words; syllables: in het ka-der van de (6) uit-voe-ring van het (5)
    # par-ti-ci-pa-tie-tra-ject (7) ver-zoe-ken wij u vrien-de-lijk om (10) ui-ter-lijk op
    # vrij-dag het (7) in-ge-vul-de for-mu-lier met de (9) ge-vraag-de do-cu-men-ten aan de (9)
    # maat-schap-pe-lijk wer-ker te be-zor-gen (10): 62 in all.
    assert (report.words, report.sentences, report.syllables) == (30, 1, 62)
    # 206.835 - 0.93 * 30 - 77 * 62/30 = 206.835 - 27.9 - 159.133 = 19.80
    assert report.flesch_douma == 19.8
    # A long sentence fails whatever the score.
    assert not report.passes(-1000)


def test_it_calls_a_sentence_long_only_above_the_limit() -> None:
    at_limit = " ".join(["kom"] * LONG_SENTENCE) + "."
    over_limit = " ".join(["kom"] * (LONG_SENTENCE + 1)) + "."
    assert check(at_limit).long_sentences == ()
    assert check(over_limit).long_sentences == (over_limit,)


def test_it_counts_the_same_words_and_sentences_as_the_splitters() -> None:
    text = f"Beste {{naam}},\n\n{PLAIN}\n- bv. koffie\n- o.a. thee om 14.30 uur\n{BUREAUCRATIC}"
    report = check(text)
    assert report.words == len(split_words(text))
    assert report.sentences == len(split_sentences(text))


def test_it_finds_jargon_with_its_plain_alternative() -> None:
    report = check("Het OCMW betaalt uw leefloon.")
    assert report.jargon == (
        JargonHit("OCMW", "sociaal huis"),
        JargonHit("leefloon", DEFAULT_JARGON["leefloon"]),
    )


def test_it_finds_article_60_however_it_is_written() -> None:
    for text in ["Je werkt via art. 60.", "Je werkt via art 60.", "Je werkt via Art.60."]:
        assert check(text).jargon == (JargonHit("art. 60", DEFAULT_JARGON["art. 60"]),), text


def test_it_finds_jargon_in_any_case_with_or_without_accents_and_inflected() -> None:
    report = check(
        "Het ocmw en de OCMW's. Vraag het je maatschappelijke werker. "
        "Er komen ervaringsdeskundigen naar het clientoverleg."
    )
    assert [hit.term for hit in report.jargon] == [
        "OCMW",
        "maatschappelijk werker",
        "ervaringsdeskundige",
        "cliëntoverleg",
    ]


def test_it_reports_the_longest_jargon_term_once() -> None:
    report = check("Je krijgt een equivalent leefloon. Het equivalent leefloon komt elke maand.")
    assert [hit.term for hit in report.jargon] == ["equivalent leefloon"]


def test_it_matches_jargon_only_as_a_whole_word() -> None:
    assert check("Ze typte ORMI in.", jargon={"RMI": "inkomen"}).jargon == ()


def test_it_uses_a_custom_jargon_list_instead_of_the_default() -> None:
    report = check("Het OCMW zit in het stadhuis.", jargon={"stadhuis": "gemeentehuis"})
    assert report.jargon == (JargonHit("stadhuis", "gemeentehuis"),)


def test_it_checks_no_jargon_with_an_empty_list() -> None:
    assert check("Het OCMW betaalt uw leefloon.", jargon={}).jargon == ()


def test_it_suggests_alternatives_that_are_not_jargon_themselves() -> None:
    for term, alternative in DEFAULT_JARGON.items():
        assert check(alternative).jargon == (), term


def test_it_finds_no_rare_words_in_everyday_dutch() -> None:
    assert check("De vergadering is in het stadhuis.").rare_words == ()


def test_it_lists_rare_words_once_in_lower_case_in_order() -> None:
    # wordfreq's Zipf values in Dutch: subsidiariteit 2.21, conformiteitsattest 0 (unknown);
    # every other word here is above 4.
    report = check(
        "Subsidiariteit is moeilijk. Je krijgt een conformiteitsattest. Het principe van "
        "subsidiariteit geldt."
    )
    assert report.rare_words == ("subsidiariteit", "conformiteitsattest")


def test_it_takes_names_with_a_capital_inside_a_sentence_for_names() -> None:
    # "Jozefien" is rare in wordfreq (Zipf 2.01), but a capital inside a sentence marks a name.
    assert check("Morgen gaan we met Jozefien naar Kortrijk.").rare_words == ()


def test_it_does_not_list_jargon_numbers_or_addresses_as_rare_words() -> None:
    # "leefloon" has a Zipf value of 2.56, but it is reported as jargon with an alternative.
    report = check("Je leefloon komt. Bel 0470 12 34 56 of kijk op www.zqxv.be. Kies optie x.")
    assert report.rare_words == ()
    assert [hit.term for hit in report.jargon] == ["leefloon"]


def test_it_uses_the_given_rarity_threshold() -> None:
    # Zipf values: we 6.6, drinken 4.93, koffie 4.97.
    assert check("We drinken koffie.", rare_below=5.0).rare_words == ("drinken", "koffie")


def test_it_never_counts_placeholders_as_rare_words_or_jargon() -> None:
    report = check("Beste {naam}, het {ocmw} verwacht u op {subsidiariteit} in www.ocmw.be.")
    assert report.rare_words == ()
    assert report.jargon == ()


def test_it_counts_a_placeholder_as_one_word_of_two_syllables() -> None:
    report = check("Beste {naam}, kom op {datum}.")
    # Bes-te (2) {naam} (2) kom (1) op (1) {datum} (2).
    assert (report.words, report.syllables) == (5, 8)


def test_it_passes_an_empty_text() -> None:
    for text in ["", "  \n- \n"]:
        report = check(text)
        assert report.is_empty
        assert report.flesch_douma == 100.0
        assert report.passes(100)
        assert (report.words, report.sentences, report.syllables) == (0, 0, 0)
        assert report.average_sentence_length == 0.0
