"""Which language a page speaks: staff pages and participant pages follow different lists.

Staff choose Dutch or English (`STAFF_LANGUAGES`). A participant's own page and letters follow
the participant's language when Inbreng has it (`PARTICIPANT_LANGUAGES`); any other language
falls back to Dutch, the language of the organisation and of the social worker who can help.
"""

from __future__ import annotations

from django.conf import settings


def participant_language(*codes: str | None) -> str:
    """The first of `codes` that participant pages speak, else Dutch (the default language).

    Give the codes from most to least specific: a choice made on the page, then the
    participant's registered language.
    """
    for code in codes:
        if code in settings.PARTICIPANT_LANGUAGES:
            return str(code)
    return str(settings.LANGUAGE_CODE)
