"""Translating the substance: a question and an answer, into the participants' languages.

Staff and partner workers (an interpreter, adult education) write them. Nothing here shows
who said what: a translator sees the question and the answer, never names.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inbreng.core.decorators import permission_required
from inbreng.core.models import Role
from inbreng.core.types import MemberRequest
from inbreng.core.views import apply_errors

from .. import translations
from ..models import Question, Response, Translation, Translator
from ..translation_forms import TranslationForm

PAGE_SIZE = 20


def _language(code: str) -> str:
    if code not in translations.translatable_languages():
        raise Http404
    return code


def _is_partner(request: MemberRequest) -> bool:
    return request.membership.has_role(Role.PARTNER_WORKER) and not request.membership.has_role(
        Role.COORDINATOR, Role.ADMIN, Role.SERVICE_CONTACT
    )


@permission_required("participation.translate")
def translation_list(request: MemberRequest) -> HttpResponse:
    """Questions and their answers, with which languages they have and which they still need."""
    only_missing = request.GET.get("ontbrekend") == "1"
    questions = translations.questions_to_translate(request.membership, only_missing=only_missing)
    page = Paginator(questions, PAGE_SIZE).get_page(request.GET.get("pagina"))
    rows = translations.translation_rows(list(page.object_list))
    return render(
        request,
        "participation/translation_list.html",
        {
            "page": page,
            "rows": rows,
            "languages": translations.translatable_languages(),
            "only_missing": only_missing,
            "query_string": "ontbrekend=1" if only_missing else "",
        },
    )


@permission_required("participation.translate")
def question_translate(request: MemberRequest, pk: int, language: str) -> HttpResponse:
    question = get_object_or_404(translations.questions_to_translate(request.membership), pk=pk)
    return _translate(request, language=_language(language), question=question)


@permission_required("participation.translate")
def response_translate(request: MemberRequest, pk: int, language: str) -> HttpResponse:
    visible = translations.questions_to_translate(request.membership)
    response = get_object_or_404(
        Response.objects.filter(question__in=visible).select_related("question"), pk=pk
    )
    return _translate(request, language=_language(language), response=response)


def _translate(
    request: MemberRequest,
    *,
    language: str,
    question: Question | None = None,
    response: Response | None = None,
) -> HttpResponse:
    existing = Translation.objects.filter(
        question=question, response=response, language=language
    ).first()
    partner = _is_partner(request)
    may_change = existing is None or translations.may_change(existing, request.membership)
    initial: dict[str, object] = {
        "translator": Translator.PARTNER if partner else Translator.STAFF,
    }
    if existing is not None:
        initial.update(
            title=existing.title,
            text=existing.text,
            translator=existing.translator,
            reviewed=existing.reviewed,
        )
    form = TranslationForm(
        request.POST if request.method == "POST" and may_change else None,
        initial=initial,
        language=language,
        is_question=question is not None,
        partner=partner,
    )
    status = 200
    if request.method == "POST" and not may_change:
        status = 403
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = translations.translation_save(
                organisation=request.organisation,
                language=language,
                question=question,
                response=response,
                title=data.get("title", ""),
                text=data["text"],
                translator=data["translator"],
                reviewed=data["reviewed"],
                by=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if data["reviewed"] and not saved.reviewed:
                messages.warning(
                    request,
                    _(
                        "The translation is saved. You changed words that a native speaker "
                        "had checked, so it is marked “not checked yet” again."
                    ),
                )
            else:
                messages.success(request, _("The translation is saved."))
            return redirect("participation:translations")
    if form.is_bound and status == 200:
        status = 400
    return render(
        request,
        "participation/translation_form.html",
        {
            "form": form,
            "language": language,
            "question": question or (response.question if response else None),
            "response": response,
            "existing": existing,
            "may_change": may_change,
            "refused": translations.CHANGE_REFUSED,
            "translated_by": (
                existing.translated_by
                if existing is not None
                else translations.translator_name(request.membership)
            ),
        },
        status=status,
    )


@require_POST
@permission_required("participation.translate")
def translation_delete(request: MemberRequest, pk: int) -> HttpResponse:
    visible = translations.questions_to_translate(request.membership)
    translation = get_object_or_404(
        Translation.objects.filter(organisation=request.organisation).filter(question__in=visible)
        | Translation.objects.filter(
            organisation=request.organisation, response__question__in=visible
        ),
        pk=pk,
    )
    try:
        translations.translation_delete(translation=translation, membership=request.membership)
    except PermissionDenied:
        messages.error(request, translations.CHANGE_REFUSED)
        return redirect("participation:translations")
    messages.success(request, _("The translation is removed. Participants read the Dutch text."))
    return redirect("participation:translations")
