"""Placeholders in texts that staff write: exactly `{name}`, nothing else.

Staff texts were once filled with `str.format`, which also reads format specifications
(`{naam:>20000000}` made a 20-million-character letter), conversions (`{x!r}`), attribute
and index lookups (`{x.attr}`, `{x[0]}`). Here a placeholder is a brace, a lower-case name
and a brace; `{{` and `}}` stand for a literal brace, as they did before. Filling replaces
the known tokens only and never interprets the text, so it cannot fail or blow up: the
result is at most the text plus one value per token.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass

# A name is what a placeholder may be called: lower-case letters, digits and underscores.
NAME = re.compile(r"[a-z][a-z0-9_]*")
# One pass over the text: an escaped brace, a braced token, or a stray brace.
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}\n]*)\}|[{}]")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the braces of a text.

    `kind` is "unknown" (a name that is no placeholder), "format" (a name followed by a
    format specification, conversion, attribute or index), "empty" (`{}`) or "brace"
    (a `{` or `}` without its partner). `token` is the text as written.
    """

    kind: str
    token: str
    name: str = ""


def _tokens(text: str) -> Iterator[re.Match[str]]:
    return _TOKEN.finditer(text)


def names(text: str) -> set[str]:
    """The placeholder names a text uses (well-formed `{name}` tokens only)."""
    found = set()
    for match in _tokens(text):
        inner = match.group(1)
        if inner is not None and NAME.fullmatch(inner):
            found.add(inner)
    return found


def problems(text: str, known: Collection[str]) -> list[Problem]:
    """Everything in a text's braces that is not exactly a known `{name}`, in order, once each."""
    found: list[Problem] = []
    seen: set[tuple[str, str]] = set()

    def add(problem: Problem) -> None:
        if (problem.kind, problem.token) not in seen:
            seen.add((problem.kind, problem.token))
            found.append(problem)

    for match in _tokens(text):
        token = match.group(0)
        inner = match.group(1)
        if token in ("{{", "}}"):
            continue
        if inner is None:
            add(Problem("brace", token))
        elif inner == "":
            add(Problem("empty", token))
        elif NAME.fullmatch(inner):
            if inner not in known:
                add(Problem("unknown", token, inner))
        else:
            lead = re.match(r"\s*([A-Za-z_][A-Za-z0-9_]*)", inner)
            name = lead.group(1) if lead else ""
            if name and name in known:
                add(Problem("format", token, name))
            else:
                add(Problem("unknown", token, name or inner))
    return found


def fill(text: str, values: Mapping[str, str]) -> str:
    """The text with each `{name}` whose name is in `values` replaced by its value.

    `{{` and `}}` become one brace; anything else, including an unknown or malformed token,
    stays as written. Never raises and never reads a format specification.
    """

    def replace(match: re.Match[str]) -> str:
        written = match.group(0)
        if written in ("{{", "}}"):
            return written[0]
        inner = match.group(1)
        if inner is not None and inner in values:
            return str(values[inner])
        return written

    return _TOKEN.sub(replace, text)
