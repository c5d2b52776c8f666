"""Splitting text into the sentences and words a reader sees."""

from __future__ import annotations

import pytest

from inbreng.plainlanguage import split_sentences, split_words


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "Breng bv. je identiteitskaart mee. Je krijgt o.a. koffie.",
            ["Breng bv. je identiteitskaart mee.", "Je krijgt o.a. koffie."],
        ),
        (
            "Volgens art. 60 heb je recht op werk. Vraag het aan dhr. Peeters of mevr. Janssens.",
            [
                "Volgens art. 60 heb je recht op werk.",
                "Vraag het aan dhr. Peeters of mevr. Janssens.",
            ],
        ),
        (
            "Het is in lokaal nr. 3. Het begint om 14.30 uur. Een ticket kost 3.5 euro.",
            ["Het is in lokaal nr. 3.", "Het begint om 14.30 uur.", "Een ticket kost 3.5 euro."],
        ),
        ("J. Peeters komt om 14u30.", ["J. Peeters komt om 14u30."]),
        ("Vraag het aan J.P. Peeters.", ["Vraag het aan J.P. Peeters."]),
        (
            "Het is een v.z.w. Die helpt. Het is een v.z.w. die helpt.",
            ["Het is een v.z.w.", "Die helpt.", "Het is een v.z.w. die helpt."],
        ),
        (
            "We hebben koffie, thee enz. Kom je ook?",
            ["We hebben koffie, thee enz.", "Kom je ook?"],
        ),
        (
            "Op 1 jan. 2026 begint het. Ik zag Jan. Hij was blij.",
            ["Op 1 jan. 2026 begint het.", "Ik zag Jan.", "Hij was blij."],
        ),
        (
            "Ik weet het niet... misschien kom ik. Wacht eens… Ja, ik kom!",
            ["Ik weet het niet... misschien kom ik.", "Wacht eens…", "Ja, ik kom!"],
        ),
        ("Kom je? Ja! Echt?! Ja.", ["Kom je?", "Ja!", "Echt?!", "Ja."]),
        ('Hij zei: "Kom." Dan ging hij.', ['Hij zei: "Kom."', "Dan ging hij."]),
        (
            "Kijk op www.inbreng.be. Mail naar info@ocmw-gent.be als je vragen hebt.",
            ["Kijk op www.inbreng.be.", "Mail naar info@ocmw-gent.be als je vragen hebt."],
        ),
    ],
)
def test_it_splits_sentences_but_not_at_abbreviations_numbers_or_addresses(
    text: str, sentences: list[str]
) -> None:
    assert split_sentences(text) == sentences


def test_it_makes_every_line_of_a_list_a_sentence_without_its_marker() -> None:
    text = (
        "Wat breng je mee?\n"
        "- je identiteitskaart\n"
        "• je bankkaart\n"
        "\n"
        "1. Kom op tijd.\r\n"
        "2) Bel ons als je niet kan komen\n"
    )
    assert split_sentences(text) == [
        "Wat breng je mee?",
        "je identiteitskaart",
        "je bankkaart",
        "Kom op tijd.",
        "Bel ons als je niet kan komen",
    ]
    # The list numbers are markers, not words.
    assert "1" not in split_words(text)
    assert "2" not in split_words(text)


def test_it_makes_the_greeting_of_a_letter_its_own_sentence() -> None:
    assert split_sentences("Beste {naam},\n\nWe nodigen je uit.") == [
        "Beste {naam},",
        "We nodigen je uit.",
    ]


@pytest.mark.parametrize("text", ["", "   ", "\n\n---\n", "- \n• ", "...", "😀"])
def test_it_finds_no_sentence_in_text_without_words(text: str) -> None:
    assert split_sentences(text) == []
    assert split_words(text) == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Twee auto's en zo'n fiets.", ["Twee", "auto's", "en", "zo'n", "fiets"]),
        ("'s Avonds is het stil.", ["'s", "Avonds", "is", "het", "stil"]),
        ("’s avonds", ["’s", "avonds"]),
        ("Stuur een e-mail naar Sint-Niklaas.", ["Stuur", "een", "e-mail", "naar", "Sint-Niklaas"]),
        ("De cliënt zegt 'hallo'.", ["De", "cliënt", "zegt", "hallo"]),
        (
            "Om 14.30 of 14u30, met 12 mensen.",
            ["Om", "14.30", "of", "14u30", "met", "12", "mensen"],
        ),
        ("Het kost 3,50 euro, de 3de keer.", ["Het", "kost", "3,50", "euro", "de", "3de", "keer"]),
        ("COVID-19 is voorbij.", ["COVID-19", "is", "voorbij"]),
        ("We hebben o.a. koffie.", ["We", "hebben", "o.a.", "koffie"]),
        ("Dag {naam}, tot {{ datum }}!", ["Dag", "{naam}", "tot", "{{ datum }}"]),
        (
            "Zie https://www.inbreng.be/vraag?id=3. Of mail info@ocmw.be!",
            ["Zie", "https://www.inbreng.be/vraag?id=3", "Of", "mail", "info@ocmw.be"],
        ),
    ],
)
def test_it_splits_words_as_a_reader_counts_them(text: str, words: list[str]) -> None:
    assert split_words(text) == words
