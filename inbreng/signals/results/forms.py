"""Forms for results, milestones, council seats and items, and hearings."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from inbreng.core.fields import IdChoiceField
from inbreng.core.models import Membership, Partner, Role, Service
from inbreng.groups.models import ParticipationGroup

from ..models import Body, CouncilItem, CouncilSeat, Milestone, Result
from . import selectors

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 4})


def _services(membership: Membership) -> Any:
    return Service.objects.filter(organisation=membership.organisation).order_by("name")


class ResultForm(forms.ModelForm):  # type: ignore[type-arg]
    """A result's words, service, status, progress and date; a new one also its source."""

    source = forms.ChoiceField(
        label=_("Comes from the answer"),
        help_text=_("An adopted answer to a question, or an answer that follows a signal."),
    )

    class Meta:
        model = Result
        fields = ["title", "meaning", "service", "status", "progress", "due_on"]
        widgets = {
            "due_on": DATE,
            "meaning": TEXT,
            "progress": forms.NumberInput(attrs={"min": 0, "max": 100, "inputmode": "numeric"}),
        }

    def __init__(self, *args: Any, membership: Membership, **kwargs: Any) -> None:
        self.membership = membership
        initial_source = kwargs.pop("initial_source", "")
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = _services(membership)  # type: ignore[attr-defined]
        self.fields["progress"].min_value = 0  # type: ignore[attr-defined]
        if self.instance.pk:
            del self.fields["source"]
            if not membership.has_role(Role.COORDINATOR):
                # A service updates its own results; the coordinator hands them over.
                self.fields["service"].disabled = True
            return
        responses = list(selectors.result_responses(membership)[: selectors.SOURCE_LIMIT])
        answers = list(selectors.result_answers(membership)[: selectors.SOURCE_LIMIT])
        self.responses = {f"r{r.pk}": r for r in responses}
        self.answers = {f"a{a.pk}": a for a in answers}
        self.fields["source"].choices = [  # type: ignore[attr-defined]
            ("", _("Choose an answer")),
            (
                _("Answers to questions"),
                [
                    (key, Truncator(f"{r.question.title} — {r.get_status_display()}").chars(90))
                    for key, r in self.responses.items()
                ],
            ),
            (
                _("Answers to signals and advice"),
                [
                    (key, Truncator(f"{a.signal.title} — {a.get_decision_display()}").chars(90))
                    for key, a in self.answers.items()
                ],
            ),
        ]
        self.fields["source"].initial = initial_source
        if membership.is_service_contact and membership.service_id:
            self.fields["service"].initial = membership.service_id
        self.order_fields(["source"])

    def clean_source(self) -> str:
        value = str(self.cleaned_data["source"])
        if value not in self.responses and value not in self.answers:
            raise forms.ValidationError(_("Choose an answer from the list."))
        return value

    def source_kwargs(self) -> dict[str, Any]:
        value = self.cleaned_data.get("source", "")
        return {"response": self.responses.get(value), "answer": self.answers.get(value)}


class MilestoneForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Milestone
        fields = ["what", "who", "due_on", "done_on"]
        widgets = {"due_on": DATE, "done_on": DATE}
        help_texts = {"who": _("A service or a role, not a person's name.")}


def translation_languages() -> list[tuple[str, str]]:
    return [
        (code, get_language_info(code)["name_local"])
        for code in settings.PARTICIPANT_LANGUAGES
        if code != "nl"
    ]


class ResultTranslationForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=translation_languages)
    title = forms.CharField(label=_("Title"), max_length=200)
    meaning = forms.CharField(
        label=_("What it means for participants"), max_length=5000, widget=TEXT
    )
    translated_by = forms.CharField(
        label=_("Translated by"), max_length=100, help_text=_("Your name or the partner's.")
    )


class SeatForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = CouncilSeat
        fields = ["body", "participant", "role", "starts_on", "ends_on"]
        widgets = {"starts_on": DATE, "ends_on": DATE}
        labels = {"body": _("Advisory council"), "participant": _("Participant")}

    def __init__(self, *args: Any, membership: Membership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = selectors.advisory_councils(membership).filter(  # type: ignore[attr-defined]
            is_active=True
        )
        self.fields["participant"].queryset = selectors.seat_candidates(  # type: ignore[attr-defined]
            membership, self.instance if self.instance.pk else None
        )
        self.fields["participant"].help_text = _("Members of a participation group.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The term cannot end before it starts."))
        return data


class CouncilItemForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = CouncilItem
        fields = ["body", "council_meeting_on", "title", "group", "meeting", "position"]
        widgets = {"council_meeting_on": DATE, "position": TEXT}
        labels = {"body": _("Advisory council")}

    def __init__(self, *args: Any, membership: Membership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = selectors.advisory_councils(membership)  # type: ignore[attr-defined]
        self.fields["group"].queryset = ParticipationGroup.objects.filter(  # type: ignore[attr-defined]
            organisation=membership.organisation
        ).order_by("name")
        self.fields["meeting"].queryset = selectors.recent_meetings(membership)  # type: ignore[attr-defined]
        self.fields["meeting"].label_from_instance = lambda m: (  # type: ignore[attr-defined]
            f"{timezone.localtime(m.starts_at):%d-%m-%Y} — {m.title}"
        )


class HearingForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    body = IdChoiceField(label=_("Body"), queryset=Body.objects.none())
    group = IdChoiceField(
        label=_("Group"), queryset=ParticipationGroup.objects.none(), required=False
    )
    partner = IdChoiceField(
        label=_("Partner"),
        queryset=Partner.objects.none(),
        required=False,
        help_text=_("For a poverty association's hearing. Choose a group or a partner."),
    )

    def __init__(self, *args: Any, membership: Membership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisation = membership.organisation
        self.fields["year"].initial = timezone.localdate().year
        self.fields["body"].queryset = selectors.bodies_of(membership)  # type: ignore[attr-defined]
        self.fields["group"].queryset = ParticipationGroup.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation
        ).order_by("name")
        self.fields["partner"].queryset = Partner.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation
        ).order_by("name")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("group") and data.get("partner"):
            self.add_error("partner", _("Choose a group or a partner, not both."))
        return data


class OutcomeForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), required=False, widget=DATE)
    outcome = forms.CharField(
        label=_("Outcome"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the council said and promised. No names of participants."),
    )
