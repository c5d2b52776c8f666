from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from inbreng.lib.numbers import INT_MAX

from .fields import IdChoiceField
from .models import AuditEvent, Membership, Organisation, Partner, Service, User

# A phone number as people write it: digits, spaces, + (at the start), /, . and -.
PHONE_NUMBER = re.compile(r"\+?[0-9 ./-]+")


def validate_contact_phone(value: str) -> str:
    """The number participants can call: digits and the usual separators only, so that a
    letter or SMS never says "call us on ask at the desk"."""
    value = " ".join(value.split())
    if value and (not PHONE_NUMBER.fullmatch(value) or sum(c.isdigit() for c in value) < 4):
        raise forms.ValidationError(
            _("Write a phone number with digits, like 09 123 45 67 or +32 9 123 45 67."),
            code="invalid",
        )
    return value


class OrganisationForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Organisation
        fields = [
            "name",
            "privacy_contact",
            "contact_phone",
            "contact_hours",
            "contact_email",
            "inactivity_months",
            "answer_weeks",
            "plain_language_min_score",
        ]
        widgets = {"contact_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"})}

    def clean_contact_phone(self) -> str:
        return validate_contact_phone(self.cleaned_data.get("contact_phone") or "")

    def clean_contact_hours(self) -> str:
        return " ".join((self.cleaned_data.get("contact_hours") or "").split())


def _name_in_use(queryset: QuerySet[Any], name: str, instance: models.Model) -> bool:
    """Whether another record already has this name, ignoring case in every alphabet.

    Compared in Python: SQLite's case-insensitive matching only folds ASCII letters, so
    "ÉÉN" and "één" would both get through there. An organisation has few of these.
    """
    wanted = name.casefold()
    others = queryset.exclude(pk=instance.pk).values_list("name", flat=True)
    return any(other.casefold() == wanted for other in others)


class ServiceForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Service
        fields = ["name", "email", "is_active"]

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if _name_in_use(
            Service.objects.filter(organisation=self.organisation), name, self.instance
        ):
            raise forms.ValidationError(_("There is already a service with this name."))
        return name


class PartnerForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Partner
        fields = ["name", "kind", "contact", "is_active"]

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if _name_in_use(
            Partner.objects.filter(organisation=self.organisation), name, self.instance
        ):
            raise forms.ValidationError(_("There is already a partner with this name."))
        return name


ROLE_FIELDS = list(Membership.ROLE_FIELDS.values())


class RolesMixin(forms.Form):
    is_admin = forms.BooleanField(label=_("Administrator"), required=False)
    is_coordinator = forms.BooleanField(label=_("Participation coordinator"), required=False)
    is_social_worker = forms.BooleanField(label=_("Social worker"), required=False)
    is_service_contact = forms.BooleanField(label=_("Service contact"), required=False)
    is_policy_maker = forms.BooleanField(label=_("Policy maker"), required=False)
    is_partner_worker = forms.BooleanField(label=_("Partner worker"), required=False)
    is_case_coordinator = forms.BooleanField(
        label=_("Case-conference coordinator"),
        required=False,
        help_text=_("Leads case conferences (lokaal cliëntoverleg) and decides on requests."),
    )
    service = IdChoiceField(
        label=_("Service"),
        queryset=Service.objects.none(),
        required=False,
        help_text=_("Only for a service contact."),
    )
    partner = IdChoiceField(
        label=_("Partner organisation"),
        queryset=Partner.objects.none(),
        required=False,
        help_text=_("Only for a partner worker."),
    )

    def setup_choices(self, organisation: Organisation) -> None:
        self.fields["service"].queryset = Service.objects.filter(organisation=organisation)  # type: ignore[attr-defined]
        self.fields["partner"].queryset = Partner.objects.filter(organisation=organisation)  # type: ignore[attr-defined]

    def roles(self) -> dict[str, bool]:
        return {name: bool(self.cleaned_data.get(name)) for name in ROLE_FIELDS}


class StaffAddForm(RolesMixin):
    username = forms.CharField(
        label=_("Login name"),
        max_length=150,
        help_text=_(
            "If this person already works for another organisation, use their login name and "
            "e-mail. A new account gets this name with a number after it."
        ),
    )
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    # As long as the account's e-mail field, so that the form, not the save, refuses more.
    email = forms.EmailField(label=_("E-mail"), required=False, max_length=254)
    password = forms.CharField(
        label=_("First password"),
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Only for a new account. At least 10 characters. They change it later."),
    )

    field_order = ["username", "first_name", "last_name", "email", "password", *ROLE_FIELDS]

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_choices(organisation)

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        password = data.get("password", "")
        if password:
            # The would-be account lets the validators refuse a password that looks like
            # the login name, the name or the e-mail address typed above it.
            candidate = User(
                username=data.get("username", ""),
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
                email=data.get("email", ""),
            )
            try:
                validate_password(password, candidate)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data


class StaffEditForm(RolesMixin):
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    # As long as the account's e-mail field, so that the form, not the save, refuses more.
    email = forms.EmailField(label=_("E-mail"), required=False, max_length=254)

    field_order = ["first_name", "last_name", "email", *ROLE_FIELDS]

    def __init__(self, *args: Any, membership: Membership, **kwargs: Any) -> None:
        initial = {name: getattr(membership, name) for name in ROLE_FIELDS}
        initial.update(
            service=membership.service_id,
            partner=membership.partner_id,
            first_name=membership.user.first_name,
            last_name=membership.user.last_name,
            email=membership.user.email,
        )
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        self.setup_choices(membership.organisation)


class DeactivateForm(forms.Form):
    hand_over_to = IdChoiceField(
        label=_("Who takes over the open work?"),
        queryset=Membership.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, membership: Membership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        colleagues = (
            Membership.objects.filter(organisation=membership.organisation, is_active=True)
            .exclude(pk=membership.pk)
            .select_related("user")
        )
        field = self.fields["hand_over_to"]
        field.queryset = colleagues  # type: ignore[attr-defined]
        field.label_from_instance = lambda m: m.user.display_name()  # type: ignore[attr-defined]


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("What"), required=False, choices=[("", _("Everything")), *AuditEvent.Action.choices]
    )
    actor = IdChoiceField(
        label=_("Who"),
        required=False,
        queryset=Membership.objects.none(),
        empty_label=_("Everyone"),
    )
    object_type = forms.ChoiceField(
        label=_("Kind of record"),
        required=False,
        choices=[
            ("", _("All kinds")),
            ("people.participant", _("Participant")),
            ("core.membership", _("Staff member")),
            ("core.organisation", _("Organisation")),
        ],
    )
    object_id = forms.IntegerField(
        label=_("Record number"), required=False, min_value=1, max_value=INT_MAX
    )
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["actor"]
        field.queryset = Membership.objects.filter(organisation=organisation).select_related("user")  # type: ignore[attr-defined]
        field.label_from_instance = lambda m: m.user.display_name()  # type: ignore[attr-defined]

    # Nothing was logged before this. Far older dates (the year 1) cannot even be turned
    # into the UTC times the database compares with, so they are refused as invalid.
    EARLIEST = date(2000, 1, 1)

    def _date_in_range(self, name: str) -> date | None:
        value: date | None = self.cleaned_data.get(name)
        if value is not None and value < self.EARLIEST:
            raise forms.ValidationError(self.fields[name].error_messages["invalid"], code="invalid")
        return value

    def clean_since(self) -> date | None:
        return self._date_in_range("since")

    def clean_until(self) -> date | None:
        return self._date_in_range("until")

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", _("The end date comes before the start date."))
        return data


class OTPTokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text=_("The 6 digits from your authenticator app, or one of your recovery codes."),
    )
