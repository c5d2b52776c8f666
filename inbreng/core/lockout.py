"""Failed logins lock a login name from one address, and the account's owner is told.

Locking by login name alone let anyone lock a colleague out with five wrong passwords.
Locking by address alone would lock out a whole office behind one address. django-axes
therefore locks the pair (name, address), and the owner hears of it by e-mail, once per
lock, so that an attempt on their account does not go unnoticed.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from .mail import build_email

logger = logging.getLogger(__name__)


def client_address(request: HttpRequest) -> str:
    """The client's address. Behind INBRENG_TRUSTED_PROXIES reverse proxies, the address
    the nearest trusted proxy saw in X-Forwarded-For, which the client cannot forge."""
    proxies = int(getattr(settings, "INBRENG_TRUSTED_PROXIES", 0) or 0)
    remote = str(request.META.get("REMOTE_ADDR", ""))
    if proxies <= 0:
        return remote
    hops = [h.strip() for h in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")]
    hops = [h for h in hops if h]
    return hops[-proxies] if len(hops) >= proxies else remote


def _notice_key(username: str, address: str) -> str:
    return f"inbreng:lockout-notice:{username.casefold()}:{address}"


def tell_owner(*, username: str, address: str) -> bool:
    """E-mails the account's owner that their login name was locked from an address.
    Once per lock; nothing for an unknown name or an account without e-mail."""
    from .models import User

    user = User.objects.filter(username__iexact=username, is_active=True).first()
    if user is None or not user.email:
        return False
    hours = float(getattr(settings, "AXES_COOLOFF_TIME", 0.25) or 0.25)
    if not cache.add(_notice_key(username, address), True, timeout=int(hours * 3600)):
        return False
    with override(settings.LANGUAGE_CODE):
        when = timezone.localtime().strftime("%d-%m-%Y %H:%M")
        subject = _("Someone tried to log in to your account")
        body = _(
            "Hello %(name)s,\n\n"
            "On %(when)s someone typed a wrong password for your login name %(login)s "
            "too many times, from the internet address %(address)s. Logging in from that "
            "address is blocked for a while. You can still log in from your own computer.\n\n"
            "Was this not you? Tell your administrator, and change your password."
        ) % {
            "name": user.first_name or user.username,
            "when": when,
            "login": user.username,
            "address": address or "?",
        }
    try:
        build_email(
            subject=subject, body=body, to=[user.email], language=settings.LANGUAGE_CODE
        ).send()
    except Exception:  # the lock holds whether or not the notice goes out
        logger.warning("A lockout notice could not be sent.")
        return False
    return True


def _locked_out(sender: Any, request: HttpRequest, username: str = "", **kwargs: Any) -> None:
    address = str(kwargs.get("ip_address") or client_address(request))
    if username:
        tell_owner(username=username, address=address)


def connect() -> None:
    from axes.signals import user_locked_out

    user_locked_out.connect(_locked_out, dispatch_uid="inbreng-lockout-notice")
