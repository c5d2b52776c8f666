"""Small helpers to read pages the way a person sees them."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

from django.http import HttpResponse

VOID_ELEMENTS = {
    "area",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "wbr",
}


class _ElementText(HTMLParser):
    """Collects the text inside every element that matches an id or a class."""

    def __init__(self, *, element_id: str | None, css_class: str | None, tag: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.element_id = element_id
        self.css_class = css_class
        self.tag = tag
        self.depth = 0
        self.current: list[str] = []
        self.found: list[str] = []

    def _matches(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        if self.tag is not None and tag == self.tag:
            return True
        values = dict(attrs)
        if self.element_id is not None and values.get("id") == self.element_id:
            return True
        classes = (values.get("class") or "").split()
        return self.css_class is not None and self.css_class in classes

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_ELEMENTS:
            return
        if self.depth:
            self.depth += 1
        elif self._matches(tag, attrs):
            self.depth = 1
            self.current = []

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_ELEMENTS or not self.depth:
            return
        self.depth -= 1
        if not self.depth:
            self.found.append(" ".join("".join(self.current).split()))

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.current.append(data)


def texts(
    response: HttpResponse | str,
    *,
    id: str | None = None,
    cls: str | None = None,
    tag: str | None = None,
) -> list[str]:
    """The visible text of each element with this id, class or tag, whitespace collapsed."""
    html = response if isinstance(response, str) else response.content.decode()
    parser = _ElementText(element_id=id, css_class=cls, tag=tag)
    parser.feed(html)
    return parser.found


def text(
    response: HttpResponse | str,
    *,
    id: str | None = None,
    cls: str | None = None,
    tag: str | None = None,
) -> str:
    """The text of the first element with this id, class or tag, or "" when there is none."""
    found = texts(response, id=id, cls=cls, tag=tag)
    return found[0] if found else ""


def header_organisation(response: HttpResponse) -> str:
    """The organisation the header says the person works in."""
    return text(response, cls="active-org")


def field_error(response: HttpResponse, field: str) -> str:
    """The error shown right next to a form field (see components/field.html)."""
    return text(response, id=f"id_{field}_error")


def messages_shown(response: HttpResponse) -> str:
    return " ".join(texts(response, cls="message"))


def post_data(**fields: Any) -> dict[str, Any]:
    """Form data as a browser sends it: unchecked boxes are simply left out."""
    data: dict[str, Any] = {}
    for name, value in fields.items():
        if value is True:
            data[name] = "on"
        elif value is False or value is None:
            continue
        else:
            data[name] = value
    return data


def dutch(message: str) -> str:
    """A source string as a Dutch page shows it (Dutch is the default language)."""
    from django.utils import translation

    with translation.override("nl"):
        return translation.gettext(message)


def dutch_count(singular: str, plural: str, count: int) -> str:
    """A counted sentence from a `{% blocktranslate count counter=... %}` block, in Dutch."""
    from django.utils import translation

    with translation.override("nl"):
        return translation.ngettext(singular, plural, count) % {"counter": count}
