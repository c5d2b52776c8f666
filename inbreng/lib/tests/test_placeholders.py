"""Placeholders are exactly `{name}`: filling never interprets the text, whatever it holds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from inbreng.lib import placeholders

KNOWN = ("naam", "datum", "link")
values = st.dictionaries(st.sampled_from(KNOWN), st.text(max_size=30))
# Text rich in braces, colons, bangs, dots and brackets: what a format string is made of.
texts = st.text(alphabet=st.sampled_from(list("{}:!.[]>0%dnaamtum x\n")), max_size=80) | st.text(
    max_size=80
)
literal = st.text(max_size=20).filter(lambda s: "{" not in s and "}" not in s)


@settings(max_examples=400, deadline=None)
@given(texts, values)
def test_filling_any_text_gives_text_and_never_grows_beyond_its_values(
    text: str, filled: dict[str, str]
) -> None:
    result = placeholders.fill(text, filled)
    tokens = text.count("{")
    longest = max((len(v) for v in filled.values()), default=0)
    assert len(result) <= len(text) + tokens * longest


@settings(max_examples=300, deadline=None)
@given(texts)
def test_a_text_without_problems_uses_known_names_only(text: str) -> None:
    if not placeholders.problems(text, KNOWN):
        assert placeholders.names(text) <= set(KNOWN)
        # Every brace left after filling came from a doubled one.
        result = placeholders.fill(text, dict.fromkeys(KNOWN, ""))
        assert result.count("{") == text.count("{{")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(literal, st.sampled_from(KNOWN)), max_size=6), values)
def test_known_placeholders_are_replaced_and_the_rest_kept(
    parts: list[tuple[str, str]], filled: dict[str, str]
) -> None:
    text = "".join(f"{before}{{{name}}}" for before, name in parts)
    expected = "".join(before + filled.get(name, "{" + name + "}") for before, name in parts)
    assert placeholders.fill(text, filled) == expected
    assert placeholders.problems(text, KNOWN) == []


def test_format_specifications_stay_as_written() -> None:
    for text in ("{naam:>20000000}", "{datum:%d-%m}", "{naam!r}", "{naam.__class__}", "{naam[0]}"):
        assert placeholders.fill(text, {"naam": "Mila", "datum": "1 mei"}) == text
        assert [p.kind for p in placeholders.problems(text, KNOWN)] == ["format"]


def test_doubled_braces_are_one_brace() -> None:
    assert placeholders.fill("{{naam}} is {naam}", {"naam": "Mila"}) == "{naam} is Mila"
    assert placeholders.problems("{{naam}}", KNOWN) == []
