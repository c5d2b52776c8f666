from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inbreng.core.fields import IdChoiceField
from inbreng.core.models import Membership, User
from inbreng.people.models import Participant
from inbreng.people.validators import refuse_hidden_characters

from .models import GroupMembership, ParticipationGroup, ReferenceFigure
from .selectors import CATEGORY_LABELS


class GroupForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ParticipationGroup
        fields = ["name", "kind", "theme", "max_size", "coordinator", "is_active"]

    def __init__(self, *args: Any, membership: Membership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["coordinator"]
        field.queryset = User.objects.filter(  # type: ignore[attr-defined]
            memberships__organisation=membership.organisation,
            memberships__is_coordinator=True,
            memberships__is_active=True,
        )
        field.label_from_instance = User.display_name  # type: ignore[attr-defined]
        for name in ("name", "theme"):
            if name in self.fields:
                self.fields[name].validators.append(refuse_hidden_characters)


class MemberAddForm(forms.Form):
    participant = IdChoiceField(label=_("Person"), queryset=Participant.objects.none())
    stage = forms.ChoiceField(
        label=_("Stage"),
        choices=[c for c in GroupMembership.Stage.choices if c[0] != GroupMembership.Stage.LEFT],
    )
    on = forms.DateField(
        label=_("Since"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        initial=timezone.localdate,
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def __init__(self, *args: Any, group: ParticipationGroup, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        taken = group.memberships.values("participant_id")
        self.fields["participant"].queryset = Participant.objects.filter(  # type: ignore[attr-defined]
            organisation=group.organisation, erased_at__isnull=True
        ).exclude(pk__in=taken)


class MemberMoveForm(forms.Form):
    stage = forms.ChoiceField(label=_("New stage"), choices=GroupMembership.Stage.choices)
    on = forms.DateField(
        label=_("On"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        initial=timezone.localdate,
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class ReferenceForm(forms.Form):
    """One number field per category of one profile question."""

    def __init__(
        self, *args: Any, dimension: str, initial_counts: dict[str, int], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.dimension = dimension
        for category, label in CATEGORY_LABELS[dimension].items():
            if category == "prefer_not":
                continue
            self.fields[category] = forms.IntegerField(
                label=label,
                required=False,
                min_value=0,
                max_value=10_000_000,
                initial=initial_counts.get(category),
            )
        self.prefix = dimension

    @property
    def title(self) -> str:
        return str(ReferenceFigure.Dimension(self.dimension).label)
