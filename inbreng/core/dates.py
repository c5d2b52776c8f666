"""The one way participant texts write a day: "donderdag 3 december 2026".

Letters, SMS, call scripts, pass-on texts and the participant's own page all use it (in
templates as the `long_date` filter), in the language that is active.
"""

from __future__ import annotations

from datetime import date, datetime

from django.utils import formats, timezone

LONG_DATE = "l j F Y"


def long_date(value: date) -> str:
    """A day as people say it, with its weekday, in the active language."""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return formats.date_format(value, LONG_DATE)
