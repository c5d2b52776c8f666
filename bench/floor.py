"""The floor page: what every staff page costs at least.

Logged in (session, user, membership and second-factor device, as on every staff page),
one indexed query, and the base layout with a short text. Each page's throughput is
compared with this page's, measured in the same run, so that the load on the machine
cancels out.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from inbreng.people.models import Participant


@login_required
def floor(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    # One query on the (organisation, name) index.
    first = (
        Participant.objects.filter(organisation=organisation)
        .order_by("name")
        .values_list("name", flat=True)
        .first()
    )
    return render(request, "bench/floor.html", {"first": first})
