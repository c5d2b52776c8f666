"""The form to translate a question or an answer into a participant language."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Translator


class TranslationForm(forms.Form):
    title = forms.CharField(label=_("The question, translated"), max_length=200, required=False)
    text = forms.CharField(
        label=_("The text, translated"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    translator = forms.ChoiceField(label=_("Who translated"), choices=Translator.choices)
    reviewed = forms.BooleanField(
        label=_("Checked by a native speaker"),
        required=False,
        help_text=_("Tick only when someone who speaks this language well read it."),
    )

    def __init__(
        self, *args: Any, language: str, is_question: bool, partner: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        direction = "rtl" if language == "ar" else "ltr"
        for name in ("title", "text"):
            self.fields[name].widget.attrs.update({"lang": language, "dir": direction})
        if is_question:
            self.fields["title"].required = True
            self.fields["text"].required = False
            self.fields["text"].label = _("The explanation, translated")
        else:
            del self.fields["title"]
            self.fields["text"].label = _("The answer's reasons, translated")
        if partner:
            # A partner's translation is always marked as a partner's.
            self.fields["translator"] = forms.ChoiceField(
                label=_("Who translated"),
                choices=[(Translator.PARTNER, Translator.PARTNER.label)],
                initial=Translator.PARTNER,
            )
