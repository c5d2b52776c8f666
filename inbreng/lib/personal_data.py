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
