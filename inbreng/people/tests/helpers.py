"""Reading pages the way a person sees them: text next to a field, what a field holds."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.test import Client

VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.walk()

    @property
    def text(self) -> str:
        parts: list[str] = []

        def collect(node: Node) -> None:
            for child in node.children:
                if isinstance(child, str):
                    parts.append(child)
                else:
                    collect(child)

        collect(self)
        return " ".join("".join(parts).split())

    def has_class(self, name: str) -> bool:
        return name in self.attrs.get("class", "").split()


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


class Page:
    """A rendered page, read through its elements rather than its raw HTML."""

    def __init__(self, response: HttpResponse | str) -> None:
        self.html = response if isinstance(response, str) else response.content.decode()
        builder = _Builder()
        builder.feed(self.html)
        self.root = builder.root

    def all(self, tag: str | None = None, *, cls: str | None = None, **attrs: str) -> list[Node]:
        return [
            node
            for node in self.root.walk()
            if (tag is None or node.tag == tag)
            and (cls is None or node.has_class(cls))
            and all(node.attrs.get(k) == v for k, v in attrs.items())
        ]

    def one(self, tag: str | None = None, *, cls: str | None = None, **attrs: str) -> Node | None:
        found = self.all(tag, cls=cls, **attrs)
        return found[0] if found else None

    def by_id(self, element_id: str) -> Node | None:
        return self.one(id=element_id)

    def text_of(self, element_id: str) -> str:
        node = self.by_id(element_id)
        return node.text if node else ""

    @property
    def main_text(self) -> str:
        main = self.one("main")
        return (main or self.root).text

    def error(self, name: str) -> str:
        """The error shown right next to a form field (components/field.html)."""
        return self.text_of(f"id_{name}_error")

    def is_invalid(self, name: str) -> bool:
        node = self.by_id(f"id_{name}")
        return node is not None and node.attrs.get("aria-invalid") == "true"

    def value(self, name: str) -> str | list[str] | bool:
        """What a form field shows now: typed text, the chosen option, or a tick."""
        node = self.by_id(f"id_{name}")
        assert node is not None, f"no field {name}"
        if node.tag == "textarea":
            return node.text
        if node.tag == "select":
            chosen = [o.attrs.get("value", "") for o in node.walk() if "selected" in o.attrs]
            return chosen if "multiple" in node.attrs else (chosen[0] if chosen else "")
        if node.attrs.get("type") == "checkbox":
            return "checked" in node.attrs
        return node.attrs.get("value", "")

    def table_column(self, index: int = 0) -> list[str]:
        """The text of one column of the first table's body."""
        body = self.one("tbody")
        if body is None:
            return []
        return [
            [cell for cell in row.children if isinstance(cell, Node) and cell.tag == "td"][
                index
            ].text
            for row in body.children
            if isinstance(row, Node) and row.tag == "tr"
        ]

    @property
    def messages(self) -> str:
        return " ".join(node.text for node in self.all(cls="message"))


def in_english(client: Client) -> Client:
    """The header's language choice: English instead of the default Dutch."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def participant_post(**overrides: Any) -> dict[str, Any]:
    """A valid add/edit form as a person would send it; None leaves a field out."""
    data: dict[str, Any] = {
        "name": "Fatima",
        "postal_name": "",
        "phone": "0470 12 34 99",
        "email": "",
        "street": "",
        "postal_code": "",
        "city": "",
        "preferred_channel": "sms",
        "social_worker": "",
        "language": "nl",
        "referred_by_partner": "",
        "age_band": "",
        "household_type": "",
        "home_language": "",
        "neighbourhood": "",
        "income_situation": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None and v is not False}
