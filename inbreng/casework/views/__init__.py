"""Pages of the lokaal cliëntoverleg.

Every case URL goes through `selectors.case_for`: someone who is not on the case gets a 404,
whatever their role. Every page, PDF or document of a case that is shown writes an audit
event against the case, which is what the client's access log on paper lists.
"""

from .cases import (
    agenda,
    case_decide,
    case_detail,
    case_list,
    case_request,
    consent,
    consent_form_pdf,
    consent_withdraw,
    coordinator_change,
    ground_rules,
    key_worker,
    provider_invite,
    provider_remove,
)
from .common import CaseView
from .conference import (
    access_log_pdf,
    agreement_add,
    agreement_status,
    case_close,
    case_signal,
    client_print,
    document,
    document_add,
    evaluation,
    meeting_add,
    meeting_report,
)
from .policy import case_settings, signal_list, signal_report

__all__ = [
    "CaseView",
    "access_log_pdf",
    "agenda",
    "agreement_add",
    "agreement_status",
    "case_close",
    "case_decide",
    "case_detail",
    "case_list",
    "case_request",
    "case_settings",
    "case_signal",
    "client_print",
    "consent",
    "consent_form_pdf",
    "consent_withdraw",
    "coordinator_change",
    "document",
    "document_add",
    "evaluation",
    "ground_rules",
    "key_worker",
    "meeting_add",
    "meeting_report",
    "provider_invite",
    "provider_remove",
    "signal_list",
    "signal_report",
]
