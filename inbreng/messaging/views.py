from __future__ import annotations

import hmac
import json
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from inbreng.core.decorators import permission_required
from inbreng.core.models import AuditEvent
from inbreng.core.pdf import pdf_response, render_pdf
from inbreng.core.qr import qr_png_data_uri
from inbreng.core.services import audit_read
from inbreng.core.types import MemberRequest
from inbreng.core.views import apply_errors
from inbreng.lib.phone import format_phone
from inbreng.people.models import Channel

from . import replies, selectors, services
from .forms import AnswerForm, CallForm, JargonForm, TemplateForm, placeholder_help
from .models import Delivery, JargonTerm, Kind, Message, MessageTemplate

PAGE_SIZE = 50
LETTERS_PER_PDF = 100  # about 10 s to render; a download stays far below gunicorn's 30 s


def _message(request: MemberRequest, pk: int) -> Message:
    return get_object_or_404(selectors.messages(request.organisation), pk=pk)


# Outbox -------------------------------------------------------------------------------


@permission_required("messaging.view_outbox")
def outbox(request: MemberRequest) -> HttpResponse:
    page = Paginator(selectors.messages(request.organisation), 20).get_page(
        request.GET.get("pagina")
    )
    counts = selectors.status_counts(m.pk for m in page)
    rows = [(m, selectors.progress(counts.get(m.pk, {}), m.total)) for m in page]
    return render(request, "messaging/outbox.html", {"page": page, "rows": rows})


@permission_required("messaging.view_outbox")
def message_detail(request: MemberRequest, pk: int) -> HttpResponse:
    message = _message(request, pk)
    counts = selectors.status_counts([message.pk]).get(message.pk, {})
    to_print = counts.get(Delivery.Status.TO_PRINT, 0)
    context: dict[str, Any] = {
        "message": message,
        "counts": counts,
        "progress": selectors.progress(counts, message.total),
        "letter_parts": [
            (n + 1, n * LETTERS_PER_PDF + 1, min(to_print, (n + 1) * LETTERS_PER_PDF))
            for n in range(-(-to_print // LETTERS_PER_PDF))
        ]
        if to_print > LETTERS_PER_PDF
        else [],
    }
    if request.headers.get("HX-Request") and request.GET.get("deel") == "voortgang":
        return render(request, "messaging/message_detail.html#progress", context)
    status = request.GET.get("status", "")
    if status not in Delivery.Status.values:
        status = ""
    audit_read(request, message)
    page = Paginator(selectors.deliveries(message, status), PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    context.update(
        {
            "page": page,
            "status": status,
            "statuses": [(s, label, counts.get(s, 0)) for s, label in Delivery.Status.choices],
            "query_string": f"status={status}" if status else "",
        }
    )
    return render(request, "messaging/message_detail.html", context)


@require_POST
@permission_required("messaging.send")
def retry(request: MemberRequest, pk: int) -> HttpResponse:
    count = services.retry_failed(message=_message(request, pk), by=request.user)
    messages.success(
        request,
        ngettext("%(count)d message is sent again.", "%(count)d messages are sent again.", count)
        % {"count": count},
    )
    return redirect("messaging:message", pk=pk)


@permission_required("messaging.view_outbox")
def letters(request: MemberRequest, pk: int) -> HttpResponse:
    """The letters of a message as PDFs of at most LETTERS_PER_PDF, one person per page, for
    window envelopes. Parts keep each download well within the web server's time limit."""
    message = _message(request, pk)
    try:
        part = max(1, int(request.GET.get("deel", "1")))
    except ValueError:
        part = 1
    start = (part - 1) * LETTERS_PER_PDF
    rows = list(
        message.deliveries.filter(status=Delivery.Status.TO_PRINT)
        .select_related("participant")
        .order_by("id")[start : start + LETTERS_PER_PDF]
    )
    if not rows:
        messages.info(request, _("There are no letters to print."))
        return redirect("messaging:message", pk=pk)
    content = render_pdf("messaging/letters.pdf.html", letters_context(message, rows))
    audit_read(request, message, AuditEvent.Action.EXPORT)
    suffix = f"-{part}" if part > 1 or len(rows) == LETTERS_PER_PDF else ""
    return pdf_response(content, f"brieven-{message.pk}{suffix}.pdf")


def letters_context(message: Message, rows: list[Delivery]) -> dict[str, Any]:
    return {
        "message": message,
        "organisation": message.organisation,
        "letters": [
            {
                "delivery": d,
                "facts": message.facts.get(d.language, {}),
                "qr": qr_png_data_uri(d.link) if d.link else "",
            }
            for d in rows
        ],
    }


@require_POST
@permission_required("messaging.send")
def letters_printed(request: MemberRequest, pk: int) -> HttpResponse:
    count = services.letters_printed(message=_message(request, pk), by=request.user)
    messages.success(
        request,
        ngettext(
            "%(count)d letter is marked as sent.", "%(count)d letters are marked as sent.", count
        )
        % {"count": count},
    )
    return redirect("messaging:message", pk=pk)


# Work for people: the phone list and messages to pass on -----------------------------------


@permission_required("messaging.send")
def phone_list(request: MemberRequest, pk: int) -> HttpResponse:
    message = _message(request, pk)
    audit_read(request, message)
    rows = [
        (d, format_phone(d.participant.phone))
        for d in message.deliveries.filter(status=Delivery.Status.TO_CALL).select_related(
            "participant"
        )
    ]
    return render(
        request,
        "messaging/phone_list.html",
        {
            "message": message,
            "rows": rows,
            "form": CallForm(),
            "takes_answer": services.can_take_answer(message),
        },
    )


def _answer_from(form: AnswerForm) -> services.Answer | None:
    data = form.cleaned_data
    if not data.get("reply"):
        return None
    return services.Answer(
        reply=data["reply"],
        children=data.get("children") or 0,
        needs_transport=data["needs_transport"],
        interpreter_language=data["interpreter_language"],
    )


@require_POST
@permission_required("messaging.send")
def call_done(request: MemberRequest, pk: int) -> HttpResponse:
    delivery = get_object_or_404(
        Delivery.objects.select_related("message", "participant"),
        organisation=request.organisation,
        pk=pk,
        channel=Channel.PHONE,
    )
    form = CallForm(request.POST)
    if delivery.status != Delivery.Status.TO_CALL:
        # A double click, or a colleague working through the same list, was first.
        messages.info(
            request, _("%(name)s is already off the list.") % {"name": delivery.participant.name}
        )
    elif not form.is_valid():
        messages.error(request, _("Check the answer: %(problems)s") % {"problems": _problems(form)})
    elif form.cleaned_data["not_reached"]:
        messages.info(request, _("The call stays on the list."))
    else:
        _handle(
            request,
            delivery,
            form,
            _("Saved. %(name)s is off the list.") % {"name": delivery.participant.name},
        )
    return redirect("messaging:phone_list", pk=delivery.message_id)


def _handle(request: MemberRequest, delivery: Delivery, form: AnswerForm, done: str) -> None:
    """Ticks a call or a passed-on message off, and says whether the answer was recorded."""
    answer = _answer_from(form)
    try:
        recorded = services.delivery_handle(delivery=delivery, by=request.user, answer=answer)
    except services.AlreadyHandled:
        messages.info(request, _("Someone ticked this off already."))
        return
    messages.success(request, done)
    if answer is not None and not recorded:
        messages.warning(
            request,
            _(
                "The answer could not be saved: the meeting is over or cancelled, or the person "
                "is no longer invited."
            ),
        )


def _problems(form: AnswerForm) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


@permission_required("messaging.pass_on")
def pass_on_list(request: MemberRequest) -> HttpResponse:
    rows = list(selectors.to_pass_on(request.membership))
    audit_read(request, object_type="messaging.delivery")
    return render(request, "messaging/pass_on.html", {"rows": rows, "form": AnswerForm()})


@require_POST
@permission_required("messaging.pass_on")
def passed_on(request: MemberRequest, pk: int) -> HttpResponse:
    # Only the social worker it is assigned to ticks it off.
    delivery = get_object_or_404(
        Delivery.objects.select_related("message", "participant"),
        organisation=request.organisation,
        assignee=request.user,
        pk=pk,
    )
    form = AnswerForm(request.POST)
    if delivery.status != Delivery.Status.TO_PASS_ON:
        # A double click: it was ticked off already.
        messages.info(request, _("This message was already passed on."))
    elif not form.is_valid():
        messages.error(request, _("Check the answer: %(problems)s") % {"problems": _problems(form)})
    else:
        _handle(request, delivery, form, _("Done. Thank you for passing it on."))
    return redirect("messaging:pass_on")


# Templates and the plain-language check ----------------------------------------------------


@permission_required("messaging.edit_templates")
def template_list(request: MemberRequest) -> HttpResponse:
    languages = services.message_languages()
    rows = [
        (Kind(kind), [(language, texts.get(language)) for language in languages])
        for kind, texts in services.all_template_texts(request.organisation).items()
    ]
    return render(request, "messaging/template_list.html", {"rows": rows, "languages": languages})


@permission_required("messaging.edit_templates")
def template_edit(request: MemberRequest, kind: str, language: str) -> HttpResponse:
    if kind not in Kind.values or kind == Kind.FREE or language not in services.message_languages():
        raise Http404
    own = MessageTemplate.objects.filter(
        organisation=request.organisation, kind=kind, language=language
    ).first()
    text = services.template_texts(request.organisation, kind).get(language)
    initial = (
        {"subject": text.subject, "body": text.body, "sms": text.sms}
        if text and own is None
        else {}
    )
    form = TemplateForm(request.POST or None, instance=own, initial=initial)
    if language != "nl":
        # The checker reads Dutch only.
        form.fields["body"].widget = forms.Textarea(attrs={"rows": 10})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.template_save(
                organisation=request.organisation,
                kind=kind,
                language=language,
                by=request.user,
                **{name: data[name] for name in form.Meta.fields},
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The text is saved."))
            return redirect("messaging:templates")
    return render(
        request,
        "messaging/template_form.html",
        {
            "form": form,
            "kind": Kind(kind),
            "language": language,
            "own": own,
            "plain_checks": services.plain_checks(request.organisation, form),
            "placeholders": placeholder_help(),
        },
    )


@require_POST
@permission_required("messaging.edit_templates")
def template_reset(request: MemberRequest, kind: str, language: str) -> HttpResponse:
    if kind not in Kind.values or language not in services.message_languages():
        raise Http404
    # Pressed twice (or again after the back button): the built-in text is already in use.
    template = MessageTemplate.objects.filter(
        organisation=request.organisation, kind=kind, language=language
    ).first()
    if template is not None:
        services.template_reset(template=template, by=request.user)
    messages.success(request, _("The built-in text is used again."))
    return redirect("messaging:templates")


@require_POST
@permission_required("messaging.check_text")
def plain_check(request: MemberRequest) -> HttpResponse:
    """The live check under a text field (htmx). Reads the field named in `field`."""
    field = request.POST.get("field", "body")
    text = request.POST.get(field, "")[:20000]
    return render(
        request,
        "components/plain_check.html",
        {"check": services.plain_check(request.organisation, text)},
    )


@permission_required("messaging.edit_templates")
def jargon(request: MemberRequest) -> HttpResponse:
    form = JargonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.jargon_add(organisation=request.organisation, **form.cleaned_data)
        messages.success(request, _("The word is on the list."))
        return redirect("messaging:jargon")
    own = JargonTerm.objects.filter(organisation=request.organisation).exists()
    terms = sorted(services.jargon_for(request.organisation).items(), key=lambda t: t[0].lower())
    return render(request, "messaging/jargon.html", {"form": form, "terms": terms, "own": own})


@require_POST
@permission_required("messaging.edit_templates")
def jargon_remove(request: MemberRequest) -> HttpResponse:
    services.jargon_remove(organisation=request.organisation, term=request.POST.get("term", ""))
    messages.success(request, _("The word is off the list."))
    return redirect("messaging:jargon")


# Inbound SMS ----------------------------------------------------------------------------


@csrf_exempt
@require_POST
def sms_inbound(request: HttpRequest) -> HttpResponse:
    """The SMS provider's webhook: `Authorization: Bearer <SMS_WEBHOOK_TOKEN>`, and the
    sender and text as form fields or JSON (`from`, `text`)."""
    token = getattr(settings, "SMS_WEBHOOK_TOKEN", "")
    scheme, _space, given = request.headers.get("Authorization", "").partition(" ")
    if (
        not token
        or scheme.lower() != "bearer"
        or not hmac.compare_digest(given.strip().encode(), token.encode())
    ):
        return JsonResponse({"error": "unauthorised"}, status=401)
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body)
        except ValueError:
            return JsonResponse({"error": "invalid JSON"}, status=400)
        if not isinstance(data, dict):
            return JsonResponse({"error": "invalid JSON"}, status=400)
    else:
        data = request.POST.dict()
    sender, text = str(data.get("from", "")), str(data.get("text", ""))
    if not sender or not text:
        return JsonResponse({"error": "from and text are required"}, status=400)
    delivery = replies.sms_received(sender=sender[:32], text=text[:480])
    return JsonResponse({"matched": delivery is not None})
