from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypedDict

from django import forms
from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from inbreng.core.fields import IdChoiceField, IdsChoiceField
from inbreng.core.models import Membership, Service
from inbreng.groups.models import ParticipationGroup
from inbreng.messaging.forms import PlainTextarea
from inbreng.people.models import Language, Participant

from .models import (
    Contribution,
    FeedbackDelivery,
    Invitation,
    Level,
    Meeting,
    Question,
    Response,
    Trajectory,
)

if TYPE_CHECKING:
    from .selectors import ShownContribution

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class TrajectoryForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Trajectory
        fields = ["title", "purpose", "service", "level", "group", "starts_on", "ends_on"]
        widgets = {"starts_on": DATE, "ends_on": DATE, "purpose": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, membership: Membership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = Service.objects.filter(  # type: ignore[attr-defined]
            organisation=membership.organisation, is_active=True
        )
        self.fields["group"].queryset = ParticipationGroup.objects.filter(  # type: ignore[attr-defined]
            organisation=membership.organisation
        )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that takes several files at once (Django's documented recipe)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,image/*"}))
        super().__init__(*args, **kwargs)

    MAX_FILES = 10

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            if len(data) > self.MAX_FILES:
                raise forms.ValidationError(
                    _("Add at most %(max)d files.") % {"max": self.MAX_FILES}, code="count"
                )
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class QuestionForm(forms.Form):
    title = forms.CharField(
        label=_("Your question"),
        max_length=200,
        help_text=_("Short and in plain words, e.g. “Is this flyer clear?”"),
    )
    body = forms.CharField(
        label=_("Explanation"),
        required=False,
        max_length=5000,
        widget=PlainTextarea(rows=5),
        help_text=_("What do you want to know, and what can still change?"),
    )
    service = IdChoiceField(label=_("Service"), queryset=Service.objects.none())
    trajectory = IdChoiceField(
        label=_("Trajectory"), queryset=Trajectory.objects.none(), required=False
    )
    level = forms.ChoiceField(
        label=_("What can the input change?"),
        choices=Level.choices,
        initial=Level.CONSULT,
        help_text=_("If you choose a trajectory, its level counts."),
    )
    proposed_due_on = forms.DateField(
        label=_("We answer by"),
        required=False,
        widget=DATE,
        help_text=_(
            "Leave empty to use your organisation's usual number of weeks after the meeting "
            "where the question is discussed."
        ),
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("PDF or image, at most 10 MB each."),
    )

    def __init__(self, *args: Any, membership: Membership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        services = Service.objects.filter(organisation=membership.organisation, is_active=True)
        if not membership.has_role("coordinator", "admin") and membership.service_id:
            services = services.filter(pk=membership.service_id)
            self.initial.setdefault("service", membership.service_id)
        self.fields["service"].queryset = services  # type: ignore[attr-defined]
        from .selectors import trajectories_of

        self.fields["trajectory"].queryset = trajectories_of(membership)  # type: ignore[attr-defined]

    def clean_proposed_due_on(self) -> Any:
        day = self.cleaned_data.get("proposed_due_on")
        if day is not None and day < timezone.localdate():
            raise forms.ValidationError(_("This date is in the past."))
        return day


class ResubmitForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Question
        fields = ["title", "body", "proposed_due_on"]
        widgets = {"proposed_due_on": DATE, "body": PlainTextarea(rows=5)}


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept")), ("return", _("Send back to the service"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Why send it back?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MeetingForm(forms.ModelForm):  # type: ignore[type-arg]
    record_past = forms.BooleanField(
        label=_("This meeting already took place: I record it afterwards"), required=False
    )

    class Meta:
        model = Meeting
        fields = ["group", "title", "starts_at", "ends_at", "place", "place_details", "bring"]
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME}

    def __init__(self, *args: Any, membership: Membership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = ParticipationGroup.objects.filter(  # type: ignore[attr-defined]
            organisation=membership.organisation, is_active=True
        )
        if self.instance.pk:
            del self.fields["record_past"]


class AgendaForm(forms.Form):
    question = IdChoiceField(label=_("Question"), queryset=Question.objects.none(), required=False)
    title = forms.CharField(label=_("Or another item"), max_length=200, required=False)

    # The drop-down offers at most this many questions: a city has thousands.
    SHOWN = 50

    def __init__(self, *args: Any, meeting: Meeting, search: str = "", **kwargs: Any) -> None:
        """Any accepted question of the organisation may be added; the drop-down shows the
        accepted ones not yet on an agenda, or those whose title holds `search`."""
        super().__init__(*args, **kwargs)
        on_agenda = meeting.agenda_items.exclude(question=None).values("question_id")
        field = self.fields["question"]
        allowed = Question.objects.filter(
            organisation=meeting.organisation,
            status__in=[Question.Status.ACCEPTED, Question.Status.SCHEDULED],
        ).exclude(pk__in=on_agenda)
        field.queryset = allowed  # type: ignore[attr-defined]
        shown = (
            allowed.filter(title__icontains=search)
            if search
            else allowed.filter(status=Question.Status.ACCEPTED)
        )
        rows = list(shown.order_by("-created_at").values_list("pk", "title")[: self.SHOWN + 1])
        self.more = len(rows) > self.SHOWN
        field.choices = [("", field.empty_label), *rows[: self.SHOWN]]  # type: ignore[attr-defined]


class ReplyForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Invitation
        fields = ["reply", "children", "needs_transport", "interpreter_language"]


class MinutesForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Meeting
        fields = ["minutes"]
        widgets = {"minutes": PlainTextarea(rows=12)}


def _confirm_if_still_to_come(form: forms.Form, meeting: Meeting) -> None:
    """Recording what happened at a meeting still to come is most often a mistake (the wrong
    meeting chosen): the form then asks for a tick first."""
    if meeting.starts_at > timezone.now():
        day = formats.date_format(timezone.localtime(meeting.starts_at), "l j F Y")
        form.fields["record_future"] = forms.BooleanField(
            label=gettext("This meeting is on %(day)s, still to come. Record it anyway?")
            % {"day": day},
            required=False,
        )


def _check_confirmed(form: forms.Form, data: dict[str, Any]) -> None:
    if "record_future" in form.fields and not data.get("record_future"):
        form.add_error(
            "record_future", _("Tick this box to record it for a meeting still to come.")
        )


class AttendanceForm(forms.Form):
    """Who came: a tick per invited person (the "present" boxes). For a meeting still to
    come it first asks whether to record it anyway, keeping the ticks."""

    def __init__(
        self, *args: Any, meeting: Meeting, invitations: list[Invitation], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.invitations = invitations
        _confirm_if_still_to_come(self, meeting)

    def ticked(self) -> set[int]:
        """The invited people ticked: as sent (kept when the form asks again), else as
        saved. Anything else sent is left out."""
        invited = {i.participant_id for i in self.invitations}
        if self.is_bound:
            values = self.data.getlist("present")  # type: ignore[attr-defined]
            sent = {int(v) for v in values if v.isascii() and v.isdigit()}
            return sent & invited
        return {i.participant_id for i in self.invitations if i.attended}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _check_confirmed(self, data)
        return data


class ContributionForm(forms.Form):
    question = IdChoiceField(label=_("About the question"), queryset=Question.objects.none())
    text = forms.CharField(
        label=_("What was said"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    participant = IdChoiceField(
        label=_("Who said it"),
        queryset=Participant.objects.none(),
        required=False,
        empty_label=_("The group"),
    )
    agreed_count = forms.IntegerField(
        label=_("How many agreed"), required=False, min_value=0, max_value=500
    )
    present_count = forms.IntegerField(
        label=_("How many were there"), required=False, min_value=0, max_value=500
    )

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        questions = Question.objects.filter(
            agenda_items__meeting=meeting, agenda_items__kind="question"
        ).distinct()
        self.fields["question"].queryset = questions  # type: ignore[attr-defined]
        invited = meeting.invitations.values("participant_id")
        self.fields["participant"].queryset = Participant.objects.filter(  # type: ignore[attr-defined]
            pk__in=invited, erased_at__isnull=True
        )
        attended = meeting.invitations.filter(attended=True).count()
        if attended:
            self.initial.setdefault("present_count", attended)
        _confirm_if_still_to_come(self, meeting)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _check_confirmed(self, data)
        return data


class ResponseForm(forms.Form):
    # Required in some cases only: the label does not call them optional (see is_optional).
    conditionally_required = frozenset({"explanation", "contributions"})
    contributions = IdsChoiceField(
        label=_("Which input do you answer?"),
        queryset=Contribution.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            # Most often: answered by someone else, or withdrawn, since the page was drawn.
            "invalid_choice": _(
                "Someone else answered some of what you ticked meanwhile, or it was "
                "withdrawn. Nothing was saved: check your ticks and save again."
            ),
        },
    )
    all_waiting = forms.BooleanField(required=False)  # labelled with the count, in __init__
    # What waited when the form was drawn (how many, and which: a digest of their ids):
    # "all of it" means what was seen.
    seen_count = forms.IntegerField(required=False, widget=forms.HiddenInput)
    seen_ids = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    # No status chosen in advance: "received" sent by a hurried click would close the input.
    status = forms.ChoiceField(
        label=_("What happens with it?"),
        choices=[("", _("Choose what happens")), *Response.Status.choices],
    )
    explanation = forms.CharField(
        label=_("Explanation for the participants"),
        required=False,
        max_length=5000,
        widget=PlainTextarea(rows=5),
        help_text=_("In plain words. Required when not or partly adopted."),
    )
    decided_by = forms.CharField(label=_("Who decided"), required=False, max_length=150)
    decided_on = forms.DateField(label=_("Decided on"), required=False, widget=DATE)
    expected_on = forms.DateField(
        label=_("Decision expected on"),
        required=False,
        widget=DATE,
        help_text=_("Only when it is being studied."),
    )

    def __init__(
        self,
        *args: Any,
        choices: Any = None,
        shown: Sequence[ShownContribution] = (),
        waiting: int = 0,
        of_meeting: bool = False,
        **kwargs: Any,
    ) -> None:
        """`choices`: all input that may be answered (what a sent form is checked against);
        `shown`: the page of it that is drawn as check boxes; `waiting`: how many there are
        in all. When they do not fit on one page, one answer can go to all of them."""
        super().__init__(*args, **kwargs)
        self.shown = shown
        if choices is None:
            for name in ("contributions", "all_waiting", "seen_count", "seen_ids"):
                del self.fields[name]
            return
        field = self.fields["contributions"]
        field.queryset = choices  # type: ignore[attr-defined]
        # Only this page is drawn; the whole set still decides what may be sent.
        field.widget.choices = [
            (s.contribution.pk, f"{Truncator(s.contribution.text).words(30)} ({s.author})")
            for s in shown
        ]
        if waiting > len(shown):
            field.required = False
            field.help_text = _(
                "Another page loses your ticks and your text. Answer this page first, "
                "or give the answer to all waiting input below."
            )
            self.fields["all_waiting"].label = (
                ngettext(
                    "Give this answer to all %(count)s input of this meeting that waits, "
                    "also on the other pages",
                    "Give this answer to all %(count)s inputs of this meeting that wait, "
                    "also on the other pages",
                    waiting,
                )
                if of_meeting
                else ngettext(
                    "Give this answer to all %(count)s input that waits, also on the other pages",
                    "Give this answer to all %(count)s inputs that wait, also on the other pages",
                    waiting,
                )
            ) % {"count": waiting}
        else:
            for name in ("all_waiting", "seen_count", "seen_ids"):
                del self.fields[name]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            "all_waiting" in self.fields
            and not data.get("contributions")
            and not data.get("all_waiting")
            and "contributions" not in self.errors
        ):
            self.add_error(
                "contributions", _("Choose the input you answer, or give the answer to all of it.")
            )
        expected = data.get("expected_on")
        if (
            expected is not None
            and expected < timezone.localdate()
            and data.get("status") not in Response.FINAL
        ):
            # Participants are told to wait until that day: a day that is over promises
            # nothing. (The service refuses it too; here it shows next to the field.)
            self.add_error(
                "expected_on", _("This date is in the past. Choose today or a later day.")
            )
        return data


class ResponseEditForm(ResponseForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


# What staff may record by hand: the ways of telling that leave no trace in Inbreng. The
# personal page, the SMS and the e-mail count themselves when they really happen.
OFFLINE_FEEDBACK = (
    FeedbackDelivery.Channel.MEETING,
    FeedbackDelivery.Channel.PHONE,
    FeedbackDelivery.Channel.LETTER,
    FeedbackDelivery.Channel.SOCIAL_WORKER,
)


class FeedbackRecordForm(forms.Form):
    """Staff record that the person heard the answers to a question (only answered ones)."""

    question = IdChoiceField(
        label=_("Answers to"),
        queryset=Question.objects.none(),
        error_messages={
            "invalid_choice": _("Choose a question that has an answer."),
            "required": _("Choose a question that has an answer."),
        },
    )
    channel = forms.ChoiceField(
        label=_("How"),
        choices=[(c.value, c.label) for c in OFFLINE_FEEDBACK],
        error_messages={
            "invalid_choice": _("Choose how the person heard the answer."),
            "required": _("Choose how the person heard the answer."),
        },
    )

    def __init__(self, *args: Any, questions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["question"].queryset = questions  # type: ignore[attr-defined]


class MyInputForm(forms.Form):
    text = forms.CharField(
        label=_("What do you want to say?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


# The participant's own page ----------------------------------------------------------------

MAX_CHILDREN = 10  # the error message below says "1 to 10"
NUMBER_OF_CHILDREN = _("Type a number from 1 to 10.")
YES_NO_MAYBE = _("Choose yes, no or maybe.")


def interpreter_language_name(code: str) -> str:
    """The language as the coordinator reads it on the meeting page: its Dutch name.

    Staff type this field by hand in Dutch ("Arabisch"); answers from the personal page are
    stored the same way, whatever language the participant reads their page in.
    """
    with translation.override("nl"):
        return str(Language(code).label)


def interpreter_language_code(stored: str) -> str | None:
    """The code of a stored language name (Dutch, English or the code itself), if we know it."""
    wanted = stored.strip().casefold()
    for code, label in Language.choices:
        names = {code, str(label).casefold(), interpreter_language_name(code).casefold()}
        with translation.override("en"):
            names.add(str(label).casefold())
        if wanted in names:
            return str(code)
    return None


class Answer(TypedDict):
    """The keyword arguments of `services.invitation_answer`."""

    reply: str
    children: int
    needs_transport: bool
    interpreter_language: str


class MyReplyForm(forms.Form):
    """A participant answers an invitation on their own page: yes, no or maybe, and needs.

    The needs start from this invitation's earlier answer, never from the register: the page
    may be open on a shared phone. Only the interpreter's language starts from the person's
    own language, which the page already speaks.
    """

    reply = forms.ChoiceField(
        label=_("Are you coming?"),
        choices=[
            (Invitation.Reply.YES, _("Yes, I will come")),
            (Invitation.Reply.NO, _("No, I will not come")),
            (Invitation.Reply.MAYBE, _("Maybe")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": YES_NO_MAYBE, "invalid_choice": YES_NO_MAYBE},
    )
    childcare = forms.BooleanField(label=_("I need childcare"), required=False)
    children = forms.IntegerField(
        label=_("For how many children?"),
        required=False,
        min_value=0,
        max_value=MAX_CHILDREN,
        widget=forms.NumberInput(attrs={"class": "input--short"}),
        error_messages={
            "invalid": NUMBER_OF_CHILDREN,
            "min_value": NUMBER_OF_CHILDREN,
            "max_value": NUMBER_OF_CHILDREN,
        },
    )
    transport = forms.BooleanField(label=_("I need transport"), required=False)
    interpreter = forms.BooleanField(label=_("I need an interpreter"), required=False)
    interpreter_language = forms.ChoiceField(
        label=_("In which language?"),
        required=False,
        error_messages={"invalid_choice": _("Choose a language from the list.")},
    )

    def __init__(
        self, *args: Any, invitation: Invitation, participant: Participant, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.invitation = invitation
        choices: list[tuple[str, Any]] = [("", _("Choose a language"))]
        choices += [(code, label) for code, label in Language.choices if code != Language.DUTCH]
        stored = invitation.interpreter_language
        code = interpreter_language_code(stored) if stored else None
        if stored and code is None:
            # Typed by staff in their own words: keep it as it is.
            choices.append((stored, stored))
        self.fields["interpreter_language"].choices = choices  # type: ignore[attr-defined]
        own = participant.language if participant.language != Language.DUTCH else ""
        self.initial = {
            "reply": invitation.reply if invitation.reply != Invitation.Reply.UNKNOWN else None,
            "childcare": invitation.children > 0,
            "children": invitation.children or None,
            "transport": invitation.needs_transport,
            "interpreter": bool(stored),
            "interpreter_language": (code or stored) if stored else own,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # Someone who does not come needs nothing; a field with its own error keeps only that.
        coming = data.get("reply") != Invitation.Reply.NO
        if (
            coming
            and data.get("childcare")
            and not data.get("children")
            and "children" not in self.errors
        ):
            self.add_error("children", NUMBER_OF_CHILDREN)
        if (
            coming
            and data.get("interpreter")
            and not data.get("interpreter_language")
            and "interpreter_language" not in self.errors
        ):
            self.add_error("interpreter_language", _("Choose a language."))
        return data

    def answer(self) -> Answer:
        """What `services.invitation_answer` records: a need counts only when it is ticked."""
        data = self.cleaned_data
        language = data["interpreter_language"] if data["interpreter"] else ""
        if language in Language.values:
            language = interpreter_language_name(language)
        return Answer(
            reply=data["reply"],
            children=(data["children"] or 0) if data["childcare"] else 0,
            needs_transport=data["transport"],
            interpreter_language=language,
        )

    def reply_label(self) -> str:
        """The person's current answer, in their words: "Yes, I will come"."""
        labels = dict(self.fields["reply"].choices)  # type: ignore[attr-defined]
        return str(labels.get(self.invitation.reply, ""))

    def interpreter_label(self) -> str:
        """The current interpreter's language, named in the language of the page."""
        stored = self.invitation.interpreter_language
        code = interpreter_language_code(stored) if stored else None
        return str(Language(code).label) if code else stored


class MyLanguageForm(forms.Form):
    language = forms.ChoiceField(
        choices=[(code, code) for code in settings.PARTICIPANT_LANGUAGES],
        error_messages={
            "required": _("Choose a language from the list."),
            "invalid_choice": _("Choose a language from the list."),
        },
    )
