"""Questionnaires, their versions and questions, waves, and the responses collected in them.

A questionnaire keeps its versions: once a wave has collected a response with a version, the
version is frozen and an edit makes a new one. Questions carry a stable `code`, so two waves
(on two versions) are compared question by question.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from inbreng.core.models import Organisation

# A question's code: short, stable across versions, safe as a column name in exports.
code_validator = RegexValidator(
    r"^[a-z][a-z0-9_]{0,29}$",
    _("Use lower-case letters, digits and _ only, starting with a letter (at most 30)."),
)

# Where a skip rule goes when it jumps past the last question.
SKIP_TO_END = "end"


def staff_link(verbose_name: Any = None) -> Any:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("One answer from a list")
    MULTIPLE = "multiple", _("One or more answers from a list")
    SCALE = "scale1_5", _("Scale from 1 to 5")
    YES_NO = "yes_no", _("Yes or no")
    NUMBER = "number", _("Number")
    OPEN = "open", _("Open answer")


class Mode(models.TextChoices):
    INTERVIEW_PHONE = "interview_phone", _("Interview by phone")
    INTERVIEW_IN_PERSON = "interview_in_person", _("Interview in person")
    SELF = "self", _("Filled in by the person (link)")
    PAPER = "paper", _("Paper form")


class Questionnaire(models.Model):
    """A questionnaire; its questions live in its versions."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    # The template it was made from ("satisfaction"), or empty.
    template = models.CharField(max_length=30, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = staff_link()
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["title", "pk"]
        indexes = [models.Index(fields=["organisation", "title"])]
        verbose_name = _("questionnaire")

    def __str__(self) -> str:
        return self.title


class QuestionnaireVersion(models.Model):
    """One version of a questionnaire's questions. Frozen once a response uses it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = staff_link()
    frozen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["questionnaire", "-number"]
        indexes = [models.Index(fields=["organisation", "questionnaire", "number"])]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "questionnaire", "number"],
                name="survey_version_number_unique",
            )
        ]
        verbose_name = _("questionnaire version")

    def __str__(self) -> str:
        return f"{self.questionnaire_id} v{self.number}"


class SurveyQuestion(models.Model):
    """A question in one version. The skip rule: "if this is answered <skip_value>, go to
    <skip_to>" (a later question's code, or "end")."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    version = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    code = models.CharField(_("code"), max_length=30, validators=[code_validator])
    kind = models.CharField(_("kind of answer"), max_length=10, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("explanation"), max_length=300, blank=True)
    optional = models.BooleanField(_("may be skipped"), default=False)
    # For number questions: the allowed range (inclusive).
    minimum = models.IntegerField(_("lowest number"), null=True, blank=True)
    maximum = models.IntegerField(_("highest number"), null=True, blank=True)
    skip_value = models.CharField(_("if the answer is"), max_length=30, blank=True)
    skip_to = models.CharField(_("go to question"), max_length=30, blank=True)

    class Meta:
        ordering = ["version", "position"]
        indexes = [models.Index(fields=["organisation", "version", "position"])]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "version", "code"], name="survey_question_code_unique"
            )
        ]
        verbose_name = _("survey question")

    def __str__(self) -> str:
        return f"{self.code}: {self.text[:40]}"


class Choice(models.Model):
    """An answer to choose for a single or multiple choice question."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveSmallIntegerField()
    # The stored value: "1", "2", ... in list order; stable across versions when copied.
    value = models.CharField(max_length=30)
    label = models.CharField(_("answer"), max_length=200)

    class Meta:
        ordering = ["question", "position"]
        indexes = [models.Index(fields=["organisation", "question"])]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "question", "value"], name="survey_choice_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.value}: {self.label}"


class QuestionTranslation(models.Model):
    """A question's wording (and its choices' labels) in a participant's language."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    question = models.ForeignKey(
        SurveyQuestion, on_delete=models.CASCADE, related_name="translations"
    )
    language = models.CharField(_("language"), max_length=10)
    text = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("explanation"), max_length=300, blank=True)
    # {choice value: label in this language}
    choice_labels = models.JSONField(default=dict, blank=True)
    translated_by = models.CharField(_("translated by"), max_length=100, blank=True)
    reviewed = models.BooleanField(_("checked by a native speaker"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["organisation", "question"])]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "question", "language"],
                name="survey_translation_per_language",
            )
        ]

    def __str__(self) -> str:
        return f"{self.language}: {self.text[:40]}"


class Survey(models.Model):
    """A survey: a purpose and a questionnaire, fielded in one or more waves."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    purpose = models.TextField(_("why we ask"), max_length=2000, blank=True)
    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("questionnaire"),
        on_delete=models.PROTECT,
        related_name="surveys",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = staff_link()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "-created_at"])]
        verbose_name = _("survey")

    def __str__(self) -> str:
        return self.title


class Wave(models.Model):
    """One fielding of a questionnaire version: its dates and the modes it uses."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        OPEN = "open", pgettext_lazy("wave status", "Open")
        CLOSED = "closed", pgettext_lazy("wave status", "Closed")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="waves")
    version = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.PROTECT, related_name="waves"
    )
    name = models.CharField(_("name"), max_length=100)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    # The planned mode mix: {mode: planned number of responses}.
    mode_mix = models.JSONField(_("planned responses per mode"), default=dict, blank=True)
    # Every n-th paper form is typed a second time to measure typing errors (0: none).
    double_entry_every = models.PositiveSmallIntegerField(
        _("type every n-th paper form twice"),
        default=10,
        validators=[MaxValueValidator(100)],
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["survey", "-starts_on", "-pk"]
        indexes = [models.Index(fields=["organisation", "survey", "-starts_on"])]
        verbose_name = _("wave")

    def __str__(self) -> str:
        return self.name


class Response(models.Model):
    """One respondent's response in a wave, in one mode."""

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETE = "complete", _("Complete")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="responses")
    mode = models.CharField(_("mode"), max_length=20, choices=Mode.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.IN_PROGRESS
    )
    language = models.CharField(_("language"), max_length=10, default="nl")
    # Design information for the estimates (filled by sampling, or typed on the form).
    stratum = models.CharField(_("stratum"), max_length=100, blank=True)
    weight = models.FloatField(_("weight"), default=1.0, validators=[MinValueValidator(0.0)])
    sample_unit = models.ForeignKey(
        "surveys.SampleUnit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responses",
    )
    # The number printed on a paper form (and on the interview list): no personal data.
    form_number = models.PositiveIntegerField(_("form number"), null=True, blank=True)
    # Where a self-completion or interview stopped: the next question's position.
    position = models.PositiveSmallIntegerField(default=0)
    started_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    entered_by = staff_link()
    # A paper form chosen to be typed a second time (besides every n-th form of the wave).
    double_entry = models.BooleanField(_("type this form twice"), default=False)
    # A paper form typed twice whose entries differ, until a coordinator resolves it.
    needs_check = models.BooleanField(default=False)

    class Meta:
        ordering = ["wave", "pk"]
        indexes = [
            models.Index(fields=["organisation", "wave", "status"]),
            models.Index(fields=["organisation", "wave", "form_number"]),
            models.Index(fields=["organisation", "sample_unit"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "wave", "form_number"], name="survey_form_number_unique"
            )
        ]
        verbose_name = _("response")

    def __str__(self) -> str:
        return f"response {self.pk} ({self.mode})"


class Answer(models.Model):
    """One answer. `value` holds what was chosen or typed (a multiple-choice answer: the
    values joined by "|"); `number` the numeric value for scale, number and yes/no (1/0)
    questions, so that means are computed in the database."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="answers")
    value = models.TextField(max_length=2000, blank=True)
    number = models.FloatField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["organisation", "response"]),
            models.Index(fields=["organisation", "question"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "response", "question"],
                name="survey_one_answer_per_question",
            )
        ]

    def __str__(self) -> str:
        return f"{self.response_id}/{self.question_id}: {self.value[:20]}"


class SurveyLink(models.Model):
    """A respondent's random, revocable self-completion link, hashed like a PersonalLink:
    only the SHA-256 of the token is stored; the token is shown once, on the letter."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = staff_link()
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        # One link per response; the organisation first, like every tenant rule.
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "response"], name="survey_link_per_response"
            )
        ]

    def __str__(self) -> str:
        return f"survey link {self.pk}"


class PaperEntry(models.Model):
    """One typing of a returned paper form: {question code: value}. The first typing fills
    the answers; a second typing is compared with it, never written over it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="paper_entries")
    round = models.PositiveSmallIntegerField()  # 1 or 2
    values = models.JSONField(default=dict)
    entered_by = staff_link()
    entered_at = models.DateTimeField(auto_now_add=True)
    # For a second typing: how many fields were compared and how many differed.
    fields_compared = models.PositiveSmallIntegerField(default=0)
    fields_different = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["response", "round"]
        indexes = [models.Index(fields=["organisation", "response"])]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "response", "round"], name="survey_paper_round_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.response_id} round {self.round}"


class PaperDifference(models.Model):
    """A field typed differently the first and second time, until a coordinator decides."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="differences")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="+")
    first_value = models.TextField(max_length=2000, blank=True)
    second_value = models.TextField(max_length=2000, blank=True)
    resolved_value = models.TextField(max_length=2000, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = staff_link()

    class Meta:
        ordering = ["response", "question__position"]
        indexes = [models.Index(fields=["organisation", "resolved_at"])]

    def __str__(self) -> str:
        return f"{self.response_id}/{self.question_id}"
