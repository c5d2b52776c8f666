"""Signals for policy: recorded without personal data."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from inbreng.core.models import AuditEvent, Organisation, User
from inbreng.core.services import save_with
from inbreng.lib import personal_data as detect
from inbreng.lib.script import without_hidden_characters
from inbreng.people.models import Participant

from ..models import (
    CaseConference,
    Signal,
)

REFUSALS = {
    "national_number": gettext_lazy(
        "This looks like a national register number. Signals hold no personal data."
    ),
    "phone": gettext_lazy("This looks like a phone number. Signals hold no personal data."),
    "email": gettext_lazy("This looks like an e-mail address. Signals hold no personal data."),
    "name": gettext_lazy(
        "This holds the name of someone in the register. Signals hold no personal data."
    ),
    "initials": gettext_lazy(
        "This looks like a person's name (an initial or a title and a surname). "
        "Signals hold no personal data."
    ),
    "address": gettext_lazy(
        "This looks like a street address with a house number. Signals hold no personal data."
    ),
}

# Hardening the detector (casework/detect.py) against text written to slip past it: the same
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
    return re.sub(r"[^a-z0-9\u00c0-\uffff]", "", detect.fold(word))


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


def findings(text: str, register_names: Iterable[str] = ()) -> list[detect.Finding]:
    """Everything in the text that looks like personal data, however it is written.

    Runs the detector on the normalised text (and on the text with separators between
    letters taken out), then looks for names from the register (a whole name in any case,
    one word of it with a capital or after an initial), an initial or a title with a surname,
    and a street with a house number.
    """
    register = [(name, _name_keys(name)) for name in register_names]
    found: list[detect.Finding] = []
    for variant in variants(text):
        for finding in detect.personal_data(variant):
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
                found.append(detect.Finding("name", name))
        for match in _INITIALS.finditer(variant):
            surname = match.group(1)
            if surname[0].isupper() and not _is_common_word(surname):
                found.append(detect.Finding("initials", match.group(0)))
        for index, pattern in enumerate(_ADDRESSES):
            for match in pattern.finditer(variant):
                street = _WORD.findall(match.group(0))[0]
                if index == 1 and _is_common_word(street, STREET_WORD_ZIPF):
                    continue  # "Onderweg 3 keer": a sentence, not a street
                found.append(detect.Finding("address", match.group(0)))
    unique: list[detect.Finding] = []
    for finding in found:
        if finding not in unique:
            unique.append(finding)
    return unique


def _register_names(organisation: Organisation) -> list[str]:
    """Every name in the organisation's register, as people are called and as on letters.

    All of them, not a pre-selection by the words of the text: a pre-selection on capitalised
    words let a name written in lower case, or after 50 other words, through. A signal is
    recorded a few times a month; a city's register is a few thousand names.
    """
    rows = Participant.objects.filter(
        organisation=organisation, erased_at__isnull=True
    ).values_list("name", "postal_name")
    return [n for row in rows.iterator() for n in row if n]


def personal_data_errors(organisation: Organisation, **fields: str) -> dict[str, str]:
    """Per field, why it is refused: it looks like it holds personal data."""
    if not any(value.strip() for value in fields.values()):
        return {}
    names = _register_names(organisation)
    errors = {}
    for field, text in fields.items():
        found = findings(text, names)
        if found:
            errors[field] = str(REFUSALS[found[0].kind])
    return errors


@transaction.atomic
def signal_record(
    *,
    organisation: Organisation,
    by: User,
    case: CaseConference | None,
    kind: str,
    life_domain: str,
    concerns: str,
    description: str,
    recorded_on: date | None = None,
) -> Signal:
    """Records a signal for policy. A text that looks like personal data is refused."""
    errors = personal_data_errors(organisation, concerns=concerns, description=description)
    if errors:
        raise ValidationError(errors)
    signal = save_with(
        Signal(organisation=organisation),
        case=case,
        kind=kind,
        life_domain=life_domain,
        concerns=without_hidden_characters(concerns).strip(),
        description=without_hidden_characters(description).strip(),
        recorded_on=recorded_on or timezone.localdate(),
        recorded_by=by,
    )
    AuditEvent.record(
        organisation=organisation, actor=by, action=AuditEvent.Action.CREATE, obj=signal
    )
    return signal  # type: ignore[no-any-return]
