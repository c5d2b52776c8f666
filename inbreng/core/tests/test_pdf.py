"""PDFs load our bundled fonts and nothing else, whatever the machine has installed."""

from __future__ import annotations

import io

import pytest
from django.template import engines
from pypdf import PdfReader

from inbreng.core.pdf import static_file
from inbreng.core.pdf_fetcher import StaticFilesFetcher
from inbreng.core.templatetags.inbreng import bidi_isolate, text_direction

ARABIC_FONT = "core/fonts/NotoNaskhArabic-Regular.ttf"


def font_names(content: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(content)).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            # A subset font is named "ABCDEF+Name".
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


def test_it_reads_a_bundled_font_from_the_static_files() -> None:
    response = StaticFilesFetcher().fetch(f"static:{ARABIC_FONT}")
    content = response.read()
    response.close()
    # A TrueType font, the same bytes as the file in core/static.
    assert content[:4] == b"\x00\x01\x00\x00"
    path = static_file(ARABIC_FONT)
    assert path is not None
    assert content == path.read_bytes()
    assert (path.parent / "OFL.txt").read_text().startswith("NotoNaskhArabic-Regular.ttf")


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/font.ttf",
        "https://example.com/font.ttf",
        "file:///etc/passwd",
        "static:../../config/settings/base.py",
        "static:/etc/passwd",
        "static:core/fonts/no-such-font.ttf",
    ],
)
def test_it_refuses_anything_else(url: str) -> None:
    with pytest.raises(ValueError, match="only bundled static files"):
        StaticFilesFetcher().fetch(url)


def test_it_draws_arabic_with_the_bundled_font_and_latin_with_the_usual_one() -> None:
    from weasyprint import HTML

    html = engines["django"].from_string(
        '<html lang="ar" dir="rtl"><style>{% include "components/pdf_fonts.css" %}'
        'body { font-family: "Inbreng Arabic", "DejaVu Sans", sans-serif; }</style>'
        "<p>مرحباً Inbreng</p></html>"
    )
    content = HTML(string=html.render({}), url_fetcher=StaticFilesFetcher()).write_pdf()
    names = font_names(content)
    # The @font-face family, so the bundled file and not a font that happens to be installed.
    assert "Inbreng-Arabic" in names
    assert "DejaVu-Sans" in names


@pytest.mark.parametrize(
    ("typed", "direction"),
    [
        ("De letters zijn te klein.", "ltr"),
        ("“12 stoelen is te weinig.”", "ltr"),
        ("الحروف صغيرة جداً.", "rtl"),
        ("12:00 – 14:00", "auto"),
        ("", "auto"),
    ],
)
def test_it_gives_typed_text_the_direction_of_its_first_letter(typed: str, direction: str) -> None:
    # WeasyPrint has no dir="auto": PDF templates set dir from this filter.
    assert text_direction(typed) == direction
    assert bidi_isolate(typed) == f"\u2068{typed}\u2069"
