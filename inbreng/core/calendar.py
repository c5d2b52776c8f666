"""What every calendar file needs and no single app knows: a UID that no other
organisation or installation can have, and a SEQUENCE that goes up when an entry changes."""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.crypto import salted_hmac

from .models import CalendarRevision, Organisation


def site_host() -> str:
    """The host name of this installation, from INBRENG_SITE_URL."""
    return urlsplit(settings.INBRENG_SITE_URL).hostname or "localhost"


def calendar_uid(organisation: Organisation, key: str) -> str:
    """A UID unique across organisations and installations (RFC 5545 3.8.4.7).

    The host name tells installations apart; a digest of the installation's secret key
    keeps two installations on the same host (a test and a live one) apart too.
    """
    installation = salted_hmac("inbreng.calendar.uid", "installation", algorithm="sha256")
    kind, _sep, number = key.partition(":")
    return f"{kind}-{organisation.pk}-{number}-{installation.hexdigest()[:12]}@{site_host()}"


def calendar_sequence(organisation: Organisation, key: str, *content: str) -> int:
    """The SEQUENCE for an entry that now says `content`: the last one shown, or one
    higher when what it says has changed since."""
    fingerprint = hashlib.sha256("\x1f".join(content).encode()).hexdigest()
    with transaction.atomic():
        revision = (
            CalendarRevision.objects.select_for_update()
            .filter(organisation=organisation, key=key)
            .first()
        )
        if revision is None:
            try:
                with transaction.atomic():
                    CalendarRevision.objects.create(
                        organisation=organisation, key=key, fingerprint=fingerprint
                    )
            except IntegrityError:  # made at the same moment by another request
                return calendar_sequence(organisation, key, *content)
            return 0
        if revision.fingerprint != fingerprint:
            revision.sequence += 1
            revision.fingerprint = fingerprint
            revision.save(update_fields=["sequence", "fingerprint"])
        return revision.sequence
