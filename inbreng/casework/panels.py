"""The case conferences' card on the start page: counts only, never a client's name.

It asks the roles through the `rules` predicates, not `user.has_perm`: a permission that is
not granted falls through to Django's model backend, which costs two queries.
"""

from __future__ import annotations

from typing import Any

from . import rules, selectors


def casework_panel(request: Any) -> tuple[str, dict[str, Any]] | None:
    user = request.user
    may = {
        "request": rules.works_on_cases(user),
        "signals": rules.is_case_coordinator(user),
        "report": rules.reads_signal_report(user),
        "settings": rules.manages_settings(user),
    }
    if not may["request"]:
        # Policy makers and admins: the signals report (and the admin's retention setting).
        return (
            ("casework/_home_panel.html", {"policy_only": True, "may": may})
            if may["report"]
            else None
        )
    return "casework/_home_panel.html", {**selectors.home_counts(request.membership), "may": may}
