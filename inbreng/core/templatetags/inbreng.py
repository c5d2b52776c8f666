from __future__ import annotations

import re
import unicodedata
from typing import Any

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

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


@register.filter(is_safe=True, needs_autoescape=True)
def paragraphs(value: Any, autoescape: bool = True) -> str:
    """Like `linebreaks`, with each paragraph and each line in its own direction.

    A text in Arabic may hold a Dutch line (a question's title, a place): on its own line,
    isolated left to right, its full stop stays at its end instead of jumping to the front.
    """
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return ""
    out = []
    for block in re.split(r"\n{2,}", text):
        lines = [line for line in block.split("\n")]
        shown = "<br>".join(
            f'<span dir="{text_direction(line)}">{escape(line) if autoescape else line}</span>'
            for line in lines
        )
        out.append(f'<p dir="{text_direction(block)}">{shown}</p>')
    return mark_safe("\n".join(out))


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


# A status badge's look per status: (modifier, mark). Anything else is neutral.
_BADGES = {
    "adopted": ("yes", "✓"),
    "done": ("yes", "✓"),
    "answered": ("yes", "✓"),
    "on_time": ("yes", "✓"),
    "partly": ("partly", "◐"),
    "not_adopted": ("no", "✗"),
    "studying": ("studying", "…"),
    "overdue": ("overdue", "!"),
    "late": ("late", "!"),
}


@register.simple_tag
def status_badge(status: Any, label: Any) -> str:
    """`{% status_badge "overdue" label %}`: a status, coloured by what it means and always
    with its word, never colour alone. The mark before the word is for the eye only; the
    word says it all. Statuses: adopted, done, answered or on_time (yes), partly,
    not_adopted, studying, overdue or late; anything else is a neutral badge.

    A tag rather than an included template: a page of fifty inputs shows fifty badges."""
    kind = str(status or "neutral")
    modifier, mark = _BADGES.get(kind, ("neutral", "•"))
    return format_html(
        '<span class="status-badge status-badge--{}" data-status="{}">'
        '<span class="status-badge__mark" aria-hidden="true">{}</span> {}</span>',
        modifier,
        kind,
        mark,
        label,
    )
