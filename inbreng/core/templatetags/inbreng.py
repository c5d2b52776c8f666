from __future__ import annotations

import unicodedata
from typing import Any

from django import template
from django.utils.html import format_html

from inbreng.core import dates

register = template.Library()


@register.filter
def long_date(value: Any) -> str:
    """`{{ meeting.starts_at|long_date }}`: "donderdag 3 december 2026" (core/dates.py)."""
    if not value:
        return ""
    return dates.long_date(value)


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """`{{ counts|get_item:meeting.pk }}`: a dictionary lookup with a variable key."""
    if not mapping:
        return None
    return mapping.get(key)


# For PDFs: WeasyPrint knows neither `dir="auto"` nor `<bdi>`, which web pages use for text
# people typed. Without them, Dutch input in an Arabic letter gets its full stop at the start.


@register.filter(is_safe=True)
def bidi_isolate(value: Any) -> str:
    """A short text people typed, kept apart from the sentence around it (Unicode FSI ... PDI).

    Its direction follows its own first letter, as `<bdi>` does. Only for text on one line:
    isolation does not carry over to the next line.
    """
    return f"\u2068{value}\u2069"


@register.filter
def bdi(value: Any) -> str:
    """`{% blocktranslate with name=person.name|bdi %}`: text people typed, isolated inside a
    sentence of the page (`<bdi>`), so that a right-to-left name or a stray U+202E cannot turn
    the words around it."""
    return format_html("<bdi>{}</bdi>", value)


@register.filter
def text_direction(value: Any) -> str:
    """`dir` for a block of text people typed: from its first letter, as `dir="auto"` does."""
    for char in str(value):
        kind = unicodedata.bidirectional(char)
        if kind in {"R", "AL"}:
            return "rtl"
        if kind == "L":
            return "ltr"
    return "auto"


@register.simple_tag
def translatable_languages() -> list[str]:
    """The languages participants read other than Dutch: those staff can translate into."""
    from django.conf import settings

    return [code for code in settings.PARTICIPANT_LANGUAGES if code != "nl"]


@register.filter
def is_optional(field: Any) -> bool:
    """Whether a form field may be left empty, to say "(optional)" next to its label.

    A field that is required only in some cases (an explanation "required when not adopted")
    is `required=False` for Django, but it is not optional to the person filling it in: forms
    name such fields in `conditionally_required`. A field with an error is never called
    optional either: the error says what is missing.
    """
    if field.field.required or field.errors:
        return False
    return field.name not in getattr(field.form, "conditionally_required", ())
