"""Strings Django shows that its own Dutch catalogue does not translate yet.

Listing them here puts them in our catalogue (makemessages extracts them), so the Dutch UI
never shows Django's English. `tests/test_library_english.py` finds the next one.
"""

from django.utils.translation import gettext_noop

DJANGO_STRINGS = (
    # The empty choice of every drop-down, new in Django 6.1.
    gettext_noop("- Select an option -"),
)
