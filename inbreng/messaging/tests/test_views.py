"""The messaging pages as staff use them: send from a meeting, follow it in the outbox, call,
pass on, and write the texts."""

from __future__ import annotations

import smtplib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import pytest
from django.core import mail
from django.template.defaultfilters import floatformat
from django.test import Client
from django.urls import reverse
from django.utils import translation

from conftest import World, make_participant, verified_login
from inbreng.core.models import AuditEvent, Membership, User
from inbreng.core.tests.helpers import (
    dutch,
    dutch_count,
    field_error,
    messages_shown,
    text,
    texts,
)
from inbreng.groups import services as group_services
from inbreng.groups.models import GroupMembership, ParticipationGroup
from inbreng.messaging.models import Delivery, JargonTerm, Kind, Message, MessageTemplate
from inbreng.messaging.services import plain_check
from inbreng.participation.models import Invitation, Meeting
from inbreng.participation.tests.helpers import Build
from inbreng.people.models import Channel, Participant

ADDRESS = {"street": "Kerkstraat 1", "postal_code": "9000", "city": "Gent"}

HARD_DUTCH = (
    "Overeenkomstig de bepalingen van het reglement betreffende de organisatie van "
    "participatietrajecten wordt u hierbij verzocht om uw aanwezigheid op de eerstvolgende "
    "bijeenkomst van de adviesraad schriftelijk te bevestigen."
)


def nl(label: Any) -> str:
    """A (lazy) label as a Dutch page shows it."""
    with translation.override("nl"):
        return str(label)


class _Rows(HTMLParser):
    """The cells of every table row, header cells included, as text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def table_rows(response: Any) -> list[list[str]]:
    parser = _Rows()
    parser.feed(response.content.decode())
    return parser.rows


def row_of(response: Any, name: str) -> list[str]:
    found = [row for row in table_rows(response) if row and row[0] == name]
    assert len(found) == 1, (name, table_rows(response))
    return found[0]


def names_listed(response: Any) -> list[str]:
    """The people in the per-person table of a message page."""
    return [row[0] for row in table_rows(response)[1:] if len(row) == 5]


@dataclass
class Outreach:
    """A planned meeting of a group whose members each want another channel."""

    group: ParticipationGroup
    meeting: Meeting
    by_sms: Participant
    by_mail: Participant
    by_letter: Participant
    via_worker: Participant
    by_phone: Participant
    unreachable: Participant

    @property
    def everyone(self) -> list[Participant]:
        return [
            self.by_sms,
            self.by_mail,
            self.by_letter,
            self.via_worker,
            self.by_phone,
            self.unreachable,
        ]


@pytest.fixture
def build(world: World) -> Build:
    return Build(world)


def join(build: Build, group: ParticipationGroup, name: str, **fields: Any) -> Participant:
    person = make_participant(build.world.org, name=name, **fields)
    group_services.membership_add(
        group=group, participant=person, by=build.coordinator, stage=GroupMembership.Stage.MEMBER
    )
    return person


@pytest.fixture
def outreach(build: Build, world: World) -> Outreach:
    group = build.group("Praatgroep")
    worker = world.users["social_worker"]
    people = Outreach(
        group=group,
        meeting=build.meeting(group, 7, title="Praatcafé"),
        by_sms=join(build, group, "Sam Sms", phone="+32470111222"),
        by_mail=join(
            build,
            group,
            "Mila Mail",
            preferred_channel=Channel.EMAIL,
            email="mila@example.be",
            phone="",
        ),
        by_letter=join(
            build, group, "Lea Brief", preferred_channel=Channel.LETTER, phone="", **ADDRESS
        ),
        via_worker=join(
            build,
            group,
            "Wout Werker",
            preferred_channel=Channel.SOCIAL_WORKER,
            phone="",
            social_worker=worker,
        ),
        by_phone=join(
            build, group, "Fien Bel", preferred_channel=Channel.PHONE, phone="+3292345678"
        ),
        unreachable=join(build, group, "Niemand Nergens", phone=""),
    )
    coordinator = world.client_for("coordinator")
    response = coordinator.post(reverse("participation:invite", args=[people.meeting.pk]))
    assert response.status_code == 302
    assert people.meeting.invitations.count() == 6
    return people


@pytest.fixture
def coordinator(world: World) -> Client:
    return world.client_for("coordinator")


@pytest.fixture
def deliver_on_commit(django_capture_on_commit_callbacks: Any) -> Any:
    """Runs what a view queued for after its transaction, as the task worker would."""

    @contextmanager
    def _run() -> Iterator[None]:
        with django_capture_on_commit_callbacks(execute=True):
            yield

    return _run


def seen_in(preview: Any) -> str:
    """How many people the preview before sending showed (its confirming form sends it back)."""
    html = preview.content.decode()
    start = html.index('name="seen" value="') + len('name="seen" value="')
    return html[start : html.index('"', start)]


def send_invitations(client: Client, meeting: Meeting, deliver_on_commit: Any) -> Any:
    """As staff send them: the meeting page's button shows what would go out, and the
    preview's own button sends it. Returns the answer to the step that ended it."""
    url = reverse("participation:send_invitations", args=[meeting.pk])
    preview = client.post(url)
    if preview.status_code != 200:
        return preview
    with deliver_on_commit():
        return client.post(url, {"confirm": "1", "seen": seen_in(preview)})


def send_message(
    client: Client, meeting: Meeting, data: dict[str, str], deliver_on_commit: Any
) -> Any:
    """Another message about the meeting: first the preview, then its send button, with the
    same text. Returns the answer to the step that ended it."""
    url = reverse("participation:meeting_message", args=[meeting.pk])
    preview = client.post(url, {**data, "preview": "1"})
    if 'name="confirm"' not in preview.content.decode():
        return preview
    with deliver_on_commit():
        return client.post(url, {**data, "confirm": "1", "seen": seen_in(preview)})


def sent(outreach: Outreach, coordinator: Client, deliver_on_commit: Any) -> Message:
    response = send_invitations(coordinator, outreach.meeting, deliver_on_commit)
    assert response.status_code == 302
    return Message.objects.get()


def delivery_of(person: Participant, message: Message | None = None) -> Delivery:
    rows = Delivery.objects.filter(participant=person)
    return (rows.filter(message=message) if message else rows).get()


def progress_text(done: int, total: int) -> str:
    return dutch("%(done)s of %(total)s done") % {"done": done, "total": total}


# Sending invitations from the meeting page ---------------------------------------------------


def test_it_sends_the_invitations_and_shows_every_recipient_with_channel_and_status(
    outreach: Outreach,
    coordinator: Client,
    deliver_on_commit: Any,
    sms_outbox: list[dict[str, str]],
) -> None:
    meeting_page = coordinator.get(reverse("participation:meeting", args=[outreach.meeting.pk]))
    assert dutch_count(
        "Send the invitation to %(counter)s person", "Send the invitation to %(counter)s people", 6
    ) in text(meeting_page, tag="main")

    response = send_invitations(coordinator, outreach.meeting, deliver_on_commit)

    message = Message.objects.get()
    assert response["Location"] == reverse("messaging:message", args=[message.pk])
    page = coordinator.get(response["Location"])
    assert dutch("The invitations are on their way.") in messages_shown(page)
    progress = text(page, id="message-progress-label")
    assert progress_text(2, 6) in progress
    assert dutch_count("%(counter)s problem", "%(counter)s problems", 1) in progress
    expected = {
        "Sam Sms": (Channel.SMS, Delivery.Status.SENT),
        "Mila Mail": (Channel.EMAIL, Delivery.Status.SENT),
        "Lea Brief": (Channel.LETTER, Delivery.Status.TO_PRINT),
        "Wout Werker": (Channel.SOCIAL_WORKER, Delivery.Status.TO_PASS_ON),
        "Fien Bel": (Channel.PHONE, Delivery.Status.TO_CALL),
    }
    for name, (channel, status) in expected.items():
        row = row_of(page, name)
        assert (row[1], row[3]) == (nl(channel.label), nl(status.label)), name
    assert sorted(names_listed(page)) == sorted(p.name for p in outreach.everyone)
    assert [t["to"] for t in sms_outbox] == ["+32470111222"]
    assert sms_outbox[0]["text"].startswith("Dag Sam.")
    assert [m.to for m in mail.outbox] == [["mila@example.be"]]
    # The meeting page now offers no second invitation, and lists the message.
    meeting_page = coordinator.get(reverse("participation:meeting", args=[outreach.meeting.pk]))
    assert reverse("participation:send_invitations", args=[outreach.meeting.pk]) not in (
        meeting_page.content.decode()
    )
    assert progress_text(2, 6) in text(meeting_page, cls="link-list")


def test_a_second_send_messages_nobody_twice(
    outreach: Outreach,
    coordinator: Client,
    deliver_on_commit: Any,
    sms_outbox: list[dict[str, str]],
) -> None:
    sent(outreach, coordinator, deliver_on_commit)

    response = send_invitations(coordinator, outreach.meeting, deliver_on_commit)

    assert response["Location"] == reverse("participation:meeting", args=[outreach.meeting.pk])
    page = coordinator.get(response["Location"])
    assert dutch("Everyone on the list already got the invitation.") in messages_shown(page)
    assert Message.objects.count() == 1
    assert len(sms_outbox) == 1
    assert len(mail.outbox) == 1


def test_people_added_to_the_group_later_get_only_their_own_invitation(
    outreach: Outreach,
    build: Build,
    coordinator: Client,
    deliver_on_commit: Any,
    sms_outbox: list[dict[str, str]],
) -> None:
    first = sent(outreach, coordinator, deliver_on_commit)
    late = join(build, outreach.group, "Nora Nieuw", phone="+32470555666")
    coordinator.post(reverse("participation:invite", args=[outreach.meeting.pk]))
    meeting_page = coordinator.get(reverse("participation:meeting", args=[outreach.meeting.pk]))
    assert dutch_count(
        "Send the invitation to %(counter)s person", "Send the invitation to %(counter)s people", 1
    ) in text(meeting_page, tag="main")

    response = send_invitations(coordinator, outreach.meeting, deliver_on_commit)

    second = Message.objects.exclude(pk=first.pk).get()
    assert response["Location"] == reverse("messaging:message", args=[second.pk])
    assert names_listed(coordinator.get(response["Location"])) == ["Nora Nieuw"]
    assert [t["to"] for t in sms_outbox] == ["+32470111222", "+32470555666"]
    assert delivery_of(late).message == second
    assert len(mail.outbox) == 1


# The outbox and a message's page -------------------------------------------------------------


def test_the_outbox_lists_the_message_with_how_many_are_done(
    outreach: Outreach, coordinator: Client, deliver_on_commit: Any
) -> None:
    message = sent(outreach, coordinator, deliver_on_commit)

    page = coordinator.get(reverse("messaging:outbox"))

    row = row_of(page, message.title)
    assert row[0].startswith("Praatcafé")
    assert row[1] == nl(Kind.INVITATION.label)
    assert progress_text(2, 6) in row[3]
    assert reverse("messaging:message", args=[message.pk]) in page.content.decode()


def test_the_outbox_gives_each_progress_bar_its_own_label(
    outreach: Outreach, build: Build, coordinator: Client, deliver_on_commit: Any
) -> None:
    """Two messages: each progress bar is labelled by its own line, not the first one's."""
    sent(outreach, coordinator, deliver_on_commit)
    join(build, outreach.group, "Nora Nieuw", phone="+32470555666")
    coordinator.post(reverse("participation:invite", args=[outreach.meeting.pk]))
    send_invitations(coordinator, outreach.meeting, deliver_on_commit)

    html = coordinator.get(reverse("messaging:outbox")).content.decode()

    labels = _attribute_values(html, "aria-labelledby")
    assert len(labels) == 2
    assert len(set(labels)) == 2
    for label in labels:
        assert f'id="{label}"' in html


def _attribute_values(html: str, name: str) -> list[str]:
    found: list[str] = []

    class _Find(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.extend(value or "" for key, value in attrs if key == name)

    _Find().feed(html)
    return found


def test_the_page_updates_its_progress_while_messages_go_out(
    outreach: Outreach, coordinator: Client
) -> None:
    """Without the worker having run, e-mail and SMS wait: the progress polls for news."""
    url = reverse("participation:send_invitations", args=[outreach.meeting.pk])
    preview = coordinator.post(url)
    response = coordinator.post(url, {"confirm": "1", "seen": seen_in(preview)})
    message = Message.objects.get()
    page = coordinator.get(response["Location"])
    assert "?deel=voortgang" in page.content.decode()
    assert dutch("This page updates itself. Without JavaScript, reload it to see progress.") in (
        text(page, tag="main")
    )
    listed = AuditEvent.objects.filter(object_type="messaging.message").count()

    partial = coordinator.get(
        response["Location"], {"deel": "voortgang"}, headers={"HX-Request": "true"}
    )

    html = partial.content.decode()
    assert html.lstrip().startswith('<div id="progress"')
    assert "<table" not in html  # no names in the part that is fetched every 2 seconds
    assert progress_text(0, 6) in text(partial, id="message-progress-label")
    # Polling every 2 seconds does not fill the audit log: it shows no names.
    assert AuditEvent.objects.filter(object_type="messaging.message").count() == listed
    assert message.total == 6


def test_the_status_filter_shows_only_people_with_that_status(
    outreach: Outreach, coordinator: Client, deliver_on_commit: Any
) -> None:
    message = sent(outreach, coordinator, deliver_on_commit)
    url = reverse("messaging:message", args=[message.pk])

    assert names_listed(coordinator.get(url, {"status": "to_print"})) == ["Lea Brief"]
    assert sorted(names_listed(coordinator.get(url, {"status": "sent"}))) == [
        "Mila Mail",
        "Sam Sms",
    ]
    assert names_listed(coordinator.get(url, {"status": "failed"})) == []
    # An unknown status shows everyone rather than an error.
    unknown = coordinator.get(url, {"status": "<script>"})
    assert unknown.status_code == 200
    assert len(names_listed(unknown)) == 6


def test_a_person_without_any_channel_is_listed_with_what_to_add(
    outreach: Outreach, coordinator: Client, deliver_on_commit: Any
) -> None:
    message = sent(outreach, coordinator, deliver_on_commit)

    page = coordinator.get(reverse("messaging:message", args=[message.pk]))

    row = row_of(page, "Niemand Nergens")
    assert row[1] == "—"
    assert row[3] == nl(Delivery.Status.NO_CHANNEL.label)
    assert row[4] == dutch("Add a phone number, e-mail, address or social worker.")


def test_failed_messages_can_be_tried_again(
    outreach: Outreach,
    coordinator: Client,
    deliver_on_commit: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(self: Any, messages: Any) -> int:
        raise smtplib.SMTPRecipientsRefused({"mila@example.be": (550, b"mailbox full")})

    with monkeypatch.context() as patch:
        patch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
        message = sent(outreach, coordinator, deliver_on_commit)
    url = reverse("messaging:message", args=[message.pk])
    page = coordinator.get(url)
    row = row_of(page, "Mila Mail")
    assert row[3] == nl(Delivery.Status.FAILED.label)
    assert "SMTPRecipientsRefused" in row[4]
    assert dutch("Try the failed ones again") in text(page, tag="main")

    with deliver_on_commit():
        response = coordinator.post(reverse("messaging:retry", args=[message.pk]))

    assert response["Location"] == url
    page = coordinator.get(url)
    assert messages_shown(page) == _counted(
        "%(count)d message is sent again.", "%(count)d messages are sent again.", 1
    )
    assert row_of(page, "Mila Mail")[3] == nl(Delivery.Status.SENT.label)
    assert [m.to for m in mail.outbox] == [["mila@example.be"]]
    # Sam's SMS and now Mila's e-mail.
    assert progress_text(2, 6) in text(page, id="message-progress-label")


def _counted(singular: str, plural: str, count: int) -> str:
    with translation.override("nl"):
        return translation.ngettext(singular, plural, count) % {"count": count}


# The phone list ------------------------------------------------------------------------------


def test_the_phone_list_shows_who_to_call_and_what_to_say(
    outreach: Outreach, coordinator: Client, deliver_on_commit: Any
) -> None:
    message = sent(outreach, coordinator, deliver_on_commit)

    page = coordinator.get(reverse("messaging:phone_list", args=[message.pk]))

    assert texts(page, tag="h2") == ["Fien Bel · 09 234 56 78"]
    assert dutch("What to say") in texts(page, tag="summary")
    to_say = text(page, cls="call-script")
    # The call script, written to be spoken: no web address to read aloud.
    assert "Dag Fien." in to_say
    assert "Praatcafé" in to_say
    assert "{" not in to_say
    assert "http" not in to_say


def test_an_answer_on_the_phone_is_recorded_on_the_invitation(
    outreach: Outreach, world: World, coordinator: Client, deliver_on_commit: Any
) -> None:
    message = sent(outreach, coordinator, deliver_on_commit)
    call = delivery_of(outreach.by_phone)

    response = coordinator.post(
        reverse("messaging:call_done", args=[call.pk]),
        {"reply": "yes", "children": "2", "needs_transport": "on"},
    )

    assert response["Location"] == reverse("messaging:phone_list", args=[message.pk])
    page = coordinator.get(response["Location"])
    assert texts(page, tag="h2") == []
    assert text(page, tag="main").endswith(dutch("Nobody left to call."))
    call.refresh_from_db()
    assert (call.status, call.answer, call.handled_by) == (
        Delivery.Status.DONE,
        "yes",
        world.users["coordinator"],
    )
    invitation = Invitation.objects.get(meeting=outreach.meeting, participant=outreach.by_phone)
    assert (invitation.reply, invitation.children, invitation.needs_transport) == (
        Invitation.Reply.YES,
        2,
        True,
    )
    totals = text(
        coordinator.get(reverse("participation:meeting", args=[outreach.meeting.pk])),
        cls="totals",
    )
    assert dutch("Coming: %(n)s") % {"n": 1} in totals
    assert dutch("Children for childcare: %(n)s") % {"n": 2} in totals
    assert dutch("Need transport: %(n)s") % {"n": 1} in totals
    # The message page says what the person answered, in words staff read.
    detail = coordinator.get(reverse("messaging:message", args=[message.pk]))
    remark = row_of(detail, "Fien Bel")[4]
    assert remark == f"{dutch('Answer:')} {dutch('Yes, comes')}"


def test_someone_not_reached_stays_on_the_phone_list(
    outreach: Outreach, coordinator: Client, deliver_on_commit: Any
) -> None:
    message = sent(outreach, coordinator, deliver_on_commit)
    call = delivery_of(outreach.by_phone)

    response = coordinator.post(
        reverse("messaging:call_done", args=[call.pk]), {"not_reached": "on"}
    )

    page = coordinator.get(response["Location"])
    assert dutch("The call stays on the list.") in messages_shown(page)
    assert texts(page, tag="h2") == ["Fien Bel · 09 234 56 78"]
    call.refresh_from_db()
    assert call.status == Delivery.Status.TO_CALL
    assert Invitation.objects.get(participant=outreach.by_phone).reply == Invitation.Reply.UNKNOWN
    assert message.pk == call.message_id


def test_saving_a_call_twice_does_not_show_an_error_page(
    outreach: Outreach, coordinator: Client, deliver_on_commit: Any
) -> None:
    """Two people working through the same list, or a double click, both end on the list."""
    message = sent(outreach, coordinator, deliver_on_commit)
    call = delivery_of(outreach.by_phone)
    url = reverse("messaging:call_done", args=[call.pk])
    coordinator.post(url, {"reply": "yes"})

    response = coordinator.post(url, {"reply": "no"})

    assert response["Location"] == reverse("messaging:phone_list", args=[message.pk])
    assert Invitation.objects.get(participant=outreach.by_phone).reply == Invitation.Reply.YES


def test_each_call_form_has_its_own_field_labels(
    outreach: Outreach, build: Build, coordinator: Client, deliver_on_commit: Any
) -> None:
    join(build, outreach.group, "Jan Bel", preferred_channel=Channel.PHONE, phone="+3293334455")
    coordinator.post(reverse("participation:invite", args=[outreach.meeting.pk]))
    message = sent(outreach, coordinator, deliver_on_commit)

    html = coordinator.get(reverse("messaging:phone_list", args=[message.pk])).content.decode()

    ids = _attribute_values(html, "id")
    assert len(ids) == len(set(ids)), "two fields share an id: a label ticks the wrong person"
    for target in _attribute_values(html, "for"):
        assert f'id="{target}"' in html


# Passing messages on through the social worker ---------------------------------------------


def other_social_worker(world: World) -> User:
    user = User.objects.create_user(username="worker2", password="a-long-test-password")
    Membership.objects.create(organisation=world.org, user=user, is_social_worker=True)
    return user


def test_a_social_worker_sees_only_the_messages_they_pass_on(
    outreach: Outreach, world: World, coordinator: Client, deliver_on_commit: Any
) -> None:
    sent(outreach, coordinator, deliver_on_commit)
    worker = world.client_for("social_worker")

    page = worker.get(reverse("messaging:pass_on"))

    message = Message.objects.get()
    assert texts(page, tag="h2") == [f"Wout Werker: {message.title}"]
    assert "Dag Wout," in text(page, cls="card--plain")
    colleague = verified_login(Client(), other_social_worker(world))
    empty = colleague.get(reverse("messaging:pass_on"))
    assert texts(empty, tag="h2") == []
    assert dutch("Nothing to pass on. Thank you!") in text(empty, tag="main")
    assert texts(coordinator.get(reverse("messaging:pass_on")), tag="h2") == []


def test_the_start_page_counts_the_messages_to_pass_on(
    outreach: Outreach, world: World, coordinator: Client, deliver_on_commit: Any
) -> None:
    sent(outreach, coordinator, deliver_on_commit)

    worker_home = world.client_for("social_worker").get(reverse("core:home"))
    coordinator_home = coordinator.get(reverse("core:home"))

    panel = _panel(worker_home)
    assert (
        dutch_count(
            "%(counter)s message for you to pass on", "%(counter)s messages for you to pass on", 1
        )
        in panel
    )
    assert reverse("messaging:pass_on") in worker_home.content.decode()
    work = _panel(coordinator_home)
    for singular, plural in [
        ("%(counter)s letter to print", "%(counter)s letters to print"),
        ("%(counter)s person to call", "%(counter)s people to call"),
        (
            "%(counter)s message waits for a social worker",
            "%(counter)s messages wait for a social worker",
        ),
    ]:
        assert dutch_count(singular, plural, 1) in work
    other = other_social_worker(world)
    assert _panel(verified_login(Client(), other).get(reverse("core:home"))) == ""


def _panel(response: Any) -> str:
    """The start page's messaging card."""
    cards = [
        t for t in texts(response, cls="card--attention") if dutch("Messages to participants") in t
    ]
    return cards[0] if cards else ""


def test_ticking_off_with_an_answer_records_the_reply(
    outreach: Outreach, world: World, coordinator: Client, deliver_on_commit: Any
) -> None:
    sent(outreach, coordinator, deliver_on_commit)
    task = delivery_of(outreach.via_worker)
    worker = world.client_for("social_worker")

    response = worker.post(
        reverse("messaging:passed_on", args=[task.pk]), {"reply": "maybe", "children": "1"}
    )

    assert response["Location"] == reverse("messaging:pass_on")
    page = worker.get(response["Location"])
    assert dutch("Done. Thank you for passing it on.") in messages_shown(page)
    assert texts(page, tag="h2") == []
    task.refresh_from_db()
    assert (task.status, task.answer) == (Delivery.Status.DONE, "maybe")
    invitation = Invitation.objects.get(participant=outreach.via_worker)
    assert (invitation.reply, invitation.children) == (Invitation.Reply.MAYBE, 1)
    totals = text(
        coordinator.get(reverse("participation:meeting", args=[outreach.meeting.pk])),
        cls="totals",
    )
    assert dutch("Maybe: %(n)s") % {"n": 1} in totals


def test_passing_on_without_an_answer_leaves_the_reply_open(
    outreach: Outreach, world: World, coordinator: Client, deliver_on_commit: Any
) -> None:
    sent(outreach, coordinator, deliver_on_commit)
    task = delivery_of(outreach.via_worker)

    world.client_for("social_worker").post(reverse("messaging:passed_on", args=[task.pk]), {})

    task.refresh_from_db()
    assert (task.status, task.answer) == (Delivery.Status.DONE, "")
    assert Invitation.objects.get(participant=outreach.via_worker).reply == Invitation.Reply.UNKNOWN


def test_another_social_worker_cannot_tick_it_off(
    outreach: Outreach, world: World, coordinator: Client, deliver_on_commit: Any
) -> None:
    sent(outreach, coordinator, deliver_on_commit)
    task = delivery_of(outreach.via_worker)
    colleague = verified_login(Client(), other_social_worker(world))

    response = colleague.post(reverse("messaging:passed_on", args=[task.pk]), {"reply": "no"})

    assert response.status_code == 404
    task.refresh_from_db()
    assert task.status == Delivery.Status.TO_PASS_ON
    assert Invitation.objects.get(participant=outreach.via_worker).reply == Invitation.Reply.UNKNOWN


def test_ticking_off_twice_does_not_show_an_error_page(
    outreach: Outreach, world: World, coordinator: Client, deliver_on_commit: Any
) -> None:
    sent(outreach, coordinator, deliver_on_commit)
    task = delivery_of(outreach.via_worker)
    worker = world.client_for("social_worker")
    url = reverse("messaging:passed_on", args=[task.pk])
    worker.post(url, {"reply": "yes"})

    response = worker.post(url, {"reply": "no"})

    assert response["Location"] == reverse("messaging:pass_on")
    assert Invitation.objects.get(participant=outreach.via_worker).reply == Invitation.Reply.YES


def test_each_pass_on_form_has_its_own_field_labels(
    outreach: Outreach, build: Build, world: World, coordinator: Client, deliver_on_commit: Any
) -> None:
    join(
        build,
        outreach.group,
        "Ward Werker",
        preferred_channel=Channel.SOCIAL_WORKER,
        phone="",
        social_worker=world.users["social_worker"],
    )
    coordinator.post(reverse("participation:invite", args=[outreach.meeting.pk]))
    sent(outreach, coordinator, deliver_on_commit)

    html = world.client_for("social_worker").get(reverse("messaging:pass_on")).content.decode()

    ids = _attribute_values(html, "id")
    assert len(ids) == len(set(ids)), "two fields share an id: a label ticks the wrong person"
    for target in _attribute_values(html, "for"):
        assert f'id="{target}"' in html


# Message texts -----------------------------------------------------------------------------


def test_the_text_list_shows_own_or_built_in_and_checked_per_language(
    world: World, coordinator: Client
) -> None:
    MessageTemplate.objects.create(
        organisation=world.org,
        kind=Kind.REMINDER,
        language="fr",
        subject="Rappel",
        body="Bonjour {naam}",
        sms="Rappel {naam}",
    )

    page = coordinator.get(reverse("messaging:templates"))

    rows = table_rows(page)
    header = rows[0]
    assert header[0] == dutch("Kind")
    assert len(header) == 5  # a column per language
    body = {row[0]: row[1:] for row in rows[1:]}
    assert set(body) == {nl(k.label) for k in Kind if k != Kind.FREE}
    built_in_checked = f"{dutch('Built-in text')} {dutch('Checked by a native speaker')}"
    built_in_unchecked = f"{dutch('Built-in text')} {dutch('Not yet checked by a native speaker')}"
    own_unchecked = f"{dutch('Own text')} {dutch('Not yet checked by a native speaker')}"
    # Each cell also says how many text messages its SMS takes, counted with a place and
    # its details: the built-in invitations take two at most, in every language.
    counts = {
        n: dutch_count("SMS: %(counter)s text message", "SMS: %(counter)s text messages", n)
        for n in (1, 2, 3)
    }
    one = counts[1]
    invitations = body[nl(Kind.INVITATION.label)]
    shown = [
        cell.removesuffix(f" {counts[3]}").removesuffix(f" {counts[2]}").removesuffix(f" {one}")
        for cell in invitations
    ]
    assert shown == [
        built_in_checked,
        built_in_unchecked,
        built_in_unchecked,
        built_in_unchecked,
    ]
    # Each language's column is headed with its own name for itself.
    arabic = header.index(translation.get_language_info("ar")["name_local"]) - 1
    for index, cell in enumerate(invitations):
        assert cell.endswith((counts[1], counts[2])), (index == arabic, cell)
    assert body[nl(Kind.REMINDER.label)][1] == f"{own_unchecked} {one}"
    assert reverse("messaging:template_edit", args=["reminder", "fr"]) in page.content.decode()


def template_url(kind: str = "invitation", language: str = "nl") -> str:
    return reverse("messaging:template_edit", args=[kind, language])


def template_post(**fields: Any) -> dict[str, Any]:
    data = {
        "subject": "Uitnodiging: {onderwerp}",
        "body": "Dag {naam}.\n\nKom je naar {onderwerp}? Het is op {datum}.",
        "sms": "Dag {naam}. Kom je? {link}",
    }
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}


def test_the_editor_starts_from_the_built_in_text(coordinator: Client) -> None:
    page = coordinator.get(template_url())

    assert "Dag {naam}," in text(page, id="id_body")
    assert 'id="plain-check-body"' in page.content.decode()  # where the live check goes


def test_an_unknown_placeholder_is_refused_and_named_and_the_text_is_kept(
    world: World, coordinator: Client
) -> None:
    typed = "Dag {naam}. Kom naar {zaal}."

    response = coordinator.post(template_url(), template_post(body=typed))

    assert response.status_code == 200
    error = field_error(response, "body")
    assert "{zaal}" in error
    assert error == dutch("The placeholder {%(name)s} does not exist.") % {"name": "zaal"}
    assert text(response, id="id_body") == typed
    assert not MessageTemplate.objects.filter(organisation=world.org).exists()


def test_hard_dutch_needs_a_reason(world: World, coordinator: Client) -> None:
    refused = coordinator.post(template_url(), template_post(body=HARD_DUTCH))

    assert refused.status_code == 200
    assert field_error(refused, "plain_override_reason") == dutch(
        "This text is hard to read. Make it easier, or say why it must stay so."
    )
    assert text(refused, id="id_body") == HARD_DUTCH
    assert text(refused, cls="plain-check")  # the report says what is hard
    assert not MessageTemplate.objects.exists()

    accepted = coordinator.post(
        template_url(),
        template_post(body=HARD_DUTCH, plain_override_reason="Tekst van de jurist."),
    )

    assert accepted["Location"] == reverse("messaging:templates")
    saved = MessageTemplate.objects.get(organisation=world.org, kind="invitation", language="nl")
    assert (saved.body, saved.plain_override_reason) == (HARD_DUTCH, "Tekst van de jurist.")
    assert dutch("The text is saved.") in messages_shown(coordinator.get(accepted["Location"]))


def test_an_arabic_text_checked_by_a_native_speaker_is_marked_as_checked(
    world: World, coordinator: Client, build: Build, deliver_on_commit: Any
) -> None:
    response = coordinator.post(
        template_url("invitation", "ar"),
        template_post(
            subject="دعوة: {onderwerp}",
            body="مرحبا {naam}. تعال إلى {onderwerp}.",
            sms="مرحبا {naam}. {link}",
            reviewed="on",
            reviewed_by="Samira B.",
        ),
    )

    assert response.status_code == 302
    saved = MessageTemplate.objects.get(organisation=world.org, language="ar")
    assert (saved.reviewed, saved.reviewed_by, saved.updated_by) == (
        True,
        "Samira B.",
        world.users["coordinator"],
    )
    cells = {row[0]: row[1:] for row in table_rows(coordinator.get(reverse("messaging:templates")))}
    assert cells[nl(Kind.INVITATION.label)][3] == (
        f"{dutch('Own text')} {dutch('Checked by a native speaker')} "
        + dutch_count("SMS: %(counter)s text message", "SMS: %(counter)s text messages", 1)
    )
    # An Arabic reader now gets this text.
    group = build.group("Arabisch")
    reader = join(build, group, "Samir A.", language="ar", phone="+32470777888")
    meeting = build.meeting(group, 3, title="Praatcafé")
    coordinator.post(reverse("participation:invite", args=[meeting.pk]))
    send_invitations(coordinator, meeting, deliver_on_commit)
    # Filled-in values are bidi isolates (FSI … PDI) in a right-to-left text.
    assert delivery_of(reader).body == "مرحبا \u2068Samir\u2069. تعال إلى \u2068Praatcafé\u2069."


def test_reset_goes_back_to_the_built_in_text(world: World, coordinator: Client) -> None:
    coordinator.post(template_url(), template_post())
    editor = coordinator.get(template_url())
    reset_url = reverse("messaging:template_reset", args=["invitation", "nl"])
    assert reset_url in editor.content.decode()

    response = coordinator.post(reset_url)

    assert response["Location"] == reverse("messaging:templates")
    assert dutch("The built-in text is used again.") in messages_shown(
        coordinator.get(response["Location"])
    )
    assert not MessageTemplate.objects.exists()
    editor = coordinator.get(template_url())
    assert "Dag {naam}," in text(editor, id="id_body")
    assert reset_url not in editor.content.decode()
    # Pressing it again (the back button) still ends on the list.
    assert coordinator.post(reset_url)["Location"] == reverse("messaging:templates")


# The plain-language check and the jargon list -------------------------------------------------


def test_the_live_check_shows_score_long_sentences_and_plain_alternatives(
    world: World, coordinator: Client
) -> None:
    body = f"Kom naar het OCMW. {HARD_DUTCH}"

    response = coordinator.post(
        reverse("messaging:plain_check"),
        {"field": "body", "body": body},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html  # only the part under the field
    report = text(response, cls="plain-check")
    expected = plain_check(world.org, body)
    assert not expected.passes
    assert report.startswith(dutch("Hard to read. Try shorter sentences and everyday words."))
    score = dutch("Reading score: %(score)s (at least %(threshold)s; higher is easier).") % {
        "score": floatformat(expected.report.flesch_douma, 0),
        "threshold": 60,
    }
    assert score in report
    assert HARD_DUTCH in text(response, tag="ul")
    assert "OCMW: sociaal huis" in report


def test_the_live_check_reads_the_field_it_is_told(coordinator: Client) -> None:
    response = coordinator.post(
        reverse("messaging:plain_check"),
        {"field": "sms", "sms": "Het OCMW belt je.", "body": "Dag."},
        headers={"HX-Request": "true"},
    )

    report = text(response, cls="plain-check")
    assert report.startswith(dutch("Easy to read."))
    assert "OCMW: sociaal huis" in report
    empty = coordinator.post(reverse("messaging:plain_check"), {"field": "body", "body": ""})
    assert empty.status_code == 200
    assert text(empty, cls="plain-check") == ""


def test_the_jargon_list_can_grow_and_shrink(world: World, coordinator: Client) -> None:
    page = coordinator.get(reverse("messaging:jargon"))
    terms = [row[0] for row in table_rows(page)[1:]]
    assert "OCMW" in terms
    assert dutch(
        "This is the built-in list. Your first change makes it your organisation's own."
    ) in text(page, tag="main")

    added = coordinator.post(
        reverse("messaging:jargon"),
        {"term": "dossierbeheerder", "alternative": "je vaste contactpersoon"},
    )

    assert added["Location"] == reverse("messaging:jargon")
    page = coordinator.get(added["Location"])
    rows = {row[0]: row[1] for row in table_rows(page)[1:]}
    assert rows["dossierbeheerder"] == "je vaste contactpersoon"
    assert set(rows) == set(terms) | {"dossierbeheerder"}  # the built-in words were kept
    check = coordinator.post(reverse("messaging:plain_check"), {"body": "Bel je dossierbeheerder."})
    assert "dossierbeheerder: je vaste contactpersoon" in text(check, cls="plain-check")

    removed = coordinator.post(reverse("messaging:jargon_remove"), {"term": "OCMW"})

    page = coordinator.get(removed["Location"])
    assert dutch("The word is off the list.") in messages_shown(page)
    assert "OCMW" not in [row[0] for row in table_rows(page)[1:]]
    check = coordinator.post(reverse("messaging:plain_check"), {"body": "Kom naar het OCMW."})
    assert "OCMW:" not in text(check, cls="plain-check")
    assert JargonTerm.objects.filter(organisation=world.org, active=True).count() == len(terms)


def test_the_first_removal_copies_the_built_in_list(world: World, coordinator: Client) -> None:
    from inbreng.plainlanguage import DEFAULT_JARGON

    coordinator.post(reverse("messaging:jargon_remove"), {"term": "OCMW"})

    own = set(
        JargonTerm.objects.filter(organisation=world.org, active=True).values_list(
            "term", flat=True
        )
    )
    assert own == set(DEFAULT_JARGON) - {"OCMW"}
    assert not JargonTerm.objects.exclude(organisation=world.org).exists()


# Other messages about a meeting ----------------------------------------------------------------


def message_url(meeting: Meeting) -> str:
    return reverse("participation:meeting_message", args=[meeting.pk])


def test_a_free_message_needs_a_subject_and_a_text(
    outreach: Outreach, coordinator: Client, deliver_on_commit: Any
) -> None:
    with deliver_on_commit():
        response = coordinator.post(
            message_url(outreach.meeting), {"kind": "free", "subject": "", "body": ""}
        )

    assert response.status_code == 200
    assert field_error(response, "subject") == dutch("Write this for a free message.")
    assert field_error(response, "body") == dutch("Write this for a free message.")
    assert not Message.objects.exists()


def test_a_free_message_goes_out_as_written(
    outreach: Outreach,
    coordinator: Client,
    deliver_on_commit: Any,
    sms_outbox: list[dict[str, str]],
) -> None:
    response = send_message(
        coordinator,
        outreach.meeting,
        {"kind": "free", "subject": "Andere zaal", "body": "Dag {naam}. We zitten in zaal 2."},
        deliver_on_commit,
    )

    message = Message.objects.get()
    assert response["Location"] == reverse("messaging:message", args=[message.pk])
    # Without an SMS text of its own, the SMS gives the subject and the personal link.
    assert sms_outbox[0]["text"].startswith("Andere zaal http://testserver/k/?")
    assert mail.outbox[0].subject == "Andere zaal"


def test_a_reminder_goes_only_to_people_who_did_not_say_no(
    outreach: Outreach, coordinator: Client, deliver_on_commit: Any
) -> None:
    sent(outreach, coordinator, deliver_on_commit)
    invitations = Invitation.objects.filter(meeting=outreach.meeting)
    invitations.filter(participant=outreach.by_sms).update(reply=Invitation.Reply.NO)
    invitations.filter(participant=outreach.by_mail).update(reply=Invitation.Reply.YES)

    response = send_message(coordinator, outreach.meeting, {"kind": "reminder"}, deliver_on_commit)

    reminder = Message.objects.get(kind=Kind.REMINDER)
    assert response["Location"] == reverse("messaging:message", args=[reminder.pk])
    names = names_listed(coordinator.get(response["Location"]))
    assert sorted(names) == sorted(p.name for p in outreach.everyone if p != outreach.by_sms)
    assert reminder.total == 5


def test_a_cancellation_cancels_the_meeting(
    outreach: Outreach, coordinator: Client, deliver_on_commit: Any
) -> None:
    sent(outreach, coordinator, deliver_on_commit)

    response = send_message(
        coordinator, outreach.meeting, {"kind": "cancellation"}, deliver_on_commit
    )

    outreach.meeting.refresh_from_db()
    assert outreach.meeting.status == Meeting.Status.CANCELLED
    cancellation = Message.objects.get(kind=Kind.CANCELLATION)
    assert cancellation.total == 6
    page = coordinator.get(reverse("participation:meeting", args=[outreach.meeting.pk]))
    assert nl(Meeting.Status.CANCELLED.label) in text(page, cls="details")
    assert response["Location"] == reverse("messaging:message", args=[cancellation.pk])


def test_thanks_to_nobody_says_so(outreach: Outreach, coordinator: Client) -> None:
    response = coordinator.post(message_url(outreach.meeting), {"kind": "thanks"})

    # Nobody came yet: said next to the kind of message, which stays chosen.
    assert response.status_code == 200
    assert field_error(response, "kind") == dutch("Nobody to send this message to.")
    assert '<option value="thanks" selected>' in response.content.decode()
    assert not Message.objects.exists()


# Bad input -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "method", "data"),
    [
        ("meeting_message", "post", {"kind": "bogus"}),
        ("meeting_message", "post", {"kind": "free", "subject": "x", "body": "Dag {naam"}),
        ("meeting_message", "post", {"kind": "free", "subject": "{", "body": "}" * 5000}),
        ("message", "get", {"status": "bogus", "pagina": "-1"}),
        ("message", "get", {"pagina": "abc", "deel": "voortgang"}),
        ("outbox", "get", {"pagina": "9999"}),
        ("call_done", "post", {"reply": "perhaps", "children": "abc"}),
        ("call_done", "post", {"reply": "yes", "children": "-3"}),
        ("passed_on", "post", {"reply": "yes", "children": "999"}),
        ("template_edit", "post", {"subject": "", "body": "{}", "sms": "{0}"}),
        ("template_edit", "post", {"subject": "x" * 500, "body": "{naam.__class__}"}),
        ("plain_check", "post", {"field": "nothing"}),
        ("plain_check", "post", {"field": "body", "body": "\x00 {" * 10000}),
        ("jargon", "post", {"term": "", "alternative": ""}),
        ("jargon", "post", {"term": "x" * 500, "alternative": "y"}),
        ("jargon_remove", "post", {}),
    ],
)
def test_bad_input_never_breaks_a_page(
    outreach: Outreach,
    world: World,
    coordinator: Client,
    deliver_on_commit: Any,
    name: str,
    method: str,
    data: dict[str, str],
) -> None:
    message = sent(outreach, coordinator, deliver_on_commit)
    args: dict[str, list[Any]] = {
        "meeting_message": [outreach.meeting.pk],
        "message": [message.pk],
        "call_done": [delivery_of(outreach.by_phone).pk],
        "passed_on": [delivery_of(outreach.via_worker).pk],
        "template_edit": ["invitation", "nl"],
    }
    namespace = "participation" if name == "meeting_message" else "messaging"
    url = reverse(f"{namespace}:{name}", args=args.get(name, []))
    client = world.client_for("social_worker") if name == "passed_on" else coordinator
    before = Message.objects.count(), Delivery.objects.filter(status=Delivery.Status.DONE).count()

    with deliver_on_commit():
        response = getattr(client, method)(url, data)

    assert response.status_code in (200, 302)
    assert (
        Message.objects.count(),
        Delivery.objects.filter(status=Delivery.Status.DONE).count(),
    ) == before
    assert not MessageTemplate.objects.exists()
    if response.status_code == 200 and method == "post" and name != "plain_check":
        assert text(response, cls="field-error") or text(response, cls="error-summary")


@pytest.mark.parametrize(
    "url",
    [
        "/berichten/teksten/onbekend/nl/",
        "/berichten/teksten/free/nl/",
        "/berichten/teksten/invitation/tr/",
        "/berichten/999999/",
        "/berichten/999999/bellen/",
        "/berichten/999999/brieven.pdf",
    ],
)
def test_unknown_things_are_a_friendly_404(coordinator: Client, url: str) -> None:
    assert coordinator.get(url).status_code == 404
