"""Pictograms: small drawings that carry a word for people who read little or no Dutch.

The drawings live in `core/templates/pictograms/<name>.svg`, one per name in `PICTOGRAMS`, and
are inlined into the page so that they inherit the text colour, print in black on paper and need
no extra request (the site's CSP allows nothing else anyway).

In a template:

    {% load pictograms %}
    {% pictogram "date" decorative=True %} {{ meeting.starts_at|date }}
    {% pictogram "coffee" %}
    {% pictogram name size="large" %}

Most pictograms stand next to text that says the same, so `decorative=True` (hidden from screen
readers) is the common case. Without it the drawing is announced with its label, in the active
language. Other apps (e-mails, letters) call `pictogram_svg()` directly.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from django import template
from django.template.base import FilterExpression, Parser, Token, token_kwargs
from django.template.context import Context
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

register = template.Library()

PICTOGRAM_DIR = Path(__file__).resolve().parent.parent / "templates" / "pictograms"

# The label is what a screen reader says and what a tooltip shows; keep it short and concrete.
PICTOGRAMS: dict[str, StrOrPromise] = {
    "date": _("Date"),
    "time": _("Time"),
    "place": _("Place"),
    "coffee": _("Coffee and something to eat"),
    "childcare": _("Childcare"),
    "transport": _("Transport"),
    "interpreter": _("Interpreter"),
    "wheelchair": _("Wheelchair access"),
    "question": _("Question"),
    "answer": _("Answer"),
    "yes": _("Yes"),
    "no": _("No"),
}

SIZES = ("", "large")

_SVG_FILE = re.compile(r"\A\s*<svg\b(?P<attributes>[^>]*)>(?P<body>.*)</svg>\s*\Z", re.DOTALL)
_BETWEEN_TAGS = re.compile(r">\s+<")


class UnknownPictogramError(ValueError):
    """A template or caller asked for a pictogram that does not exist, usually a typo."""

    def __init__(self, name: object) -> None:
        known = ", ".join(sorted(PICTOGRAMS))
        super().__init__(f"There is no pictogram called {name!r}. Known pictograms: {known}.")


def _size_message(size: object) -> str:
    return f'A pictogram size is "large" or left out, not {size!r}.'


@cache
def _drawing(name: str) -> tuple[str, str]:
    """The root attributes and the inner markup of one SVG file, read from disk once.

    Only names from `PICTOGRAMS` reach this function, so no path from outside is ever opened.
    """
    text = (PICTOGRAM_DIR / f"{name}.svg").read_text(encoding="utf-8")
    match = _SVG_FILE.match(text)
    if match is None:
        raise ValueError(f"{PICTOGRAM_DIR / name}.svg must hold exactly one <svg> element.")
    return match["attributes"].strip(), _BETWEEN_TAGS.sub("><", match["body"].strip())


def pictogram_svg(name: str, *, decorative: bool = False, size: str = "") -> SafeString:
    """The inline `<svg>` for one pictogram, labelled in the active language.

    `decorative=True` hides it from assistive technology, for when visible text next to it
    already says the same. `size="large"` adds the `pictogram--large` class.
    """
    if name not in PICTOGRAMS:
        raise UnknownPictogramError(name)
    if size not in SIZES:
        raise ValueError(_size_message(size))
    attributes, body = _drawing(name)
    classes = f"pictogram pictogram--{name}" + (f" pictogram--{size}" if size else "")
    # The file's own attributes (viewBox, stroke, fill) come from our repository, not from users.
    root = mark_safe(attributes)
    drawing = mark_safe(body)
    if decorative:
        return format_html(
            '<svg {} class="{}" width="48" height="48" aria-hidden="true" focusable="false">'
            "{}</svg>",
            root,
            classes,
            drawing,
        )
    label = str(PICTOGRAMS[name])
    return format_html(
        '<svg {} class="{}" width="48" height="48" role="img" aria-label="{}" focusable="false">'
        "<title>{}</title>{}</svg>",
        root,
        classes,
        label,
        label,
        drawing,
    )


class PictogramNode(template.Node):
    def __init__(
        self,
        name: FilterExpression,
        decorative: FilterExpression | None,
        size: FilterExpression | None,
    ) -> None:
        self.name = name
        self.decorative = decorative
        self.size = size

    def render(self, context: Context) -> str:
        name = self.name.resolve(context)
        decorative = bool(self.decorative.resolve(context)) if self.decorative else False
        size = self.size.resolve(context) if self.size else ""
        return pictogram_svg(str(name), decorative=decorative, size=str(size or ""))


def _literal(expression: FilterExpression) -> str | None:
    """The string a template spells out literally, such as "date"; None for a variable."""
    if not expression.filters and isinstance(expression.var, str):
        return expression.var
    return None


@register.tag("pictogram")
def do_pictogram(parser: Parser, token: Token) -> PictogramNode:
    """`{% pictogram "date" [decorative=True] [size="large"] %}`.

    A literal name or size is checked when the template is compiled, so a typo fails every test
    that loads the template, even if the branch with the pictogram is never rendered.
    """
    bits = token.split_contents()
    tag_name = bits[0]
    if len(bits) < 2:
        raise template.TemplateSyntaxError(
            f'{{% {tag_name} %}} needs the name of a pictogram, as in {{% {tag_name} "date" %}}.'
        )
    name = parser.compile_filter(bits[1])
    remaining = bits[2:]
    options = token_kwargs(remaining, parser, support_legacy=False)
    unknown_options = sorted(set(options) - {"decorative", "size"})
    if remaining or unknown_options:
        raise template.TemplateSyntaxError(
            f"{{% {tag_name} %}} takes a name and optionally decorative=... and size=..., "
            f"not {' '.join(remaining) or ', '.join(unknown_options)}."
        )
    literal_name = _literal(name)
    if literal_name is not None and literal_name not in PICTOGRAMS:
        raise template.TemplateSyntaxError(str(UnknownPictogramError(literal_name)))
    size = options.get("size")
    literal_size = _literal(size) if size is not None else None
    if literal_size is not None and literal_size not in SIZES:
        raise template.TemplateSyntaxError(_size_message(literal_size))
    return PictogramNode(name, options.get("decorative"), size)
