"""View guards: signed in, a member of the active organisation, and allowed."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse

View = Callable[..., HttpResponse | FileResponse]


def member_required(view: View) -> View:
    """Signed in and working for at least one organisation."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse | FileResponse:
        if request.membership is None:  # type: ignore[attr-defined]
            raise PermissionDenied("no organisation")
        return view(request, *args, **kwargs)

    return wrapper


def permission_required(perm: str) -> Callable[[View], View]:
    """A member whose roles in the active organisation grant `perm`; otherwise 403."""

    def decorator(view: View) -> View:
        @member_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse | FileResponse:
            if not request.user.has_perm(perm):
                raise PermissionDenied(perm)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
