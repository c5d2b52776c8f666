from __future__ import annotations

import re
from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inbreng.core.models import Membership, Partner, User
from inbreng.lib.phone import InvalidPhoneNumber, can_receive_sms, normalise_phone

from .models import PREFER_NOT, Channel, Consent, Language, Participant, need_label
from .validators import refuse_hidden_characters

PHONE_ERROR = _(
    "This is not a valid phone number. Write a Belgian number (0470 12 34 56) "
    "or an international one starting with + (+31 6 12345678)."
)


# ASCII digits only: `str.isdigit()` would also let through "١٢٣٤" or "²³⁴⁵".
POSTAL_CODE = re.compile(r"[1-9][0-9]{3}")
ADDRESS_FIELDS = ("street", "postal_code", "city")


def is_postal_code(value: str) -> bool:
    """A Belgian postal code: four digits, 1000 to 9999."""
    return POSTAL_CODE.fullmatch(value) is not None


def clean_phone_value(raw: str) -> str:
    try:
        return normalise_phone(raw)
    except InvalidPhoneNumber:
        raise forms.ValidationError(PHONE_ERROR, code="phone") from None


def channel_errors(data: dict[str, Any]) -> dict[str, str]:
    """The preferred channel must be one that can reach the person."""
    channel = data.get("preferred_channel")
    needs = {
        Channel.SMS: ("phone", _("Fill in a phone number to reach this person by SMS.")),
        Channel.PHONE: ("phone", _("Fill in a phone number to reach this person by phone.")),
        Channel.EMAIL: ("email", _("Fill in an e-mail address to reach this person by e-mail.")),
        Channel.SOCIAL_WORKER: (
            "social_worker",
            _("Choose the social worker who passes messages on."),
        ),
    }
    if channel == Channel.LETTER:
        missing = [name for name in ADDRESS_FIELDS if not data.get(name)]
        if missing:
            # The message goes next to the first empty part of the address.
            return {missing[0]: str(_("Fill in the full address to reach this person by letter."))}
        return {}
    if channel in needs:
        field, message = needs[Channel(channel)]
        if not data.get(field):
            return {field: str(message)}
    if channel == Channel.SMS and not can_receive_sms(data["phone"]):
        return {
            "phone": str(
                _("This number cannot receive SMS. Fill in a mobile number or choose phone call.")
            )
        }
    return {}


class ParticipantForm(forms.ModelForm):  # type: ignore[type-arg]
    neighbourhood_prefer_not = forms.BooleanField(
        label=_("Would rather not say which neighbourhood"), required=False
    )

    class Meta:
        model = Participant
        fields = [
            "name",
            "postal_name",
            "phone",
            "email",
            "street",
            "postal_code",
            "city",
            "preferred_channel",
            "social_worker",
            "language",
            *Participant.NEED_FIELDS,
            "referred_by_partner",
            *Participant.PROFILE_FIELDS,
        ]
        widgets = {
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
            "postal_code": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        }

    def __init__(self, *args: Any, membership: Membership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisation = membership.organisation
        # The current choice stays valid after its person or partner stopped, so that
        # editing something else does not fail on a field nobody touched.
        workers = User.objects.filter(
            Q(
                memberships__organisation=organisation,
                memberships__is_social_worker=True,
                memberships__is_active=True,
            )
            | Q(pk=self.instance.social_worker_id, memberships__organisation=organisation)
        ).order_by("first_name", "last_name", "pk")
        self.fields["social_worker"].queryset = workers  # type: ignore[attr-defined]
        self.fields["social_worker"].label_from_instance = User.display_name  # type: ignore[attr-defined]
        partners = Partner.objects.filter(
            Q(is_active=True)
            | Q(pk=self.instance.referred_by_partner_id)
            | Q(pk=membership.partner_id),
            organisation=organisation,
        )
        self.fields["referred_by_partner"].queryset = partners  # type: ignore[attr-defined]
        if self.instance.neighbourhood == PREFER_NOT:
            self.initial["neighbourhood"] = ""
            self.initial["neighbourhood_prefer_not"] = True
        self.fields["language"].choices = Language.choices  # type: ignore[attr-defined]
        for name in ("name", "postal_name", "street", "city"):
            self.fields[name].widget.attrs["autocomplete"] = "off"
        for name, field in self.fields.items():
            if isinstance(field, forms.CharField) and name not in ("phone", "email"):
                field.validators.append(refuse_hidden_characters)
        # A partner worker can only refer people on behalf of their own partner.
        if not membership.has_role("admin", "coordinator", "social_worker"):
            self.fields["referred_by_partner"].disabled = True
            self.initial["referred_by_partner"] = membership.partner_id

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Fill in a name."), code="required")
        return name

    def clean_phone(self) -> str:
        return clean_phone_value(self.cleaned_data.get("phone", ""))

    def clean_postal_code(self) -> str:
        code: str = self.cleaned_data.get("postal_code", "").strip()
        if code and not is_postal_code(code):
            raise forms.ValidationError(_("A Belgian postal code has four digits."), code="postal")
        return code

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if data.pop("neighbourhood_prefer_not", False):
            data["neighbourhood"] = PREFER_NOT
        for field, message in channel_errors(data).items():
            if field not in self.errors:
                self.add_error(field, message)
        return data

    def participant_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class RegisterFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    need = forms.ChoiceField(
        label=_("Need"),
        required=False,
        choices=[("", _("All needs")), *[(f, need_label(f)) for f in Participant.NEED_FIELDS]],
    )
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("All languages")), *Language.choices]
    )
    channel = forms.ChoiceField(
        label=_("Reached by"), required=False, choices=[("", _("All channels")), *Channel.choices]
    )


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(label=_("For what"), choices=Consent.Purpose.choices)
    how = forms.ChoiceField(label=_("How"), choices=Consent.How.choices)


ALLOWED_IMPORT_TYPES = (".csv", ".xlsx")
MAX_IMPORT_BYTES = 5 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_("A CSV or Excel (.xlsx) file with a header row. At most 5 MB."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(ALLOWED_IMPORT_TYPES):
            raise forms.ValidationError(_("Choose a CSV or .xlsx file."), code="type")
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."), code="size")
        return upload


class ConfirmForm(forms.Form):
    """A form with only a CSRF token: for buttons that confirm an action."""
