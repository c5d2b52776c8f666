"""Every URL × every role × own/other organisation, checked against one declared table.

A URL pattern that is missing from ROUTES fails `test_it_declares_every_url`, so a new page
cannot ship without deciding who may open it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import ROLES, Loop, World
from inbreng.archive.tests.factories import (
    dossier_entry_kwargs,
    dossier_kwargs,
    entry_kwargs,
    hand_entry_kwargs,
)
from inbreng.casework.tests.factories import (
    case_kwargs,
    invitation_kwargs,
    make_case_coordinator,
    request_kwargs,
)

ACTORS = ["anonymous", *ROLES, "other_org"]
STAFF_ROLES = set(ROLES)
MEMORY_READERS = STAFF_ROLES - {"partner_worker"}
PERSONAL = {"admin", "coordinator", "social_worker", "partner_worker"}
REGISTER_KEEPERS = {"admin", "coordinator", "social_worker"}
REGISTER_ADMINS = {"admin", "coordinator"}
ADMIN = {"admin"}
COORDINATION = {"admin", "coordinator"}
GROUP_READERS = {"admin", "coordinator", "social_worker"}
MEETING_READERS = {"admin", "coordinator", "social_worker"}
LINK_ISSUERS = {"admin", "coordinator", "social_worker"}
QUESTION_READERS = {"admin", "coordinator", "service_contact", "policy_maker"}
ASKERS = {"coordinator", "service_contact"}
INSIGHT_READERS = {"admin", "coordinator", "policy_maker"}
SENDERS = {"admin", "coordinator"}
PASSERS_ON = {"coordinator", "social_worker"}
TEXT_CHECKERS = {"admin", "coordinator", "social_worker", "service_contact"}
TRANSLATORS = {"admin", "coordinator", "service_contact", "partner_worker"}
# Case conferences: on a case made by inbreng/casework/tests/factories.py, `coordinator`
# coordinates it, `social_worker` is the client's staff contact and `partner_worker` an
# acknowledged provider. Nobody else is on it: for them every case URL is a 404.
CASE_WORKERS = {"coordinator", "social_worker", "partner_worker"}
ON_CASE = CASE_WORKERS
NOT_ON_CASE = {a: 404 for a in ("admin", "service_contact", "policy_maker")}
ONLY_INVITEE = {
    a: 404 for a in ("admin", "coordinator", "social_worker", "service_contact", "policy_maker")
}


@dataclass
class Route:
    allowed: set[str]
    kwargs: Callable[[World, Loop], dict[str, Any]] = lambda w, loop: {}
    method: str = "get"
    ok: int = 200
    # A route about one record: someone from another organisation gets 404.
    scoped: bool = False
    public: bool = False
    # Codes that differ from the rule, per actor.
    special: dict[str, int] = field(default_factory=dict)


def participant(w: World, loop: Loop) -> dict[str, Any]:
    return {"pk": w.participant.pk}


def pk_of(name: str) -> Callable[[World, Loop], dict[str, Any]]:
    return lambda w, loop: {"pk": getattr(loop, name).pk}


def consent(w: World, loop: Loop) -> dict[str, Any]:
    from inbreng.people.models import Consent

    c = Consent.objects.create(
        organisation=w.org,
        participant=w.participant,
        purpose="participation",
        given_at=w.participant.created_at,
    )
    return {"pk": w.participant.pk, "consent_pk": c.pk}


def translation(w: World, loop: Loop) -> dict[str, Any]:
    from inbreng.participation.models import Translation

    made = Translation.objects.create(
        organisation=w.org,
        question=loop.question,
        language="fr",
        title="Claire ?",
        translated_by="x",
    )
    return {"pk": made.pk}


def member(w: World, loop: Loop) -> dict[str, Any]:
    return {"pk": w.member("social_worker").pk}


def sent_message(w: World) -> Any:
    """A message to one person by letter, one by phone and one through their social worker."""
    from conftest import make_participant
    from inbreng.messaging.services import Recipient, message_send
    from inbreng.people.models import Channel

    people = [
        make_participant(
            w.org,
            name="Lea Brief",
            preferred_channel=Channel.LETTER,
            phone="",
            street="Kerkstraat 1",
            postal_code="9000",
            city="Gent",
        ),
        make_participant(
            w.org, name="Fien Bel", preferred_channel=Channel.PHONE, phone="+3292345678"
        ),
        make_participant(
            w.org,
            name="Wout Werker",
            preferred_channel=Channel.SOCIAL_WORKER,
            phone="",
            social_worker=w.users["social_worker"],
        ),
    ]
    return message_send(
        organisation=w.org,
        kind="invitation",
        title="Praatcafé",
        recipients=[Recipient(p) for p in people],
        context={},
        by=w.users["coordinator"],
    )


def message(w: World, loop: Loop) -> dict[str, Any]:
    return {"pk": sent_message(w).pk}


def delivery_by(channel: str) -> Callable[[World, Loop], dict[str, Any]]:
    return lambda w, loop: {"pk": sent_message(w).deliveries.get(channel=channel).pk}


def case_coordinator(w: World, loop: Loop) -> dict[str, Any]:
    make_case_coordinator(w)
    return {}


def template(w: World, loop: Loop) -> dict[str, Any]:
    return {"kind": "invitation", "language": "nl"}


ROUTES: dict[str, Route] = {
    "core:home": Route(STAFF_ROLES),
    "core:healthz": Route(set(), public=True),
    "core:healthz_ready": Route(set(), public=True),
    "core:switch_organisation": Route(
        set(), method="post", special={a: 403 for a in [*ROLES, "other_org"]}
    ),
    "core:organisation": Route(ADMIN),
    "core:services": Route(ADMIN),
    "core:service_add": Route(ADMIN),
    "core:service_edit": Route(ADMIN, kwargs=lambda w, loop: {"pk": w.service.pk}, scoped=True),
    "core:partners": Route(ADMIN),
    "core:partner_add": Route(ADMIN),
    "core:partner_edit": Route(ADMIN, kwargs=lambda w, loop: {"pk": w.partner.pk}, scoped=True),
    "core:staff": Route(ADMIN),
    "core:staff_add": Route(ADMIN),
    "core:staff_edit": Route(ADMIN, kwargs=member, scoped=True),
    "core:staff_deactivate": Route(ADMIN, kwargs=member, scoped=True),
    "core:staff_reactivate": Route(ADMIN, kwargs=member, scoped=True, method="post", ok=302),
    "core:staff_reset_otp": Route(ADMIN, kwargs=member, scoped=True, method="post", ok=302),
    "core:audit": Route(ADMIN),
    # Two-step login pages: any signed-in person; a verified one is sent on.
    "core:otp_setup": Route(STAFF_ROLES, ok=302, special={"other_org": 302}),
    "core:otp_recovery_codes": Route(STAFF_ROLES, ok=302, special={"other_org": 302}),
    "core:otp_verify": Route(STAFF_ROLES, special={"other_org": 200}),
    "core:privacy_notice": Route(
        set(), kwargs=lambda w, loop: {"organisation_id": w.org.pk}, public=True
    ),
    "login": Route(set(), public=True, special={a: 302 for a in [*ROLES, "other_org"]}),
    "logout": Route(
        STAFF_ROLES, method="post", ok=302, special={"anonymous": 302, "other_org": 302}
    ),
    "password_change": Route(STAFF_ROLES, special={"other_org": 200}),
    "people:register": Route(PERSONAL),
    "people:add": Route(PERSONAL),
    "people:import": Route(REGISTER_ADMINS),
    "people:import_preview": Route(REGISTER_ADMINS, ok=302),
    "people:review": Route(REGISTER_ADMINS),
    "people:detail": Route(PERSONAL, kwargs=participant, scoped=True),
    "people:edit": Route(REGISTER_KEEPERS, kwargs=participant, scoped=True),
    "people:consent_add": Route(
        REGISTER_KEEPERS, kwargs=participant, scoped=True, method="post", ok=302
    ),
    "people:consent_withdraw": Route(
        REGISTER_KEEPERS, kwargs=consent, scoped=True, method="post", ok=302
    ),
    "people:export_json": Route(REGISTER_ADMINS, kwargs=participant, scoped=True),
    "people:export_pdf": Route(REGISTER_ADMINS, kwargs=participant, scoped=True),
    "people:erase": Route(REGISTER_ADMINS, kwargs=participant, scoped=True),
    "people:keep": Route(REGISTER_ADMINS, kwargs=participant, scoped=True, method="post", ok=302),
    # Reach, yearly report, client numbers and list exports (inbreng/insights)
    "insights:home": Route(INSIGHT_READERS),
    "insights:reach": Route(INSIGHT_READERS),
    "insights:population": Route(ADMIN),
    "insights:population_preview": Route(ADMIN, ok=302),
    "insights:report": Route(INSIGHT_READERS, kwargs=lambda w, loop: {"year": 2026}),
    "insights:report_pdf": Route(INSIGHT_READERS, kwargs=lambda w, loop: {"year": 2026}),
    "insights:report_text": Route(COORDINATION, kwargs=lambda w, loop: {"year": 2026}),
    "insights:export_questions": Route(QUESTION_READERS, kwargs=lambda w, loop: {"fmt": "xlsx"}),
    "insights:export_input": Route(QUESTION_READERS, kwargs=lambda w, loop: {"fmt": "csv"}),
    "insights:export_meetings": Route(INSIGHT_READERS, kwargs=lambda w, loop: {"fmt": "xlsx"}),
    "insights:export_reach": Route(INSIGHT_READERS, kwargs=lambda w, loop: {"fmt": "csv"}),
    "insights:export_trend": Route(INSIGHT_READERS, kwargs=lambda w, loop: {"fmt": "xlsx"}),
    "insights:export_channels": Route(INSIGHT_READERS, kwargs=lambda w, loop: {"fmt": "csv"}),
    "insights:export_signals": Route(STAFF_ROLES, kwargs=lambda w, loop: {"fmt": "xlsx"}),
    "insights:export_report": Route(
        INSIGHT_READERS, kwargs=lambda w, loop: {"year": 2026, "fmt": "xlsx"}
    ),
    # The memory (inbreng/archive): the organisation's own staff read (not partner workers),
    # coordinators and admins write.
    "archive:search": Route(MEMORY_READERS),
    "archive:entry": Route(MEMORY_READERS, kwargs=entry_kwargs, scoped=True),
    "archive:entry_add": Route(COORDINATION),
    "archive:entry_edit": Route(COORDINATION, kwargs=hand_entry_kwargs, scoped=True),
    "archive:dossier_add_entry": Route(
        COORDINATION, kwargs=entry_kwargs, scoped=True, method="post", ok=302
    ),
    "archive:dossiers": Route(MEMORY_READERS),
    "archive:dossier_add": Route(COORDINATION),
    "archive:dossier": Route(MEMORY_READERS, kwargs=dossier_kwargs, scoped=True),
    "archive:dossier_edit": Route(COORDINATION, kwargs=dossier_kwargs, scoped=True),
    "archive:dossier_remove_entry": Route(
        COORDINATION, kwargs=dossier_entry_kwargs, scoped=True, method="post", ok=302
    ),
    # Groups
    "groups:list": Route(GROUP_READERS),
    "groups:add": Route(COORDINATION),
    "groups:reference": Route(ADMIN),
    "groups:detail": Route(GROUP_READERS, kwargs=pk_of("group"), scoped=True),
    "groups:edit": Route(COORDINATION, kwargs=pk_of("group"), scoped=True),
    "groups:member_add": Route(COORDINATION, kwargs=pk_of("group"), scoped=True),
    "groups:member_move": Route(COORDINATION, kwargs=pk_of("group_membership"), scoped=True),
    # The participation loop
    "participation:trajectories": Route(QUESTION_READERS),
    "participation:trajectory_add": Route(COORDINATION),
    "participation:trajectory": Route(QUESTION_READERS, kwargs=pk_of("trajectory"), scoped=True),
    "participation:trajectory_edit": Route(COORDINATION, kwargs=pk_of("trajectory"), scoped=True),
    "participation:questions": Route(QUESTION_READERS),
    "participation:question_ask": Route(ASKERS),
    "participation:question": Route(QUESTION_READERS, kwargs=pk_of("question"), scoped=True),
    "participation:question_review": Route(COORDINATION, kwargs=pk_of("question"), scoped=True),
    "participation:question_resubmit": Route(
        ASKERS, kwargs=pk_of("returned_question"), scoped=True
    ),
    "participation:response_add": Route(ASKERS, kwargs=pk_of("question"), scoped=True),
    "participation:attachment": Route(QUESTION_READERS, kwargs=pk_of("attachment"), scoped=True),
    "participation:response_edit": Route(ASKERS, kwargs=pk_of("response"), scoped=True),
    "participation:review_queue": Route(COORDINATION),
    "participation:contribution_review": Route(
        COORDINATION, kwargs=pk_of("contribution"), scoped=True, method="post", ok=302
    ),
    "participation:contribution_withdraw": Route(
        COORDINATION, kwargs=pk_of("contribution"), scoped=True
    ),
    "participation:meetings": Route(MEETING_READERS),
    "participation:meeting_add": Route(COORDINATION),
    "participation:meeting": Route(MEETING_READERS, kwargs=pk_of("meeting"), scoped=True),
    "participation:meeting_edit": Route(COORDINATION, kwargs=pk_of("meeting"), scoped=True),
    "participation:agenda_add": Route(
        COORDINATION, kwargs=pk_of("meeting"), scoped=True, method="post", ok=302
    ),
    "participation:invite": Route(
        COORDINATION, kwargs=pk_of("meeting"), scoped=True, method="post", ok=302
    ),
    # The loop's meeting is over: nobody is invited to it, the button leads back to the
    # meeting with the reason (tests/…/test_sending_preview.py covers the preview itself).
    "participation:send_invitations": Route(
        SENDERS, kwargs=pk_of("meeting"), scoped=True, method="post", ok=302
    ),
    "participation:meeting_message": Route(SENDERS, kwargs=pk_of("meeting"), scoped=True),
    "participation:attendance": Route(COORDINATION, kwargs=pk_of("meeting"), scoped=True),
    "participation:reply": Route(MEETING_READERS, kwargs=pk_of("invitation"), scoped=True),
    "participation:minutes": Route(COORDINATION, kwargs=pk_of("meeting"), scoped=True),
    "participation:contributions": Route(COORDINATION, kwargs=pk_of("meeting"), scoped=True),
    "participation:meeting_feedback": Route(MEETING_READERS, kwargs=pk_of("meeting"), scoped=True),
    "participation:ics": Route(MEETING_READERS, kwargs=pk_of("meeting"), scoped=True),
    "participation:participant_loop": Route(LINK_ISSUERS, kwargs=participant, scoped=True),
    # The confirmation page: what stops working, why, and whether the old link stays a while.
    "participation:link_reissue": Route(LINK_ISSUERS, kwargs=participant, scoped=True),
    "participation:letter": Route(LINK_ISSUERS, kwargs=participant, scoped=True),
    # Without the day it was posted, the form comes back with the error next to the field.
    "participation:letter_posted": Route(
        LINK_ISSUERS, kwargs=participant, scoped=True, method="post", ok=400
    ),
    "participation:feedback_record": Route(
        LINK_ISSUERS, kwargs=participant, scoped=True, method="post", ok=302
    ),
    "participation:indicators": Route(QUESTION_READERS),
    # The list behind a figure; another organisation's group or service is tested as a 404
    # in participation/tests/test_indicator_lists.py.
    "participation:indicator_list": Route(
        QUESTION_READERS, kwargs=lambda w, loop: {"figure": "op-tijd"}
    ),
    "participation:translations": Route(TRANSLATORS),
    "participation:question_translate": Route(
        TRANSLATORS, kwargs=lambda w, loop: {"pk": loop.question.pk, "language": "ar"}, scoped=True
    ),
    "participation:response_translate": Route(
        TRANSLATORS, kwargs=lambda w, loop: {"pk": loop.response.pk, "language": "fr"}, scoped=True
    ),
    # The admin, first in line, removes it; for the next translators it is gone.
    "participation:translation_delete": Route(
        TRANSLATORS,
        kwargs=translation,
        method="post",
        ok=302,
        scoped=True,
        special={"coordinator": 404, "service_contact": 404, "partner_worker": 404},
    ),
    # Messages to participants
    "messaging:outbox": Route(SENDERS),
    "messaging:message": Route(SENDERS, kwargs=message, scoped=True),
    "messaging:retry": Route(SENDERS, kwargs=message, scoped=True, method="post", ok=302),
    "messaging:letters": Route(SENDERS, kwargs=message, scoped=True),
    "messaging:letters_make": Route(SENDERS, kwargs=message, scoped=True, method="post", ok=302),
    # Without the day they were posted, the form comes back with the error next to the field.
    "messaging:letters_printed": Route(SENDERS, kwargs=message, scoped=True, method="post", ok=400),
    "messaging:phone_list": Route(SENDERS, kwargs=message, scoped=True),
    # Saving a call without a result is refused: the list again, with the error on the card.
    "messaging:call_done": Route(
        SENDERS, kwargs=delivery_by("phone"), scoped=True, method="post", ok=200
    ),
    "messaging:pass_on": Route(PASSERS_ON),
    # Only the social worker the message is assigned to ticks it off.
    "messaging:passed_on": Route(
        {"social_worker"},
        kwargs=delivery_by("social_worker"),
        scoped=True,
        method="post",
        ok=302,
        special={"coordinator": 404},
    ),
    "messaging:templates": Route(SENDERS),
    "messaging:template_edit": Route(SENDERS, kwargs=template),
    "messaging:template_reset": Route(SENDERS, kwargs=template, method="post", ok=302),
    "messaging:plain_check": Route(TEXT_CHECKERS, method="post"),
    "messaging:sms_count": Route(SENDERS, method="post"),
    "messaging:jargon": Route(SENDERS),
    "messaging:jargon_remove": Route(SENDERS, method="post", ok=302),
    # The SMS provider's webhook: a session counts for nothing, only the provider's token.
    "messaging:sms_inbound": Route(set(), public=True, method="post", ok=401),
    # Case conferences (lokaal cliëntoverleg)
    # `coordinator` is made an LCO coordinator here too (a participation coordinator alone
    # works on no cases).
    "casework:list": Route(CASE_WORKERS, kwargs=case_coordinator),
    "casework:request": Route(CASE_WORKERS, kwargs=case_coordinator),
    "casework:signals": Route({"coordinator"}, kwargs=case_coordinator, special={"other_org": 403}),
    "casework:signal_report": Route(
        {"admin", "coordinator", "policy_maker"}, kwargs=case_coordinator
    ),
    "casework:settings": Route(ADMIN),
    "casework:case": Route(ON_CASE, kwargs=case_kwargs("case"), scoped=True, special=NOT_ON_CASE),
    "casework:print": Route(ON_CASE, kwargs=case_kwargs("case"), scoped=True, special=NOT_ON_CASE),
    "casework:document": Route(
        ON_CASE, kwargs=case_kwargs("document"), scoped=True, special=NOT_ON_CASE
    ),
    "casework:withdraw": Route(
        ON_CASE, kwargs=case_kwargs("case"), scoped=True, special=NOT_ON_CASE
    ),
    "casework:agenda": Route(
        {"coordinator", "partner_worker"},
        kwargs=case_kwargs("case"),
        scoped=True,
        special=NOT_ON_CASE,
    ),
    "casework:agreement_status": Route(
        {"coordinator", "partner_worker"},
        kwargs=case_kwargs("agreement"),
        scoped=True,
        method="post",
        ok=302,
        special=NOT_ON_CASE,
    ),
    **{
        f"casework:{name}": Route(
            {"coordinator"}, kwargs=case_kwargs(kind), scoped=True, special=NOT_ON_CASE
        )
        for name, kind in [
            ("coordinator", "case"),
            ("consent", "case"),
            ("consent_form", "case"),
            ("invite", "case"),
            ("key_worker", "case"),
            ("meeting_add", "case"),
            ("report", "meeting"),
            ("evaluation", "case"),
            ("close", "case"),
            ("document_add", "case"),
            ("access_log", "case"),
            ("case_signal", "case"),
        ]
    },
    "casework:agreement_add": Route(
        {"coordinator"}, kwargs=case_kwargs("case"), scoped=True, method="post", special=NOT_ON_CASE
    ),
    "casework:provider_remove": Route(
        {"coordinator"},
        kwargs=case_kwargs("provider"),
        scoped=True,
        method="post",
        ok=302,
        special=NOT_ON_CASE,
    ),
    # A request: the LCO coordinator decides; the requester (social worker) follows it.
    "casework:decide": Route(
        {"coordinator"},
        kwargs=request_kwargs,
        scoped=True,
        special={**NOT_ON_CASE, "partner_worker": 404},
    ),
    # The ground rules are only for the invited provider who has not yet accepted them.
    "casework:ground_rules": Route(
        {"partner_worker"}, kwargs=invitation_kwargs, scoped=True, special=ONLY_INVITEE
    ),
    # The participant's own page: no staff login; without a participant session it is a
    # friendly refusal for everyone, and an unknown token is a friendly 404.
    "participation:open_link": Route(set(), public=True, ok=404),
    "participation:short_link": Route(set(), public=True, ok=404),
    "participation:my_page": Route(set(), public=True, ok=403),
    "participation:my_input": Route(
        set(),
        kwargs=lambda w, loop: {"question_pk": loop.question.pk},
        public=True,
        method="post",
        ok=403,
    ),
    "participation:my_question": Route(
        set(), kwargs=lambda w, loop: {"question_pk": loop.question.pk}, public=True, ok=403
    ),
    "participation:my_withdraw": Route(
        set(), kwargs=pk_of("contribution"), public=True, method="post", ok=403
    ),
    "participation:my_reply": Route(
        set(), kwargs=pk_of("invitation"), public=True, method="post", ok=403
    ),
    "participation:my_meeting_ics": Route(set(), kwargs=pk_of("invitation"), public=True, ok=403),
    "participation:my_language": Route(set(), public=True, method="post", ok=403),
    "participation:my_logout": Route(set(), public=True, method="post", ok=200),
}

# Results, advisory councils and hearings: rows in inbreng/signals/tests/routes_results.py.
from inbreng.signals.tests.routes_results import result_routes  # noqa: E402

ROUTES.update(result_routes(Route))

# Signals, advice, bodies and themes: rows in inbreng/signals/tests/factories.py.
from inbreng.signals.tests.factories import signal_routes  # noqa: E402

ROUTES.update(signal_routes(Route))

# Surveys: questionnaires, interviews, self-completion and paper (inbreng/surveys/tests/).
from inbreng.surveys.tests.routes_collect import collect_routes  # noqa: E402

ROUTES.update(collect_routes(Route))

# Survey results, sampling and selection: rows in inbreng/surveys/tests/routes_results.py.
from inbreng.surveys.tests.routes_results import survey_result_routes  # noqa: E402

ROUTES.update(survey_result_routes(Route))

# Django's own pages, checked elsewhere or not ours to declare.
IGNORED_PREFIXES = ("admin:", "set_language")


def all_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list[Any], namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
                walk(p.url_patterns, ns)
            elif isinstance(p, URLPattern) and p.name:
                names.add(namespace + p.name)

    walk(get_resolver().url_patterns, "")
    return {n for n in names if not n.startswith(IGNORED_PREFIXES)}


def test_it_declares_every_url() -> None:
    missing = all_url_names() - set(ROUTES)
    assert not missing, f"Add these URLs to the authorization matrix: {sorted(missing)}"
    stale = set(ROUTES) - all_url_names()
    assert not stale, f"These URLs no longer exist: {sorted(stale)}"


def expected(route: Route, actor: str) -> int:
    if actor in route.special:
        return route.special[actor]
    if route.public:
        return route.ok
    if actor == "anonymous":
        return 302
    if actor == "other_org":
        return 404 if route.scoped else route.ok
    return route.ok if actor in route.allowed else 403


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_it_answers_each_actor_as_declared(world: World, loop: Loop, name: str) -> None:
    route = ROUTES[name]
    url = reverse(name, kwargs=route.kwargs(world, loop))
    outcomes = {}
    for actor in ACTORS:
        client = (
            world.client_for(actor)
            if actor != "anonymous"
            else __import__("django.test").test.Client()
        )
        response = getattr(client, route.method)(url)
        outcomes[actor] = response.status_code
        if (
            actor == "anonymous"
            and response.status_code == 302
            and not route.public
            and name != "logout"
        ):
            assert response["Location"].startswith(reverse("login")), name
    wanted = {actor: expected(route, actor) for actor in ACTORS}
    assert outcomes == wanted


def test_platform_admin_is_for_superusers_only(world: World) -> None:
    response = world.client_for("admin").get("/platform-admin/")
    assert response.status_code == 302
    assert "/platform-admin/login/" in response["Location"]
