"""Writes for case conferences (see docs/casework.md).

Every write is audited against the case (object type `casework.caseconference`), so that the
client's access log lists changes as well as reads. Messages never carry the client's name
or the case's content: providers get "you are invited to LCO-7KQ4MX2B", nothing more.
"""

from .cases import (
    agenda_record,
    case_decide,
    case_request,
    conditions,
    consent_record,
    consent_withdraw,
    coordinator_assign,
    key_worker_choose,
    provider_acknowledge,
    provider_invite,
    provider_names,
    provider_remove,
)
from .common import CONVERSATION, DOCUMENT_TYPES, MAX_DOCUMENT_BYTES, Status, logger
from .conferences import (
    agreement_add,
    agreement_reminders,
    agreement_update,
    agreements_to_remind,
    case_close,
    document_add,
    evaluation_record,
    meeting_plan,
    meeting_report,
)
from .retention import anonymise_due, case_anonymise, cases_hand_over, settings_update
from .signals import REFUSALS, personal_data_errors, signal_record

__all__ = [
    "CONVERSATION",
    "DOCUMENT_TYPES",
    "MAX_DOCUMENT_BYTES",
    "REFUSALS",
    "Status",
    "agenda_record",
    "agreement_add",
    "agreement_reminders",
    "agreement_update",
    "agreements_to_remind",
    "anonymise_due",
    "case_anonymise",
    "case_close",
    "case_decide",
    "case_request",
    "cases_hand_over",
    "conditions",
    "consent_record",
    "consent_withdraw",
    "coordinator_assign",
    "document_add",
    "evaluation_record",
    "key_worker_choose",
    "logger",
    "meeting_plan",
    "meeting_report",
    "personal_data_errors",
    "provider_acknowledge",
    "provider_invite",
    "provider_names",
    "provider_remove",
    "settings_update",
    "signal_record",
]
