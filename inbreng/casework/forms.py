from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inbreng.core.fields import IdChoiceField
from inbreng.core.models import Membership, User
from inbreng.people.models import Participant

from .models import (
    Agreement,
    CaseConference,
    CaseConsent,
    CaseMeeting,
    CaseProvider,
    LifeDomain,
    Signal,
)
from .reports import Period, ended_periods

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class MemberChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """Staff by name, with their partner organisation when they have one."""

    def label_from_instance(self, obj: Any) -> str:
        name: str = obj.user.display_name()
        if obj.partner_id:
            return f"{name} ({obj.partner.name})"
        return name


class RequestForm(forms.Form):
    client = IdChoiceField(
        label=_("Client"),
        queryset=Participant.objects.none(),
        help_text=_("Someone in the register. Talk with them first."),
    )
    client_agrees = forms.BooleanField(
        label=_("I talked with the client about a case conference and they agree"),
        required=False,
    )
    client_asked = forms.BooleanField(label=_("The client asked for it themselves"), required=False)
    life_domains = forms.MultipleChoiceField(
        label=_("Life domains with problems"),
        choices=LifeDomain.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    requester_provider = forms.CharField(
        label=_("Your service, if you are one of the client's care providers"),
        max_length=150,
        required=False,
        help_text=_(
            "E.g. “Sociale dienst – budget guidance”. Leave empty if you only pass on the request."
        ),
    )
    providers = forms.CharField(
        label=_("The other care providers involved"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
        help_text=_("One per line: the service or organisation, e.g. “CAW – housing”."),
    )
    note = forms.CharField(
        label=_("Why a case conference?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
        help_text=_("In short. Only the coordinator and the people on the case read this."),
    )
    ground_rules = forms.BooleanField(
        label=_("I accept the ground rules and shared professional secrecy"),
        required=False,
    )

    def __init__(self, *args: Any, clients: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = clients  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if data.get("requester_provider") and not data.get("ground_rules"):
            self.add_error(
                "ground_rules",
                _("As one of the providers, you accept the ground rules to be on the case."),
            )
        return data


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    coordinator = MemberChoiceField(
        label=_("Coordinator"),
        queryset=Membership.objects.none(),
        required=False,
        help_text=_("Neutral: not one of the client's care providers."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
        help_text=_("Needed when you decline. The requester reads it."),
    )

    def __init__(self, *args: Any, coordinators: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = coordinators  # type: ignore[attr-defined]


class CoordinatorForm(forms.Form):
    coordinator = MemberChoiceField(label=_("New coordinator"), queryset=Membership.objects.none())

    def __init__(self, *args: Any, coordinators: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = coordinators  # type: ignore[attr-defined]


class ConsentForm(forms.Form):
    scope = forms.CharField(
        label=_("What the client agrees to"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("What may be discussed and shared at the table, and for what goal."),
    )
    given_on = forms.DateField(label=_("Given on"), widget=DATE)
    how = forms.ChoiceField(
        label=_("How"), choices=CaseConsent.How.choices, widget=forms.RadioSelect
    )
    witness = forms.CharField(
        label=_("Witness"),
        max_length=150,
        required=False,
        help_text=_("Needed when the client said yes without signing."),
    )

    def __init__(self, *args: Any, providers: list[CaseProvider], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"given_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.providers = providers
        for provider in providers:
            self.fields[f"share_{provider.pk}"] = forms.CharField(
                label=_("What may %(name)s share?") % {"name": provider.name},
                max_length=1000,
                required=False,
                initial=provider.may_share,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def sharing(self) -> dict[int, str]:
        return {p.pk: self.cleaned_data.get(f"share_{p.pk}", "") for p in self.providers}


class WithdrawForm(forms.Form):
    note = forms.CharField(
        label=_("How did the client withdraw?"),
        max_length=300,
        help_text=_("E.g. “said so on the phone to the key worker”."),
    )
    confirm = forms.BooleanField(
        label=_("I understand: the case closes to everyone but the coordinator, at once"),
    )


class InviteForm(forms.Form):
    provider = IdChoiceField(
        label=_("Provider named in the request"),
        queryset=CaseProvider.objects.none(),
        required=False,
        empty_label=_("A new provider"),
    )
    name = forms.CharField(
        label=_("Service or organisation"),
        max_length=150,
        required=False,
        help_text=_("Only for a new provider."),
    )
    user = MemberChoiceField(label=_("Who gets access"), queryset=Membership.objects.none())
    may_share = forms.CharField(
        label=_("What this provider may share, as the client agreed"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        required=False,
    )

    def __init__(self, *args: Any, case: CaseConference, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = case.providers.filter(  # type: ignore[attr-defined]
            user__isnull=True, removed_at__isnull=True
        )
        self.fields["user"].queryset = members  # type: ignore[attr-defined]

    def chosen_user(self) -> User:
        member: Membership = self.cleaned_data["user"]
        return member.user


class KeyWorkerForm(forms.Form):
    provider = IdChoiceField(label=_("Key worker"), queryset=CaseProvider.objects.none())

    def __init__(self, *args: Any, case: CaseConference, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = case.providers.filter(  # type: ignore[attr-defined]
            removed_at__isnull=True
        )
        if case.key_worker_id:
            self.fields["provider"].initial = case.key_worker_id


class AgendaForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = CaseConference
        fields = [
            "agenda_matters",
            "agenda_going_well",
            "agenda_change",
            "trusted_person",
            "trusted_person_relation",
        ]
        widgets = {
            "agenda_matters": forms.Textarea(attrs={"rows": 3}),
            "agenda_going_well": forms.Textarea(attrs={"rows": 3}),
            "agenda_change": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "agenda_matters": _("In the client's own words."),
            "trusted_person": _("Someone the client brings to the table, if they want."),
        }


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=CaseMeeting.Kind.choices)
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DATETIME)
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DATETIME)
    place = forms.CharField(label=_("Place"), max_length=200)


class ReportForm(forms.Form):
    report = forms.CharField(
        label=_("Report in plain language"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=8000,
        help_text=_("Short sentences. The client gets this on paper."),
    )
    next_starts_at = forms.DateTimeField(
        label=_("Next conference starts"), widget=DATETIME, required=False
    )
    next_ends_at = forms.DateTimeField(
        label=_("Next conference ends"), widget=DATETIME, required=False
    )
    next_place = forms.CharField(
        label=_("Place of the next conference"),
        max_length=200,
        required=False,
        help_text=_("Empty: the same place."),
    )


OWNER_CLIENT = "client"
OWNER_TRUSTED = "trusted_person"


class AgreementForm(forms.Form):
    what = forms.CharField(
        label=_("What"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )
    owner = forms.ChoiceField(label=_("Who"), choices=[])
    due_on = forms.DateField(label=_("By when"), widget=DATE)

    def __init__(self, *args: Any, case: CaseConference, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case
        choices: list[tuple[str, str]] = [("", "—"), (OWNER_CLIENT, str(_("The client")))]
        if case.trusted_person:
            choices.append((OWNER_TRUSTED, str(_("The trusted person"))))
        self.providers = {
            str(p.pk): p for p in case.providers.filter(removed_at__isnull=True).order_by("id")
        }
        choices += [(pk, p.name) for pk, p in self.providers.items()]
        self.fields["owner"].choices = choices  # type: ignore[attr-defined]
        self.fields["owner"].error_messages["required"] = _("Choose who does this.")
        self.fields["due_on"].error_messages["required"] = _("Choose by when this is done.")

    def clean_due_on(self) -> date:
        due: date = self.cleaned_data["due_on"]
        if due < timezone.localdate() - timedelta(days=1):
            raise forms.ValidationError(_("Choose a date that has not passed."))
        return due

    def owner_parts(self) -> tuple[str, CaseProvider | None]:
        value = self.cleaned_data["owner"]
        if value == OWNER_CLIENT:
            return Agreement.Owner.CLIENT, None
        if value == OWNER_TRUSTED:
            return Agreement.Owner.TRUSTED_PERSON, None
        return Agreement.Owner.PROVIDER, self.providers.get(value)


class AgreementStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Agreement.Status.choices)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class EvaluationForm(forms.Form):
    evaluation = forms.CharField(
        label=_("Evaluation with the client"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=3000,
        help_text=_("What helped, what did not, what the client says about it."),
    )


class CloseForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason for closing"), choices=CaseConference.Closure.choices
    )
    note = forms.CharField(
        label=_("Explanation"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        required=False,
    )


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, PNG or JPEG, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )


class SignalForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Signal
        fields = ["kind", "life_domain", "concerns", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class ReportPeriodForm(forms.Form):
    """A quarter or a year that has ended; never free dates (see `reports.Period`)."""

    periode = forms.ChoiceField(label=_("Period"), choices=[], required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.periods = {p.key: p for p in ended_periods(timezone.localdate())}
        self.fields["periode"].choices = [  # type: ignore[attr-defined]
            (key, period_label(p)) for key, p in self.periods.items()
        ]

    def period(self) -> Period:
        """The period asked for; the most recent quarter that ended when none or a wrong
        one was asked (the form then shows why)."""
        key = self.cleaned_data.get("periode") if self.is_valid() else None
        if key in self.periods:
            return self.periods[key]
        return next(p for p in self.periods.values() if p.quarter is not None)


def period_label(period: Period) -> str:
    if period.quarter is None:
        return str(period.year)
    return str(
        _("Quarter %(quarter)d of %(year)d") % {"quarter": period.quarter, "year": period.year}
    )


class SettingsForm(forms.Form):
    retention_months = forms.IntegerField(
        label=_("Months to keep a case after it ends"),
        min_value=1,
        max_value=120,
        help_text=_(
            "After this, the case is made anonymous: names, texts and documents are removed. "
            "Signals for policy stay."
        ),
    )


class PrintLanguageForm(forms.Form):
    taal = forms.ChoiceField(choices=[], required=False)

    def __init__(self, *args: Any, languages: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["taal"].choices = languages  # type: ignore[attr-defined]
