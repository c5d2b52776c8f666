"""E-mail as people and mail systems expect it.

Plain text and a simple, accessible HTML part (the language and direction set, paragraphs,
real links); From in the organisation's name, Reply-To a person or mailbox that reads
answers, Content-Language, and a Message-ID on this installation's real host name.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from email.utils import formataddr, make_msgid, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils.html import escape, urlize
from django.utils.translation import get_language_bidi, override

from .calendar import site_host
from .models import Organisation


def sender_address() -> str:
    """The bare address of DEFAULT_FROM_EMAIL (which may carry a name)."""
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


def is_local_host(host: str) -> bool:
    """Whether a host name can only mean this machine or no machine at all."""
    host = host.strip().strip(".").lower()
    if not host or "." not in host:
        return True
    if host.endswith((".localhost", ".local", ".invalid", ".localdomain", ".internal")):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_private or address.is_unspecified


def message_id(key: str = "") -> str:
    """A Message-ID on this installation's host name (RFC 5322: a real domain)."""
    if key:
        return f"<{key}@{site_host()}>"
    return make_msgid(domain=site_host())


def html_body(text: str, *, language: str, title: str) -> str:
    """The plain text as simple HTML: paragraphs, line breaks, links that can be clicked."""
    with override(language):
        direction = "rtl" if get_language_bidi() else "ltr"
    paragraphs = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        if block.strip():
            lines = [urlize(line, autoescape=True) for line in block.strip("\n").split("\n")]
            paragraphs.append("<p>" + "<br>\n".join(lines) + "</p>")
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(language)}" dir="{direction}">\n<head>\n'
        f'<meta charset="utf-8">\n<meta name="viewport" content="width=device-width">\n'
        f"<title>{escape(title)}</title>\n</head>\n"
        f'<body style="font-family: sans-serif; font-size: 18px; line-height: 1.5; '
        f'max-width: 40em">\n' + "\n".join(paragraphs) + "\n</body>\n</html>\n"
    )


def build_email(
    *,
    subject: str,
    body: str,
    to: Sequence[str],
    language: str,
    organisation: Organisation | None = None,
    reply_to: Sequence[str] = (),
    key: str = "",
    calendar: str = "",
) -> EmailMultiAlternatives:
    """One e-mail, multipart: the plain text and the same text as simple HTML.

    From carries the organisation's name; Reply-To is `reply_to`, else the organisation's
    contact address. `key` makes the Message-ID stable (a resend after a crash is then
    recognised); `calendar` is attached as an iCalendar file.
    """
    name = organisation.name if organisation is not None else ""
    sender = formataddr((name, sender_address())) if name else settings.DEFAULT_FROM_EMAIL
    answers = [a for a in reply_to if a]
    if not answers and organisation is not None and organisation.contact_email:
        answers = [organisation.contact_email]
    email = EmailMultiAlternatives(
        subject=subject,
        body=body,
        from_email=sender,
        to=list(to),
        reply_to=answers or None,
        headers={"Message-ID": message_id(key), "Content-Language": language},
    )
    email.attach_alternative(html_body(body, language=language, title=subject), "text/html")
    if calendar:
        email.attach("afspraak.ics", calendar, "text/calendar")
    return email
