"""The one way participant texts write a day: "donderdag 3 december 2026".

Letters, SMS, call scripts, pass-on texts and the participant's own page all use it (in
templates as the `long_date` filter), in the language that is active.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from django.utils import formats, timezone, translation

LONG_DATE = "l j F Y"


def long_date(value: date) -> str:
    """A day as people say it, with its weekday, in the active language."""
    if isinstance(value, datetime):
        value = (timezone.localtime(value) if timezone.is_aware(value) else value).date()
    return _long_date(value, translation.get_language())


@lru_cache(maxsize=4096)
def _long_date(day: date, language: str | None) -> str:
    # Formatting looks up the weekday and month names in the translations each time: a
    # page of answers writes the same few days over and over. `language` (the active one)
    # is part of the key.
    return formats.date_format(day, LONG_DATE)
