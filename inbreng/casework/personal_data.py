"""A participant's case conferences in the register's GDPR export and erase.

The export tells the register keepers only that cases exist and who coordinates them: the
content is need-to-know, and the client gets it from their coordinator (report, agreements,
access log on paper). Erasing a person from the register anonymises their cases at once.
"""

from __future__ import annotations

from typing import Any

from .models import CaseConference


def export(participant: Any) -> dict[str, Any]:
    cases = CaseConference.objects.filter(client=participant).select_related("coordinator")
    return {
        "case_conferences": [
            {
                "number": case.number,
                "status": str(case.get_status_display()),
                "coordinator": case.coordinator.display_name() if case.coordinator else "",
            }
            for case in cases
        ]
    }


def erase(participant: Any) -> None:
    from .services import case_anonymise

    for case in CaseConference.objects.filter(client=participant).select_related("organisation"):
        case_anonymise(case=case)
