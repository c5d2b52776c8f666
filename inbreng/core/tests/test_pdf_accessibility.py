"""Every PDF is tagged PDF/UA-1: a structure tree, MarkInfo, a title shown as the title, a
language, and text that extracts in reading order."""

from __future__ import annotations

import io

from django.test import override_settings
from pypdf import PdfReader

from inbreng.core.pdf import render_pdf

DOC = """<!doctype html><html lang="{{ lang }}"><head><meta charset="utf-8">
<title>{{ title }}</title></head><body><h1>{{ title }}</h1><p>{{ text }}</p></body></html>"""

LOCMEM = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {"loaders": [("django.template.loaders.locmem.Loader", {"doc.html": DOC})]},
    }
]


def check_tagged(content: bytes, *, title: str, language: str) -> str:
    """Asserts what PDF/UA asks of a document; returns its text."""
    reader = PdfReader(io.BytesIO(content))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root, "no structure tree: the PDF is not tagged"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == language
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert "/Metadata" in root, "no XMP metadata"
    assert reader.metadata is not None and reader.metadata.title == title
    return "".join(page.extract_text() for page in reader.pages)


@override_settings(TEMPLATES=LOCMEM)
def test_a_dutch_document_is_tagged_with_its_title_and_language() -> None:
    content = render_pdf(
        "doc.html", {"lang": "nl", "title": "Je antwoord", "text": "Ja, we doen het."}
    )
    text = check_tagged(content, title="Je antwoord", language="nl")
    assert text.index("Je antwoord") < text.index("Ja, we doen het.")


@override_settings(TEMPLATES=LOCMEM)
def test_an_arabic_document_is_marked_arabic() -> None:
    content = render_pdf("doc.html", {"lang": "ar", "title": "جوابك", "text": "نعم، سنفعل ذلك."})
    check_tagged(content, title="جوابك", language="ar")
