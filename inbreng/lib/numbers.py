"""Numbers typed into URLs and forms, read without surprises."""

from __future__ import annotations

# The largest value a PostgreSQL `integer` holds: every id and count we look up fits in it.
INT_MAX = 2**31 - 1


def positive_int(text: str | None, *, maximum: int = INT_MAX) -> int | None:
    """The whole number 1..maximum written in `text` in ASCII digits, else None.

    `int()` alone accepts signs, spaces, underscores, non-ASCII digits and numbers of any
    size; a database that is handed such a number fails with a 500.
    """
    if not text or len(text) > len(str(maximum)) or not (text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if 1 <= value <= maximum else None
