"""Self-completion from a personal link, on a phone: one question per screen.

As with the participant's own page, following the link (/v/?t=<token>) shows one button; a
link-preview robot sees only that. Pressing it keeps the response's id in the session, and
the token leaves the address bar. Every answer is saved at once: opening the same link later
goes on where the person stopped. The pages speak the response's language (nl, fr, ar, en).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from inbreng.core.languages import participant_language

from ..models import Response, SurveyLink
from ..services import responses as services
from .common import position_from, shown

SESSION_KEY = "survey_response"


def _speaking(language: str, respond: Callable[[], HttpResponse]) -> HttpResponse:
    with translation.override(language):
        result = respond()
    result.headers["Content-Language"] = language
    return result


def _invalid(request: HttpRequest, status: int) -> HttpResponse:
    language = participant_language(request.GET.get("taal"))
    return _speaking(language, lambda: render(request, "surveys/self/invalid.html", status=status))


def _current(request: HttpRequest) -> Response | None:
    """The response this session opened, while its link still works."""
    kept = request.session.get(SESSION_KEY)
    if not isinstance(kept, dict) or not isinstance(kept.get("link"), int):
        return None
    link = (
        SurveyLink.objects.select_related("response__wave__version", "organisation")
        .filter(pk=kept["link"], revoked_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if link is None or link.response.wave.status == "closed":
        request.session.pop(SESSION_KEY, None)
        return None
    return link.response


def _context(response: Response, **more: Any) -> dict[str, Any]:
    return {
        "organisation": response.organisation,
        "response": response,
        "languages": [
            ("nl", "Nederlands"),
            ("fr", "Français"),
            ("ar", "العربية"),
            ("en", "English"),
        ],
        **more,
    }


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def self_open(request: HttpRequest) -> HttpResponse:
    """/v/?t=<token> shows the start button; the button (a POST) opens the questions."""
    if request.method == "POST":
        link = services.link_resolve(request.POST.get("t", "")[:100])
        if link is None:
            return _invalid(request, 404)
        request.session.cycle_key()
        request.session[SESSION_KEY] = {"link": link.pk}
        if link.response.status == Response.Status.COMPLETE:
            return redirect("surveys:self_thanks")
        return redirect("surveys:self_question")
    token = request.GET.get("t", "")[:100]
    link = services.link_resolve(token)
    if link is None:
        return _invalid(request, 404)
    response = link.response
    language = participant_language(response.language)
    return _speaking(
        language,
        lambda: render(
            request,
            "surveys/self/start.html",
            _context(response, token=token, resumed=response.position > 0),
        ),
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def self_question(request: HttpRequest) -> HttpResponse:
    response = _current(request)
    if response is None:
        return _invalid(request, 403)
    if response.status == Response.Status.COMPLETE:
        return redirect("surveys:self_thanks")
    language = participant_language(response.language)
    return _speaking(language, lambda: _question_page(request, response, language))


def _question_page(request: HttpRequest, response: Response, language: str) -> HttpResponse:
    from django.core.exceptions import ValidationError

    questions = list(
        response.wave.version.questions.order_by("position").prefetch_related(
            "choices", "translations"
        )
    )
    answers = services.answers_of(response)
    where = services.route(questions, answers)
    default = where.current if where.current is not None else where.path[-1]
    posted = None
    error = ""
    position = position_from(request, default, where.path) or 0
    if request.method == "POST":
        posted = request.POST.getlist("answer")
        try:
            after = services.answer_record(
                response=response, questions=questions, question=questions[position], raw=posted
            )
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            if after.current is None:
                return redirect("surveys:self_thanks")
            return redirect(f"{reverse('surveys:self_question')}?q={after.current}")
    question = questions[position]
    return render(
        request,
        "surveys/self/question.html",
        _context(
            response,
            item=shown(
                question,
                position=position,
                total=len(questions),
                language=language,
                answer=answers.get(question.pk),
                posted=posted,
                error=error,
            ),
            position=position,
            previous=where.previous(position),
            show_languages=True,
        ),
        status=400 if error else 200,
    )


@never_cache
@require_http_methods(["GET", "HEAD"])
def self_thanks(request: HttpRequest) -> HttpResponse:
    response = _current(request)
    if response is None:
        return _invalid(request, 403)
    language = participant_language(response.language)
    return _speaking(
        language, lambda: render(request, "surveys/self/thanks.html", _context(response))
    )


@require_POST
def self_language(request: HttpRequest) -> HttpResponse:
    response = _current(request)
    if response is None:
        return _invalid(request, 403)
    language = request.POST.get("language", "")
    if language in ("nl", "fr", "ar", "en"):
        services.response_set_language(response=response, language=language)
    back = request.POST.get("q", "")
    target = reverse("surveys:self_question")
    # A question's place: ASCII digits only, and short (a long one would not be a place).
    place = back.isascii() and back.isdigit() and len(back) <= 4
    return redirect(f"{target}?q={int(back)}" if place else target)
