"""PDFs from templates with WeasyPrint. Fonts come from the system or from our own static
files, never from the web.

A PDF template inlines what it needs (styles, the QR code as SVG). The only thing it loads is
a bundled font, such as Noto Naskh Arabic for letters in Arabic (`components/pdf_fonts.css`).
The template names it `static:<path>`, and `StaticFilesFetcher` (`pdf_fetcher.py`) reads that
file through Django's static file finders. They find it in the app's `static/` folder whatever
the storage: in tests (in-memory storage, no WhiteNoise), under `./run --dev`, and under
`./run` (collected, hashed files). So the letter looks the same on every machine.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

STATIC_SCHEME = "static:"


def static_file(name: str) -> Path | None:
    """The file behind a static path such as "core/fonts/x.ttf", found as `runserver` does."""
    if not name or name.startswith("/") or ".." in Path(name).parts:
        return None
    found = finders.find(name)
    return Path(found) if isinstance(found, str) else None


def render_pdf(template: str, context: dict[str, Any], request: HttpRequest | None = None) -> bytes:
    from weasyprint import HTML

    from .pdf_fetcher import StaticFilesFetcher

    html = render_to_string(template, context, request=request)
    # No base_url: relative URLs resolve to nothing, and the fetcher refuses all but our files.
    # PDF/UA-1: tagged (a structure tree in reading order), with the document's language and
    # title from <html lang> and <title>, so screen readers can read letters and reports.
    pdf: bytes = HTML(string=html, url_fetcher=StaticFilesFetcher()).write_pdf(
        pdf_variant="pdf/ua-1", pdf_tags=True
    )
    return pdf


def pdf_response(content: bytes, filename: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
