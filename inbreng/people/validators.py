"""Checks on names and other short texts people type about a person."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from inbreng.lib.script import hidden_characters

HIDDEN_CHARACTER_ERROR = _(
    "This text holds an invisible sign (%(code)s) that can turn text around or hide it. "
    "Type it again instead of pasting it."
)


def refuse_hidden_characters(value: str) -> None:
    """Refuses a bidi override (U+202E), a zero-width space and other invisible control
    characters: on a staff page they turn the text around them, or make two names look alike."""
    found = hidden_characters(value or "")
    if found:
        raise ValidationError(
            HIDDEN_CHARACTER_ERROR, code="hidden_character", params={"code": found[0].code}
        )
