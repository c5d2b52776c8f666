"""The words of a text that matched a search, wrapped in <mark>, and a snippet around them."""

from __future__ import annotations

from html import escape

from django.utils.safestring import SafeString, mark_safe

from inbreng.lib.dutch_terms import words

SNIPPET_CHARS = 240


def _marked(text: str, spans: list[tuple[int, int]]) -> SafeString:
    # Every piece of the original text is escaped; only our own <mark> tags are not.
    parts, at = [], 0
    for start, end in spans:
        parts.append(escape(text[at:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        at = end
    parts.append(escape(text[at:]))
    return mark_safe("".join(parts))  # built from escaped pieces only


def highlight(text: str, terms: list[str]) -> SafeString:
    """The whole text, escaped, with the words whose term was searched marked."""
    wanted = set(terms)
    return _marked(text, [(w.start, w.end) for w in words(text) if w.term in wanted])


def snippet(text: str, terms: list[str], size: int = SNIPPET_CHARS) -> SafeString:
    """A piece of the text around the first word that matched (or its start), marked."""
    wanted = set(terms)
    found = [w for w in words(text) if w.term in wanted] if wanted else []
    start = 0
    if found and found[0].start > size // 3:
        # Start at a word boundary a little before the first match.
        start = text.rfind(" ", 0, found[0].start - size // 3) + 1
    end = min(len(text), start + size)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    spans = [(w.start - start, w.end - start) for w in found if w.start >= start and w.end <= end]
    marked = _marked(text[start:end], spans)
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + marked + suffix)  # escaped in _marked
