"""What a process that renders letters runs: HTML in, a tagged PDF file out.

Kept apart from `letters` because a fresh process ("spawn") imports this module before
Django is set up: nothing here imports models at module level.
"""

from __future__ import annotations

import atexit
import gc
from pathlib import Path
from typing import Any

# A process that renders parts keeps its fonts and images between them.
_shared: dict[str, Any] = {}


def start() -> None:
    """How a rendering process starts: Django's settings and apps (for the static file
    finders that give the fonts), and WeasyPrint's objects let go before the interpreter."""
    import django

    django.setup()
    atexit.register(_shared.clear)


def pdf_of_html(html: str, *, fonts: Any = None, cache: Any = None) -> tuple[bytes, list[str]]:
    """WeasyPrint's part: the tagged PDF/UA-1 of a letters page and each page's language.
    `fonts` and `cache` (font configuration and image cache) can serve several parts."""
    from weasyprint import HTML

    from inbreng.core.pdf_fetcher import StaticFilesFetcher

    options: dict[str, Any] = {"pdf_variant": "pdf/ua-1", "pdf_tags": True, "cache": cache}
    document = HTML(string=html, url_fetcher=StaticFilesFetcher()).render(
        font_config=fonts, **options
    )
    languages = [_page_language(page) for page in document.pages]
    pdf: bytes = document.write_pdf(**options)
    return pdf, languages


def _page_language(page: Any) -> str:
    """The `lang` of the letter (section) a laid-out page shows, found in its boxes."""
    boxes = [page._page_box]
    while boxes:
        box = boxes.pop(0)
        element = getattr(box, "element", None)
        if element is not None and element.tag == "section":
            return str(element.get("lang", ""))
        boxes.extend(getattr(box, "children", None) or [])
    return ""


def render_to_file(html: str, path: str) -> list[str]:
    """Renders one part into `path`; returns its pages' languages. No database here: the
    worker made the HTML."""
    from weasyprint.text.fonts import FontConfiguration

    fonts = _shared.setdefault("fonts", FontConfiguration())
    content, languages = pdf_of_html(html, fonts=fonts, cache=_shared.setdefault("cache", {}))
    Path(path).write_bytes(content)
    del content
    gc.collect()  # WeasyPrint's boxes are cyclic: free a part before the next
    return languages
