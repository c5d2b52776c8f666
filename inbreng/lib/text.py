"""Small text helpers shared by apps."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower case without accents, for matching names that were typed differently."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()
