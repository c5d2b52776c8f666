from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from inbreng.core.decorators import permission_required
from inbreng.core.models import AuditEvent
from inbreng.core.pdf import pdf_response
from inbreng.core.services import audit_read
from inbreng.core.types import MemberRequest
from inbreng.core.views import apply_errors
from inbreng.lib.phone import format_phone
from inbreng.people.models import Channel

from . import letters as letters_module
from . import replies, selectors, services, sms_length
from .forms import (
    ANSWER_CHOICES,
    AnswerForm,
    CallForm,
    JargonForm,
    PostedForm,
    TemplateForm,
    placeholder_help,
)
from .items import refreshed

# Other apps' tests and the benchmark render letters the way this view does.
from .letters import letters_context as letters_context
from .models import Delivery, JargonTerm, Kind, LettersJob, Message, MessageTemplate
from .scripts import PHONE_SCRIPTS, with_caller, without_web_addresses

PAGE_SIZE = 50


def _message(request: MemberRequest, pk: int) -> Message:
    return get_object_or_404(selectors.messages(request.organisation, request.membership), pk=pk)


# Outbox -------------------------------------------------------------------------------


@permission_required("messaging.view_outbox")
def outbox(request: MemberRequest) -> HttpResponse:
    page = Paginator(selectors.messages(request.organisation, request.membership), 20).get_page(
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
        **_letters_job_context(message, to_print),
    }
    if request.headers.get("HX-Request") and request.GET.get("deel") == "voortgang":
        return render(request, "messaging/message_detail.html#progress", context)
    if request.headers.get("HX-Request") and request.GET.get("deel") == "brieven":
        return render(request, "messaging/message_detail.html#letters_job", context)
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


def _letters_job_context(message: Message, to_print: int) -> dict[str, Any]:
    if to_print <= letters_module.LETTERS_IN_REQUEST:
        return {"letters_job": None, "letters_in_request": True}
    job = letters_module.current_job(message)
    return {
        "letters_job": job,
        "letters_in_request": False,
        "letters_ready": letters_module.job_is_current(job, message),
        "letters_busy": job is not None
        and job.status in (LettersJob.Status.QUEUED, LettersJob.Status.RUNNING),
    }


@permission_required("messaging.view_outbox")
def letters(request: MemberRequest, pk: int) -> HttpResponse | FileResponse:
    """The letters of a message as one PDF, one person per page, for window envelopes. A
    few render here; more come from the file the task worker made (`letters_make`)."""
    message = _message(request, pk)
    rows = list(
        letters_module.to_print(message).select_related("participant__social_worker")[
            : letters_module.LETTERS_IN_REQUEST + 1
        ]
    )
    if not rows:
        messages.info(request, _("There are no letters to print."))
        return redirect("messaging:message", pk=pk)
    if len(rows) <= letters_module.LETTERS_IN_REQUEST:
        content = letters_module.render_letters(message, rows)
        audit_read(request, message, AuditEvent.Action.EXPORT)
        return pdf_response(content, f"brieven-{message.pk}.pdf")
    job = letters_module.current_job(message)
    if job is None or not letters_module.job_is_current(job, message):
        messages.info(request, _("The letters have changed. Make the PDF again."))
        return redirect("messaging:message", pk=pk)
    audit_read(request, message, AuditEvent.Action.EXPORT)
    response = FileResponse(
        job.file.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"brieven-{message.pk}.pdf",
    )
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@permission_required("messaging.send")
def letters_make(request: MemberRequest, pk: int) -> HttpResponse:
    """Asks the task worker for all letters of the message as one PDF."""
    message = _message(request, pk)
    if not letters_module.to_print(message).exists():
        messages.info(request, _("There are no letters to print."))
    else:
        letters_module.letters_job_request(message=message, by=request.user)
    return redirect(f"{reverse('messaging:message', args=[pk])}#letters")


@require_POST
@permission_required("messaging.send")
def letters_printed(request: MemberRequest, pk: int) -> HttpResponse:
    """The letters are printed and posted, on the day given: for feedback, each person on
    them now counts as having heard back."""
    message = _message(request, pk)
    form = PostedForm(request.POST)
    if form.is_valid():
        try:
            count = services.letters_printed(
                message=message, by=request.user, posted_on=form.cleaned_data["posted_on"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d letter is marked as posted.",
                    "%(count)d letters are marked as posted.",
                    count,
                )
                % {"count": count},
            )
            return redirect("messaging:message", pk=pk)
    to_print = message.deliveries.filter(status=Delivery.Status.TO_PRINT).count()
    return render(
        request,
        "messaging/letters_posted.html",
        {"message": message, "form": form, "to_print": to_print},
        status=400,
    )


# Work for people: the phone list and messages to pass on -----------------------------------


@dataclass
class _Row:
    """One person on the phone list or the pass-on list."""

    delivery: Delivery
    # The form this person's card sent, when it had an error: it keeps what was chosen.
    form: AnswerForm | None = None
    phone: str = ""
    # What to say, in the person's language, and the Dutch text beside it when that
    # language is not Dutch.
    text: str = ""
    text_nl: str = ""
    # Whether the person is asked for an answer to an invitation.
    takes_answer: bool = False
    # The language the person speaks, and whether the caller needs an interpreter: "yes"
    # when the person said so, "ask" when they speak another language than Dutch.
    speaks: str = ""
    interpreter: str = ""


def _interpreter(person: Any) -> str:
    if person.needs_interpreter:
        return "yes"
    return "ask" if person.language != "nl" else ""


def _takes_answer(message: Message) -> bool:
    """Whether the person is asked for an answer to an invitation. Feedback and other news
    are told, not answered."""
    return services.can_take_answer(message) and message.kind != Kind.FEEDBACK


def _spoken(text: str, language: str) -> str:
    """A stored text to read aloud: without the person's link or any other web address."""
    return without_web_addresses(services.without_link(text, language))


def _phone_page(
    request: MemberRequest, message: Message, failed: CallForm | None = None, failed_pk: int = 0
) -> HttpResponse:
    audit_read(request, message)
    caller = request.user.first_name or request.user.display_name()
    rows = [
        _Row(
            d,
            form=failed if d.pk == failed_pk else None,
            phone=format_phone(d.participant.phone),
            # Deliveries written before call scripts existed: their text without the link.
            # A day promised when it was written may be over now: it then says "late".
            # Who calls is said after the greeting: whoever works through the list.
            text=with_caller(
                refreshed(d.script or _spoken(d.body, d.language), d.items, d.language),
                language=d.language,
                caller=caller,
                organisation=request.organisation.name,
            ),
            speaks=d.participant.get_language_display(),
            interpreter=_interpreter(d.participant),
            text_nl=refreshed(_spoken(d.body_nl, "nl"), d.items, "nl")
            if d.language != "nl"
            else "",
        )
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
            "failed": failed,
            "takes_answer": _takes_answer(message),
            "answer_choices": ANSWER_CHOICES,
            "contact_line": services.contact_line(request.organisation),
        },
    )


@permission_required("messaging.send")
def phone_list(request: MemberRequest, pk: int) -> HttpResponse:
    return _phone_page(request, _message(request, pk))


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
        message__in=selectors.messages(request.organisation, request.membership),
        pk=pk,
        channel=Channel.PHONE,
    )
    form = CallForm(
        request.POST,
        takes_answer=_takes_answer(delivery.message),
        auto_id=f"call-{delivery.pk}-%s",
    )
    if delivery.status != Delivery.Status.TO_CALL:
        # A double click, or a colleague working through the same list, was first.
        messages.info(
            request, _("%(name)s is already off the list.") % {"name": delivery.participant.name}
        )
    elif not form.is_valid():
        # The list again, with this person's card as it was sent and the error next to the
        # field: nobody drops off the list without a result.
        return _phone_page(request, delivery.message, failed=form, failed_pk=delivery.pk)
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


def _pass_on_page(
    request: MemberRequest, failed: AnswerForm | None = None, failed_pk: int = 0
) -> HttpResponse:
    rows = [
        # The social worker tells the text; the person's link is on their letter or SMS.
        _Row(
            d,
            form=failed if d.pk == failed_pk else None,
            text=refreshed(services.without_link(d.body, d.language), d.items, d.language),
            text_nl=refreshed(services.without_link(d.body_nl, "nl"), d.items, "nl")
            if d.language != "nl"
            else "",
            takes_answer=_takes_answer(d.message),
        )
        for d in selectors.to_pass_on(request.membership)
    ]
    audit_read(request, object_type="messaging.delivery")
    return render(
        request,
        "messaging/pass_on.html",
        {"rows": rows, "failed": failed, "answer_choices": ANSWER_CHOICES},
    )


@permission_required("messaging.pass_on")
def pass_on_list(request: MemberRequest) -> HttpResponse:
    return _pass_on_page(request)


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
    form = AnswerForm(request.POST, auto_id=f"pass-{delivery.pk}-%s")
    if delivery.status != Delivery.Status.TO_PASS_ON:
        # A double click: it was ticked off already.
        messages.info(request, _("This message was already passed on."))
    elif not form.is_valid():
        return _pass_on_page(request, failed=form, failed_pk=delivery.pk)
    else:
        _handle(request, delivery, form, _("Done. Thank you for passing it on."))
    return redirect("messaging:pass_on")


# Templates and the plain-language check ----------------------------------------------------


@permission_required("messaging.edit_templates")
def template_list(request: MemberRequest) -> HttpResponse:
    organisation = request.organisation
    languages = services.message_languages()
    rows = [
        (
            Kind(kind),
            [
                (
                    language,
                    text,
                    sms_length.sms_check(organisation, text.sms, language) if text else None,
                )
                for language in languages
                for text in [texts.get(language)]
            ],
        )
        for kind, texts in services.all_template_texts(organisation).items()
    ]
    return render(request, "messaging/template_list.html", {"rows": rows, "languages": languages})


@permission_required("messaging.edit_templates")
def template_edit(request: MemberRequest, kind: str, language: str) -> HttpResponse:
    if kind not in Kind.values or kind == Kind.FREE or language not in services.message_languages():
        raise Http404
    organisation = request.organisation
    own = MessageTemplate.objects.filter(
        organisation=organisation, kind=kind, language=language
    ).first()
    texts = services.template_texts(organisation, kind)
    text = texts.get(language)
    initial = (
        {"subject": text.subject, "body": text.body, "sms": text.sms, "phone": text.phone}
        if text and own is None
        else {}
    )
    form = TemplateForm(request.POST or None, instance=own, initial=initial, language=language)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.template_save(
                organisation=organisation,
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
            "plain_checks": services.plain_checks(organisation, form),
            "placeholders": placeholder_help(),
            # Characters and parts of this SMS as typed, and of the other languages' SMS.
            "sms_check": sms_length.sms_check(
                organisation, str(form["sms"].value() or ""), language
            ),
            "other_languages": [
                (code, sms_length.sms_check(organisation, other.sms, code))
                for code, other in texts.items()
                if code != language
            ],
            "built_in_script": PHONE_SCRIPTS.get(kind, {}).get(language, ""),
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


@require_POST
@permission_required("messaging.send")
def sms_count(request: MemberRequest) -> HttpResponse:
    """The live count under an SMS field (htmx): characters and parts once filled in.
    Reads the field named in `field`, written in `language`."""
    field = request.POST.get("field", "sms")
    language = request.POST.get("language", "")
    if language not in services.message_languages():
        language = "nl"
    text = request.POST.get(field, "")[:2000]
    return render(
        request,
        "messaging/_sms_count.html",
        {"sms_check": sms_length.sms_check(request.organisation, text, language)},
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
    sender and text as form fields or JSON (`from`, `text`, and the provider's `id` or
    `message_id` when it has one). A call posted again is answered but counts once."""
    token = getattr(settings, "SMS_WEBHOOK_TOKEN", "")
    scheme, _space, given = request.headers.get("Authorization", "").partition(" ")
    if (
        not token
        or scheme.lower() != "bearer"
        or not hmac.compare_digest(given.strip().encode(), token.encode())
    ):
        return JsonResponse({"error": "unauthorised"}, status=401)
    # Refused before the body is read: a webhook call is one short text.
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > replies.MAX_BODY_BYTES:
        return JsonResponse({"error": "body too large"}, status=413)
    try:
        inbound = replies.read_webhook(
            request.content_type or "",
            request.body,
            request.POST.dict() if request.content_type != "application/json" else {},
        )
    except replies.WebhookError as error:
        return JsonResponse({"error": str(error)}, status=400)
    delivery = replies.sms_received(
        sender=inbound.sender, text=inbound.text, provider_id=inbound.provider_id
    )
    return JsonResponse({"matched": delivery is not None})
