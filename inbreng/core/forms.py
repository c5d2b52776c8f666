from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from .models import AuditEvent, Membership, Organisation, Partner, Service


class OrganisationForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Organisation
        fields = ["name", "privacy_contact", "inactivity_months"]


class ServiceForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Service
        fields = ["name", "email", "is_active"]

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        others = Service.objects.filter(organisation=self.organisation, name__iexact=name)
        if others.exclude(pk=self.instance.pk).exists():
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
        others = Partner.objects.filter(organisation=self.organisation, name__iexact=name)
        if others.exclude(pk=self.instance.pk).exists():
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
    service = forms.ModelChoiceField(
        label=_("Service"),
        queryset=Service.objects.none(),
        required=False,
        help_text=_("Only for a service contact."),
    )
    partner = forms.ModelChoiceField(
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
        help_text=_("If this person already works for another organisation, use their login name."),
    )
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
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

    def clean_password(self) -> str:
        password: str = self.cleaned_data.get("password", "")
        if password:
            validate_password(password)
        return password


class StaffEditForm(RolesMixin):
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)

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
    hand_over_to = forms.ModelChoiceField(
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
    actor = forms.ModelChoiceField(
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
    object_id = forms.IntegerField(label=_("Record number"), required=False, min_value=1)
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
