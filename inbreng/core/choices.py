"""`get_FOO_display()` without rebuilding a field's choices on every call.

Django's own version turns all of a field's choices into a dictionary on each call, and
hashing each lazily translated label translates it: a register page of 50 people with a
language of 40 choices translated 12,000 labels to show 100. Models shown in long lists
take `ChoiceLabels` first in their bases; the labels stay lazy, so each call still speaks
the active language.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable


def _labels(field: models.Field[Any, Any]) -> dict[Any, Any]:
    labels: dict[Any, Any] | None = field.__dict__.get("_inbreng_choice_labels")
    if labels is None:
        labels = {make_hashable(value): label for value, label in field.flatchoices}
        field.__dict__["_inbreng_choice_labels"] = labels
    return labels


class ChoiceLabels:
    """Model mixin: Django binds `get_FOO_display` to the first `_get_FIELD_display` in
    the model's bases when the class is made."""

    def _get_FIELD_display(self, field: models.Field[Any, Any]) -> Any:
        value = getattr(self, field.attname)
        return force_str(_labels(field).get(make_hashable(value), value), strings_only=True)
