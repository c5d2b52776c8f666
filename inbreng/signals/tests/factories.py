"""Records the authorization matrix (tests/test_authorization_matrix.py) opens."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import Loop, World
from inbreng.signals import services
from inbreng.signals.models import Body, Signal

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _body(w: World) -> Body:
    body = Body.objects.filter(organisation=w.org).first()
    return body or services.body_save(
        organisation=w.org,
        by=w.users["coordinator"],
        name="College",
        kind=Body.Kind.COLLEGE,
        reply_days=60,
        policy_makers=[w.users["policy_maker"]],
    )


def _signal(w: World) -> Signal:
    """A signal of the world's partner: its partner worker sees it too."""
    return services.signal_register(
        organisation=w.org,
        by=w.users["coordinator"],
        kind=Signal.Kind.SIGNAL,
        title="Te dure aanmaningen",
        text="Wie te laat betaalt, krijgt meteen hoge kosten.",
        body=_body(w),
        on_behalf=Signal.OnBehalf.PARTNER,
        partner=w.partner,
        files=[SimpleUploadedFile("bewijs.pdf", PDF, content_type="application/pdf")],
    )


def signal_kwargs(kind: str) -> Callable[[World, Loop], dict[str, Any]]:
    def make(w: World, loop: Loop) -> dict[str, Any]:
        if kind == "body":
            return {"pk": _body(w).pk}
        if kind == "theme":
            services.themes_ensure(w.org)
            return {"pk": services.Theme.objects.filter(organisation=w.org).first().pk}  # type: ignore[union-attr]
        signal = _signal(w)
        if kind == "attachment":
            return {"pk": signal.attachments.get().pk}
        return {"pk": signal.pk}

    return make


VIEWERS = {
    "admin",
    "coordinator",
    "social_worker",
    "service_contact",
    "policy_maker",
    "partner_worker",
}
REGISTRARS = {"admin", "coordinator", "social_worker", "service_contact", "partner_worker"}
COORDINATION = {"admin", "coordinator"}
# The body's own policy maker (the world's one is on it) and the coordinator who records a
# paper answer; other policy makers are refused in inbreng/signals/tests/test_access.py.
ANSWERERS = {"coordinator", "policy_maker"}


def signal_routes(route: Any) -> dict[str, Any]:
    """Authorization-matrix rows for signals, advice, bodies and themes."""
    return {
        "signals:list": route(VIEWERS),
        "signals:add": route(REGISTRARS),
        "signals:promote": route(
            COORDINATION, kwargs=lambda w, loop: {"pk": loop.question.pk}, scoped=True
        ),
        "signals:detail": route(VIEWERS, kwargs=signal_kwargs("signal"), scoped=True),
        "signals:answer": route(ANSWERERS, kwargs=signal_kwargs("signal"), scoped=True),
        # Without a file the page comes back to the signal with the message.
        "signals:attach": route(
            REGISTRARS, kwargs=signal_kwargs("signal"), scoped=True, method="post", ok=302
        ),
        "signals:attachment": route(VIEWERS, kwargs=signal_kwargs("attachment"), scoped=True),
        "signals:bodies": route(COORDINATION),
        "signals:body_add": route(COORDINATION),
        "signals:body_edit": route(COORDINATION, kwargs=signal_kwargs("body"), scoped=True),
        "signals:theme_add": route(COORDINATION),
        "signals:theme_edit": route(COORDINATION, kwargs=signal_kwargs("theme"), scoped=True),
    }
