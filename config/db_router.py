"""Read-only pages read from a PostgreSQL streaming replica; everything else uses the primary.

Active only when `DATABASE_REPLICA_URL` is set (settings add the "replica" alias, this router
and the middleware). The rules, from the outside in:

- `ReadOnlyRequestMiddleware` marks a request as read-only when it is a GET or HEAD of a view
  that is not in `DATABASE_REPLICA_PRIMARY_VIEWS`, when the browser did not write anything in
  the last `DATABASE_REPLICA_PIN_SECONDS` (a cookie, so that a person always sees their own
  change after a form: replication lags by a fraction of a second), and when the replica
  answers. A replica that does not answer is not asked again for
  `DATABASE_REPLICA_RETRY_SECONDS`: reads fall back to the primary in the meantime.
- `ReplicaRouter` sends reads of a marked request to the replica, except reads inside a
  transaction (services are atomic: what they read must be what they write against) and
  tables that must be current (sessions, lockouts, second factors, the task queue).
  Writes always go to the primary; migrations run on the primary only.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

logger = logging.getLogger(__name__)

REPLICA = "replica"
PIN_COOKIE = "inbreng_primary"
SAFE_METHODS = frozenset({"GET", "HEAD"})
# Tables whose rows must be current on every read: a logout, a lockout or a new second
# factor takes effect at once, and only the primary may hand out tasks.
PRIMARY_ONLY_APPS = frozenset({"sessions", "axes", "otp_totp", "otp_static", "django_tasks_db"})
# Who may see what is read from the primary: a deactivated account, a removed role or a
# revoked personal link must stop working at once, not after the replica's lag.
PRIMARY_ONLY_MODELS = frozenset({"core.user", "core.membership", "participation.personallink"})

_reads_from_replica: ContextVar[bool] = ContextVar("inbreng_reads_from_replica", default=False)
_replica_down_until = 0.0


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def replica_available() -> bool:
    """True when the replica answers; a failure is remembered for a few seconds.

    The check is cheap: a persistent connection that is already open is reused (Django's
    health check sends one `SELECT 1` on its first use in a request), and a replica that is
    down is not tried again until DATABASE_REPLICA_RETRY_SECONDS have passed.
    """
    global _replica_down_until
    if not replica_configured():
        return False
    now = time.monotonic()
    if now < _replica_down_until:
        return False
    connection = connections[REPLICA]
    try:
        connection.close_if_health_check_failed()
        connection.ensure_connection()
    except Exception:
        retry = float(settings.DATABASE_REPLICA_RETRY_SECONDS)
        _replica_down_until = now + retry
        logger.warning("The read replica does not answer; reading from the primary for %ss.", retry)
        # A broken connection may fail to close; it is gone either way.
        with suppress(Exception):
            connection.close()
        return False
    return True


def forget_replica_failure() -> None:
    """Lets the next request try the replica again (tests, and after an operator's fix)."""
    global _replica_down_until
    _replica_down_until = 0.0


@contextmanager
def reads_from_replica() -> Iterator[None]:
    """Routes the reads in this block to the replica (when it answers), as for a read-only page."""
    token = _reads_from_replica.set(replica_available())
    try:
        yield
    finally:
        _reads_from_replica.reset(token)


class ReplicaRouter:
    """Reads of read-only requests go to the replica; writes and all else to the primary."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str | None:
        if not _reads_from_replica.get():
            return None
        if (
            model._meta.app_label in PRIMARY_ONLY_APPS
            or model._meta.label_lower in PRIMARY_ONLY_MODELS
        ):
            return DEFAULT_DB_ALIAS
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool:
        # Both aliases hold the same data: an object read from the replica may point at
        # one written to the primary.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return False if db == REPLICA else None


def _view_reads_primary(request: HttpRequest) -> bool:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    names: list[str] = list(settings.DATABASE_REPLICA_PRIMARY_VIEWS)
    view_name = match.view_name
    return any(
        view_name == name or (name.endswith(":") and view_name.startswith(name)) for name in names
    )


class ReadOnlyRequestMiddleware:
    """Marks GET and HEAD requests of read-only pages so that the router uses the replica."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        read_only = (
            request.method in SAFE_METHODS
            and PIN_COOKIE not in request.COOKIES
            and not _view_reads_primary(request)
            and replica_available()
        )
        token = _reads_from_replica.set(read_only)
        try:
            response = self.get_response(request)
        finally:
            _reads_from_replica.reset(token)
        if request.method not in SAFE_METHODS:
            # After a change, this browser reads from the primary for a few seconds, so the
            # next page shows the change even when the replica is a moment behind.
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=int(settings.DATABASE_REPLICA_PIN_SECONDS),
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
