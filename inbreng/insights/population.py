"""Reading the client population (counts per profile category per year) from CSV or XLSX.

The file has a header row naming the columns year, question, answer and count (in Dutch
`jaar`, `vraag`, `antwoord`, `aantal`). Every line is checked; an error names the line and the
reason. The caller saves nothing unless every line is right.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from inbreng.lib.text import fold
from inbreng.people.importing import ImportFileError, _read_rows
from inbreng.people.models import PREFER_NOT, AgeBand, HouseholdType, IncomeSituation, Language

from .models import FIRST_YEAR, LAST_YEAR, Dimension

# A population file has one line per category per year: a few hundred at most.
MAX_LINES = 2000
MAX_BYTES = 1024 * 1024
TIME_LIMIT = 10.0
CATEGORY_MAX = 100

HEADERS = {
    "jaar": "year",
    "year": "year",
    "vraag": "dimension",
    "kenmerk": "dimension",
    "question": "dimension",
    "dimension": "dimension",
    "antwoord": "category",
    "categorie": "category",
    "answer": "category",
    "category": "category",
    "aantal": "count",
    "aantal clienten": "count",
    "count": "count",
    "number": "count",
}

CHOICES: dict[str, list[tuple[str, Any]]] = {
    Dimension.AGE_BAND: AgeBand.choices,
    Dimension.HOUSEHOLD_TYPE: HouseholdType.choices,
    Dimension.HOME_LANGUAGE: Language.choices,
    Dimension.INCOME_SITUATION: IncomeSituation.choices,
}


# Other ways offices write the answers, besides the codes and labels.
CATEGORY_ALIASES: dict[str, dict[str, str]] = {
    Dimension.AGE_BAND: {
        "<25": "u25",
        "-25": "u25",
        "onder 25": "u25",
        "25-44": "25_44",
        "25 tot 44": "25_44",
        "45-64": "45_64",
        "45 tot 64": "45_64",
        "65+": "65p",
        "65 plus": "65p",
        "65 en ouder": "65p",
    },
    Dimension.HOUSEHOLD_TYPE: {
        "alleenstaand": "single",
        "alleen wonend": "single",
        "alleenstaande ouder": "single_parent",
        "eenoudergezin": "single_parent",
        "koppel": "couple",
        "gezin met kinderen": "couple_children",
        "anders": "other",
    },
    Dimension.INCOME_SITUATION: {
        "leefloon": "integration_income",
        "uitkering": "benefit",
        "werk": "work",
        "arbeid": "work",
        "geen": "none",
        "anders": "other",
    },
}


def _words(choices: list[tuple[str, Any]]) -> dict[str, str]:
    """Each code, and its label in Dutch and English, folded, mapped to the code."""
    words: dict[str, str] = {}
    for code, label in choices:
        if code == PREFER_NOT:
            # The population is counted by the organisation: nobody "rather not says" there.
            continue
        words[fold(code)] = code
        for language in ("nl", "en"):
            with translation.override(language):
                words[fold(str(label))] = code
    return words


# Other words people use for the questions, besides the labels.
DIMENSION_ALIASES = {
    "leeftijd": Dimension.AGE_BAND,
    "leeftijdsgroep": Dimension.AGE_BAND,
    "gezin": Dimension.HOUSEHOLD_TYPE,
    "gezinsvorm": Dimension.HOUSEHOLD_TYPE,
    "huishouden": Dimension.HOUSEHOLD_TYPE,
    "taal": Dimension.HOME_LANGUAGE,
    "thuistaal": Dimension.HOME_LANGUAGE,
    "taal thuis": Dimension.HOME_LANGUAGE,
    "buurt": Dimension.NEIGHBOURHOOD,
    "wijk": Dimension.NEIGHBOURHOOD,
    "deelgemeente": Dimension.NEIGHBOURHOOD,
    "inkomen": Dimension.INCOME_SITUATION,
    "inkomensbron": Dimension.INCOME_SITUATION,
}


def dimension_words() -> dict[str, str]:
    return _words(list(Dimension.choices)) | {k: str(v) for k, v in DIMENSION_ALIASES.items()}


@dataclass
class PopulationRow:
    line: int
    year: int | None = None
    dimension: str = ""
    category: str = ""
    count: int | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def dimension_label(self) -> str:
        return str(dict(Dimension.choices).get(self.dimension, self.dimension))

    @property
    def category_label(self) -> str:
        labels = dict(CHOICES.get(self.dimension, []))
        return str(labels.get(self.category, self.category))


def whole_number(text: str) -> int | None:
    """A count as people write it: 1234, 1.234 or 1 234 (Dutch), or 1234.0 from Excel."""
    text = text.strip()
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    if re.fullmatch(r"-?\d{1,3}([. ]\d{3})+", text):
        return int(text.replace(".", "").replace(" ", ""))
    if re.fullmatch(r"-?\d+[.,]0+", text):
        return int(re.split(r"[.,]", text)[0])
    return None


def parse_population(name: str, content: bytes) -> list[PopulationRow]:
    """Reads and checks every line. Raises ImportFileError when the file is unusable."""
    if len(content) > MAX_BYTES:
        raise ImportFileError(_("The file is larger than 1 MB."))
    rows = _read_rows(name, content)
    try:
        _header_line, header = next(rows)
    except StopIteration:
        raise ImportFileError(_("The file is empty.")) from None
    columns: dict[str, int] = {}
    for index, title in enumerate(header):
        key = HEADERS.get(fold(title))
        if key and key not in columns:
            columns[key] = index
    missing = [k for k in ("year", "dimension", "category", "count") if k not in columns]
    if missing:
        raise ImportFileError(
            _("The first row must name the columns: jaar, vraag, antwoord and aantal.")
        )
    dimensions = dimension_words()
    categories = {
        dimension: _words(choices) | CATEGORY_ALIASES.get(dimension, {})
        for dimension, choices in CHOICES.items()
    }
    seen: dict[tuple[int, str, str], int] = {}
    result: list[PopulationRow] = []
    deadline = time.monotonic() + TIME_LIMIT
    for line, values in rows:
        if line > MAX_LINES or time.monotonic() > deadline:
            raise ImportFileError(
                _("The file has more than %(max)d lines. Split it.") % {"max": MAX_LINES}
            )
        if not any(values):
            continue

        def cell(key: str, values: list[str] = values) -> str:
            index = columns[key]
            return values[index] if index < len(values) else ""

        row = PopulationRow(line=line)
        year_text = cell("year")
        if not year_text:
            row.errors.append(_("The year is missing."))
        else:
            try:
                year = int(year_text.removesuffix(".0"))
            except ValueError:
                row.errors.append(
                    _("The year “%(value)s” is not a year.") % {"value": year_text[:20]}
                )
            else:
                if FIRST_YEAR <= year <= LAST_YEAR:
                    row.year = year
                else:
                    row.errors.append(
                        _("The year must be between %(first)d and %(last)d.")
                        % {"first": FIRST_YEAR, "last": LAST_YEAR}
                    )
        dimension_text = cell("dimension")
        row.dimension = dimensions.get(fold(dimension_text), "")
        if not row.dimension:
            row.errors.append(
                _("We do not know the question “%(value)s”.") % {"value": dimension_text[:40]}
            )
        category_text = cell("category")
        if not category_text:
            row.errors.append(_("The answer is missing."))
        elif row.dimension == Dimension.NEIGHBOURHOOD:
            # Neighbourhoods are the organisation's own: any name, written as in the profile.
            row.category = category_text[:CATEGORY_MAX]
        elif row.dimension:
            row.category = categories[row.dimension].get(fold(category_text), "")
            if not row.category:
                row.errors.append(
                    _("We do not know the answer “%(value)s” for this question.")
                    % {"value": category_text[:40]}
                )
        count = whole_number(cell("count"))
        if count is None:
            row.errors.append(
                _("The number “%(value)s” is not a whole number.") % {"value": cell("count")[:20]}
            )
        elif count < 0:
            row.errors.append(_("The number cannot be below zero."))
        else:
            row.count = count
        if row.year is not None and row.dimension and row.category:
            seen_key = (row.year, row.dimension, fold(row.category))
            if seen_key in seen:
                row.errors.append(
                    _("This answer is already on line %(line)d for the same year.")
                    % {"line": seen[seen_key]}
                )
            else:
                seen[seen_key] = line
        result.append(row)
    if not result:
        raise ImportFileError(_("The file has no counts in it, only a header row."))
    return result
