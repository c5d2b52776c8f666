from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """`{{ counts|get_item:meeting.pk }}`: a dictionary lookup with a variable key."""
    if not mapping:
        return None
    return mapping.get(key)
