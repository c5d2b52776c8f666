"""Writes for the participation loop. Each is one transaction and validates before saving."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inbreng.core.models import AuditEvent, Organisation, Service, User
from inbreng.core.services import save_with
from inbreng.groups.models import GroupMembership
from inbreng.lib import gsm
from inbreng.messaging.models import Delivery
from inbreng.people.models import Channel, Participant

from . import state
from .models import (
    ALLOWED_ATTACHMENT_TYPES,
    MAX_ATTACHMENT_BYTES,
    AgendaItem,
    Contribution,
    FeedbackDelivery,
    Invitation,
    Meeting,
    PersonalLink,
    Question,
    QuestionAttachment,
    Response,
    Trajectory,
)

LINK_LIFETIME = timedelta(days=365)


class ConflictError(Exception):
    """Someone else changed the record since it was opened."""


# Trajectories -------------------------------------------------------------------------


@transaction.atomic
def trajectory_save(
    *, organisation: Organisation, by: User, trajectory: Trajectory | None = None, **fields: Any
) -> Trajectory:
    """Creates or changes a participation trajectory."""
    trajectory = trajectory or Trajectory(organisation=organisation)
    starts_on = fields.get("starts_on", trajectory.starts_on)
    ends_on = fields.get("ends_on", trajectory.ends_on)
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The end comes before the start.")})
    return save_with(trajectory, **fields)  # type: ignore[no-any-return]


# Questions ----------------------------------------------------------------------------


def sniff_content_type(upload: UploadedFile[Any]) -> str | None:
    """The real type of an upload, from its first bytes: the browser's claim is not trusted."""
    head = upload.read(16)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def check_attachment(upload: UploadedFile[Any]) -> str:
    if (upload.size or 0) > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            _("“%(name)s” is larger than 10 MB.") % {"name": (upload.name or "")[:80]}, code="size"
        )
    content_type = sniff_content_type(upload)
    if content_type not in ALLOWED_ATTACHMENT_TYPES:
        raise ValidationError(
            _("“%(name)s” is not a PDF or an image.") % {"name": (upload.name or "")[:80]},
            code="type",
        )
    return content_type


@transaction.atomic
def question_ask(
    *,
    organisation: Organisation,
    by: User,
    service: Service,
    title: str,
    body: str,
    level: str,
    trajectory: Trajectory | None = None,
    proposed_due_on: date | None = None,
    attachments: Sequence[UploadedFile[Any]] = (),
) -> Question:
    """A service asks the participants a question; the coordinator reviews it next."""
    if service.organisation_id != organisation.pk:
        raise ValidationError({"service": _("Choose a service of your organisation.")})
    if proposed_due_on is not None and proposed_due_on < timezone.localdate():
        raise ValidationError({"proposed_due_on": _("This date is in the past.")})
    types = [check_attachment(upload) for upload in attachments]
    question = save_with(
        Question(
            organisation=organisation,
            service=service,
            trajectory=trajectory,
            title=title,
            body=body,
            level=trajectory.level if trajectory else level,
            asked_by=by,
            proposed_due_on=proposed_due_on,
        )
    )
    for upload, content_type in zip(attachments, types, strict=True):
        QuestionAttachment.objects.create(
            organisation=organisation,
            question=question,
            file=upload,
            name=(upload.name or "bijlage")[:200],
            content_type=content_type,
            size=upload.size or 0,
        )
    return question  # type: ignore[no-any-return]


@transaction.atomic
def question_review(*, question: Question, by: User, accept: bool, reason: str = "") -> Question:
    """The coordinator accepts a question, or sends it back to the service with a reason."""
    if question.status not in (Question.Status.SUBMITTED, Question.Status.RETURNED):
        raise ValidationError(_("This question was already reviewed."))
    if accept:
        question.status = Question.Status.ACCEPTED
        question.return_reason = ""
    else:
        if not reason.strip():
            raise ValidationError({"reason": _("Say why you send the question back.")})
        question.status = Question.Status.RETURNED
        question.return_reason = reason.strip()
    question.save(update_fields=["status", "return_reason"])
    return question


@transaction.atomic
def question_resubmit(
    *, question: Question, by: User, title: str, body: str, proposed_due_on: date | None
) -> Question:
    """The service rewrites a question that was sent back, and submits it again."""
    if question.status != Question.Status.RETURNED:
        raise ValidationError(_("Only a question that was sent back can be changed."))
    if proposed_due_on is not None and proposed_due_on < timezone.localdate():
        raise ValidationError({"proposed_due_on": _("This date is in the past.")})
    question.title, question.body, question.proposed_due_on = title, body, proposed_due_on
    question.status = Question.Status.SUBMITTED
    return save_with(question)  # type: ignore[no-any-return]


# Meetings -----------------------------------------------------------------------------


@transaction.atomic
def meeting_save(
    *,
    organisation: Organisation,
    by: User,
    meeting: Meeting | None = None,
    record_past: bool = False,
    **fields: Any,
) -> Meeting:
    """Plans a meeting, or records one that already happened (coordinators bring their history)."""
    is_new = meeting is None
    meeting = meeting or Meeting(organisation=organisation)
    for name, value in fields.items():
        setattr(meeting, name, value)
    if meeting.group.organisation_id != organisation.pk:
        raise ValidationError({"group": _("Choose a group of your organisation.")})
    if meeting.ends_at <= meeting.starts_at:
        raise ValidationError({"ends_at": _("The end must come after the start.")})
    if is_new and meeting.starts_at < timezone.now():
        if not record_past:
            raise ValidationError(
                {
                    "starts_at": _(
                        "This moment is in the past. To record a past meeting, tick the box."
                    )
                }
            )
        meeting.status = Meeting.Status.HELD
    save_with(meeting)
    if is_new:
        _add_pending_feedback(meeting)
    else:
        # A moved meeting can change the day its questions were first discussed.
        state.question_state_refresh(
            *meeting.agenda_items.filter(kind=AgendaItem.Kind.QUESTION).values_list(
                "question_id", flat=True
            )
        )
    return meeting


def _default_due_on(question: Question, meeting: Meeting) -> date:
    weeks = question.organisation.answer_weeks
    return timezone.localtime(meeting.starts_at).date() + timedelta(weeks=weeks)


@transaction.atomic
def agenda_add_question(*, meeting: Meeting, question: Question, by: User) -> AgendaItem:
    """Puts an accepted question on a meeting's agenda and fixes its answer date."""
    if question.organisation_id != meeting.organisation_id:
        raise ValidationError(_("Choose a question of your organisation."))
    if question.status not in (Question.Status.ACCEPTED, Question.Status.SCHEDULED):
        raise ValidationError(_("The coordinator must accept the question first."))
    if AgendaItem.objects.filter(
        meeting=meeting, question=question, kind=AgendaItem.Kind.QUESTION
    ).exists():
        raise ValidationError(_("This question is already on the agenda."))
    position = meeting.agenda_items.count() + 1
    try:
        with transaction.atomic():
            item = AgendaItem.objects.create(
                organisation=meeting.organisation,
                meeting=meeting,
                question=question,
                kind=AgendaItem.Kind.QUESTION,
                position=position,
            )
    except IntegrityError:  # the same form sent twice at once
        raise ValidationError(_("This question is already on the agenda.")) from None
    question.status = Question.Status.SCHEDULED
    if question.answer_due_on is None:
        question.answer_due_on = question.proposed_due_on or _default_due_on(question, meeting)
    question.save(update_fields=["status", "answer_due_on"])
    return item


@transaction.atomic
def agenda_add_other(*, meeting: Meeting, title: str, by: User) -> AgendaItem:
    if not title.strip():
        raise ValidationError({"title": _("Write what the agenda item is about.")})
    return AgendaItem.objects.create(
        organisation=meeting.organisation,
        meeting=meeting,
        kind=AgendaItem.Kind.OTHER,
        title=title.strip()[:200],
        position=meeting.agenda_items.count() + 1,
    )


@transaction.atomic
def meeting_invite_group(*, meeting: Meeting, by: User) -> int:
    """Invites every current member of the meeting's group (trial meeting and up). Idempotent."""
    invited = set(meeting.invitations.values_list("participant_id", flat=True))
    members = meeting.group.memberships.filter(
        stage__in=[GroupMembership.Stage.TRIAL, GroupMembership.Stage.MEMBER],
        participant__erased_at__isnull=True,
    ).exclude(participant_id__in=invited)
    new = [
        Invitation(
            organisation=meeting.organisation, meeting=meeting, participant_id=m.participant_id
        )
        for m in members
    ]
    Invitation.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def meeting_invite(*, meeting: Meeting, participant: Participant, by: User) -> Invitation:
    if participant.organisation_id != meeting.organisation_id or participant.is_erased:
        raise ValidationError({"participant": _("Choose a person from the register.")})
    invitation, _created = Invitation.objects.get_or_create(
        meeting=meeting, participant=participant, defaults={"organisation": meeting.organisation}
    )
    return invitation


@transaction.atomic
def invitation_answer(
    *,
    invitation: Invitation,
    reply: str,
    children: int = 0,
    needs_transport: bool = False,
    interpreter_language: str = "",
) -> Invitation:
    """Records a participant's yes/no/maybe and what they need to come."""
    invitation.reply = reply
    invitation.children = children if reply != Invitation.Reply.NO else 0
    invitation.needs_transport = needs_transport and reply != Invitation.Reply.NO
    invitation.interpreter_language = interpreter_language if reply != Invitation.Reply.NO else ""
    return save_with(invitation)  # type: ignore[no-any-return]


@transaction.atomic
def attendance_record(*, meeting: Meeting, present_ids: Iterable[int], by: User) -> int:
    """Records who came. Everyone invited and not ticked was not there."""
    present = set(present_ids)
    invitations = list(meeting.invitations.all())
    for invitation in invitations:
        invitation.attended = invitation.participant_id in present
    Invitation.objects.bulk_update(invitations, ["attended"])
    Participant.objects.filter(pk__in=present, organisation=meeting.organisation).update(
        last_activity_at=timezone.now()
    )
    if meeting.status == Meeting.Status.PLANNED and meeting.starts_at <= timezone.now():
        meeting.status = Meeting.Status.HELD
        meeting.save(update_fields=["status"])
    # Who was there counts as a contributor when the group spoke.
    state.indicators_changed(meeting.organisation_id)
    return len(present & {i.participant_id for i in invitations})


@transaction.atomic
def meeting_minutes_save(*, meeting: Meeting, minutes: str, by: User) -> Meeting:
    meeting.minutes = minutes
    meeting.full_clean()
    meeting.save(update_fields=["minutes"])
    return meeting


# Contributions ------------------------------------------------------------------------


@transaction.atomic
def contribution_record(
    *,
    meeting: Meeting,
    question: Question,
    text: str,
    by: User,
    participant: Participant | None = None,
    agreed_count: int | None = None,
    present_count: int | None = None,
) -> Contribution:
    """The facilitator records what was said about a question, for a person or for the group."""
    if not meeting.agenda_items.filter(question=question, kind=AgendaItem.Kind.QUESTION).exists():
        raise ValidationError(_("This question is not on the meeting's agenda."))
    if participant is not None and participant.organisation_id != meeting.organisation_id:
        raise ValidationError({"participant": _("Choose a person from the register.")})
    if present_count is None and participant is None:
        present_count = meeting.invitations.filter(attended=True).count() or None
    if agreed_count is not None and present_count is not None and agreed_count > present_count:
        raise ValidationError(
            {"agreed_count": _("More people agreed than were there. Check the numbers.")}
        )
    contribution = save_with(
        Contribution(
            organisation=meeting.organisation,
            question=question,
            meeting=meeting,
            text=text.strip(),
            participant=participant,
            agreed_count=agreed_count,
            present_count=present_count,
            recorded_by=by,
        )
    )
    if participant is not None:
        Participant.objects.filter(pk=participant.pk).update(last_activity_at=timezone.now())
    return contribution  # type: ignore[no-any-return]


@transaction.atomic
def contribution_submit(*, participant: Participant, question: Question, text: str) -> Contribution:
    """A participant adds input from their own page. It waits for the coordinator's review."""
    if question.organisation_id != participant.organisation_id:
        raise ValidationError(_("This question is not for you."))
    if not text.strip():
        raise ValidationError({"text": _("Write what you want to say.")})
    contribution = save_with(
        Contribution(
            organisation=participant.organisation,
            question=question,
            text=text.strip(),
            participant=participant,
            source=Contribution.Source.PARTICIPANT,
            review=Contribution.Review.PENDING,
        )
    )
    Participant.objects.filter(pk=participant.pk).update(last_activity_at=timezone.now())
    return contribution  # type: ignore[no-any-return]


@transaction.atomic
def contribution_review(*, contribution: Contribution, approve: bool, by: User) -> Contribution:
    """The coordinator passes a participant's own input on to the service, or not."""
    if contribution.review != Contribution.Review.PENDING:
        raise ValidationError(_("This input was already reviewed."))
    contribution.review = Contribution.Review.APPROVED if approve else Contribution.Review.REJECTED
    contribution.recorded_by = by
    contribution.save(update_fields=["review", "recorded_by"])
    return contribution


@transaction.atomic
def contribution_withdraw(
    *, contribution: Contribution, by: User | None = None, unanswered_only: bool = False
) -> Contribution:
    """A participant takes back what they said. It disappears from what services see.

    With `unanswered_only` (the person on their own page), input that got an answer, also
    one saved while this waited for the lock, stays: a ValidationError says so.
    """
    with transaction.atomic():
        # Locked: it waits for an answer being saved to the same input, and the other way.
        # Only the input's row is locked; its organisation is read along for the audit event.
        locked = (
            Contribution.objects.select_related("organisation")
            .select_for_update(of=("self",))
            .get(pk=contribution.pk)
        )
        if unanswered_only and locked.response_id is not None:
            raise ValidationError(_("What you said has an answer now. It stays on your page."))
        if locked.withdrawn_at is None:
            locked.withdrawn_at = timezone.now()
            locked.save(update_fields=["withdrawn_at"])
            # Who took it back: the person on their page, or staff at their request.
            AuditEvent.record(
                organisation=locked.organisation,
                actor=by,
                action=AuditEvent.Action.UPDATE,
                obj=locked,
                withdrawn_by="staff" if by is not None else "participant",
            )
    contribution.withdrawn_at = locked.withdrawn_at
    return contribution


# Responses ----------------------------------------------------------------------------


def _check_response(
    status: str, explanation: str, expected_on: date | None, decided_on: date | None
) -> None:
    errors: dict[str, str] = {}
    if status in Response.NEEDS_EXPLANATION and not explanation.strip():
        errors["explanation"] = _(
            "Explain in plain words why the input is not or only partly adopted."
        )
    if status == Response.Status.STUDYING and expected_on is None:
        errors["expected_on"] = _("Say when a decision is expected.")
    elif (
        expected_on is not None
        and expected_on < timezone.localdate()
        and status not in Response.FINAL
    ):
        # Participants are told to wait until that day: a day that is over promises nothing.
        errors["expected_on"] = _("This date is in the past. Choose today or a later day.")
    if decided_on is not None and decided_on > timezone.localdate():
        errors["decided_on"] = _("This date is in the future.")
    if errors:
        raise ValidationError(errors)


def answerable(question: Question) -> Any:
    return question.contributions.filter(
        review=Contribution.Review.APPROVED, withdrawn_at__isnull=True
    )


@transaction.atomic
def response_create(
    *,
    question: Question,
    contributions: Sequence[Contribution],
    status: str,
    explanation: str,
    by: User,
    decided_by: str = "",
    decided_on: date | None = None,
    expected_on: date | None = None,
) -> Response:
    """The service answers one or more contributions to its question."""
    if not contributions:
        raise ValidationError({"contributions": _("Choose the input you answer.")})
    chosen = {c.pk for c in contributions}
    if answerable(question).filter(pk__in=chosen).count() != len(chosen):
        raise ValidationError({"contributions": _("Choose input given on this question.")})
    # Lock the input: two people answering at once must not overwrite each other's link.
    # Locked and checked again in one: what was withdrawn or answered since is refused.
    still_open = (
        answerable(question).select_for_update().filter(pk__in=chosen, response__isnull=True)
    )
    if len(list(still_open)) != len(chosen):
        raise ValidationError(
            {"contributions": _("Someone else answered some of this input meanwhile. Reload.")}
        )
    _check_response(status, explanation, expected_on, decided_on)
    response = save_with(
        Response(
            organisation=question.organisation,
            question=question,
            status=status,
            explanation=explanation.strip(),
            decided_by=decided_by,
            decided_on=decided_on,
            expected_on=expected_on,
            responded_by=by,
        )
    )
    Contribution.objects.filter(pk__in=chosen).update(response=response)
    state.question_state_refresh(question.pk)
    if question_is_answered(question):
        schedule_feedback(question)
    return response  # type: ignore[no-any-return]


@transaction.atomic
def response_update(
    *,
    response: Response,
    version: int,
    status: str,
    explanation: str,
    by: User,
    decided_by: str = "",
    decided_on: date | None = None,
    expected_on: date | None = None,
) -> Response:
    """Changes an answer, unless someone else changed it since `version` was read."""
    _check_response(status, explanation, expected_on, decided_on)
    updated = Response.objects.filter(pk=response.pk, version=version).update(
        status=status,
        explanation=explanation.strip(),
        decided_by=decided_by,
        decided_on=decided_on,
        expected_on=expected_on,
        responded_by=by,
        version=F("version") + 1,
        updated_at=timezone.now(),
    )
    if not updated:
        raise ConflictError(
            _("Someone else changed this answer while you were writing. Check their version.")
        )
    response.refresh_from_db()
    state.question_state_refresh(response.question_id)
    if question_is_answered(response.question):
        schedule_feedback(response.question)
    return response


def question_is_answered(question: Question) -> bool:
    """Every contribution on the question has a final answer (and there is at least one)."""
    contributions = list(answerable(question).select_related("response"))
    return bool(contributions) and all(
        c.response is not None and c.response.is_final for c in contributions
    )


# Feedback -----------------------------------------------------------------------------


def schedule_feedback(question: Question) -> AgendaItem | None:
    """Puts "what happened with your input" on the agenda of the group's next meeting."""
    groups = Meeting.objects.filter(
        agenda_items__question=question, agenda_items__kind=AgendaItem.Kind.QUESTION
    ).values("group_id")
    next_meeting = (
        Meeting.objects.filter(
            organisation=question.organisation,
            group_id__in=groups,
            status=Meeting.Status.PLANNED,
            starts_at__gt=timezone.now(),
        )
        .order_by("starts_at")
        .first()
    )
    if next_meeting is None:
        return None
    item, _created = AgendaItem.objects.get_or_create(
        meeting=next_meeting,
        question=question,
        kind=AgendaItem.Kind.FEEDBACK,
        defaults={"organisation": question.organisation, "position": 0},
    )
    return item


def _add_pending_feedback(meeting: Meeting) -> None:
    """A new meeting gets feedback items for answered questions its group has not heard yet."""
    if meeting.status != Meeting.Status.PLANNED:
        return
    discussed = (
        Question.objects.filter(
            agenda_items__meeting__group=meeting.group, agenda_items__kind=AgendaItem.Kind.QUESTION
        )
        .exclude(agenda_items__kind=AgendaItem.Kind.FEEDBACK)
        .distinct()
    )
    for question in discussed:
        if question_is_answered(question):
            AgendaItem.objects.get_or_create(
                meeting=meeting,
                question=question,
                kind=AgendaItem.Kind.FEEDBACK,
                defaults={"organisation": meeting.organisation, "position": 0},
            )


def delivered_at(day: date) -> datetime:
    """The moment recorded for something done on `day`: noon, or now if that is earlier."""
    noon = timezone.make_aware(datetime.combine(day, time(12)))
    return min(noon, timezone.now())


@transaction.atomic
def feedback_record(
    *,
    participant: Participant,
    question: Question,
    channel: str,
    by: User | None,
    on: date | None = None,
) -> FeedbackDelivery:
    """Records that a participant received the answers to a question, and how.

    Once per person, question and channel: recording the same again (a second letter, the
    page opened again) keeps the first record, so "heard back" counts people, not clicks.
    """
    # Two records at once for the same person still make one row.
    Participant.objects.select_for_update().filter(pk=participant.pk).first()
    existing = (
        FeedbackDelivery.objects.filter(participant=participant, question=question, channel=channel)
        .order_by("-delivered_at")
        .first()
    )
    newest = question.responses.aggregate(newest=Max("created_at"))["newest"]
    # Told before the newest answer was written: telling it now is a new record.
    if existing is not None and (newest is None or told_since(existing.delivered_at, newest)):
        return existing
    state.indicators_changed(participant.organisation_id)
    return FeedbackDelivery.objects.create(
        organisation=participant.organisation,
        participant=participant,
        question=question,
        channel=channel,
        delivered_at=delivered_at(on) if on else timezone.now(),
        recorded_by=by,
    )


@transaction.atomic
def feedback_record_many(
    *, heard: Iterable[tuple[int, int, str]], organisation_id: int, when: datetime, by: User | None
) -> int:
    """Records (participant id, question id, channel) of one organisation at once, each once
    per person, question and channel. Returns how many were new."""
    wanted = set(heard)
    if not wanted:
        return 0
    people = sorted({p for p, _q, _c in wanted})
    list(Participant.objects.select_for_update().filter(pk__in=people).values_list("pk"))
    questions = {q for _p, q, _c in wanted}
    # A question that is gone, or of another organisation, is not recorded.
    known = set(
        Question.objects.filter(pk__in=questions, organisation_id=organisation_id).values_list(
            "pk", flat=True
        )
    )
    # A record made before the day of the newest answer to its question did not tell that
    # answer: the same channel telling it now is recorded again ("heard back" still counts
    # people once). Days, not moments: a letter posted "today" is recorded at noon.
    newest = dict(
        Response.objects.filter(question_id__in=questions)
        .values("question_id")
        .annotate(newest=Max("created_at"))
        .values_list("question_id", "newest")
    )
    already = {
        (participant_id, question_id, channel)
        for participant_id, question_id, channel, delivered in FeedbackDelivery.objects.filter(
            participant_id__in=people, question_id__in=questions
        ).values_list("participant_id", "question_id", "channel", "delivered_at")
        if question_id not in newest or told_since(delivered, newest[question_id])
    }
    new = sorted(row for row in wanted - already if row[1] in known)
    if new:
        state.indicators_changed(organisation_id)
    FeedbackDelivery.objects.bulk_create(
        FeedbackDelivery(
            organisation_id=organisation_id,
            participant_id=participant_id,
            question_id=question_id,
            channel=channel,
            delivered_at=when,
            recorded_by=by,
        )
        for participant_id, question_id, channel in new
    )
    return len(new)


def told_since(delivered: datetime, answered: datetime) -> bool:
    """Whether feedback delivered at `delivered` can hold an answer written at `answered`."""
    return timezone.localdate(delivered) >= timezone.localdate(answered)


def answer_day(response: Response) -> date:
    """The first day an answer could be on a letter: the day it was decided, and not before
    it was written in Inbreng."""
    written = timezone.localtime(response.created_at).date()
    return max(written, response.decided_on or written)


@transaction.atomic
def letter_posted(
    *, participant: Participant, answered: Mapping[int, date], posted_on: date, by: User
) -> int:
    """Staff posted the person's own feedback letter on `posted_on`: each answered question
    on it counts once as heard back by letter. Making the PDF counts nothing.

    `answered` holds each answered question on the letter with the day of its (newest)
    answer. A letter posted before that day could not hold the answer: it does not count.
    A day in the future, or before the first answer, is refused.
    """
    if posted_on > timezone.localdate():
        raise ValidationError({"posted_on": _("This date is in the future.")})
    if answered and posted_on < min(answered.values()):
        raise ValidationError(
            {
                "posted_on": _(
                    "On that day there was no answer yet. The first answer is from %(day)s. "
                    "Choose that day or later."
                )
                % {"day": formats.date_format(min(answered.values()), "j F Y")}
            }
        )
    questions = [q for q, day in answered.items() if day <= posted_on]
    return feedback_record_many(
        heard=[(participant.pk, q, FeedbackDelivery.Channel.LETTER) for q in questions],
        organisation_id=participant.organisation_id,
        when=delivered_at(posted_on),
        by=by,
    )


def heard_questions(items: Iterable[Mapping[str, Any]]) -> list[int]:
    """The questions of which every answer in a message's items is final.

    Only a final answer tells the person what happened with what they said: "received" or
    "being studied" is not yet an answer (as on the personal page).
    """
    final: dict[int, bool] = {}
    for item in items:
        question = item.get("question")
        if not isinstance(question, int):
            continue
        done = item.get("answer") is not None and item.get("status") in Response.FINAL
        final[question] = final.get(question, True) and done
    return sorted(q for q, done in final.items() if done)


# How a feedback message reached the person, as "heard back" counts it.
HEARD_BY = {
    Channel.LETTER: FeedbackDelivery.Channel.LETTER,
    Channel.PHONE: FeedbackDelivery.Channel.PHONE,
    Channel.SOCIAL_WORKER: FeedbackDelivery.Channel.SOCIAL_WORKER,
    Channel.SMS: FeedbackDelivery.Channel.SMS,
    Channel.EMAIL: FeedbackDelivery.Channel.EMAIL,
}


def _holds(text: str, words: str) -> bool:
    return bool(words) and (words in text or gsm.normalise(words) in gsm.normalise(text))


def _told_in_text(delivery: Delivery, questions: list[int]) -> list[int]:
    """The questions whose answers an e-mail or SMS really holds.

    An own text without the answers (no {antwoorden} or {uitkomst}), or an SMS that had
    room for only some of them, tells the person nothing about the rest.
    """
    sms = delivery.channel == Channel.SMS
    text = delivery.sms if sms else delivery.body
    said: dict[int, list[str]] = {}
    left_out: set[int] = set()
    for item in delivery.items:
        if item.get("question") in questions:
            said.setdefault(item["question"], []).append(str(item.get("status_text") or ""))
            # The SMS's short answers say which questions they hold: the same status words
            # ("Yes, we do it.") for another question, counted in "And 1 more answer.",
            # tell the person nothing about this one.
            if sms and item.get("included") is False:
                left_out.add(item["question"])
    return [
        q
        for q in questions
        if q not in left_out and all(_holds(text, words) for words in said.get(q, [""]))
    ]


def feedback_delivered(deliveries: Sequence[Delivery], when: datetime, by: User | None) -> int:
    """Messaging says feedback reached these people: a letter posted, a call made, a
    message passed on, an e-mail or SMS accepted. Each answered question in a delivery's
    items counts once per person and channel. Returns how many were new."""
    by_organisation: dict[int, list[tuple[int, int, str]]] = {}
    for delivery in deliveries:
        channel = HEARD_BY.get(Channel(delivery.channel)) if delivery.channel in HEARD_BY else None
        if channel is None:
            continue
        questions = heard_questions(delivery.items)
        if delivery.channel in (Channel.SMS, Channel.EMAIL):
            questions = _told_in_text(delivery, questions)
        by_organisation.setdefault(delivery.organisation_id, []).extend(
            (delivery.participant_id, q, channel) for q in questions
        )
    return sum(
        feedback_record_many(heard=heard, organisation_id=organisation_id, when=when, by=by)
        for organisation_id, heard in by_organisation.items()
    )


def feedback_read_on_page(participant: Participant, question_ids: list[int]) -> int:
    """The person read these questions' answers on their own page (the page shows all
    their input): each answered one counts once as read there. Returns how many were new."""
    from . import selectors

    answered = [
        e.question.pk
        for e in selectors.my_questions(participant, question_ids=question_ids)
        if e.answered
    ]
    return feedback_record_many(
        heard=[(participant.pk, q, FeedbackDelivery.Channel.PERSONAL_PAGE) for q in answered],
        organisation_id=participant.organisation_id,
        when=timezone.now(),
        by=None,
    )


# Personal links -----------------------------------------------------------------------

# Short codes for SMS: Crockford's base 32 (no i, l, o or u, which read like 1, 0 or v), 12
# characters of 5 bits: 60 bits, too many to guess in the year a link lives.
SHORT_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
SHORT_LENGTH = 12
_READ_AS = str.maketrans({"o": "0", "i": "1", "l": "1", "-": None, " ": None})


def link_token(link: PersonalLink) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), link.salt.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def link_path(link: PersonalLink) -> str:
    """The path of a personal link. The token is in the query string, so that the access
    log, which leaves query strings out, never holds it."""
    return f"{reverse('participation:open_link')}?{urlencode({'t': link_token(link)})}"


def link_short_code(link: PersonalLink) -> str:
    """The link's short code, derived from its salt like the token (so it is never stored)."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), b"short:" + link.salt.encode(), hashlib.sha256
    ).digest()
    number = int.from_bytes(digest[:8], "big") >> (64 - 5 * SHORT_LENGTH)
    return "".join(SHORT_ALPHABET[(number >> (5 * i)) & 31] for i in reversed(range(SHORT_LENGTH)))


def link_short_path(link: PersonalLink) -> str:
    """The short form of a link, for SMS and paper: /k/?<code>. Like the token, the code
    travels in the query string, which the access log leaves out."""
    return f"{reverse('participation:short_link')}?{link_short_code(link)}"


def short_code_from(text: str) -> str | None:
    """A typed or clicked short code as stored, or None: case does not matter, dashes and
    spaces are dropped, and o, i and l read as 0 and 1."""
    code = text.strip().lower().translate(_READ_AS)
    if len(code) != SHORT_LENGTH or any(c not in SHORT_ALPHABET for c in code):
        return None
    return code


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_link(organisation_id: int, participant_id: int, *, now: datetime) -> PersonalLink:
    """An unsaved link with a fresh salt and the hashes of its token and short code."""
    link = PersonalLink(
        organisation_id=organisation_id,
        participant_id=participant_id,
        salt=secrets.token_urlsafe(32),
        expires_at=now + LINK_LIFETIME,
    )
    link.token_hash = _hash(link_token(link))
    link.short_hash = _hash(link_short_code(link))
    return link


# Why a link is replaced, as stored in PersonalLink.replaced_reason (another reason is
# stored as typed). When the phone or letter is lost, or someone else used the link, the old
# link may be in someone else's hands: it stops at once, it is never kept working.
LINK_LOST, LINK_SOMEONE_ELSE = "lost", "someone_else"
LINK_IN_OTHER_HANDS = frozenset({LINK_LOST, LINK_SOMEONE_ELSE})
# An old link kept working for letters still on their way: a month at most.
KEEP_OLD_LINK_DAYS = 30
OLD_LINK_IN_OTHER_HANDS = gettext_lazy(
    "Someone else may have the old link. It must stop working now. Choose: it stops working now."
)


def keep_old_link_error(reason: str, keep_until: date | None) -> dict[str, str]:
    """Why an old link may not keep working (field name → message), empty when it may.

    `keep_until` is None when the old link stops now. Shared by the form (errors next to
    the fields, see `LinkReissueForm`) and `link_issue` (the rule itself).
    """
    if keep_until is None:
        return {}
    if reason in LINK_IN_OTHER_HANDS:
        return {"old_link": str(OLD_LINK_IN_OTHER_HANDS)}
    today = timezone.localdate()
    if keep_until < today:
        return {"keep_until": _("This date is in the past.")}
    last = today + timedelta(days=KEEP_OLD_LINK_DAYS)
    if keep_until > last:
        return {
            "keep_until": _("The old link works %(days)d days at most. Choose %(day)s or earlier.")
            % {"days": KEEP_OLD_LINK_DAYS, "day": formats.date_format(last, "j F Y")}
        }
    return {}


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


@transaction.atomic
def link_issue(
    *,
    participant: Participant,
    by: User | None,
    reason: str = "",
    keep_old_until: date | None = None,
) -> PersonalLink:
    """Gives a participant a new personal link.

    The earlier link stops working now, or, with `keep_old_until`, at the end of that day
    (never later than it would have stopped anyway), so printed letters keep working a
    while. `reason` says why the old link was replaced.
    """
    # Lock the person's row so that two reissues at once still leave one live link.
    Participant.objects.select_for_update().filter(pk=participant.pk).first()
    now = timezone.now()
    old = PersonalLink.objects.filter(
        participant=participant, revoked_at__isnull=True, expires_at__gt=now
    )
    reason = reason.strip()[:200]
    refused = keep_old_link_error(reason, keep_old_until)
    if refused:
        raise ValidationError(refused)
    if keep_old_until is not None and old.exists():
        last = max(timezone.localtime(link.expires_at).date() for link in old)
        if keep_old_until > last:
            raise ValidationError(
                {
                    "keep_until": _("The old link stops on %(day)s anyway. Choose an earlier day.")
                    % {"day": formats.date_format(last, "j F Y")}
                }
            )
        until = _end_of(keep_old_until)
        for link in old:
            link.expires_at = min(link.expires_at, until)
            link.replaced_reason = reason
        PersonalLink.objects.bulk_update(old, ["expires_at", "replaced_reason"])
    else:
        old.update(revoked_at=now, replaced_reason=reason)
    link = new_link(participant.organisation_id, participant.pk, now=now)
    link.created_by = by
    link.save()
    if by is not None:
        AuditEvent.record(
            organisation=participant.organisation,
            actor=by,
            action=AuditEvent.Action.UPDATE,
            obj=participant,
            personal_link="issued",
            old_link="kept" if keep_old_until else "stopped",
        )
    return link


def current_link(participant: Participant) -> PersonalLink:
    """The participant's newest working link, issuing one if there is none."""
    link = (
        PersonalLink.objects.filter(
            participant=participant, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )
        .order_by("-created_at", "-pk")
        .first()
    )
    return link or link_issue(participant=participant, by=None)


def link_version(participant: Participant) -> int | None:
    """The id of the person's current link, or None when no link works (one query).

    An open personal page keeps this version: once a new link is made it differs, so every
    page opened before is closed, also one opened with an old link kept working a while.
    """
    if participant.is_erased:
        return None
    return (
        PersonalLink.objects.filter(
            participant=participant, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )
        .order_by("-created_at", "-pk")
        .values_list("pk", flat=True)
        .first()
    )


def link_resolve(token: str) -> PersonalLink | None:
    """The valid link for a token, or None when it is unknown, revoked or expired."""
    if not token or len(token) > 100:
        return None
    link = (
        PersonalLink.objects.select_related("participant", "organisation")
        .filter(token_hash=_hash(token))
        .first()
    )
    return link if link is not None and link_is_valid(link) else None


def link_resolve_short(text: str) -> PersonalLink | None:
    """The valid link for a short code, or None when it is unknown, revoked or expired."""
    code = short_code_from(text[:40])
    if code is None:
        return None
    link = (
        PersonalLink.objects.select_related("participant", "organisation")
        .filter(short_hash=_hash(code))
        .first()
    )
    return link if link is not None and link_is_valid(link) else None


def link_is_valid(link: PersonalLink) -> bool:
    """Not revoked, not expired, and the person was not erased."""
    return (
        link.revoked_at is None
        and link.expires_at > timezone.now()
        and not link.participant.is_erased
    )
