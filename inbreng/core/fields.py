"""Form fields that pick records by id, with ids that cannot crash the database.

Django's model choice fields hand whatever was posted to the database: on SQLite a number
past 2^63 raises OverflowError (a 500), where it should be "that choice is not available".
These fields refuse any id that is not a whole number the database can hold first.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from inbreng.lib.numbers import INT_MAX, positive_int


def _plain_id(value: Any) -> bool:
    return hasattr(value, "pk") or positive_int(str(value), maximum=2**63 - 1) is not None


class IdChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def to_python(self, value: Any) -> Any:
        if value not in self.empty_values and not self.to_field_name and not _plain_id(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdsChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def _check_values(self, value: Any) -> Any:
        if not self.to_field_name:
            for pk in value:
                if not _plain_id(pk):
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": str(pk)[:20]},
                    )
        return super()._check_values(value)  # type: ignore[misc]


__all__ = ["INT_MAX", "IdChoiceField", "IdsChoiceField"]
