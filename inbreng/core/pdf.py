"""PDFs from templates with WeasyPrint. Fonts come from the system, never from the web."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


def render_pdf(template: str, context: dict[str, Any], request: HttpRequest | None = None) -> bytes:
    from weasyprint import HTML

    html = render_to_string(template, context, request=request)
    # No base_url: a PDF template inlines what it needs and fetches nothing.
    pdf: bytes = HTML(string=html).write_pdf()
    return pdf


def pdf_response(content: bytes, filename: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
