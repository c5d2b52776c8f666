"""Forms for questionnaires, waves, interviews, links and paper entry.

Answers themselves are parsed by `services.responses.parse_answer`, one rule for every mode.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from inbreng.core.fields import IdChoiceField
from inbreng.messaging.forms import PlainTextarea

from .models import Mode, QuestionKind, Questionnaire, SurveyQuestion
from .models.core import SKIP_TO_END

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
LANGUAGES = [("nl", _("Dutch")), ("fr", _("French")), ("ar", _("Arabic")), ("en", _("English"))]
TRANSLATION_LANGUAGES = LANGUAGES[1:]


class QuestionnaireForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Question"), max_length=300, widget=PlainTextarea(rows=2))
    kind = forms.ChoiceField(label=_("Kind of answer"), choices=QuestionKind.choices)
    code = forms.CharField(
        label=_("Code"),
        max_length=30,
        help_text=_(
            "A short name, the same in every version, e.g. waiting_time. Lower-case letters, "
            "digits and _."
        ),
    )
    choices = forms.CharField(
        label=_("Answers to choose from"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One answer per line. Only for questions with a list."),
    )
    help_text = forms.CharField(label=_("Explanation"), max_length=300, required=False)
    optional = forms.BooleanField(label=_("The person may skip this question"), required=False)
    minimum = forms.IntegerField(label=_("Lowest number"), required=False)
    maximum = forms.IntegerField(label=_("Highest number"), required=False)
    skip_value = forms.CharField(
        label=_("Skip rule: if the answer is"),
        max_length=30,
        required=False,
        help_text=_("yes, no, a number from 1 to 5, or the number of an answer in the list."),
    )
    skip_to = forms.CharField(
        label=_("then go to question (code)"),
        max_length=30,
        required=False,
        help_text=_('The code of a later question, or "%(end)s" to stop.') % {"end": SKIP_TO_END},
    )

    @classmethod
    def initial_for(cls, question: SurveyQuestion) -> dict[str, Any]:
        return {
            "text": question.text,
            "kind": question.kind,
            "code": question.code,
            "choices": "\n".join(c.label for c in question.choices.all()),
            "help_text": question.help_text,
            "optional": question.optional,
            "minimum": question.minimum,
            "maximum": question.maximum,
            "skip_value": question.skip_value,
            "skip_to": question.skip_to,
        }

    def service_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("choices")
        return data

    def choice_lines(self) -> list[str]:
        return str(self.cleaned_data.get("choices") or "").splitlines()


class TranslationForm(forms.Form):
    text = forms.CharField(label=_("Question"), max_length=300)
    help_text = forms.CharField(label=_("Explanation"), max_length=300, required=False)
    choice_labels = forms.CharField(
        label=_("Answers to choose from"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line, in the same order as in Dutch."),
    )
    translated_by = forms.CharField(label=_("Translated by"), max_length=100)
    reviewed = forms.BooleanField(label=_("Checked by a native speaker"), required=False)


class SurveyForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    purpose = forms.CharField(
        label=_("Why we ask"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    questionnaire = IdChoiceField(
        label=_("Questionnaire"),
        queryset=Questionnaire.objects.none(),
        required=False,
        empty_label=_("A new copy of the satisfaction questionnaire"),
    )

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["questionnaire"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Questionnaire.objects.filter(
            organisation=organisation, archived_at__isnull=True
        )


class WaveForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100, help_text=_("E.g. Spring 2027."))
    starts_on = forms.DateField(label=_("From"), widget=DATE)
    ends_on = forms.DateField(label=_("Until"), widget=DATE)
    interview_phone = forms.IntegerField(
        label=_("Planned interviews by phone"), min_value=0, max_value=100000, required=False
    )
    interview_in_person = forms.IntegerField(
        label=_("Planned interviews in person"), min_value=0, max_value=100000, required=False
    )
    self = forms.IntegerField(
        label=_("Planned answers by link"), min_value=0, max_value=100000, required=False
    )
    paper = forms.IntegerField(
        label=_("Planned paper forms"), min_value=0, max_value=100000, required=False
    )
    double_entry_every = forms.IntegerField(
        label=_("Type every n-th paper form twice"),
        min_value=0,
        max_value=100,
        initial=10,
        help_text=_("10 means forms 10, 20, 30 … are typed a second time. 0: none."),
    )

    def mode_mix(self) -> dict[str, int]:
        return {mode: self.cleaned_data.get(mode) or 0 for mode in Mode.values}


class InterviewStartForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("How do you talk with the person?"),
        choices=[
            (Mode.INTERVIEW_PHONE, _("By phone")),
            (Mode.INTERVIEW_IN_PERSON, _("In person")),
        ],
        widget=forms.RadioSelect,
        initial=Mode.INTERVIEW_PHONE,
    )
    stratum = forms.CharField(
        label=_("Group (stratum)"),
        max_length=100,
        required=False,
        help_text=_("E.g. the office. Never a name."),
    )


class LinkForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the questions"), choices=LANGUAGES)
    stratum = forms.CharField(
        label=_("Group (stratum)"), max_length=100, required=False, help_text=_("Never a name.")
    )

    def __init__(self, *args: Any, languages: set[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only languages every question is translated into: a page in English with Dutch
        # questions helps nobody.
        self.fields["language"].choices = [  # type: ignore[attr-defined]
            (code, label) for code, label in LANGUAGES if code == "nl" or code in languages
        ]


class PaperRangeForm(forms.Form):
    start = forms.IntegerField(label=_("First form number"), min_value=1, max_value=999999)
    count = forms.IntegerField(label=_("How many forms"), min_value=1, max_value=200, initial=1)


def key_hint(question: SurveyQuestion) -> str:
    if question.kind == QuestionKind.SCALE:
        return str(_("1 to 5"))
    if question.kind == QuestionKind.YES_NO:
        return str(_("j (yes) or n (no)"))
    if question.kind == QuestionKind.NUMBER:
        return str(_("a number"))
    if question.kind == QuestionKind.OPEN:
        return str(_("the text"))
    choices = ", ".join(f"{c.value} {c.label}" for c in question.choices.all())
    if question.kind == QuestionKind.MULTIPLE:
        return str(_("one or more of: %(choices)s")) % {"choices": choices}
    return str(_("one of: %(choices)s")) % {"choices": choices}


class PaperEntryForm(forms.Form):
    """One returned form: its number, and one short field per question, typed with the same
    keys as in an interview (1–5, j/n, the answer's number)."""

    form_number = forms.IntegerField(label=_("Form number"), min_value=1, max_value=999999)
    stratum = forms.CharField(
        label=_("Group (stratum)"), max_length=100, required=False, help_text=_("Never a name.")
    )

    def __init__(self, *args: Any, questions: Sequence[SurveyQuestion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in questions:
            widget: forms.Widget
            if question.kind == QuestionKind.OPEN:
                widget = forms.Textarea(attrs={"rows": 2})
            else:
                widget = forms.TextInput(attrs={"autocomplete": "off", "class": "entry-key"})
            self.fields[f"q_{question.code}"] = forms.CharField(
                label=f"{question.position}. {question.text}",
                required=False,
                max_length=2000,
                help_text=key_hint(question),
                widget=widget,
            )

    def values(self) -> dict[str, str]:
        return {
            name.removeprefix("q_"): str(value or "")
            for name, value in self.cleaned_data.items()
            if name.startswith("q_")
        }


class ResolveForm(forms.Form):
    value = forms.CharField(label=_("What the paper form says"), max_length=2000, required=False)
