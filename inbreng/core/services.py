"""Writes for organisations, services, partners and staff."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .models import AuditEvent, Membership, Organisation, Partner, Service, User

# Apps that own open work (people, later meetings and questions) register a function here
# that moves a leaving staff member's work to a colleague. `core` imports no app, so the
# arrow points from the apps to here.
HandOver = Callable[[Membership, Membership], int]
_handover_functions: list[HandOver] = []


def register_handover(function: HandOver) -> HandOver:
    _handover_functions.append(function)
    return function


def open_work_count(membership: Membership) -> int:
    """How many pieces of open work the registered apps count for this person."""
    return sum(function(membership, membership) for function in _handover_functions)


# Apps add panels to the start page the same way: a function that takes the request and
# returns a template name and its context, or None when it has nothing for this person.
HomePanel = Callable[[Any], "tuple[str, dict[str, Any]] | None"]
_home_panels: list[HomePanel] = []


def register_home_panel(function: HomePanel, *, first: bool = False) -> HomePanel:
    """Adds a start-page panel; `first` puts it before the others (for what needs action)."""
    _home_panels.insert(0, function) if first else _home_panels.append(function)
    return function


def home_panels(request: Any) -> list[tuple[str, dict[str, Any]]]:
    return [panel for function in _home_panels if (panel := function(request)) is not None]


# Apps that follow up on an answer (signals: what changed because of it) register a function
# that takes answer (loop Response) ids and a language and returns plain JSON notes per
# answer id. The loop's page and letters carry them without importing those apps.
AnswerNotes = Callable[[list[int], str], dict[int, list[dict[str, Any]]]]
_answer_notes: list[AnswerNotes] = []


def register_answer_notes(function: AnswerNotes) -> AnswerNotes:
    if function not in _answer_notes:
        _answer_notes.append(function)
    return function


def answer_notes(response_ids: list[int], language: str) -> dict[int, list[dict[str, Any]]]:
    """Every registered app's notes on these answers, in `language`, per answer id."""
    notes: dict[int, list[dict[str, Any]]] = {}
    if not response_ids:
        return notes
    for function in _answer_notes:
        for pk, found in function(response_ids, language).items():
            notes.setdefault(pk, []).extend(found)
    return notes


# Apps that keep data about a participant (groups, meetings, input) register how to export
# it (GDPR access) and how to erase it, so that the register's export and erase are whole.
PersonalData = tuple[Callable[[Any], dict[str, Any]], Callable[[Any], None]]
_personal_data: dict[str, PersonalData] = {}


def register_personal_data(
    name: str, *, export: Callable[[Any], dict[str, Any]], erase: Callable[[Any], None]
) -> None:
    _personal_data[name] = (export, erase)


def personal_data_export(participant: Any) -> dict[str, Any]:
    return {name: export(participant) for name, (export, _erase) in _personal_data.items()}


def personal_data_erase(participant: Any) -> None:
    for _export, erase in _personal_data.values():
        erase(participant)


def save_with(instance: Any, **fields: Any) -> Any:
    """Sets the fields, validates the whole record and saves it: every service's last step."""
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    return instance


def shared_account(membership: Membership) -> bool:
    """The account is also used elsewhere: one organisation's admin may not manage it."""
    user = membership.user
    return user.is_superuser or (
        Membership.objects.filter(user=user).exclude(organisation=membership.organisation).exists()
    )


@transaction.atomic
def organisation_update(*, organisation: Organisation, by: User, **fields: Any) -> Organisation:
    """Changes the organisation's own settings."""
    save_with(organisation, **fields)
    AuditEvent.record(
        organisation=organisation, actor=by, action=AuditEvent.Action.UPDATE, obj=organisation
    )
    return organisation


@transaction.atomic
def service_save(
    *, organisation: Organisation, by: User, service: Service | None = None, **fields: Any
) -> Service:
    """Creates or changes a service (dienst) of the organisation."""
    return save_with(service or Service(organisation=organisation), **fields)  # type: ignore[no-any-return]


@transaction.atomic
def partner_save(
    *, organisation: Organisation, by: User, partner: Partner | None = None, **fields: Any
) -> Partner:
    """Creates or changes a partner organisation."""
    return save_with(partner or Partner(organisation=organisation), **fields)  # type: ignore[no-any-return]


def _check_role_links(membership: Membership) -> None:
    errors: dict[str, str] = {}
    if membership.is_service_contact and membership.service is None:
        errors["service"] = _("Choose the service this service contact speaks for.")
    if membership.is_partner_worker and membership.partner is None:
        errors["partner"] = _("Choose the partner organisation this person works for.")
    if not membership.roles:
        errors["is_coordinator"] = _("Give this person at least one role.")
    if errors:
        raise ValidationError(errors)


def _check_case_coordinator_grant(membership: Membership, by: User, *, had: bool) -> None:
    """The LCO coordinator role opens the most sensitive cases, so it is never taken, only
    given: nobody gives it to themselves, and once the organisation has an LCO coordinator
    only an LCO coordinator gives it to someone else (the first one an admin gives).
    Taking it away is for LCO coordinators too (or the person themselves): else an admin could
    empty the role and then give it to an account of their own."""
    if had and not membership.is_case_coordinator:
        if membership.user_id == by.pk:
            return
        if not Membership.objects.filter(
            organisation=membership.organisation,
            user=by,
            is_active=True,
            is_case_coordinator=True,
        ).exists():
            raise ValidationError(
                {
                    "is_case_coordinator": _(
                        "Only a case-conference coordinator can take this role away. "
                        "Ask one of them."
                    )
                }
            )
        return
    if had or not membership.is_case_coordinator:
        return
    if membership.user_id == by.pk:
        raise ValidationError(
            {
                "is_case_coordinator": _(
                    "You cannot make yourself a case-conference coordinator. Ask one of the "
                    "case-conference coordinators."
                )
            }
        )
    holders = Membership.objects.filter(
        organisation=membership.organisation, is_active=True, is_case_coordinator=True
    )
    if membership.pk is not None:
        holders = holders.exclude(pk=membership.pk)
    if holders.exists() and not holders.filter(user=by).exists():
        raise ValidationError(
            {
                "is_case_coordinator": _(
                    "Only a case-conference coordinator can give this role to someone else. "
                    "Ask one of them."
                )
            }
        )


def _case_coordinator_change(had: bool, has: bool) -> dict[str, str]:
    """For the audit: the sensitive role given or taken, spelled out."""
    if had == has:
        return {}
    return {"case_coordinator": "granted" if has else "revoked"}


# One answer for a login name that is in use elsewhere and for a new account without a
# password, so that the form reveals nothing about other organisations' accounts.
NO_SUCH_ACCOUNT = gettext_noop(
    "No account here has this login name. For a new account, choose a login name and fill "
    "in a first password. To add someone who already has an account, fill in its login name "
    "and e-mail address."
)


def new_login_name(wanted: str) -> str:
    """`wanted` with a random four-digit number ("noor.peeters-4821"), unused by anyone."""
    base = wanted.strip()[: User._meta.get_field("username").max_length - 5]  # type: ignore[operator]
    while True:
        name = f"{base}-{secrets.randbelow(9000) + 1000}"
        if not User.objects.filter(username__iexact=name).exists():
            return name


@transaction.atomic
def staff_add(
    *,
    organisation: Organisation,
    by: User,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    password: str | None,
    roles: dict[str, bool],
    service: Service | None = None,
    partner: Partner | None = None,
) -> Membership:
    """Adds a person to the organisation's staff, creating their account if it is new.

    A person who already works for another organisation keeps their account and gets a
    second membership; their password is not touched. To link an existing account the
    admin must know its e-mail address too, so that nobody can attach (and then manage)
    a stranger's account by guessing a login name. Platform operators are never linked.
    """
    user = User.objects.filter(username__iexact=username).first()
    if (
        user is not None
        and Membership.objects.filter(organisation=organisation, user=user).exists()
    ):
        raise ValidationError({"username": _("This person already works for this organisation.")})
    linkable = (
        user is not None
        and not user.is_superuser
        and bool(email)
        and user.email.casefold() == email.casefold()
    )
    if not linkable:
        # The same answer whether or not the name is in use elsewhere: the form must not
        # tell an administrator which accounts other organisations have. Only someone who
        # knows an account's e-mail address links it.
        if not password:
            raise ValidationError(
                {
                    "username": _(NO_SUCH_ACCOUNT),
                    "password": _("A new account needs a first password."),
                }
            )
        # A new account's login name is the name typed plus a random number, whether or
        # not the name is free: refusing a taken name (or changing only a taken one) would
        # tell which login names other organisations use. See docs/privacy.md.
        user = User(
            username=new_login_name(username),
            first_name=first_name,
            last_name=last_name,
            email=email,
        )
        user.set_password(password)
        save_with(user)
    membership = Membership(
        organisation=organisation, user=user, service=service, partner=partner, **roles
    )
    _check_role_links(membership)
    _check_case_coordinator_grant(membership, by, had=False)
    save_with(membership)
    AuditEvent.record(
        organisation=organisation,
        actor=by,
        action=AuditEvent.Action.ROLE_CHANGE,
        obj=membership,
        roles=[str(r) for r in membership.roles],
        **_case_coordinator_change(False, membership.is_case_coordinator),
    )
    return membership


@transaction.atomic
def staff_update(
    *,
    membership: Membership,
    by: User,
    roles: dict[str, bool],
    service: Service | None,
    partner: Partner | None,
    first_name: str,
    last_name: str,
    email: str,
) -> Membership:
    """Changes a staff member's name, e-mail and roles in this organisation."""
    if membership.user_id == by.pk and not roles.get("is_admin") and membership.is_admin:
        raise ValidationError({"is_admin": _("You cannot remove your own administrator role.")})
    user = membership.user
    if (first_name, last_name, email) != (user.first_name, user.last_name, user.email) and (
        shared_account(membership)
    ):
        raise ValidationError(
            _(
                "This person also works for another organisation. Only they or the platform "
                "operator can change their name and e-mail."
            )
        )
    had_case_coordinator = membership.is_case_coordinator
    for field, value in roles.items():
        setattr(membership, field, value)
    membership.service = service
    membership.partner = partner
    _check_role_links(membership)
    _check_case_coordinator_grant(membership, by, had=had_case_coordinator)
    save_with(membership)
    user = membership.user
    user.first_name, user.last_name, user.email = first_name, last_name, email
    user.full_clean()
    user.save(update_fields=["first_name", "last_name", "email"])
    AuditEvent.record(
        organisation=membership.organisation,
        actor=by,
        action=AuditEvent.Action.ROLE_CHANGE,
        obj=membership,
        roles=[str(r) for r in membership.roles],
        **_case_coordinator_change(had_case_coordinator, membership.is_case_coordinator),
    )
    return membership


@transaction.atomic
def staff_deactivate(*, membership: Membership, by: User, hand_over_to: Membership | None) -> int:
    """Deactivates a staff member in this organisation and hands their open work over.

    Returns how many pieces of work moved. Work must go to an active colleague of the
    same organisation; without one, open work blocks the deactivation.
    """
    if membership.user_id == by.pk:
        raise ValidationError(_("You cannot deactivate yourself."))
    if hand_over_to is not None and (
        hand_over_to.organisation_id != membership.organisation_id
        or not hand_over_to.is_active
        or hand_over_to.pk == membership.pk
    ):
        raise ValidationError({"hand_over_to": _("Choose an active colleague.")})
    moved = 0
    if hand_over_to is not None:
        moved = sum(function(membership, hand_over_to) for function in _handover_functions)
    elif open_work_count(membership):
        raise ValidationError(
            {"hand_over_to": _("This person still has open work. Choose who takes it over.")}
        )
    membership.is_active = False
    membership.deactivated_at = timezone.now()
    membership.save(update_fields=["is_active", "deactivated_at"])
    AuditEvent.record(
        organisation=membership.organisation,
        actor=by,
        action=AuditEvent.Action.DEACTIVATE,
        obj=membership,
        moved=moved,
    )
    return moved


@transaction.atomic
def staff_reactivate(*, membership: Membership, by: User) -> Membership:
    membership.is_active = True
    membership.deactivated_at = None
    membership.save(update_fields=["is_active", "deactivated_at"])
    AuditEvent.record(
        organisation=membership.organisation,
        actor=by,
        action=AuditEvent.Action.ROLE_CHANGE,
        obj=membership,
        reactivated=True,
    )
    return membership


@transaction.atomic
def staff_reset_second_factor(*, membership: Membership, by: User) -> None:
    """Removes a colleague's authenticator and recovery codes; they set it up again."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if shared_account(membership):
        raise ValidationError(
            _(
                "This person also works for another organisation. Ask the platform operator "
                "to reset their two-step login."
            )
        )
    TOTPDevice.objects.filter(user=membership.user).delete()
    StaticDevice.objects.filter(user=membership.user).delete()
    AuditEvent.record(
        organisation=membership.organisation,
        actor=by,
        action=AuditEvent.Action.OTP_RESET,
        obj=membership,
    )


def audit_read(
    request: Any, obj: Any = None, action: str = AuditEvent.Action.LIST, object_type: str = ""
) -> None:
    """Records that the signed-in member read personal data on a page (names, needs, texts)."""
    AuditEvent.record(
        organisation=request.organisation,
        actor=request.user,
        action=action,
        obj=obj,
        object_type=object_type,
    )
