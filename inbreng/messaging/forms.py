from __future__ import annotations

import json
from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import JargonTerm, Kind, MessageTemplate
from .services import PLACEHOLDERS, placeholder_errors


class PlainTextarea(forms.Textarea):
    """A text field for participants' eyes, with the live plain-language check under it.

    With htmx, the check updates while typing (in the element "plain-check-<name>", which
    components/field.html places); without JavaScript it shows after submitting.
    """

    plain_check = True

    def __init__(self, rows: int = 8) -> None:
        super().__init__(attrs={"rows": rows})

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        attrs = {
            **(attrs or {}),
            "data-hx-post": reverse("messaging:plain_check"),
            "data-hx-trigger": "input changed delay:700ms",
            "data-hx-target": f"#plain-check-{name}",
            "data-hx-vals": json.dumps({"field": name}),
        }
        return super().get_context(name, value, attrs)


class _PlaceholderCheck(forms.Form):
    """Refuses unknown placeholders in every text field, naming them."""

    TEXT_FIELDS: tuple[str, ...] = ("subject", "body", "sms")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in self.TEXT_FIELDS:
            for problem in placeholder_errors(data.get(name) or ""):
                self.add_error(name, problem)
        return data


class TemplateForm(forms.ModelForm, _PlaceholderCheck):  # type: ignore[type-arg]
    class Meta:
        model = MessageTemplate
        fields = ["subject", "body", "sms", "reviewed", "reviewed_by", "plain_override_reason"]
        widgets = {
            "body": PlainTextarea(rows=10),
            "sms": forms.Textarea(attrs={"rows": 3, "maxlength": 480}),
        }


class ComposeForm(_PlaceholderCheck):
    """A message staff write themselves, in Dutch."""

    kind = forms.ChoiceField(
        label=_("Kind of message"),
        choices=[(k.value, k.label) for k in Kind if k != Kind.INVITATION],
        initial=Kind.FREE,
        help_text=_("For a free message, write your own text below."),
    )
    subject = forms.CharField(label=_("Subject"), max_length=150, required=False)
    body = forms.CharField(
        label=_("Text"),
        max_length=4000,
        required=False,
        widget=PlainTextarea(rows=10),
    )
    sms = forms.CharField(
        label=_("SMS text"),
        max_length=480,
        required=False,
        help_text=_(
            "Short: at most 3 text messages. Empty: the subject and the link to their page."
        ),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 480}),
    )
    plain_override_reason = forms.CharField(
        label=_("Why this text may be harder to read"), max_length=300, required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("kind") == Kind.FREE:
            for name in ("subject", "body"):
                if not data.get(name):
                    self.add_error(name, _("Write this for a free message."))
        return data


ANSWER_CHOICES = [
    ("yes", _("Yes, comes")),
    ("maybe", _("Maybe")),
    ("no", _("No, does not come")),
]


class AnswerForm(forms.Form):
    """What someone answered on the phone or to their social worker."""

    reply = forms.ChoiceField(
        label=_("Answer"),
        choices=[("", _("No answer (only passed on)")), *ANSWER_CHOICES],
        required=False,
        widget=forms.RadioSelect,
    )
    children = forms.IntegerField(
        label=_("Children who need childcare"), min_value=0, max_value=20, initial=0, required=False
    )
    needs_transport = forms.BooleanField(label=_("Needs transport"), required=False)
    interpreter_language = forms.CharField(
        label=_("Interpreter for"), max_length=50, required=False
    )


class CallForm(AnswerForm):
    not_reached = forms.BooleanField(
        label=_("Could not reach the person"),
        required=False,
        help_text=_("The call stays on the list."),
    )


class JargonForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = JargonTerm
        fields = ["term", "alternative"]


def placeholder_help() -> list[tuple[str, str]]:
    return [("{" + name + "}", label) for name, label in PLACEHOLDERS.items()]
