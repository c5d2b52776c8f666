"""The participant's own page: no account, opened from a personal link or its QR code.

Following the link shows one button, "Open my page"; pressing it starts a participant
session and redirects to /mijn/, so the token does not stay in the address bar, the browser
history or the access log of later requests. A link-preview robot only sees the button.
The session holds the person's id and the version of their link (the id of the link that
was current when the page opened), never the link or its token: a new link closes every
page that is still open, also one opened with an old link that was kept working a while.
The page may be seen on a shared phone: it shows a first name only, never the needs in the
register, address or phone number. It does show the person's own answer to an invitation
(coming or not, childcare, transport, an interpreter), given on this page or to staff.

Every page speaks the participant's language when Inbreng has it (settings
PARTICIPANT_LANGUAGES), else Dutch. The person may choose another one on the page; that
choice lives in this session only.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, Concatenate

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from inbreng.core.languages import participant_language
from inbreng.messaging.items import Pair
from inbreng.people.models import Participant

from .. import selectors, services
from ..calendar import meeting_ics
from ..forms import MyInputForm, MyLanguageForm, MyReplyForm
from ..models import Contribution, Invitation, PersonalLink

SESSION_KEY = "participant_page"
# A language chosen on the page; a new link starts again from the person's own language.
LANGUAGE_KEY = "participant_language"
# The questions with an answer that was new to the person when they opened their page.
NEW_ANSWERS_KEY = "participant_new_answers"
# The questions whose own page the person opened since: their answers are not new anymore.
SEEN_KEY = "participant_seen_questions"
# Per question, the pages of its own page the person opened this visit.
PAGES_KEY = "participant_question_pages"


def _new_answers(request: HttpRequest, participant: Participant, told: Any) -> set[int]:
    """The questions with an answer new to the person: those new when they opened their
    page, and any that came while it was open; not those whose own page they read since."""
    kept = set(request.session.get(NEW_ANSWERS_KEY, []))
    seen = set(request.session.get(SEEN_KEY, []))
    return (kept | selectors.new_answers(participant, told)) - seen


THANKS = {
    Invitation.Reply.YES: gettext_lazy("Thank you. We count on you."),
    Invitation.Reply.NO: gettext_lazy("Too bad. Thank you for letting us know."),
    Invitation.Reply.MAYBE: gettext_lazy("Thank you. Let us know when you are sure."),
}


def page_session(participant: Participant) -> dict[str, int] | None:
    """What the session keeps of an open page: the person and their current link's version.

    None when the person has no working link (then no page opens).
    """
    version = services.link_version(participant)
    if version is None:
        return None
    return {"participant": participant.pk, "version": version}


def _current(request: HttpRequest) -> Participant | None:
    """The person whose page this session opened, while no new link replaced theirs."""
    kept = request.session.get(SESSION_KEY)
    # A session from before (it held a link's id) or anything else opens nothing.
    if not isinstance(kept, dict) or not isinstance(kept.get("participant"), int):
        request.session.pop(SESSION_KEY, None)
        return None
    participant = (
        Participant.objects.select_related("organisation")
        .filter(pk=int(kept["participant"]), erased_at__isnull=True)
        .first()
    )
    if participant is None or services.link_version(participant) != kept.get("version"):
        # A new link, or a link that stopped working, also closes a page still open.
        request.session.pop(SESSION_KEY, None)
        return None
    return participant


def _language(request: HttpRequest, participant: Participant | None) -> str:
    return participant_language(
        request.session.get(LANGUAGE_KEY), participant.language if participant else None
    )


def _speaking(language: str, respond: Callable[[], HttpResponse]) -> HttpResponse:
    """The response `respond` makes, rendered in `language` and saying so in its header."""
    with translation.override(language):
        response = respond()
    response.headers["Content-Language"] = language
    return response


def participant_page[**P](
    view: Callable[Concatenate[HttpRequest, Participant, P], HttpResponse],
) -> Callable[Concatenate[HttpRequest, P], HttpResponse]:
    """Runs `view` for the participant whose page this session opened, in their language.

    Without a working link the person gets the friendly refusal (403) instead.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        participant = _current(request)
        if participant is None:
            return _speaking(
                _language(request, None),
                lambda: render(request, "participation/link_invalid.html", status=403),
            )
        return _speaking(
            _language(request, participant), lambda: view(request, participant, *args, **kwargs)
        )

    return wrapped


def _link_invalid(request: HttpRequest) -> HttpResponse:
    return _speaking(
        _language(request, None),
        lambda: render(request, "participation/link_invalid.html", status=404),
    )


def _button(
    request: HttpRequest, link: PersonalLink | None, field: str, value: str
) -> HttpResponse:
    """The page a link opens: one button, in the person's language, and nothing personal.

    Link-preview robots (chat apps, mail filters) follow links too: a GET must neither open
    the page nor count as the person reading it. Only pressing the button does.
    """
    if link is None:
        return _link_invalid(request)
    participant = link.participant
    return _speaking(
        participant_language(None, participant.language),
        lambda: render(
            request,
            "participation/link_open.html",
            {"organisation": link.organisation, "field": field, "value": value},
        ),
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def open_link(request: HttpRequest) -> HttpResponse:
    """/p/?t=<token> shows the button; the button (a POST) opens the page."""
    if request.method == "POST":
        token, code = request.POST.get("t", ""), request.POST.get("k", "")
        link = services.link_resolve(token) if token else services.link_resolve_short(code)
        if link is None:
            return _link_invalid(request)
        kept = page_session(link.participant)
        if kept is None:
            return _link_invalid(request)
        request.session.cycle_key()
        request.session[SESSION_KEY] = kept
        request.session.pop(LANGUAGE_KEY, None)
        request.session.pop(NEW_ANSWERS_KEY, None)
        request.session.pop(SEEN_KEY, None)
        request.session.pop(PAGES_KEY, None)
        # The person pressed the button: now they read their answers. Staff who look at
        # the page while signed in (to check it, or to show it) count nothing.
        if not request.user.is_authenticated:
            # What is new to the person is worked out before their reading counts, so that
            # the page can say so (see my_page).
            new = selectors.new_answers(link.participant)
            request.session[NEW_ANSWERS_KEY] = sorted(new)
            # The first page of the personal page opens now: its questions shown in full.
            said = selectors.my_question_order(link.participant)
            first = selectors.my_page_order(said, new)[: selectors.MY_PAGE_SIZE]
            services.feedback_read_on_page(link.participant, selectors.shown_in_full(said, first))
        return redirect("participation:my_page")
    # The token travels in the query string, which the access log format leaves out.
    token = request.GET.get("t", "")[:100]
    return _button(request, services.link_resolve(token), "t", token)


@never_cache
@require_http_methods(["GET", "HEAD"])
def short_link(request: HttpRequest) -> HttpResponse:
    """/k/?<code>, the short form for SMS and paper: the same button as /p/."""
    # The code is the whole query string, which the access log leaves out too.
    code = request.META.get("QUERY_STRING", "").split("&", 1)[0][:40]
    return _button(request, services.link_resolve_short(code), "k", code)


def _page(participant: Participant) -> dict[str, Any]:
    """What every page of an open personal page shows around its content."""
    return {
        "first_name": participant.first_name,
        "organisation": participant.organisation,
        "participant_languages": settings.PARTICIPANT_LANGUAGES,
    }


def _back(request: HttpRequest) -> HttpResponse:
    """Back to the page of the personal page the form was on (`terug`), else its start."""
    back = request.POST.get("terug", "")
    if back.startswith("/mijn/") and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(back)
    return redirect("participation:my_page")


@never_cache
@participant_page
def my_page(request: HttpRequest, participant: Participant) -> HttpResponse:
    # Reading the first page counted when the person pressed the button (see open_link);
    # a later page counts below. New answers: see _new_answers.
    told = selectors.last_told(participant)
    new = _new_answers(request, participant, told)
    # Only the page's questions (five) are read with their input and answers.
    said = selectors.my_question_order(participant)
    page = Paginator(selectors.my_page_order(said, new), selectors.MY_PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    entries = selectors.my_questions(
        participant,
        question_ids=list(page.object_list),
        per_question=selectors.MY_PAGE_INPUTS,
        told=told,
    )
    for entry in entries:
        if entry.question.pk not in new:
            # Read on the question's own page this visit.
            entry.new_answer_ids, entry.more_new = set(), 0
    if page.number > 1 and not request.user.is_authenticated:
        # The first page counted when the person pressed the button; a later page counts
        # when they open it. Staff who look at the page count nothing.
        services.feedback_read_on_page(
            participant, selectors.shown_in_full(said, list(page.object_list))
        )
    # One answer form per meeting, each with its own field ids.
    upcoming = [
        (i, MyReplyForm(invitation=i, participant=participant, auto_id=f"id_invitation{i.pk}_%s"))
        for i in selectors.my_upcoming_meetings(participant)
    ]
    return render(
        request,
        "participation/my_page.html",
        {
            **_page(participant),
            # Five questions a page: someone who spoke often still gets a short page.
            "entries": entries,
            "page": page,
            "new_answers": [e for e in entries if e.question.pk in new],
            # One or more: the notice speaks of "a new answer" or "new answers".
            "new_answer_count": sum(
                max(1, len(e.new_answer_ids) + e.more_new) for e in entries if e.question.pk in new
            ),
            "new_answer_ids": new,
            "upcoming": upcoming,
            "open_questions": selectors.open_questions_for(participant),
            "form": MyInputForm(),
            "today": timezone.localdate(),
            # Whom the person can call: the organisation, and their own social worker.
            "social_worker": selectors.social_worker_name(participant),
        },
    )


MY_QUESTION_PAIRS = 20


@never_cache
@participant_page
def my_question(request: HttpRequest, participant: Participant, question_pk: int) -> HttpResponse:
    """Everything the person and their group said on one question, each with its answer,
    the newest answer first, 20 answers a page: the personal page shows the latest few.

    Reading all of it counts as hearing back on the page (the personal page counts only
    the questions it shows in full), once every page up to its last new answer was open
    this visit; after that, its answers are no longer new. A question that is not the
    person's goes back to their page, as one they took back."""
    said = selectors.my_question_order(participant)
    if question_pk not in said:
        return redirect("participation:my_page")
    told = selectors.last_told(participant)
    new = _new_answers(request, participant, told)
    entry = selectors.my_questions(participant, question_ids=[question_pk], told=told)[0]
    position = selectors.my_page_order(said, new).index(question_pk)
    pairs = newest_first(entry.feedback.pairs)
    page = Paginator(pairs, MY_QUESTION_PAIRS).get_page(request.GET.get("pagina"))
    # Read once every page up to the one with the last new answer was open this visit (the
    # newest come first): not on the first page while a later one holds more, nor on a later
    # page opened by itself.
    last_new = max(
        (
            i
            for i, p in enumerate(pairs)
            if p.answer is not None and p.answer.pk in entry.new_answer_ids
        ),
        default=0,
    )
    opened = request.session.get(PAGES_KEY, {})
    pages = sorted({*opened.get(str(question_pk), []), page.number})
    request.session[PAGES_KEY] = {**opened, str(question_pk): pages}
    read = set(range(1, last_new // MY_QUESTION_PAIRS + 2)) <= set(pages)
    if not request.user.is_authenticated and read:
        services.feedback_read_on_page(participant, [question_pk])
        request.session[SEEN_KEY] = sorted({*request.session.get(SEEN_KEY, []), question_pk})
    return render(
        request,
        "participation/my_question.html",
        {
            **_page(participant),
            "entry": entry,
            "page": page,
            "back": f"{reverse('participation:my_page')}"
            f"?pagina={position // selectors.MY_PAGE_SIZE + 1}#my-q-{question_pk}",
            "new_answer_ids": new,
            "today": timezone.localdate(),
        },
    )


def newest_first(pairs: list[Pair]) -> list[Pair]:
    """The answers, the newest first (answers are numbered as they are written); then what
    still waits, then what was not passed on."""
    answered = [p for p in pairs if p.answer is not None]
    answered.sort(key=lambda p: -p.answer.pk if p.answer is not None else 0)
    return answered + [p for p in pairs if p.answer is None]


@require_POST
@participant_page
def my_input(request: HttpRequest, participant: Participant, question_pk: int) -> HttpResponse:
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
        {**_page(participant), "form": form, "question": question},
        status=400,
    )


@require_POST
@participant_page
def my_reply(request: HttpRequest, participant: Participant, pk: int) -> HttpResponse:
    """The person answers an invitation: coming or not, and what they need to come."""
    # Only their own invitations to meetings still to come.
    invitation = {i.pk: i for i in selectors.my_upcoming_meetings(participant)}.get(pk)
    if invitation is None:
        return render(request, "participation/link_invalid.html", status=404)
    form = MyReplyForm(request.POST, invitation=invitation, participant=participant)
    if not form.is_valid():
        return render(
            request,
            "participation/my_reply_error.html",
            {**_page(participant), "form": form, "invitation": invitation},
            status=400,
        )
    services.invitation_answer(invitation=invitation, **form.answer())
    messages.success(request, str(THANKS[Invitation.Reply(invitation.reply)]))
    return redirect("participation:my_page")


@require_POST
@participant_page
def my_language(request: HttpRequest, participant: Participant) -> HttpResponse:
    """The person reads their page in another language, on this phone, until they close it."""
    form = MyLanguageForm(request.POST)
    if form.is_valid():
        request.session[LANGUAGE_KEY] = form.cleaned_data["language"]
    else:
        messages.error(request, _("Choose a language from the list."))
    return _back(request)


@require_POST
@participant_page
def my_withdraw(request: HttpRequest, participant: Participant, pk: int) -> HttpResponse:
    # Input that already has an answer stays: taking it back would undo the answer.
    contribution = get_object_or_404(
        Contribution, participant=participant, pk=pk, response__isnull=True
    )
    # Staff who opened the page while signed in are named in the audit log, not the person.
    by = request.user if request.user.is_authenticated else None
    try:
        services.contribution_withdraw(contribution=contribution, by=by, unanswered_only=True)
    except ValidationError as error:  # answered meanwhile
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("What you said is taken back."))
    return _back(request)


@require_POST
def my_logout(request: HttpRequest) -> HttpResponse:
    # The goodbye still speaks the language the page spoke.
    language = _language(request, _current(request))
    request.session.pop(SESSION_KEY, None)
    request.session.pop(LANGUAGE_KEY, None)
    request.session.pop(NEW_ANSWERS_KEY, None)
    request.session.pop(SEEN_KEY, None)
    request.session.pop(PAGES_KEY, None)
    return _speaking(language, lambda: render(request, "participation/my_logged_out.html"))


@never_cache
@require_http_methods(["GET", "HEAD"])
@participant_page
def my_meeting_ics(request: HttpRequest, participant: Participant, pk: int) -> HttpResponse:
    """A calendar file for one of the person's own meetings still to come."""
    invitation = {i.pk: i for i in selectors.my_upcoming_meetings(participant)}.get(pk)
    if invitation is None:
        return render(request, "participation/link_invalid.html", status=404)
    meeting = invitation.meeting
    response = HttpResponse(
        meeting_ics(meeting, url=request.build_absolute_uri(reverse("participation:my_page"))),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="bijeenkomst-{meeting.pk}.ics"'
    return response
