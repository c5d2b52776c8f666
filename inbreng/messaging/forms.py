from __future__ import annotations

import json
from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import get_language_info, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from inbreng.core.models import Organisation
from inbreng.lib.script import is_written_in

from .models import JargonTerm, Kind, MessageTemplate
from .services import PLACEHOLDERS, Text, message_languages, placeholder_errors


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


class SmsTextarea(forms.Textarea):
    """An SMS text, with its characters and parts under it (see sms_length.py).

    With htmx, the count updates while typing (in the element "sms-count-<name>"); without
    JavaScript it shows after submitting. `language` is the language the text is in.
    """

    def __init__(self, language: str = "nl", rows: int = 3) -> None:
        super().__init__(attrs={"rows": rows, "maxlength": 480})
        self.language = language

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        attrs = {
            **(attrs or {}),
            "data-hx-post": reverse("messaging:sms_count"),
            "data-hx-trigger": "input changed delay:500ms",
            "data-hx-target": f"#sms-count-{name}",
            "data-hx-vals": json.dumps({"field": name, "language": self.language}),
        }
        return super().get_context(name, value, attrs)


class _PlaceholderCheck(forms.Form):
    """Refuses unknown placeholders in every text field, naming them."""

    TEXT_FIELDS: tuple[str, ...] = ("subject", "body", "sms")
    # Required only when the text needs it (a long SMS, a hard text): never labelled optional.
    conditionally_required = frozenset({"sms_reason", "plain_override_reason"})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in self.TEXT_FIELDS:
            for problem in placeholder_errors(data.get(name) or ""):
                self.add_error(name, problem)
        return data


class TemplateForm(forms.ModelForm, _PlaceholderCheck):  # type: ignore[type-arg]
    """An organisation's own text for one kind of message in one language."""

    TEXT_FIELDS = ("subject", "body", "sms", "phone")

    class Meta:
        model = MessageTemplate
        fields = [
            "subject",
            "body",
            "sms",
            "sms_reason",
            "phone",
            "reviewed",
            "reviewed_by",
            "plain_override_reason",
        ]
        widgets = {
            "body": PlainTextarea(rows=10),
            "phone": PlainTextarea(rows=10),
        }

    def __init__(self, *args: Any, language: str = "nl", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sms"].widget = SmsTextarea(language)
        self.fields["sms"].help_text = _(
            "Keep it to one or two text messages: the count under the field says how many."
        )
        self.fields["sms_reason"].help_text = _(
            "Only needed when the SMS takes more than two text messages."
        )
        if language != "nl":
            # The plain-language checker reads Dutch only.
            for name in ("body", "phone"):
                self.fields[name].widget = forms.Textarea(attrs={"rows": 10})
        # The texts are in their own language and direction; the labels around them are not.
        direction = "rtl" if get_language_info(language)["bidi"] else "ltr"
        for name in self.TEXT_FIELDS:
            self.fields[name].widget.attrs.update({"lang": language, "dir": direction})


class ComposeForm(_PlaceholderCheck):
    """A message staff write themselves: in Dutch, and in the participants' other languages
    if someone translated it.

    Each translation says who translated it and whether a native speaker checked it; a text
    in the wrong script for its language (Dutch in the Arabic box) is refused next to the
    field. People whose language has no translation get the Dutch text. An SMS of more than
    two text messages needs a reason.
    """

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
            "Short: at most 2 text messages. Empty: the subject and the link to their page."
        ),
        widget=SmsTextarea("nl"),
    )
    plain_override_reason = forms.CharField(
        label=_("Why this text may be harder to read"), max_length=300, required=False
    )
    sms_reason = forms.CharField(
        label=_("Why the SMS is longer than two text messages"),
        max_length=300,
        required=False,
        help_text=_("Only needed when an SMS takes more than two text messages."),
    )

    def __init__(self, *args: Any, organisation: Organisation | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.languages = [code for code in message_languages() if code != "nl"]
        for language in self.languages:
            name = get_language_info(language)["name_translated"]
            own = {"lang": language, "dir": "rtl" if get_language_info(language)["bidi"] else "ltr"}
            sms = SmsTextarea(language)
            sms.attrs.update(own)
            self.fields[f"subject_{language}"] = forms.CharField(
                label=gettext("Subject in %(language)s") % {"language": name},
                max_length=150,
                required=False,
                widget=forms.TextInput(attrs=own),
            )
            self.fields[f"body_{language}"] = forms.CharField(
                label=gettext("Text in %(language)s") % {"language": name},
                max_length=4000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 6, **own}),
            )
            self.fields[f"sms_{language}"] = forms.CharField(
                label=gettext("SMS text in %(language)s") % {"language": name},
                max_length=480,
                required=False,
                widget=sms,
            )
            self.fields[f"translated_by_{language}"] = forms.CharField(
                label=gettext("Who translated the text in %(language)s?") % {"language": name},
                max_length=100,
                required=False,
                help_text=_("A name, or a partner such as an interpreter or adult education."),
            )
            self.fields[f"reviewed_{language}"] = forms.BooleanField(
                label=gettext("A native speaker checked the text in %(language)s")
                % {"language": name},
                required=False,
            )
        self.TEXT_FIELDS = (
            "subject",
            "body",
            "sms",
            *(f"{field}_{code}" for code in self.languages for field in ("subject", "body", "sms")),
        )

    def translation_fields(self) -> list[tuple[str, list[Any]]]:
        """Per other language: its name and its fields, for the page."""
        return [
            (
                language,
                [
                    self[f"{field}_{language}"]
                    for field in ("subject", "body", "sms", "translated_by", "reviewed")
                ],
            )
            for language in self.languages
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        free = data.get("kind") == Kind.FREE
        if free:
            for name in ("subject", "body"):
                if not data.get(name):
                    self.add_error(name, _("Write this for a free message."))
        for language in ["nl", *self.languages]:
            suffix = "" if language == "nl" else f"_{language}"
            texts = {
                field: data.get(f"{field}{suffix}") or "" for field in ("subject", "body", "sms")
            }
            for field, value in texts.items():
                if value.strip() and not is_written_in(value, language):
                    self.add_error(
                        f"{field}{suffix}",
                        gettext(
                            "This text is not written in %(language)s. Check that it is in "
                            "the right box."
                        )
                        % {"language": get_language_info(language)["name_translated"]},
                    )
            if language == "nl" or not any(texts.values()):
                continue
            if not free:
                self.add_error(
                    f"body{suffix}",
                    _("Translations are for a free message. The other kinds use your own texts."),
                )
                continue
            for field in ("subject", "body"):
                if not texts[field].strip():
                    self.add_error(
                        f"{field}{suffix}", _("Write this too, or leave this language empty.")
                    )
            if not (data.get(f"translated_by{suffix}") or "").strip():
                self.add_error(f"translated_by{suffix}", _("Say who translated it."))
        if free and self.organisation is not None:
            self._check_sms_length(data)
        return data

    def _check_sms_length(self, data: dict[str, Any]) -> None:
        """An SMS of more than two text messages, counted as people get it, needs a reason."""
        from .sms_length import MAX_PARTS, measure

        if (data.get("sms_reason") or "").strip() or self.organisation is None:
            return
        for language, text in self.custom_texts(data).items():
            parts = measure(self.organisation, text.sms, language).parts
            if parts > MAX_PARTS:
                self.add_error(
                    "sms_reason",
                    ngettext(
                        "The SMS in %(language)s takes %(count)d text message. Make it "
                        "shorter, or say why it must be this long.",
                        "The SMS in %(language)s takes %(count)d text messages. Make it "
                        "shorter, or say why it must be this long.",
                        parts,
                    )
                    % {"language": get_language_info(language)["name_translated"], "count": parts},
                )

    def custom_texts(self, data: dict[str, Any] | None = None) -> dict[str, Text]:
        """A free message's texts per language, as `message_send` takes them: Dutch, and
        each language someone translated it into. Without an own SMS text, the SMS says what
        it is about and links the personal page."""
        data = self.cleaned_data if data is None else data
        if data.get("kind") != Kind.FREE:
            return {}
        texts: dict[str, Text] = {}
        for language in ["nl", *self.languages]:
            suffix = "" if language == "nl" else f"_{language}"
            subject = (data.get(f"subject{suffix}") or "").strip()
            body = data.get(f"body{suffix}") or ""
            if not (subject and body.strip()):
                continue
            texts[language] = Text(
                subject,
                body,
                data.get(f"sms{suffix}") or f"{subject} {{link}}",
                language,
                reviewed=language == "nl" or bool(data.get(f"reviewed{suffix}")),
                custom=True,
            )
        return texts

    def translation_notes(self) -> dict[str, dict[str, Any]]:
        """Who translated each language of a free message, and whether a native speaker
        checked it (kept on the message as `Message.translations`)."""
        texts = self.custom_texts()
        return {
            language: {
                "translated_by": self.cleaned_data[f"translated_by_{language}"].strip(),
                "reviewed": bool(self.cleaned_data[f"reviewed_{language}"]),
            }
            for language in self.languages
            if language in texts
        }


ANSWER_CHOICES = [
    ("yes", _("Yes, comes")),
    ("maybe", _("Maybe")),
    ("no", _("No, does not come")),
]


class AnswerForm(forms.Form):
    """What someone answered on the phone or to their social worker.

    The labels are the questions to ask the person, as in the call script.
    """

    reply = forms.ChoiceField(
        label=_("Do you come?"),
        choices=[("", _("No answer (only passed on)")), *ANSWER_CHOICES],
        required=False,
        widget=forms.RadioSelect,
    )
    children = forms.IntegerField(
        label=_("Do you need childcare? For how many children?"),
        min_value=0,
        max_value=20,
        initial=0,
        required=False,
    )
    needs_transport = forms.BooleanField(label=_("Do you need transport?"), required=False)
    interpreter_language = forms.CharField(
        label=_("Do you need an interpreter? For which language?"), max_length=50, required=False
    )


TOLD = "told"
NOT_REACHED = "not_reached"


class CallForm(AnswerForm):
    """The result of one call: the person's answer, "told" for a message without an answer
    (e.g. feedback), or "could not reach". Saving without any of these is refused: the
    person would silently drop off the list."""

    not_reached = forms.BooleanField(
        label=_("Could not reach the person"),
        required=False,
        help_text=_("The call stays on the list."),
    )
    result = forms.ChoiceField(
        label=_("How did the call go?"),
        choices=[
            (TOLD, _("I told the person the message")),
            (NOT_REACHED, _("Could not reach the person")),
        ],
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, takes_answer: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.takes_answer = takes_answer

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        reply, not_reached = data.get("reply"), bool(data.get("not_reached"))
        if self.takes_answer:
            if not reply and not not_reached:
                self.add_error(
                    "reply",
                    _("Choose what the person answered, or tick “Could not reach the person”."),
                )
            elif reply and not_reached:
                self.add_error(
                    "not_reached",
                    _("You chose an answer and ticked “Could not reach the person”. Choose one."),
                )
        else:
            # A message without an answer: only "told" or "could not reach" count.
            data["reply"] = ""
            not_reached = not_reached or data.get("result") == NOT_REACHED
            if not data.get("result") and not not_reached:
                self.add_error(
                    "result",
                    _("Say whether you told the person, or could not reach them."),
                )
        data["not_reached"] = not_reached
        return data


class JargonForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = JargonTerm
        fields = ["term", "alternative"]


def placeholder_help() -> list[tuple[str, str]]:
    return [("{" + name + "}", label) for name, label in PLACEHOLDERS.items()]


class PostedForm(forms.Form):
    """The day the printed letters went in the post."""

    posted_on = forms.DateField(
        label=_("Posted on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Say on which day the letters were posted.")},
    )
