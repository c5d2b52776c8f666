"""Numbers in query strings: bounded, and a bad one is "not found", never a 500."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from inbreng.lib.numbers import INT_MAX, positive_int


def query_int(
    request: HttpRequest, name: str, *, default: int | None = None, maximum: int = INT_MAX
) -> int | None:
    """The positive whole number in `?name=`, or `default` when it is absent or empty.

    Anything else (text, a sign, zero, a number past `maximum`) is a 404: the link was not
    one we made.
    """
    raw = request.GET.get(name, "")
    if raw == "":
        return default
    value = positive_int(raw, maximum=maximum)
    if value is None:
        raise Http404(f"bad number in {name}")
    return value


def query_without(request: HttpRequest, name: str = "pagina") -> str:
    """The request's query string without `name`: what a pager's links keep (the filters,
    another pager's page) while they set their own page."""
    query = request.GET.copy()
    query.pop(name, None)
    return query.urlencode()
