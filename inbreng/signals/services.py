"""Writes for bodies, themes, signals and advice, their evidence and the body's answers.

An answer to a signal that was promoted from loop input goes back to the people behind it
through the loop itself: it is written as a loop `Response` (through participation's own
services) on each question that input belongs to, so the letter, SMS, pass-on list, phone
list, personal page and "heard back" counting carry it as they carry every answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inbreng.core.models import Membership, Organisation, Partner, Role, User
from inbreng.core.services import save_with
from inbreng.groups.models import ParticipationGroup
from inbreng.lib import personal_data as detect
from inbreng.participation import services as loop
from inbreng.participation.models import Contribution, Response
from inbreng.people.selectors import register_names

from . import attachments, memory
from .models import Body, Signal, SignalAnswer, SignalAttachment, SignalContribution, Theme

DEFAULT_THEMES = [
    gettext_lazy("Income"),
    gettext_lazy("Housing"),
    gettext_lazy("Health"),
    gettext_lazy("Work"),
    gettext_lazy("Education"),
    gettext_lazy("Mobility"),
    gettext_lazy("Social contacts"),
    gettext_lazy("Child poverty"),
    gettext_lazy("Digital inclusion"),
    gettext_lazy("Energy"),
    gettext_lazy("Debts"),
]

REFUSALS = {
    "national_number": gettext_lazy(
        "This looks like a national register number. Remove it: signals hold no personal data."
    ),
    "phone": gettext_lazy(
        "This looks like a phone number. Remove it: signals hold no personal data."
    ),
    "email": gettext_lazy(
        "This looks like an e-mail address. Remove it: signals hold no personal data."
    ),
    "name": gettext_lazy(
        "This holds the name of someone in the register. Remove it: signals hold no personal data."
    ),
    "initials": gettext_lazy(
        "This looks like a person's name (an initial or a title and a surname). Remove it: "
        "signals hold no personal data."
    ),
    "address": gettext_lazy(
        "This looks like a street address with a house number. Remove it: signals hold no "
        "personal data."
    ),
}

# How the body's decision reads as a loop answer.
LOOP_STATUS = {
    SignalAnswer.Decision.FOLLOWED: Response.Status.ADOPTED,
    SignalAnswer.Decision.PARTLY: Response.Status.PARTLY,
    SignalAnswer.Decision.NOT_FOLLOWED: Response.Status.NOT_ADOPTED,
    SignalAnswer.Decision.STUDYING: Response.Status.STUDYING,
    SignalAnswer.Decision.ACTING: Response.Status.ADOPTED,
}


def refuse_personal_data(organisation: Organisation, **texts: str) -> None:
    """Raises a ValidationError at each field whose text holds personal data: a national
    number, phone, e-mail address, street address, or a name from the register.

    Signals, answers, results and hearings go to policy makers and into the memory, which
    promises to hold no personal data.
    """
    if not any((text or "").strip() for text in texts.values()):
        return
    names = register_names(organisation)
    errors: dict[str, str] = {}
    for field, text in texts.items():
        found = detect.findings(text or "", names)
        if found:
            errors[field] = str(REFUSALS[found[0].kind])
    if errors:
        raise ValidationError(errors)


# Bodies and themes -------------------------------------------------------------------


def themes_ensure(organisation: Organisation) -> None:
    """Fills an organisation's theme list with the defaults the first time it is used."""
    if Theme.objects.filter(organisation=organisation).exists():
        return
    with transaction.atomic():
        Theme.objects.bulk_create(
            [Theme(organisation=organisation, name=str(name)) for name in DEFAULT_THEMES],
            ignore_conflicts=True,
        )


def _unique_name(model: Any, organisation: Organisation, name: str, pk: int | None) -> None:
    taken = model.objects.filter(organisation=organisation, name__iexact=name.strip())
    if pk:
        taken = taken.exclude(pk=pk)
    if taken.exists():
        raise ValidationError({"name": _("This name is already used. Choose another name.")})


@transaction.atomic
def body_save(
    *,
    organisation: Organisation,
    by: User,
    body: Body | None = None,
    name: str,
    kind: str,
    reply_days: int,
    service: Any = None,
    policy_makers: Iterable[User] = (),
    is_active: bool = True,
) -> Body:
    """Creates or changes a body; its policy makers must be policy makers of the organisation."""
    _unique_name(Body, organisation, name, body.pk if body else None)
    makers = list(policy_makers)
    allowed = set(
        Membership.objects.filter(
            organisation=organisation, is_policy_maker=True, is_active=True
        ).values_list("user_id", flat=True)
    )
    if any(user.pk not in allowed for user in makers):
        raise ValidationError({"policy_makers": _("Choose policy makers of your organisation.")})
    if service is not None and service.organisation_id != organisation.pk:
        raise ValidationError({"service": _("Choose a service of your organisation.")})
    saved: Body = save_with(
        body or Body(organisation=organisation),
        name=name.strip(),
        kind=kind,
        reply_days=reply_days,
        service=service,
        is_active=is_active,
    )
    saved.policy_makers.set(makers, through_defaults={"organisation": saved.organisation})
    return saved


@transaction.atomic
def theme_save(
    *, organisation: Organisation, by: User, theme: Theme | None = None, name: str, is_active: bool
) -> Theme:
    """Creates or renames a theme, or takes it out of use (signals keep it)."""
    _unique_name(Theme, organisation, name, theme.pk if theme else None)
    saved: Theme = save_with(
        theme or Theme(organisation=organisation), name=name.strip(), is_active=is_active
    )
    return saved


# Signals -----------------------------------------------------------------------------


def default_due_on(body: Body, today: date | None = None) -> date:
    return (today or timezone.localdate()) + timedelta(days=body.reply_days)


def promotable(organisation: Organisation | int) -> Any:
    """Loop input that may become part of a signal: passed on and not withdrawn."""
    return Contribution.objects.filter(
        organisation=organisation,
        review=Contribution.Review.APPROVED,
        withdrawn_at__isnull=True,
    )


def _check_on_behalf(
    organisation: Organisation,
    by: User,
    on_behalf: str,
    group: ParticipationGroup | None,
    partner: Partner | None,
) -> None:
    membership = Membership.objects.filter(organisation=organisation, user=by).first()
    errors: dict[str, str] = {}
    if on_behalf == Signal.OnBehalf.GROUP and group is None:
        errors["group"] = _("Choose the group this signal comes from.")
    if on_behalf == Signal.OnBehalf.PARTNER:
        if partner is None:
            errors["partner"] = _("Choose the partner this signal comes from.")
        elif (
            membership is not None
            and not membership.has_role(Role.ADMIN, Role.COORDINATOR)
            and membership.partner_id != partner.pk
        ):
            errors["partner"] = _("You can only speak for your own partner organisation.")
    if on_behalf == Signal.OnBehalf.CASELOAD and (
        membership is None or not membership.is_social_worker
    ):
        errors["on_behalf"] = _("Only a social worker speaks for their caseload.")
    if group is not None and group.organisation_id != organisation.pk:
        errors["group"] = _("Choose a group of your organisation.")
    if partner is not None and partner.organisation_id != organisation.pk:
        errors["partner"] = _("Choose a partner of your organisation.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def signal_register(
    *,
    organisation: Organisation,
    by: User,
    kind: str,
    title: str,
    text: str,
    body: Body | None,
    on_behalf: str,
    due_on: date | None = None,
    themes: Iterable[Theme] = (),
    group: ParticipationGroup | None = None,
    partner: Partner | None = None,
    recommendations: str = "",
    figures: str = "",
    shareable: bool = False,
    contributions: Sequence[Contribution] = (),
    files: Sequence[UploadedFile[Any]] = (),
) -> Signal:
    """Registers a signal or an advice to a body, with its evidence and linked loop input.

    The due date defaults to today plus the body's reply days. Texts that hold personal data
    are refused: the signal travels to policy makers and into the memory.
    """
    if body is None:
        raise ValidationError({"body": _("Choose the body that must answer.")})
    if body.organisation_id != organisation.pk:
        raise ValidationError({"body": _("Choose a body of your organisation.")})
    if due_on is not None and due_on < timezone.localdate():
        raise ValidationError({"due_on": _("This date is in the past. Choose a later day.")})
    refuse_personal_data(
        organisation, title=title, text=text, recommendations=recommendations, figures=figures
    )
    _check_on_behalf(organisation, by, on_behalf, group, partner)
    chosen_themes = list(themes)
    if any(t.organisation_id != organisation.pk for t in chosen_themes):
        raise ValidationError({"themes": _("Choose themes of your organisation.")})
    allowed = set(
        promotable(organisation)
        .filter(pk__in=[c.pk for c in contributions])
        .values_list("pk", flat=True)
    )
    if any(c.pk not in allowed for c in contributions):
        raise ValidationError(
            {"contributions": _("Choose input that was passed on and not withdrawn.")}
        )
    checked = [(upload, attachments.check(upload)) for upload in files]
    signal: Signal = save_with(
        Signal(organisation=organisation, registered_by=by),
        kind=kind,
        title=title.strip(),
        text=text.strip(),
        recommendations=recommendations.strip() if kind == Signal.Kind.ADVICE else "",
        on_behalf=on_behalf,
        group=group if on_behalf == Signal.OnBehalf.GROUP else None,
        partner=partner if on_behalf == Signal.OnBehalf.PARTNER else None,
        body=body,
        figures=figures.strip(),
        due_on=due_on or default_due_on(body),
        shareable=shareable,
    )
    signal.themes.set(chosen_themes, through_defaults={"organisation": signal.organisation})
    SignalContribution.objects.bulk_create(
        [
            SignalContribution(organisation=organisation, signal=signal, contribution=c)
            for c in contributions
        ]
    )
    for upload, content_type in checked:
        _attach(signal, upload, content_type)
    memory.remember(signal)
    return signal


def _attach(signal: Signal, upload: UploadedFile[Any], content_type: str) -> SignalAttachment:
    attachment = SignalAttachment(
        organisation_id=signal.organisation_id,
        signal=signal,
        name=(upload.name or "bijlage")[:200],
        content_type=content_type,
        size=upload.size or 0,
    )
    attachment.file.save(upload.name or "bijlage", upload, save=False)
    saved: SignalAttachment = save_with(attachment)
    return saved


@transaction.atomic
def signal_attach(*, signal: Signal, by: User, upload: UploadedFile[Any]) -> SignalAttachment:
    """Adds evidence to a signal: only files whose own bytes say what they are."""
    try:
        content_type = attachments.check(upload)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    return _attach(signal, upload, content_type)


# Answers -----------------------------------------------------------------------------


def _check_answer(
    signal: Signal, decision: str, text: str, reasons: str, expected_on: date | None
) -> None:
    errors: dict[str, str] = {}
    if decision in SignalAnswer.ADVICE_ONLY and signal.kind != Signal.Kind.ADVICE:
        errors["decision"] = _(
            "A signal is not followed or not: choose “being studied” or “acknowledged”."
        )
    if not text.strip():
        errors["text"] = _("Write the answer in plain words.")
    if decision in SignalAnswer.NEEDS_REASONS and not reasons.strip():
        errors["reasons"] = _("Explain why the advice is not or only partly followed.")
    if decision == SignalAnswer.Decision.STUDYING:
        if expected_on is None:
            errors["expected_on"] = _("Say when a decision is expected.")
        elif expected_on < timezone.localdate():
            errors["expected_on"] = _("This date is in the past. Choose today or a later day.")
    # The answer goes into the memory too, which holds no personal data.
    try:
        refuse_personal_data(signal.organisation, text=text, reasons=reasons)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, messages[0])
    if len(text.strip()) + len(reasons.strip()) > 4800:
        errors["reasons"] = _("The answer and the reasons together are too long. Shorten them.")
    if errors:
        raise ValidationError(errors)


def _explanation(text: str, reasons: str) -> str:
    return "\n\n".join(part for part in (text.strip(), reasons.strip()) if part)


def _write_loop_responses(answer: SignalAnswer, previous: SignalAnswer | None, by: User) -> None:
    """Writes the answer as a loop Response on each question behind the signal.

    Input that an earlier version of this answer already answered keeps its Response, which
    is updated (a new version in the loop too). Input without an answer, or answered earlier
    by a service, is linked to a new Response: the body's answer is the newest news.
    """
    status = LOOP_STATUS[SignalAnswer.Decision(answer.decision)]
    explanation = _explanation(answer.text, answer.reasons)
    expected_on = answer.expected_on if status == Response.Status.STUDYING else None
    earlier = {r.question_id: r for r in previous.responses.all()} if previous else {}
    by_question: dict[int, list[Contribution]] = {}
    behind = promotable(answer.organisation_id).filter(signal_links__signal=answer.signal)
    for contribution in behind.select_related("question").order_by("pk"):
        by_question.setdefault(contribution.question_id, []).append(contribution)
    made: list[Response] = []
    for question_id, contributions in by_question.items():
        question = contributions[0].question
        reused = earlier.get(question_id)
        if reused is not None:
            made.append(
                loop.response_update(
                    response=reused,
                    version=reused.version,
                    status=status,
                    explanation=explanation,
                    by=by,
                    decided_by=answer.decided_by,
                    decided_on=answer.decided_on,
                    expected_on=expected_on,
                )
            )
        rest = [c for c in contributions if reused is None or c.response_id != reused.pk]
        if not rest:
            continue
        Contribution.objects.filter(pk__in=[c.pk for c in rest]).update(response=None)
        made.append(
            loop.response_create(
                question=question,
                contributions=rest,
                status=status,
                explanation=explanation,
                by=by,
                decided_by=answer.decided_by,
                decided_on=answer.decided_on,
                expected_on=expected_on,
            )
        )
    answer.responses.set(made, through_defaults={"organisation": answer.organisation})


@transaction.atomic
def signal_answer(
    *,
    signal: Signal,
    by: User,
    decision: str,
    text: str,
    reasons: str = "",
    expected_on: date | None = None,
    decided_on: date | None = None,
) -> SignalAnswer:
    """Records the body's answer as a new version and carries it back to the people.

    The signal's kept status and answer date follow; the answer goes into the memory.
    """
    signal = Signal.objects.select_for_update().select_related("body").get(pk=signal.pk)
    _check_answer(signal, decision, text, reasons, expected_on)
    today = timezone.localdate()
    if decided_on is not None and decided_on > today:
        raise ValidationError({"decided_on": _("This date is in the future.")})
    previous = signal.answers.order_by("-version").first()
    answer: SignalAnswer = save_with(
        SignalAnswer(organisation_id=signal.organisation_id, signal=signal, answered_by=by),
        decision=decision,
        text=text.strip(),
        reasons=reasons.strip(),
        expected_on=expected_on if decision == SignalAnswer.Decision.STUDYING else None,
        decided_by=signal.body.name,
        decided_on=decided_on or today,
        version=(previous.version + 1) if previous else 1,
    )
    _write_loop_responses(answer, previous, by)
    studying = decision == SignalAnswer.Decision.STUDYING
    signal.status = Signal.Status.STUDYING if studying else Signal.Status.ANSWERED
    signal.answered_on = None if studying else answer.decided_on
    signal.save(update_fields=["status", "answered_on"])
    memory.remember(signal, answer)
    return answer
