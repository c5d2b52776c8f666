"""Finds what looks like personal data (national numbers, phones, e-mail, names) in a text.

Used where a text must be free of it: policy signals from case conferences, the memory.

Django-free, so that it can be property-tested on its own. It errs on the side of refusing:
a signal that is refused can be reworded, a name that slips through cannot be taken back.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# A national register number (rijksregisternummer): YY.MM.DD-XXX.CC, 11 digits, written
# with or without dots, dashes, slashes or spaces between the groups.
_SEP = r"[ .\-/]?"
NATIONAL_NUMBER = re.compile(
    rf"(?<![0-9])[0-9]{{2}}{_SEP}[0-9]{{2}}{_SEP}[0-9]{{2}}{_SEP}[0-9]{{3}}{_SEP}[0-9]{{2}}(?![0-9])"
)
# A phone number: an international start (+32, 0032) or a national 0, then 8 to 10 more
# digits, with at most one separator (space, dot, slash, dash) between any two of them.
_S = r"[ ./\-]?"
PHONE = re.compile(
    rf"(?<![0-9+])(?:(?:\+|00)[1-9][0-9]?{_S}(?:\(?0\)?{_S})?|0)[1-9](?:{_S}[0-9]){{7,9}}(?![0-9])"
)
E_MAIL = re.compile(
    r"[A-Za-z0-9._%+\-]+\s*(?:@|\(at\)|\[at\])\s*[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"
)
# Words that may be (part of) a name: letters, with an apostrophe or hyphen inside.
_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")


@dataclass(frozen=True)
class Finding:
    kind: str  # "national_number", "phone", "email" or "name"
    text: str


def fold(text: str) -> str:
    """Lower case without accents, for comparing names as people type them."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def national_numbers(text: str) -> list[str]:
    return [m.group(0) for m in NATIONAL_NUMBER.finditer(text)]


def phone_numbers(text: str) -> list[str]:
    return [m.group(0) for m in PHONE.finditer(text)]


def e_mail_addresses(text: str) -> list[str]:
    return [m.group(0) for m in E_MAIL.finditer(text)]


def name_words(name: str) -> list[str]:
    """The words of a registered name that identify a person: at least 3 letters (so an
    initial such as "T." or a particle such as "de" does not count)."""
    return [fold(w) for w in _WORD.findall(name) if len(w) >= 3]


def candidate_words(text: str) -> list[str]:
    """Words in the text that could be a name: capitalised, at least 3 letters."""
    return [w for w in _WORD.findall(text) if len(w) >= 3 and w[0].isupper()]


def names_in(text: str, register_names: Iterable[str]) -> list[str]:
    """Names from the register that occur in the text.

    A whole registered name matches in any case ("anouk t." too). One word of a name
    matches when the text writes it with a capital, as a name is written; so "Roos" is
    refused when a Roos is in the register, but "rozen" or "een roos" are not.
    """
    folded_text = " " + " ".join(fold(w) for w in _WORD.findall(text)) + " "
    capitalised = {fold(w) for w in candidate_words(text)}
    found = []
    for name in register_names:
        words = name_words(name)
        if not words:
            continue
        whole = " " + " ".join(words) + " "
        if (len(words) > 1 and whole in folded_text) or any(word in capitalised for word in words):
            found.append(name)
    return found


def personal_data(text: str, register_names: Iterable[str] = ()) -> list[Finding]:
    """Everything in the text that looks like personal data, national numbers first."""
    addresses = e_mail_addresses(text)
    # Digits inside an e-mail address are part of the address, not a phone number.
    rest = E_MAIL.sub(" ", text)
    findings = [Finding("national_number", t) for t in national_numbers(rest)]
    numbers = {f.text for f in findings}
    findings += [
        Finding("phone", t)
        for t in phone_numbers(rest)
        if not any(t in n or n in t for n in numbers)
    ]
    findings += [Finding("email", t) for t in addresses]
    findings += [Finding("name", t) for t in names_in(rest, register_names)]
    return findings


# Hardening the detector (the functions above) against text written to slip past it: the same
# name or number in look-alike letters, with invisible characters, with separators between
# the letters, as a possessive, as initials with a surname, or as an address. Every text and
# every register name goes through the same `normalise`, so they compare like with like.

# Cyrillic and Greek letters that look like Latin ones ("Аnouk" with a Cyrillic А).
HOMOGLYPHS = str.maketrans(
    {
        # Cyrillic
        "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
        "С": "C", "Т": "T", "Х": "X", "У": "Y", "І": "I", "Ј": "J", "Ѕ": "S", "Ү": "Y",
        "Ԛ": "Q", "Ԝ": "W", "Ӏ": "I",
        "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i",
        "ј": "j", "ѕ": "s", "һ": "h", "ԁ": "d", "ӏ": "l", "ԛ": "q", "ԝ": "w", "ү": "y",
        "ь": "b", "п": "n", "т": "t", "к": "k", "м": "m", "н": "h", "в": "b",
        # Greek
        "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
        "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
        "α": "a", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t",
        "υ": "u", "χ": "x", "ϲ": "c", "ϳ": "j",
    }
)  # fmt: skip
_LETTER = r"[^\W\d_]"
# "Jan's", "Peeters'": the possessive is not part of the name. "D'Hondt" stays.
_POSSESSIVE = re.compile(rf"(?<={_LETTER})['’‘`´](?:s(?!{_LETTER}))?(?!{_LETTER})")
# Single letters with separators between them: "J.a.n", "J-a-n", "J a n", "P e e t e r s".
_SPACED = re.compile(rf"(?<!{_LETTER}){_LETTER}(?:[ .\-_*·/]{{1,2}}{_LETTER}(?!{_LETTER})){{2,}}")
# A separator inside a word: "Pee.ters", "Pee_ters".
_INSIDE = re.compile(rf"(?<={_LETTER})[.\-_*·/](?={_LETTER})")
_WORD = re.compile(rf"{_LETTER}+(?:['’\-]{_LETTER}+)*")
# Words of a name that say nothing about who it is.
PARTICLES = frozenset(
    {"van", "von", "vander", "vanden", "den", "der", "del", "della", "des", "het", "ter", "ten"}
    | {"les", "bin", "ibn"}
)
# An initial (or two) or a title, then a surname: "J. Peeters", "J.P. Peeters", "mevr. Peeters".
_TITLE = r"(?:dhr|mevr|mvr|mw|mr|mme|mlle|mevrouw|meneer|mijnheer|madame|monsieur|juffrouw)"
_INITIALS = re.compile(
    rf"(?<!{_LETTER})(?:(?:[A-Z]\.\s?){{1,3}}|(?i:{_TITLE})\.?\s+)"
    rf"(?:[A-Z]{_LETTER}{{0,3}}\s)?({_LETTER}{{3,}}(?:[-']{_LETTER}+)*)"
)
# The same, in any case, for a registered surname: "j. peeters".
_AFTER_INITIAL = re.compile(
    rf"(?<!{_LETTER})(?:(?:{_LETTER}\.\s?){{1,3}}|(?i:{_TITLE})\.?\s+)({_LETTER}{{3,}})"
)
# Words so common that "B. De wachtlijst" is a list item and a sentence, not a name.
COMMON_WORD_ZIPF = 5.0
# Below this, a word is rare enough in Dutch to be a name also when written in lower case.
RARE_ZIPF = 3.5
# A capitalised ordinary word before a number is a sentence ("Onderweg 3 keer"), not a street.
STREET_WORD_ZIPF = 4.0
# A street and a house number: "Kerkstraat 12", "Sint-Jansplein 3 bus 2", "Grote Markt 1",
# "Rue de la Loi 16". Street words that are also ordinary words ("arbeidsmarkt 2024",
# "onderweg 3 keer") count only with a capital, as a street name is written.
_STRONG = r"straat|laan|plein|steenweg|dreef"
_WEAK = r"weg|markt|kaai|dijk|singel|vest|gracht|lei|hof|pad|baan|wegel|berg|veld|hoek|rei"
_STRONG_CAPITALISED = "|".join(word.capitalize() for word in _STRONG.split("|"))
_WEAK_CAPITALISED = "|".join(word.capitalize() for word in _WEAK.split("|"))
_NUMBER = (
    r"(?:nr\.?\s*)?[0-9]{1,4}(?:\s?[a-zA-Z](?![a-zA-Z]))?(?:\s*(?:bus|bte|b\.)\s*[0-9]+)?(?![0-9])"
)
# The second pattern (a capitalised word ending in a short street word) also matches
# ordinary words; `findings` skips those that are common Dutch words.
_ADDRESSES = [
    re.compile(rf"(?i:{_LETTER}{{2,}}(?:-{_LETTER}+)*(?:{_STRONG}))\s*,?\s*{_NUMBER}"),
    re.compile(rf"[A-Z]{_LETTER}+(?:-{_LETTER}+)*(?:{_WEAK})\s*,?\s*{_NUMBER}"),
    re.compile(rf"[A-Z]{_LETTER}+\s(?:{_STRONG_CAPITALISED}|{_WEAK_CAPITALISED})\s*,?\s*{_NUMBER}"),
    re.compile(
        rf"(?i:\b(?:rue|avenue|boulevard|chauss[ée]e|place|chemin|all[ée]e|square|quai)\s+)"
        rf"(?:{_LETTER}+['’]?\s+){{1,5}}{_NUMBER}"
    ),
]


def normalise(text: str) -> str:
    """The text as the detector reads it: look-alike characters made plain.

    NFKC (full-width and styled letters and digits become plain ones), invisible format
    characters dropped, every decimal digit as 0-9, Cyrillic and Greek look-alikes as Latin,
    and a possessive 's taken off the name.
    """
    text = unicodedata.normalize("NFKC", text)
    text = "".join(
        str(unicodedata.decimal(char)) if char.isdecimal() else char
        for char in text
        if unicodedata.category(char) != "Cf"
    )
    text = text.translate(HOMOGLYPHS)
    return _POSSESSIVE.sub("", text)


def variants(text: str) -> list[str]:
    """The normalised text, and the same with the separators between letters taken out."""
    plain = normalise(text)
    joined = _SPACED.sub(lambda m: re.sub(r"[^\w]|_", "", m.group(0)), plain)
    joined = _INSIDE.sub("", joined)
    return [plain] if joined == plain else [plain, joined]


def _key(word: str) -> str:
    return re.sub(r"[^a-z0-9\u00c0-\uffff]", "", fold(word))


def _name_keys(name: str) -> list[str]:
    """The words of a registered name that identify someone, as keys: no initials, no
    particles ("van", "de"), at least three letters."""
    keys = []
    for word in _WORD.findall(normalise(name)):
        key = _key(word)
        if len(key) >= 3 and key not in PARTICLES:
            keys.append(key)
    return keys


def _is_common_word(word: str, zipf: float = COMMON_WORD_ZIPF) -> bool:
    from wordfreq import zipf_frequency

    return bool(zipf_frequency(word.casefold(), "nl") >= zipf)


def findings(text: str, register_names: Iterable[str] = ()) -> list[Finding]:
    """Everything in the text that looks like personal data, however it is written.

    Runs the detector on the normalised text (and on the text with separators between
    letters taken out), then looks for names from the register (a whole name in any case,
    one word of it with a capital or after an initial), an initial or a title with a surname,
    and a street with a house number.
    """
    register = [(name, _name_keys(name)) for name in register_names]
    found: list[Finding] = []
    for variant in variants(text):
        for finding in personal_data(variant):
            found.append(finding)
        tokens = [(m.group(0), _key(m.group(0)), m.start()) for m in _WORD.finditer(variant)]
        after_initial = {_key(m.group(1)) for m in _AFTER_INITIAL.finditer(variant)}
        keys = " " + " ".join(key for _word, key, _start in tokens) + " "
        capitalised = {key for word, key, _start in tokens if word[0].isupper()}
        # In lower case, a word of a registered name counts when it is not an ordinary
        # word: "yasmina" does, "roos" (a rose) and "jan" do not.
        rare = {key for _word, key, _start in tokens if not _is_common_word(key, RARE_ZIPF)}
        for name, words in register:
            if not words:
                continue
            whole = " " + " ".join(words) + " "
            if (
                (len(words) > 1 and whole in keys)
                or any(word in capitalised for word in words)
                or any(word in after_initial or word in rare for word in words)
            ):
                found.append(Finding("name", name))
        for match in _INITIALS.finditer(variant):
            surname = match.group(1)
            if surname[0].isupper() and not _is_common_word(surname):
                found.append(Finding("initials", match.group(0)))
        for index, pattern in enumerate(_ADDRESSES):
            for match in pattern.finditer(variant):
                street = _WORD.findall(match.group(0))[0]
                if index == 1 and _is_common_word(street, STREET_WORD_ZIPF):
                    continue  # "Onderweg 3 keer": a sentence, not a street
                found.append(Finding("address", match.group(0)))
    unique: list[Finding] = []
    for finding in found:
        if finding not in unique:
            unique.append(finding)
    return unique
