"""Texts read aloud or printed for a person: each line keeps its own direction."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from inbreng.core.templatetags.inbreng import paragraphs


def test_a_dutch_line_in_an_arabic_text_keeps_its_full_stop_at_the_end() -> None:
    text = "السلام عليكم.\nIs deze brief over de energiepremie duidelijk?\nشكرا"
    html = paragraphs(text)
    assert '<p dir="rtl">' in html
    assert '<span dir="ltr">Is deze brief over de energiepremie duidelijk?</span>' in html
    assert '<span dir="rtl">شكرا</span>' in html


def test_paragraphs_stay_paragraphs() -> None:
    html = paragraphs("Eerste alinea.\n\nTweede alinea.")
    assert html.count("<p ") == 2


@given(st.text(max_size=300))
def test_any_text_comes_out_escaped(text: str) -> None:
    html = paragraphs(text)
    stripped = html
    for tag in ('<p dir="ltr">', '<p dir="rtl">', '<p dir="auto">', "</p>", "<br>"):
        stripped = stripped.replace(tag, "")
    for tag in ('<span dir="ltr">', '<span dir="rtl">', '<span dir="auto">', "</span>"):
        stripped = stripped.replace(tag, "")
    assert "<" not in stripped and ">" not in stripped
