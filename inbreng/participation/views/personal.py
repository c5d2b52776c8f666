"""The participant's own page: no account, opened from a personal link or its QR code.

Opening the link starts a participant session and redirects to /mijn/, so the token does
not stay in the address bar, the browser history or the access log of later requests.
The page may be seen on a shared phone: it shows a first name only, never needs, address
or phone number.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from inbreng.people.models import Participant

from .. import selectors, services
from ..forms import MyInputForm
from ..models import Contribution, FeedbackDelivery, PersonalLink

SESSION_KEY = "participant_link_id"


def _current(request: HttpRequest) -> tuple[PersonalLink, Participant] | None:
    link_id = request.session.get(SESSION_KEY)
    if not link_id:
        return None
    link = (
        PersonalLink.objects.select_related("participant", "organisation")
        .filter(pk=link_id)
        .first()
    )
    if link is None or not services.link_is_valid(link):
        # A link that stopped working also closes a page that is still open with it.
        request.session.pop(SESSION_KEY, None)
        return None
    return link, link.participant


@never_cache
def open_link(request: HttpRequest) -> HttpResponse:
    # The token travels in the query string, which the access log format leaves out.
    link = services.link_resolve(request.GET.get("t", ""))
    if link is None:
        return render(request, "participation/link_invalid.html", status=404)
    request.session.cycle_key()
    request.session[SESSION_KEY] = link.pk
    return redirect("participation:my_page")


def first_name(participant: Participant) -> str:
    return participant.name.split(" ")[0]


@never_cache
def my_page(request: HttpRequest) -> HttpResponse:
    current = _current(request)
    if current is None:
        return render(request, "participation/link_invalid.html", status=403)
    _link, participant = current
    entries = selectors.my_questions(participant)
    answered = [e for e in entries if e.answered]
    already = set(
        FeedbackDelivery.objects.filter(
            participant=participant,
            channel=FeedbackDelivery.Channel.PERSONAL_PAGE,
            question_id__in=[e.question.pk for e in answered],
        ).values_list("question_id", flat=True)
    )
    for entry in answered:
        if entry.question.pk not in already:
            services.feedback_record(
                participant=participant,
                question=entry.question,
                channel=FeedbackDelivery.Channel.PERSONAL_PAGE,
                by=None,
            )
    return render(
        request,
        "participation/my_page.html",
        {
            "first_name": first_name(participant),
            "organisation": participant.organisation,
            "entries": entries,
            "upcoming": selectors.my_upcoming_meetings(participant),
            "open_questions": selectors.open_questions_for(participant),
            "form": MyInputForm(),
            "today": timezone.localdate(),
        },
    )


@require_POST
def my_input(request: HttpRequest, question_pk: int) -> HttpResponse:
    current = _current(request)
    if current is None:
        return render(request, "participation/link_invalid.html", status=403)
    _link, participant = current
    allowed = {q.pk: q for q in selectors.open_questions_for(participant)}
    question = allowed.get(question_pk)
    if question is None:
        return render(request, "participation/link_invalid.html", status=404)
    form = MyInputForm(request.POST)
    if form.is_valid():
        services.contribution_submit(
            participant=participant, question=question, text=form.cleaned_data["text"]
        )
        messages.success(
            request, _("Thank you. The coordinator reads it first, then passes it on.")
        )
        return redirect("participation:my_page")
    return render(
        request,
        "participation/my_input_error.html",
        {
            "form": form,
            "question": question,
            "first_name": first_name(participant),
            "organisation": participant.organisation,
        },
        status=400,
    )


@require_POST
def my_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    current = _current(request)
    if current is None:
        return render(request, "participation/link_invalid.html", status=403)
    _link, participant = current
    # Input that already has an answer stays: taking it back would undo the answer.
    contribution = get_object_or_404(
        Contribution, participant=participant, pk=pk, response__isnull=True
    )
    services.contribution_withdraw(contribution=contribution)
    messages.success(request, _("What you said is taken back."))
    return redirect("participation:my_page")


@require_POST
def my_logout(request: HttpRequest) -> HttpResponse:
    request.session.pop(SESSION_KEY, None)
    return render(request, "participation/my_logged_out.html")
