from __future__ import annotations

import unicodedata
from typing import Any

from django import template

register = template.Library()


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
