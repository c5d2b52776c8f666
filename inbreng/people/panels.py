"""The register's card on the start page, counted as the reader may see the register."""

from __future__ import annotations

from typing import Any

from .selectors import participants_visible_to


def register_panel(request: Any) -> tuple[str, dict[str, Any]] | None:
    if not request.user.has_perm("people.view_register"):
        return None
    return "people/_home_card.html", {"count": participants_visible_to(request.membership).count()}
