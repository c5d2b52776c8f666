"""Conferences, their invitations and reports, agreements and their reminders, and closing."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import get_language, gettext_lazy, override
from django.utils.translation import gettext as _

from inbreng.core.mail import build_email
from inbreng.core.models import AuditEvent, User
from inbreng.core.services import save_with
from inbreng.messaging.models import Kind
from inbreng.messaging.services import Recipient, message_send

from ..models import (
    Agreement,
    CaseConference,
    CaseDocument,
    CaseMeeting,
    CaseProvider,
)
from .common import (
    CONVERSATION,
    DOCUMENT_TYPES,
    MAX_DOCUMENT_BYTES,
    NEUTRAL_TITLE,
    Status,
    _audit,
    _cancel_deliveries,
    _notify,
    _require_consent,
    _require_open,
    case_ref,
)


class _Hours:
    """The conference's hours, formatted in the recipient's language when rendered."""

    def __init__(self, meeting: CaseMeeting) -> None:
        self.starts = timezone.localtime(meeting.starts_at)
        self.ends = timezone.localtime(meeting.ends_at)

    def __str__(self) -> str:
        return (
            f"{formats.time_format(self.starts, 'H:i')} – {formats.time_format(self.ends, 'H:i')}"
        )


def _invite(meeting: CaseMeeting, by: User) -> None:
    """The client over their own channel and language; the providers by e-mail."""
    case = meeting.case
    if case.client is not None and not case.client.is_erased:
        # A neutral title: the outbox shows staff that a message went out, not what about.
        meeting.invitation = message_send(
            organisation=case.organisation,
            kind=Kind.INVITATION,
            title=str(NEUTRAL_TITLE),
            recipients=[Recipient(participant=case.client)],
            context={
                "onderwerp": CONVERSATION,
                "datum": meeting.starts_at,
                "uur": _Hours(meeting),
                "plaats": meeting.place.rstrip(". "),
                "meebrengen": gettext_lazy("someone you trust, if you want"),
                "belofte": "",
            },
            by=by,
            ref=case_ref(case),
        )
        meeting.save(update_fields=["invitation"])
    people = [p.user for p in case.providers.select_related("user") if p.has_access and p.user]
    if case.staff_contact is not None:
        people.append(case.staff_contact)
    when = timezone.localtime(meeting.starts_at)
    with override("nl"):
        _notify(
            people,
            _("Case conference %(number)s on %(day)s")
            % {"number": case.number, "day": formats.date_format(when, "DATE_FORMAT")},
            _(
                "Case conference %(number)s meets on %(day)s at %(hour)s, %(place)s. "
                "Open Inbreng for the client's agenda and the agreements."
            )
            % {
                "number": case.number,
                "day": formats.date_format(when, "DATE_FORMAT"),
                "hour": formats.time_format(when, "H:i"),
                "place": meeting.place,
            },
        )


@transaction.atomic
def meeting_plan(
    *,
    case: CaseConference,
    by: User,
    starts_at: datetime,
    ends_at: datetime,
    place: str,
    kind: str = CaseMeeting.Kind.FIRST,
) -> CaseMeeting:
    """Plans a conference and invites the client and the providers."""
    _require_consent(case)
    if not case.has_agenda:
        raise ValidationError(_("Record the client's own agenda first, in their words."))
    errors: dict[str, str] = {}
    if ends_at <= starts_at:
        errors["ends_at"] = _("The end must be after the start.")
    if starts_at < timezone.now() - timedelta(days=1):
        errors["starts_at"] = _("Choose a date that has not passed.")
    if errors:
        raise ValidationError(errors)
    if (
        kind == CaseMeeting.Kind.FIRST
        and case.meetings.exclude(status=CaseMeeting.Status.CANCELLED).exists()
    ):
        kind = CaseMeeting.Kind.FOLLOW_UP
    meeting = save_with(
        CaseMeeting(organisation=case.organisation, case=case),
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place.strip(),
    )
    _invite(meeting, by)
    _audit(case, by, AuditEvent.Action.CREATE, step="meeting", meeting=meeting.pk)
    return meeting  # type: ignore[no-any-return]


@transaction.atomic
def meeting_report(
    *,
    meeting: CaseMeeting,
    by: User,
    report: str,
    next_starts_at: datetime | None = None,
    next_ends_at: datetime | None = None,
    next_place: str = "",
) -> CaseMeeting:
    """Records that the conference was held, its plain-language report, and the next date."""
    case = meeting.case
    _require_consent(case)
    if meeting.starts_at > timezone.now():
        raise ValidationError({"report": _("This conference has not taken place yet.")})
    if next_starts_at is not None and next_ends_at is None:
        raise ValidationError({"next_ends_at": _("When does the next conference end?")})
    save_with(
        meeting,
        report=report.strip(),
        status=CaseMeeting.Status.HELD,
        report_recorded_at=timezone.now(),
    )
    _audit(case, by, AuditEvent.Action.UPDATE, step="report", meeting=meeting.pk)
    if next_starts_at is not None and next_ends_at is not None:
        try:
            meeting_plan(
                case=case,
                by=by,
                starts_at=next_starts_at,
                ends_at=next_ends_at,
                place=next_place or meeting.place,
                kind=CaseMeeting.Kind.FOLLOW_UP,
            )
        except ValidationError as error:
            # The next date's errors belong to the next date's fields.
            raise ValidationError(
                {f"next_{k}": v for k, v in error.message_dict.items()}
                if hasattr(error, "error_dict")
                else error.messages
            ) from error
    return meeting


@transaction.atomic
def agreement_add(
    *,
    case: CaseConference,
    by: User,
    what: str,
    owner_kind: str,
    owner: CaseProvider | None,
    due_on: date | None,
    meeting: CaseMeeting | None = None,
) -> Agreement:
    """Who does what by when. An agreement without an owner or a date is refused."""
    _require_consent(case)
    errors: dict[str, str] = {}
    if owner_kind == Agreement.Owner.PROVIDER:
        if owner is None or owner.case_id != case.pk or owner.removed_at is not None:
            errors["owner"] = _("Choose the care provider who does this.")
    elif owner_kind == Agreement.Owner.TRUSTED_PERSON and not case.trusted_person:
        errors["owner"] = _("The client has not named a trusted person.")
    elif owner_kind not in Agreement.Owner.values:
        errors["owner"] = _("Choose who does this.")
    if due_on is None:
        errors["due_on"] = _("Choose by when this is done.")
    if not what.strip():
        errors["what"] = _("Write down what will be done.")
    if errors:
        raise ValidationError(errors)
    agreement = save_with(
        Agreement(organisation=case.organisation, case=case),
        meeting=meeting,
        what=what.strip(),
        owner_kind=owner_kind,
        owner=owner if owner_kind == Agreement.Owner.PROVIDER else None,
        due_on=due_on,
        created_by=by,
    )
    _audit(case, by, AuditEvent.Action.CREATE, step="agreement", agreement=agreement.pk)
    return agreement  # type: ignore[no-any-return]


@transaction.atomic
def agreement_update(*, agreement: Agreement, by: User, status: str, note: str) -> Agreement:
    """Marks an agreement done, not done or still to do, with a short note."""
    _require_consent(agreement.case)
    save_with(
        agreement,
        status=status,
        note=note.strip(),
        done_at=timezone.now() if status == Agreement.Status.DONE else None,
    )
    _audit(agreement.case, by, AuditEvent.Action.UPDATE, step="agreement", agreement=agreement.pk)
    return agreement


def agreements_to_remind(now: datetime | None = None) -> list[Agreement]:
    """Open agreements due within a week or overdue, not reminded in the last week."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    return list(
        Agreement.objects.filter(
            status=Agreement.Status.OPEN,
            due_on__lte=today + timedelta(days=7),
            case__status=Status.OPEN,
            case__consent_withdrawn_at__isnull=True,
        )
        .exclude(last_reminded_at__gte=now - timedelta(days=7))
        .select_related("case", "case__key_worker__user", "case__coordinator", "owner__user")
    )


def agreement_reminders(now: datetime | None = None) -> int:
    """E-mails the owners of agreements that are due: a provider about their own, the key
    worker (or else the coordinator) about the client's and the trusted person's."""
    now = now or timezone.now()
    sent = 0
    with override("nl"):
        for agreement in agreements_to_remind(now):
            case = agreement.case
            # A provider who was taken off the case hears nothing of it any more: their
            # agreement goes to the key worker (or else the coordinator) instead.
            # A closed account is skipped the same way.
            owner, key_worker = agreement.owner, case.key_worker
            candidates = [
                owner.user
                if agreement.owner_kind == Agreement.Owner.PROVIDER
                and owner is not None
                and owner.removed_at is None
                else None,
                key_worker.user
                if key_worker is not None and key_worker.removed_at is None
                else None,
                case.coordinator,
            ]
            user = next((u for u in candidates if u is not None and u.is_active), None)
            if user is None or not user.email:
                continue
            due = formats.date_format(agreement.due_on, "DATE_FORMAT")
            build_email(
                subject=_("Reminder: an agreement in case conference %(number)s")
                % {"number": case.number},
                body=_(
                    "An agreement in case conference %(number)s is due on %(day)s. "
                    "Open Inbreng to see it and to mark it done."
                )
                % {"number": case.number, "day": due},
                to=[user.email],
                language=get_language() or "nl",
                organisation=case.organisation,
            ).send()
            Agreement.objects.filter(pk=agreement.pk).update(last_reminded_at=now)
            sent += 1
    return sent


@transaction.atomic
def evaluation_record(*, case: CaseConference, by: User, evaluation: str) -> CaseConference:
    """What the client and the table say about the case conference, looking back."""
    _require_consent(case)
    save_with(case, evaluation=evaluation.strip(), evaluated_at=timezone.now())
    _audit(case, by, AuditEvent.Action.UPDATE, step="evaluation")
    return case


@transaction.atomic
def case_close(*, case: CaseConference, by: User, reason: str, note: str) -> CaseConference:
    """Closes the case with a reason. After the retention period it is made anonymous."""
    _require_open(case)
    if reason == CaseConference.Closure.OTHER and not note.strip():
        raise ValidationError({"note": _("Explain the reason in a few words.")})
    now = timezone.now()
    save_with(
        case,
        status=Status.CLOSED,
        closure_reason=reason,
        closure_note=note.strip(),
        closed_by=by,
        ended_at=now,
    )
    _cancel_deliveries(case)
    _audit(case, by, AuditEvent.Action.UPDATE, step="closed")
    return case


@transaction.atomic
def document_add(
    *, case: CaseConference, by: User, title: str, upload: UploadedFile[Any]
) -> CaseDocument:
    """Adds a file (PDF, PNG or JPEG, at most 10 MB), recognised by its first bytes."""
    _require_open(case)
    if upload.size is None or upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError({"file": _("The file is too large: at most 10 MB.")})
    head = upload.read(8)
    upload.seek(0)
    content_type = next((t for magic, t in DOCUMENT_TYPES.items() if head.startswith(magic)), "")
    if not content_type:
        raise ValidationError({"file": _("Add a PDF, PNG or JPEG file.")})
    document = save_with(
        CaseDocument(organisation=case.organisation, case=case),
        title=title.strip(),
        file=upload,
        content_type=content_type,
        size=upload.size,
        uploaded_by=by,
    )
    _audit(case, by, AuditEvent.Action.CREATE, step="document", document=document.pk)
    return document  # type: ignore[no-any-return]
