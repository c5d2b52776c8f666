"""How long an SMS text is once it is filled in: characters and parts, per language.

A text with placeholders says little about its length: `{link}` becomes a web address and
`{datum}` a date in the person's language. The editor, the template list and the check
on saving therefore count the text filled in with realistic values (a long first name,
the longest date, a place with a street and number and the room it is in, a short personal
link), rendered and normalised exactly as `message_send` does it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils.translation import get_language_info, ngettext, override
from django.utils.translation import gettext as _

from inbreng.core.models import Organisation
from inbreng.lib import gsm

from . import services

# More than this many parts needs a reason: each part is paid for, and a person gets them
# as separate messages on an older phone.
MAX_PARTS = 2

EXAMPLE_NAME = "Jean-Christophe"
EXAMPLE_SUBJECT = "Maandelijkse bijeenkomst"
# A meeting's place and its details ("zaal 2, ..."), joined as participation/outreach.py
# joins them: most meetings fill in both, and an example without the details counted an
# invitation as two text messages that went out as three.
EXAMPLE_PLACE_NAME = "Sociaal Huis, Kerkstraat 12"
EXAMPLE_PLACE_DETAILS = "zaal 2, eerste verdieping"
EXAMPLE_PLACE = f"{EXAMPLE_PLACE_NAME}, {EXAMPLE_PLACE_DETAILS}"
# As long as a real short link: the site, /k/?, and the 12-character code.
EXAMPLE_LINK = "https://inbreng.example.be/k/?ABCDEFGH2345"
# The time as participation/outreach.py writes it, with an en dash.
EXAMPLE_TIME = "14:00 – 16:00"
EXAMPLE_BRING = "je identiteitskaart"
# A Wednesday in September: the longest day and month names in Dutch, French and English.
EXAMPLE_DATE = datetime(2026, 9, 30, 14, 0, tzinfo=ZoneInfo("Europe/Brussels"))
EXAMPLE_PHONE = "09 123 45 67"
EXAMPLE_HOURS = "maandag tot vrijdag, 9 tot 12 uur"
# What {antwoorden} holds for one input with its answer, per language.
EXAMPLE_ANSWERS = {
    "nl": "Over de wachtzaal: ja, we doen het.",
    "fr": "La salle d'attente : oui, nous le faisons.",
    "en": "The waiting room: yes, we do it.",
    "ar": "قاعة الانتظار: نعم، سنفعل ذلك.",
}


def example_values(organisation: Organisation, language: str) -> dict[str, str]:
    """Realistic values for every placeholder, in this language.

    The organisation's own number and hours when it has them, else an example number: a
    text is counted with the line that says whom to call. Like `contact_line`, only Dutch
    texts carry the hours (staff type them in Dutch).
    """
    with override(language):
        example = EXAMPLE_PHONE
        if language == "nl":
            example = _("%(phone)s (%(hours)s)") % {"phone": EXAMPLE_PHONE, "hours": EXAMPLE_HOURS}
        contact = services.contact_line(organisation) or example
        return {
            # A placeholder without an example here counts as empty.
            **{name: "" for name in services.PLACEHOLDERS},
            "naam": EXAMPLE_NAME,
            "onderwerp": EXAMPLE_SUBJECT,
            "datum": services._localise(EXAMPLE_DATE),
            "uur": EXAMPLE_TIME,
            "plaats": EXAMPLE_PLACE,
            "meebrengen": EXAMPLE_BRING,
            "belofte": _("We ask your opinion. We tell you what we did with it."),
            "link": EXAMPLE_LINK,
            "telefoon": contact,
            "antwoorden": EXAMPLE_ANSWERS.get(language, EXAMPLE_ANSWERS["nl"]),
            "uitkomst": EXAMPLE_ANSWERS.get(language, EXAMPLE_ANSWERS["nl"]),
        }


def rendered(organisation: Organisation, sms: str, language: str) -> str:
    """The SMS as a person would get it with the example values."""
    text = services.Text(
        subject="", body="", sms=sms, language=language, reviewed=False, custom=False
    )
    isolate = bool(get_language_info(language)["bidi"])
    values = example_values(organisation, language)
    return services._render(text, values, isolate=isolate).sms


def measure(organisation: Organisation, sms: str, language: str) -> gsm.Count:
    """Characters and parts of the SMS once filled in; a text with a broken placeholder is
    counted as written (the placeholder check names the problem)."""
    if services.placeholder_errors(sms):
        return gsm.measure(sms)
    return gsm.count(rendered(organisation, sms, language))


@dataclass(frozen=True)
class SmsCheck:
    """The count under an SMS field: characters and parts, filled in with example values."""

    count: gsm.Count

    @property
    def too_long(self) -> bool:
        return self.count.parts > MAX_PARTS

    @property
    def unicode(self) -> bool:
        """Whether the text holds characters outside the SMS alphabet (e.g. Arabic): each
        part then holds far fewer characters."""
        return self.count.encoding == gsm.UCS2


def sms_check(organisation: Organisation, sms: str, language: str) -> SmsCheck | None:
    """The count to show under an SMS field; nothing for an empty field."""
    if not sms.strip():
        return None
    return SmsCheck(measure(organisation, sms, language))


def check_sms(organisation: Organisation, language: str, sms: str, reason: str) -> None:
    """An SMS of more than two parts is only kept with a reason (`sms_reason`)."""
    found = measure(organisation, sms, language)
    if found.parts > MAX_PARTS and not reason.strip():
        raise ValidationError(
            {
                "sms_reason": ngettext(
                    "This SMS takes %(count)d text message. Make it shorter, or say why it "
                    "must be this long.",
                    "This SMS takes %(count)d text messages. Make it shorter, or say why it "
                    "must be this long.",
                    found.parts,
                )
                % {"count": found.parts}
            }
        )
