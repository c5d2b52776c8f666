"""The request and its decision, consent, and the preparation around the table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from inbreng.core.models import AuditEvent, Membership, Organisation, User
from inbreng.core.services import save_with
from inbreng.people.models import Participant

from ..models import (
    MINIMUM_DOMAINS,
    MINIMUM_PROVIDERS,
    CaseConference,
    CaseConsent,
    CaseProvider,
    LifeDomain,
)
from .common import (
    Status,
    _audit,
    _cancel_deliveries,
    _notify,
    _require_consent,
    _require_open,
)


def conditions(*, providers: int, domains: int, client_agrees: bool) -> list[tuple[str, bool]]:
    """The conditions for a case conference, each with whether it is met (shown to users)."""
    return [
        (
            _("At least %(n)d care providers, or problems in at least %(m)d life domains")
            % {"n": MINIMUM_PROVIDERS, "m": MINIMUM_DOMAINS},
            providers >= MINIMUM_PROVIDERS or domains >= MINIMUM_DOMAINS,
        ),
        (_("The client agrees to a case conference"), client_agrees),
    ]


def provider_names(text: str) -> list[str]:
    """The providers typed one per line, without empty lines or repeats."""
    names: list[str] = []
    for line in text.splitlines():
        name = " ".join(line.split())[:150]
        if name and name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    return names


@transaction.atomic
def case_request(
    *,
    organisation: Organisation,
    by: User,
    client: Participant,
    life_domains: Sequence[str],
    providers: Sequence[str],
    requester_provider: str,
    client_asked: bool,
    client_agrees: bool,
    note: str,
) -> CaseConference:
    """Requests a case conference for a client.

    The requester, when they are one of the client's providers (`requester_provider` names
    their service), is on the case from the start and acknowledged the ground rules on the
    request form. The request is refused unless there are at least three providers or
    three life domains, and the client agrees.
    """
    domains = [d for d in dict.fromkeys(life_domains) if d in LifeDomain.values]
    named = list(providers)
    count = len(named) + (1 if requester_provider else 0)
    errors: dict[str, str] = {}
    if count < MINIMUM_PROVIDERS and len(domains) < MINIMUM_DOMAINS:
        errors["life_domains"] = _(
            "A case conference needs at least %(n)d care providers or problems in at least "
            "%(m)d life domains. Now there are %(providers)d providers and %(domains)d life "
            "domains."
        ) % {
            "n": MINIMUM_PROVIDERS,
            "m": MINIMUM_DOMAINS,
            "providers": count,
            "domains": len(domains),
        }
    if not client_agrees:
        errors["client_agrees"] = _(
            "Talk with the client first: a case conference only happens when they agree."
        )
    if client.organisation_id != organisation.pk or client.is_erased:
        errors["client"] = _("Choose a client from the register.")
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    case = save_with(
        CaseConference(organisation=organisation),
        client=client,
        requested_by=by,
        client_asked=client_asked,
        client_agrees=client_agrees,
        life_domains=domains,
        request_note=note.strip(),
        staff_contact=client.social_worker,
    )
    if requester_provider:
        save_with(
            CaseProvider(organisation=organisation, case=case),
            name=requester_provider,
            user=by,
            invited_at=now,
            invited_by=by,
            acknowledged_at=now,
        )
    for name in named:
        save_with(CaseProvider(organisation=organisation, case=case), name=name)
    _audit(case, by, AuditEvent.Action.CREATE, step="request")
    return case  # type: ignore[no-any-return]


def _check_neutral(case: CaseConference, coordinator: User) -> None:
    """The coordinator is neutral: not one of the client's providers, not their contact."""
    membership = Membership.objects.filter(
        organisation=case.organisation, user=coordinator, is_active=True, is_case_coordinator=True
    ).first()
    if membership is None:
        raise ValidationError({"coordinator": _("Choose an LCO coordinator of the organisation.")})
    is_provider = case.providers.filter(user=coordinator, removed_at__isnull=True).exists()
    if is_provider or case.staff_contact_id == coordinator.pk:
        raise ValidationError(
            {
                "coordinator": _(
                    "%(name)s is one of the client's care providers. The coordinator must be "
                    "neutral: choose someone who is not involved in the client's care."
                )
                % {"name": coordinator.display_name()}
            }
        )


@transaction.atomic
def case_decide(
    *, case: CaseConference, by: User, accept: bool, coordinator: User | None, reason: str
) -> CaseConference:
    """Accepts a request and assigns a neutral coordinator, or declines it with a reason."""
    if not case.is_request:
        raise ValidationError(_("This request was already decided."))
    now = timezone.now()
    if accept:
        if coordinator is None:
            raise ValidationError({"coordinator": _("Choose who coordinates this case.")})
        _check_neutral(case, coordinator)
        save_with(case, status=Status.OPEN, coordinator=coordinator, decided_by=by, decided_at=now)
    else:
        if not reason.strip():
            raise ValidationError({"reason": _("Say why the request is declined.")})
        save_with(
            case,
            status=Status.DECLINED,
            decline_reason=reason.strip(),
            decided_by=by,
            decided_at=now,
            ended_at=now,
        )
    _audit(case, by, AuditEvent.Action.UPDATE, step="accept" if accept else "decline")
    return case


@transaction.atomic
def coordinator_assign(*, case: CaseConference, by: User, coordinator: User) -> CaseConference:
    """Hands the coordination to another neutral LCO coordinator."""
    _require_open(case)
    _check_neutral(case, coordinator)
    save_with(case, coordinator=coordinator)
    _audit(case, by, AuditEvent.Action.UPDATE, step="coordinator")
    return case


@transaction.atomic
def consent_record(
    *,
    case: CaseConference,
    by: User,
    scope: str,
    given_on: date,
    how: str,
    witness: str,
    sharing: Mapping[int, str],
) -> CaseConsent:
    """Records the client's consent, and per provider what they may share."""
    _require_open(case)
    if case.consents.filter(withdrawn_at__isnull=True).exists():
        raise ValidationError(_("The client's consent is already recorded."))
    errors: dict[str, str] = {}
    if given_on > timezone.localdate():
        errors["given_on"] = _("The date cannot be in the future.")
    if how == CaseConsent.How.SPOKEN and not witness.strip():
        errors["witness"] = _("Who heard the client say yes? A spoken consent needs a witness.")
    if errors:
        raise ValidationError(errors)
    consent = save_with(
        CaseConsent(organisation=case.organisation, case=case),
        scope=scope.strip(),
        given_on=given_on,
        how=how,
        witness=witness.strip(),
        recorded_by=by,
    )
    for provider in case.providers.filter(pk__in=list(sharing)):
        provider.may_share = sharing[provider.pk].strip()
        provider.full_clean()
        provider.save(update_fields=["may_share"])
    _audit(case, by, AuditEvent.Action.CREATE, step="consent")
    return consent  # type: ignore[no-any-return]


@transaction.atomic
def consent_withdraw(*, case: CaseConference, by: User, note: str) -> CaseConference:
    """The client withdraws consent: the case closes to everyone but the coordinator, at once.

    Access is checked on every request, so a provider who has the case open is refused on
    their next click; nothing they send afterwards is saved.
    """
    consent = case.consents.filter(withdrawn_at__isnull=True).first()
    if consent is None or case.status != Status.OPEN:
        raise ValidationError(_("There is no consent to withdraw."))
    now = timezone.now()
    consent.withdrawn_at = now
    consent.withdrawn_by = by
    consent.withdrawal_note = note.strip()[:300]
    consent.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_note"])
    CaseConference.objects.filter(pk=case.pk).update(
        status=Status.WITHDRAWN, consent_withdrawn_at=now, ended_at=now
    )
    case.refresh_from_db()
    _cancel_deliveries(case)
    _audit(case, by, AuditEvent.Action.UPDATE, step="consent_withdrawn")
    return case


def _already_on(case: CaseConference, user: User, provider: CaseProvider | None) -> bool:
    others = case.providers.filter(user=user)
    if provider is not None:
        others = others.exclude(pk=provider.pk)
    return others.exists()


@transaction.atomic
def provider_invite(
    *,
    case: CaseConference,
    by: User,
    user: User,
    name: str,
    provider: CaseProvider | None,
    may_share: str,
) -> CaseProvider:
    """Invites a provider's staff account to this case only. They get access after they
    acknowledge the ground rules and shared professional secrecy."""
    _require_consent(case)
    errors: dict[str, str] = {}
    member = Membership.objects.filter(
        organisation=case.organisation, user=user, is_active=True
    ).first()
    if member is None or not member.has_role("social_worker", "partner_worker", "case_coordinator"):
        errors["user"] = _("Choose a care provider who works with this organisation.")
    elif user.pk == case.coordinator_id:
        errors["user"] = _("The coordinator stays neutral and is not one of the providers.")
    elif _already_on(case, user, provider):
        errors["user"] = _("This person is already on the case.")
    if provider is None and not name.strip():
        errors["name"] = _("Name the service or organisation of this provider.")
    if errors:
        raise ValidationError(errors)
    row = provider or CaseProvider(organisation=case.organisation, case=case)
    save_with(
        row,
        name=name.strip() or row.name,
        user=user,
        may_share=may_share.strip() or row.may_share,
        invited_at=timezone.now(),
        invited_by=by,
        acknowledged_at=None,
        removed_at=None,
    )
    _audit(case, by, AuditEvent.Action.UPDATE, step="invite", provider=row.pk)
    with override("nl"):
        _notify(
            [user],
            _("Invitation to case conference %(number)s") % {"number": case.number},
            _(
                "You are invited to case conference %(number)s. Open Inbreng to read the "
                "ground rules; after you accept them you see the case."
            )
            % {"number": case.number},
        )
    return row


@transaction.atomic
def provider_acknowledge(*, provider: CaseProvider, by: User) -> CaseProvider:
    """The provider accepts the ground rules and shared professional secrecy."""
    if provider.user_id != by.pk or provider.invited_at is None:
        raise ValidationError(_("Only the invited person can accept the ground rules."))
    provider.acknowledged_at = timezone.now()
    provider.save(update_fields=["acknowledged_at"])
    _audit(provider.case, by, AuditEvent.Action.UPDATE, step="ground_rules")
    return provider


@transaction.atomic
def provider_remove(*, provider: CaseProvider, by: User) -> CaseProvider:
    """Takes a provider off the case: from now on they cannot open it."""
    case = provider.case
    _require_open(case)
    provider.removed_at = timezone.now()
    provider.save(update_fields=["removed_at"])
    if case.key_worker_id == provider.pk:
        CaseConference.objects.filter(pk=case.pk).update(key_worker=None)
    _audit(case, by, AuditEvent.Action.UPDATE, step="provider_removed", provider=provider.pk)
    return provider


@transaction.atomic
def key_worker_choose(*, case: CaseConference, by: User, provider: CaseProvider) -> CaseConference:
    """Chooses the key worker (spilfiguur) among the providers on the case."""
    _require_consent(case)
    if provider.case_id != case.pk or provider.removed_at is not None:
        raise ValidationError({"provider": _("Choose one of the providers on this case.")})
    save_with(case, key_worker=provider)
    _audit(case, by, AuditEvent.Action.UPDATE, step="key_worker")
    return case


@transaction.atomic
def agenda_record(
    *,
    case: CaseConference,
    by: User,
    matters: str,
    going_well: str,
    change: str,
    trusted_person: str,
    trusted_person_relation: str,
) -> CaseConference:
    """Records the client's own agenda, in their words, and who they bring along."""
    _require_consent(case)
    if not (matters.strip() or change.strip()):
        raise ValidationError(
            {"agenda_matters": _("Write down what matters to the client, in their words.")}
        )
    save_with(
        case,
        agenda_matters=matters.strip(),
        agenda_going_well=going_well.strip(),
        agenda_change=change.strip(),
        trusted_person=trusted_person.strip(),
        trusted_person_relation=trusted_person_relation.strip(),
        agenda_recorded_at=timezone.now(),
    )
    _audit(case, by, AuditEvent.Action.UPDATE, step="agenda")
    return case
