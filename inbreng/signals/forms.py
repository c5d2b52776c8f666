from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from inbreng.core.fields import IdChoiceField, IdsChoiceField
from inbreng.core.models import Membership, Partner, Service, User
from inbreng.groups.models import ParticipationGroup
from inbreng.participation.forms import DATE, MultipleFileField, MultipleFileInput

from .models import Body, Signal, SignalAnswer, Theme
from .services import refuse_personal_data

ACCEPT = ".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.odt"


class BodyForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    kind = forms.ChoiceField(label=_("Kind"), choices=Body.Kind.choices)
    reply_days = forms.IntegerField(
        label=_("Days to answer"),
        min_value=1,
        max_value=365,
        initial=60,
        help_text=_("The answer is due this many days after a signal is registered."),
    )
    service = IdChoiceField(label=_("Service"), queryset=Service.objects.none(), required=False)
    policy_makers = IdsChoiceField(
        label=_("Policy makers who answer"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = Service.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation, is_active=True
        )
        makers = Membership.objects.filter(
            organisation=organisation, is_policy_maker=True, is_active=True
        ).values("user_id")
        field = self.fields["policy_makers"]
        field.queryset = User.objects.filter(pk__in=makers).order_by(  # type: ignore[attr-defined]
            "first_name", "last_name", "username"
        )
        field.label_from_instance = lambda user: user.display_name()  # type: ignore[attr-defined]


class ThemeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=80)
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)


class SignalForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Signal or advice?"),
        choices=Signal.Kind.choices,
        widget=forms.RadioSelect,
        initial=Signal.Kind.SIGNAL,
        help_text=_(
            "A signal tells what goes wrong in people's lives. An advice also says what "
            "should change."
        ),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(
        label=_("What goes wrong"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("In the group's own words. No names, numbers or addresses of people."),
    )
    recommendations = forms.CharField(
        label=_("Recommendations"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For an advice: what you ask the body to do."),
    )
    on_behalf = forms.ChoiceField(
        label=_("On behalf of"), choices=Signal.OnBehalf.choices, widget=forms.RadioSelect
    )
    group = IdChoiceField(
        label=_("Group"), queryset=ParticipationGroup.objects.none(), required=False
    )
    partner = IdChoiceField(label=_("Partner"), queryset=Partner.objects.none(), required=False)
    body = IdChoiceField(
        label=_("To body"),
        queryset=Body.objects.none(),
        required=False,
        help_text=_("Who must answer."),
    )
    due_on = forms.DateField(
        label=_("Answer due on"),
        required=False,
        widget=DATE,
        help_text=_("Leave empty to use the body's usual number of days."),
    )
    themes = IdsChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    figures = forms.CharField(
        label=_("Figures"),
        required=False,
        max_length=500,
        help_text=_("Short, e.g. “12 of the 15 families paid a late fee this year”."),
    )
    shareable = forms.BooleanField(
        label=_("Share with the network"),
        required=False,
        help_text=_("Other organisations may find it in the memory, without personal data."),
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": ACCEPT}),
        help_text=_("PDF, image, Word, Excel or OpenDocument; at most 10 MB each."),
    )
    contributions = IdsChoiceField(
        label=_("Input behind this signal"),
        queryset=Signal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # Not marked "(optional)": required when the choice above asks for it.
    conditionally_required = frozenset({"group", "partner", "body", "recommendations"})

    def __init__(
        self,
        *args: Any,
        membership: Membership,
        contributions: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        organisation = membership.organisation
        self.organisation = organisation
        self.fields["group"].queryset = ParticipationGroup.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation, is_active=True
        )
        partners = Partner.objects.filter(organisation=organisation, is_active=True)
        choices = list(Signal.OnBehalf.choices)
        if not membership.has_role("admin", "coordinator"):
            partners = partners.filter(pk=membership.partner_id or 0)
            if not membership.is_social_worker:
                choices = [c for c in choices if c[0] != Signal.OnBehalf.CASELOAD]
            if not membership.is_partner_worker:
                choices = [c for c in choices if c[0] != Signal.OnBehalf.PARTNER]
        else:
            choices = [c for c in choices if c[0] != Signal.OnBehalf.CASELOAD]
        self.fields["on_behalf"].choices = choices  # type: ignore[attr-defined]
        self.initial.setdefault("on_behalf", choices[0][0])
        self.fields["partner"].queryset = partners  # type: ignore[attr-defined]
        self.fields["body"].queryset = Body.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation, is_active=True
        )
        self.fields["themes"].queryset = Theme.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation, is_active=True
        )
        field = self.fields["contributions"]
        if contributions is None:
            del self.fields["contributions"]
        else:
            field.queryset = contributions  # type: ignore[attr-defined]
            field.label_from_instance = lambda c: Truncator(c.text).words(40)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # Personal data is named at its field even when something else is missing too.
        texts = {f: data.get(f) or "" for f in ("title", "text", "recommendations", "figures")}
        try:
            refuse_personal_data(self.organisation, **texts)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                self.add_error(field, messages)
        if not data.get("body") and "body" not in self.errors:
            self.add_error("body", _("Choose the body that must answer."))
        if (
            data.get("kind") == Signal.Kind.ADVICE
            and not (data.get("recommendations") or "").strip()
        ):
            self.add_error(
                "recommendations", _("An advice says what should change. Write it here.")
            )
        return data


class AnswerForm(forms.Form):
    conditionally_required = frozenset({"reasons", "expected_on"})
    decision = forms.ChoiceField(
        label=_("Decision"), choices=SignalAnswer.Decision.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("The answer in plain words"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The people behind the signal get this answer, by letter, SMS or their page."),
    )
    reasons = forms.CharField(
        label=_("Reasons"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when the advice is not or only partly followed."),
    )
    expected_on = forms.DateField(
        label=_("Decision expected on"),
        required=False,
        widget=DATE,
        help_text=_("Required when it is being studied."),
    )
    decided_on = forms.DateField(label=_("Decided on"), required=False, widget=DATE)

    def __init__(self, *args: Any, signal: Signal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if signal.kind != Signal.Kind.ADVICE:
            self.fields["decision"].choices = [  # type: ignore[attr-defined]
                c for c in SignalAnswer.Decision.choices if c[0] not in SignalAnswer.ADVICE_ONLY
            ]


class AttachForm(forms.Form):
    file = forms.FileField(
        label=_("Add evidence"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        help_text=_("PDF, image, Word, Excel or OpenDocument; at most 10 MB."),
    )
