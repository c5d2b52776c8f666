"""What every case page shares: the audit of each read, the page frame, who may act."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

from inbreng.core.languages import participant_language
from inbreng.core.models import AuditEvent
from inbreng.core.types import MemberRequest
from inbreng.core.views import apply_errors

from .. import selectors
from ..models import CaseConference

CaseView = Callable[..., HttpResponse]


def _read(request: MemberRequest, case: CaseConference, page: str, action: str = "") -> None:
    """Records that the member opened this page, PDF or document of the case."""
    AuditEvent.record(
        organisation=request.organisation,
        actor=request.user,
        action=action or AuditEvent.Action.VIEW,
        obj=case,
        page=page,
    )


def _case_page(
    request: MemberRequest,
    case: CaseConference,
    template: str,
    context: dict[str, Any],
    page: str,
) -> HttpResponse:
    _read(request, case, page)
    place = selectors.place_on(case, request.membership)
    languages = [
        (code, translation.get_language_info(code)["name_translated"])
        for code in _client_languages(case)
    ]
    return render(
        request,
        template,
        {"case": case, "place": place, "page": page, "print_languages": languages, **context},
    )


def _form_page(
    request: MemberRequest,
    case: CaseConference,
    form: Any,
    *,
    page: str,
    title: str,
    intro: str = "",
    submit: str = "",
    multipart: bool = False,
) -> HttpResponse:
    return _case_page(
        request,
        case,
        "casework/case_form.html",
        {
            "form": form,
            "title": title,
            "intro": intro,
            "submit": submit or _("Save"),
            "multipart": multipart,
        },
        page,
    )


def _submitted(
    request: MemberRequest, form: Any, save: Callable[[dict[str, Any]], object], done: str
) -> bool:
    """On a valid POST, runs the service with the form's data and says `done`. A refusal of
    the service lands next to its field, and the form keeps what was typed. True: saved."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        save(form.cleaned_data)
    except ValidationError as error:
        apply_errors(form, error)
        return False
    messages.success(request, done)
    return True


def _signal_saved(request: MemberRequest, form: Any, case: CaseConference | None) -> bool:
    """A signal for policy, on a case or on its own (the signals page)."""
    from .. import services

    return _submitted(
        request,
        form,
        lambda data: services.signal_record(
            organisation=request.organisation,
            by=request.user,
            case=case,
            **{k: data[k] for k in ("kind", "life_domain", "concerns", "description")},
        ),
        _("The signal is recorded, without personal data."),
    )


def _coordinator_only(request: MemberRequest, case: CaseConference) -> None:
    """On the case but not its coordinator: the case exists for them, so 403 is fine."""
    if case.coordinator_id != request.user.pk:
        raise PermissionDenied("coordinator only")


def _client_languages(case: CaseConference) -> list[str]:
    """Plain Dutch, and the client's own language when participant pages speak it."""
    own = participant_language(case.client.language if case.client else None)
    return ["nl"] if own == "nl" else ["nl", own]


def _print_language(request: MemberRequest, case: CaseConference) -> str:
    """The language asked for (?taal=), if the client reads it; else their own, else Dutch."""
    languages = _client_languages(case)
    wanted = request.GET.get("taal", "")
    return wanted if wanted in languages else languages[-1]


def _agenda_of(case: CaseConference) -> dict[str, Any]:
    # The form edits a copy, so that errors never change what the case page shows.
    return {
        name: getattr(case, name)
        for name in (
            "agenda_matters",
            "agenda_going_well",
            "agenda_change",
            "trusted_person",
            "trusted_person_relation",
        )
    }


def _case_url(case: CaseConference) -> str:
    from django.urls import reverse

    return reverse("casework:case", kwargs={"pk": case.pk})
