"""Pictograms: every drawing is safe to inline, labelled for screen readers, and prints."""

from __future__ import annotations

import io
import logging
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test import override_settings
from django.utils import translation
from pypdf import PdfReader

from inbreng.core.pdf import render_pdf
from inbreng.core.templatetags.pictograms import PICTOGRAM_DIR, PICTOGRAMS, pictogram_svg

SVG = "{http://www.w3.org/2000/svg}"

ENGLISH_LABELS = {
    "date": "Date",
    "time": "Time",
    "place": "Place",
    "coffee": "Coffee and something to eat",
    "childcare": "Childcare",
    "transport": "Transport",
    "interpreter": "Interpreter",
    "wheelchair": "Wheelchair access",
    "question": "Question",
    "answer": "Answer",
    "yes": "Yes",
    "no": "No",
}
NAMES = list(ENGLISH_LABELS)

# Elements that could run code, pull in something from elsewhere, or carry CSS the CSP blocks.
FORBIDDEN_ELEMENTS = {"text", "script", "style", "foreignObject", "image", "use", "a", "iframe"}


def parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)  # noqa: S314 - our own markup, parsed to inspect it


def local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def render(source: str, **context: object) -> str:
    return Template("{% load pictograms %}" + source).render(Context(context))


def test_it_has_a_drawing_for_every_name_and_a_name_for_every_drawing() -> None:
    drawings = {path.stem for path in Path(PICTOGRAM_DIR).glob("*.svg")}
    assert drawings == set(PICTOGRAMS) == set(NAMES)


@pytest.mark.parametrize("decorative", [False, True], ids=["informative", "decorative"])
@pytest.mark.parametrize("name", NAMES)
def test_it_renders_a_self_contained_48_by_48_drawing(name: str, decorative: bool) -> None:
    root = parse(pictogram_svg(name, decorative=decorative))

    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == "0 0 48 48"
    assert root.get("focusable") == "false"
    assert root.get("class") == f"pictogram pictogram--{name}"
    elements = list(root.iter())
    assert len(elements) > 1, "the drawing is empty"
    for element in elements:
        assert local(element.tag) not in FORBIDDEN_ELEMENTS, element.tag
        for attribute, value in element.attrib.items():
            assert local(attribute) not in {"style", "href"}, (element.tag, attribute)
            assert not local(attribute).startswith("on"), (element.tag, attribute)
            assert "url(" not in value, (element.tag, attribute, value)
            if local(attribute) in {"fill", "stroke"}:
                # currentColor follows the text: black on paper, the user's colours on screen.
                assert value in {"currentColor", "none"}, (element.tag, attribute, value)


@pytest.mark.parametrize("name", NAMES)
def test_it_labels_the_informative_form_in_the_active_language(name: str) -> None:
    with translation.override("en"):
        root = parse(pictogram_svg(name))

    title = root.find(f"{SVG}title")
    assert root.get("role") == "img"
    assert root.get("aria-label") == ENGLISH_LABELS[name]
    assert title is not None
    assert title.text == ENGLISH_LABELS[name]
    assert root.get("aria-hidden") is None


@pytest.mark.parametrize("name", NAMES)
def test_it_hides_the_decorative_form_from_screen_readers(name: str) -> None:
    root = parse(pictogram_svg(name, decorative=True))

    assert root.get("aria-hidden") == "true"
    assert root.get("role") is None
    assert root.get("aria-label") is None
    assert root.find(f"{SVG}title") is None


def test_it_escapes_the_label(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(PICTOGRAMS, "date", 'Date "today" <b>& later</b>')

    root = parse(pictogram_svg("date"))

    title = root.find(f"{SVG}title")
    assert root.get("aria-label") == 'Date "today" <b>& later</b>'
    assert title is not None
    assert title.text == 'Date "today" <b>& later</b>'
    assert list(title) == []


def test_it_makes_a_large_pictogram() -> None:
    root = parse(pictogram_svg("yes", size="large"))

    assert root.get("class") == "pictogram pictogram--yes pictogram--large"


def test_it_renders_from_a_template_tag() -> None:
    with translation.override("en"):
        html = render(
            '<p>{% pictogram "coffee" %}</p>'
            '<p>{% pictogram "date" decorative=True %}</p>'
            '<p>{% pictogram name size="large" %}</p>',
            name="wheelchair",
        )

    paragraphs = parse(f"<div>{html}</div>").findall("p")
    informative, decorative, large = (paragraph[0] for paragraph in paragraphs)
    assert informative.get("aria-label") == "Coffee and something to eat"
    assert decorative.get("aria-hidden") == "true"
    assert decorative.get("class") == "pictogram pictogram--date"
    assert large.get("aria-label") == "Wheelchair access"
    assert large.get("class") == "pictogram pictogram--wheelchair pictogram--large"


def test_it_renders_the_decorative_form_only_when_asked() -> None:
    html = render("{% pictogram 'no' decorative=False %}")

    assert parse(html).get("role") == "img"


def test_it_refuses_an_unknown_name_from_python() -> None:
    with pytest.raises(ValueError, match="datum"):
        pictogram_svg("datum")


def test_it_refuses_a_misspelt_name_when_the_template_is_compiled() -> None:
    # The error comes before rendering, so even a branch a test never renders fails.
    with pytest.raises(TemplateSyntaxError, match="datum"):
        Template('{% load pictograms %}{% if never %}{% pictogram "datum" %}{% endif %}')


@pytest.mark.parametrize(
    ("context", "shown"), [({"name": "datum"}, "'datum'"), ({}, "''")], ids=["unknown", "missing"]
)
def test_it_refuses_an_unknown_name_from_a_variable(context: dict[str, object], shown: str) -> None:
    template = Template("{% load pictograms %}{% pictogram name %}")

    with pytest.raises(ValueError, match=re.escape(f"There is no pictogram called {shown}.")):
        template.render(Context(context))


@pytest.mark.parametrize(
    "source",
    [
        "{% pictogram %}",
        '{% pictogram "date" size="huge" %}',
        '{% pictogram "date" colour="red" %}',
        '{% pictogram "date" "time" %}',
    ],
)
def test_it_refuses_a_malformed_tag(source: str) -> None:
    with pytest.raises(TemplateSyntaxError, match=r"(?i)pictogram"):
        Template("{% load pictograms %}" + source)


def test_it_refuses_an_unknown_size_from_python() -> None:
    with pytest.raises(ValueError, match="huge"):
        pictogram_svg("date", size="huge")


SHEET = """{% load pictograms %}<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pictograms</title></head><body>
{% for name in names %}<p>{% pictogram name %} {{ name }}</p>{% endfor %}
</body></html>"""


@override_settings(
    TEMPLATES=[
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {
                "loaders": [("django.template.loaders.locmem.Loader", {"sheet.html": SHEET})]
            },
        }
    ]
)
def test_it_prints_every_pictogram_in_a_pdf(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        content = render_pdf("sheet.html", {"names": NAMES})

    # WeasyPrint logs, rather than raises, when it cannot draw or fetch part of an SVG.
    assert [record.getMessage() for record in caplog.records] == []
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) >= 1
    text = "".join(page.extract_text() for page in reader.pages)
    assert all(name in text for name in NAMES)
