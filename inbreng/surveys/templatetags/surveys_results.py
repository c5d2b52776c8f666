"""Numbers on the results pages, written the way the page's language writes them."""

from __future__ import annotations

import math
from typing import Any

from django import template
from django.utils import formats

register = template.Library()


def _number(value: Any, digits: int) -> str:
    if value is None or not math.isfinite(float(value)):
        return "–"
    return formats.number_format(round(float(value), digits), digits)


@register.filter
def percent(value: Any) -> str:
    """A share from 0 to 1 as a percentage with one decimal: 0.6389 → 63,9%."""
    if value is None:
        return "–"
    return f"{_number(float(value) * 100, 1)}%"


@register.filter
def decimal(value: Any) -> str:
    """A mean with two decimals."""
    return _number(value, 2)
