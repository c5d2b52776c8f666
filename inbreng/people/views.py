from __future__ import annotations

import copy
import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from inbreng.core.decorators import permission_required
from inbreng.core.models import AuditEvent
from inbreng.core.params import query_without
from inbreng.core.pdf import pdf_response, render_pdf
from inbreng.core.services import audit_read
from inbreng.core.types import MemberRequest

from . import selectors, services
from .forms import ConfirmForm, ConsentForm, ImportForm, ParticipantForm, RegisterFilterForm
from .importing import ImportFileError, parse_import
from .models import Consent

PAGE_SIZE = 50
IMPORT_SESSION_KEY = "people_import"


@permission_required("people.view_register")
def register(request: MemberRequest) -> HttpResponse:
    membership = request.membership
    filters = RegisterFilterForm(request.GET or None)
    criteria: dict[str, Any] = {}
    if filters.is_valid():
        criteria = {
            "query": filters.cleaned_data["q"].strip(),
            "need": filters.cleaned_data["need"],
            "language": filters.cleaned_data["language"],
            "channel": filters.cleaned_data["channel"],
        }
    people = selectors.register_search(membership, **criteria)
    if filters.is_bound and not filters.is_valid():
        # A search that cannot be run (too long, a tampered choice) finds nobody rather
        # than silently showing the whole register; the form says what is wrong.
        people = people.none()
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("pagina"))
    # The audit records that the register was read, and how, without the names on it.
    AuditEvent.record(
        organisation=request.organisation,
        actor=request.user,
        action=AuditEvent.Action.SEARCH if criteria.get("query") else AuditEvent.Action.LIST,
        object_type="people.participant",
        page=page.number,
    )
    context = {"filters": filters, "page": page, "query_string": query_without(request)}
    template = "people/register.html"
    if request.headers.get("HX-Request"):
        template += "#results"
    return render(request, template, context)


def _participant_form_page(
    request: MemberRequest,
    form: ParticipantForm,
    duplicates: list[Any],
    participant: Any = None,
) -> HttpResponse:
    return render(
        request,
        "people/participant_form.html",
        {
            "form": form,
            "duplicates": duplicates,
            "participant": participant,
        },
    )


@permission_required("people.add_participant")
def participant_add(request: MemberRequest) -> HttpResponse:
    membership = request.membership
    form = ParticipantForm(request.POST or None, membership=membership)
    if request.method != "POST" or not form.is_valid():
        return _participant_form_page(request, form, [])
    data = form.participant_data()
    duplicates = selectors.possible_duplicates(
        membership,
        name=data["name"],
        phone=data["phone"],
        email=data["email"],
        postal_code=data["postal_code"],
    )
    # A partner worker is warned only about people they may see: a warning about anyone
    # else would tell them that a phone number or e-mail belongs to a client.
    visible = selectors.visible_ids(membership, duplicates)
    duplicates = [d for d in duplicates if d.pk in visible]
    if duplicates and not request.POST.get("not_a_duplicate"):
        # The warning shows people already in the register: a read of their records.
        AuditEvent.record(
            organisation=request.organisation,
            actor=request.user,
            action=AuditEvent.Action.LIST,
            object_type="people.participant",
            duplicates=[d.pk for d in duplicates],
        )
        return _participant_form_page(request, form, duplicates)
    if not membership.has_role("admin", "coordinator", "social_worker"):
        data["referred_by_partner"] = membership.partner
    participant = services.participant_create(
        organisation=request.organisation, by=request.user, data=data
    )
    messages.success(request, _("%(name)s is in the register.") % {"name": participant.name})
    return redirect("people:detail", pk=participant.pk)


@permission_required("people.view_register")
def participant_detail(request: MemberRequest, pk: int) -> HttpResponse:
    membership = request.membership
    participant = selectors.participant_for(membership, pk)
    AuditEvent.record(
        organisation=participant.organisation,
        actor=request.user,
        action=AuditEvent.Action.VIEW,
        obj=participant,
    )
    consents = list(participant.consents.select_related("recorded_by", "withdrawn_recorded_by"))
    return render(
        request,
        "people/participant_detail.html",
        {
            "participant": participant,
            "consents": consents,
            "consent_form": ConsentForm(),
        },
    )


@permission_required("people.change_participant")
def participant_edit(request: MemberRequest, pk: int) -> HttpResponse:
    membership = request.membership
    participant = selectors.participant_for(membership, pk)
    # The form works on a copy: validating copies the typed values onto its instance, and
    # the page heading must keep the saved name while the form shows errors.
    form = ParticipantForm(
        request.POST or None, instance=copy.copy(participant), membership=membership
    )
    if request.method == "POST" and form.is_valid():
        services.participant_update(
            participant=participant,
            by=request.user,
            data=form.participant_data(),
        )
        messages.success(request, _("The changes are saved."))
        return redirect("people:detail", pk=participant.pk)
    if request.method == "GET":
        # The edit form shows the whole record: opening it is a read like the detail page.
        AuditEvent.record(
            organisation=participant.organisation,
            actor=request.user,
            action=AuditEvent.Action.VIEW,
            obj=participant,
        )
    return _participant_form_page(request, form, [], participant)


@require_POST
@permission_required("people.manage_consent")
def consent_add(request: MemberRequest, pk: int) -> HttpResponse:
    participant = selectors.participant_for(request.membership, pk)
    form = ConsentForm(request.POST)
    if form.is_valid():
        services.consent_record(
            participant=participant,
            by=request.user,
            purpose=form.cleaned_data["purpose"],
            how=form.cleaned_data["how"],
        )
        messages.success(request, _("The consent is recorded."))
    else:
        messages.error(request, _("Choose what the consent is for and how it was given."))
    return redirect("people:detail", pk=participant.pk)


@require_POST
@permission_required("people.manage_consent")
def consent_withdraw(request: MemberRequest, pk: int, consent_pk: int) -> HttpResponse:
    participant = selectors.participant_for(request.membership, pk)
    consent = get_object_or_404(Consent, pk=consent_pk, participant=participant)
    services.consent_withdraw(consent=consent, by=request.user)
    messages.success(request, _("The consent is withdrawn."))
    return redirect("people:detail", pk=participant.pk)


@permission_required("people.export_participant")
def export_json(request: MemberRequest, pk: int) -> HttpResponse:
    participant = selectors.participant_for(request.membership, pk)
    data = services.participant_export_data(participant=participant, by=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, cls=DjangoJSONEncoder),
        content_type="application/json",
    )
    response["Content-Disposition"] = f'attachment; filename="deelnemer-{participant.pk}.json"'
    response["Cache-Control"] = "no-store"
    return response


@permission_required("people.export_participant")
def export_pdf(request: MemberRequest, pk: int) -> HttpResponse:
    participant = selectors.participant_for(request.membership, pk)
    data = services.participant_export_data(participant=participant, by=request.user)
    consents = list(participant.consents.all())
    content = render_pdf(
        "people/export.pdf.html",
        {"participant": participant, "data": data, "consents": consents},
    )
    return pdf_response(content, f"deelnemer-{participant.pk}.pdf")


@permission_required("people.erase_participant")
def participant_erase(request: MemberRequest, pk: int) -> HttpResponse:
    participant = selectors.participant_for(request.membership, pk)
    form = ConfirmForm(request.POST) if request.method == "POST" else ConfirmForm()
    if form.is_valid():
        services.participant_erase(participant=participant, by=request.user)
        messages.success(request, _("The person's data is erased."))
        return redirect("people:register")
    audit_read(request, participant, AuditEvent.Action.VIEW)
    return render(
        request, "people/participant_erase.html", {"participant": participant, "form": form}
    )


@require_POST
@permission_required("people.review_register")
def participant_keep(request: MemberRequest, pk: int) -> HttpResponse:
    participant = selectors.participant_for(request.membership, pk)
    services.participant_keep(participant=participant, by=request.user)
    messages.success(request, _("%(name)s stays in the register.") % {"name": participant.name})
    return redirect("people:review")


@permission_required("people.review_register")
def review(request: MemberRequest) -> HttpResponse:
    membership = request.membership
    people = selectors.inactive_participants(membership)
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("pagina"))
    AuditEvent.record(
        organisation=request.organisation,
        actor=request.user,
        action=AuditEvent.Action.LIST,
        object_type="people.participant",
        review=True,
    )
    return render(
        request,
        "people/review.html",
        {"page": page, "months": membership.organisation.inactivity_months},
    )


@permission_required("people.import_participants")
def import_upload(request: MemberRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = parse_import(request.membership, upload.name, upload.read())
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            request.session[IMPORT_SESSION_KEY] = {
                # The rows were checked against this organisation's register only.
                "organisation": request.organisation.pk,
                "name": upload.name[:100],
                "rows": [
                    {
                        "line": r.line,
                        "data": r.data,
                        "errors": r.errors,
                        "duplicate_of": r.duplicate_of,
                        "same_as_line": r.same_as_line,
                    }
                    for r in rows
                ],
            }
            return redirect("people:import_preview")
    return render(request, "people/import_upload.html", {"form": form})


@permission_required("people.import_participants")
def import_preview(request: MemberRequest) -> HttpResponse:
    stored = request.session.get(IMPORT_SESSION_KEY)
    if stored and stored.get("organisation") != request.organisation.pk:
        # Checked in another organisation (the user switched since): never save it here.
        del request.session[IMPORT_SESSION_KEY]
        stored = None
    if not stored:
        return redirect("people:import")
    rows = [services.ImportRow(**row) for row in stored["rows"]]
    errors = [r for r in rows if r.errors]
    if request.method == "POST":
        if "cancel" in request.POST:
            del request.session[IMPORT_SESSION_KEY]
            messages.info(request, _("The import is cancelled. Nothing was added."))
            return redirect("people:register")
        if not errors:
            try:
                created = services.participants_import(
                    organisation=request.organisation,
                    by=request.user,
                    rows=rows,
                    skip_duplicates=bool(request.POST.get("skip_duplicates")),
                )
            except ValidationError:
                messages.error(request, _("Some rows could not be saved. Nothing was added."))
            else:
                del request.session[IMPORT_SESSION_KEY]
                messages.success(
                    request,
                    ngettext(
                        "%(count)d person was added.", "%(count)d people were added.", len(created)
                    )
                    % {"count": len(created)},
                )
                return redirect("people:register")
    duplicates = [r for r in rows if r.is_likely_duplicate]
    return render(
        request,
        "people/import_preview.html",
        {
            "file_name": stored["name"],
            "rows": rows,
            "error_rows": errors,
            "duplicate_rows": duplicates,
            "form": ConfirmForm(),
        },
    )
