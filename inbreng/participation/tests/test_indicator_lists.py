"""Indicators that are right, and open: every figure lists what it counts.

"On time" follows the decision, not the last edit. People who heard back count once, under
the way they first heard. Each list holds exactly what its figure counts, scoped to the
organisation and the reader's role: a service sees its own service, never names.
"""

from __future__ import annotations

import statistics
from datetime import date, timedelta
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import formats, translation

from conftest import World
from inbreng.core.models import AuditEvent, Membership, Service
from inbreng.core.tests.helpers import dutch, dutch_count, text, texts
from inbreng.groups.models import ParticipationGroup
from inbreng.participation import selectors, services
from inbreng.participation.models import FeedbackDelivery, Question, Response
from inbreng.participation.views import indicators as indicator_views
from inbreng.people.models import Participant

from .helpers import Build, count_queries, day
from .test_indicators import Example, ask, due, make_example

FIGURES = ("op-tijd", "dagen", "teruggekoppeld", "te-laat")


@pytest.fixture
def example(world: World, build: Build) -> Example:
    """The example of test_indicators: four questions, two groups, two services."""
    return make_example(world, build)


class _Rows(HTMLParser):
    """The cells of each body row of the page's table, as text; and each badge's status."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self.badges: list[list[str]] = []
        self.in_body = False
        self.cell: list[str] | None = None
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "tbody":
            self.in_body = True
        elif tag == "tr" and self.in_body:
            self.rows.append([])
            self.badges.append([])
        elif tag in ("td", "th") and self.in_body:
            self.cell = []
        elif tag == "span" and self.cell is not None:
            if self.hidden:
                self.hidden += 1
            elif "status-badge__mark" in (values.get("class") or ""):
                self.hidden = 1
            if "status-badge" in (values.get("class") or "").split():
                self.badges[-1].append(values.get("data-status") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "tbody":
            self.in_body = False
        elif tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "span" and self.hidden:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if self.cell is not None and not self.hidden:
            self.cell.append(data)


def table(response: Any) -> _Rows:
    parser = _Rows()
    parser.feed(response.content.decode())
    return parser


def list_url(figure: str, **scope: Any) -> str:
    query = "&".join(f"{name}={value}" for name, value in scope.items())
    return reverse("participation:indicator_list", args=[figure]) + (f"?{query}" if query else "")


def short_date(on: date) -> str:
    with translation.override("nl"):
        return formats.date_format(on, "SHORT_DATE_FORMAT")


def questions_listed(response: Any) -> list[str]:
    return [row[0] for row in table(response).rows]


def answer_decided(
    build: Build, service: Service, title: str, *, decided_days_ago: int | None
) -> Response:
    """A question answered well before its answer date, then edited today (after that date).

    With `decided_days_ago`, the service entered the decision date; without it, the answer
    was written 12 days ago and has no decision date of its own.
    """
    group = build.group(f"Groep voor {title}", members=1)
    meeting = build.held(group, -30)
    question = build.schedule(meeting, ask(build, service, title))
    decided_on = day(-decided_days_ago) if decided_days_ago is not None else None
    response = build.answer(question, [build.say(meeting, question)], decided_on=decided_on)
    if decided_on is None:
        Response.objects.filter(pk=response.pk).update(
            created_at=response.created_at - timedelta(days=12)
        )
    due(question, -5)
    # A typo corrected today: after the answer date, but the decision stays where it was.
    return services.response_update(
        response=response,
        version=response.version,
        status=response.status,
        explanation="We maken de letters groter. (Tikfout verbeterd.)",
        by=build.service_contact,
        decided_on=decided_on,
    )


# On time ---------------------------------------------------------------------------------


def test_answers_decided_before_their_date_and_edited_after_it_are_on_time(
    world: World, build: Build
) -> None:
    service = Service.objects.create(organisation=world.org, name="Sociale dienst")
    first = answer_decided(build, service, "Vraag met een beslisdatum", decided_days_ago=10)
    second = answer_decided(build, service, "Vraag zonder beslisdatum", decided_days_ago=None)
    for response in (first, second):
        assert response.updated_at.date() > response.question.answer_due_on

    figures = selectors.indicators(world.member("coordinator"), service_id=service.pk)
    assert (figures.questions_due, figures.answered_on_time, figures.answered_on_time_share) == (
        2,
        2,
        100,
    )

    coordinator = world.client_for("coordinator")
    page = coordinator.get(reverse("participation:indicators"))
    row = next(r for r in texts(page, tag="tr") if r.startswith("Sociale dienst"))
    assert "100%" in row
    listed = coordinator.get(list_url("op-tijd", dienst=service.pk))
    rows = table(listed)
    assert sorted(r[0] for r in rows.rows) == [
        "Vraag met een beslisdatum",
        "Vraag zonder beslisdatum",
    ]
    assert rows.badges == [["on_time"], ["on_time"]]
    decided = {r[0]: r[3] for r in rows.rows}
    assert decided["Vraag met een beslisdatum"] == short_date(day(-10))
    assert decided["Vraag zonder beslisdatum"] == short_date(day(-12))


def test_an_answer_decided_after_its_date_is_late_whenever_it_was_typed(
    world: World, build: Build
) -> None:
    service = Service.objects.create(organisation=world.org, name="Sociale dienst")
    group = build.group(members=1)
    meeting = build.held(group, -30)
    question = build.schedule(meeting, ask(build, service, "Laat beslist"))
    # Typed in early, but the council decided only yesterday, after the answer date.
    build.answer(question, [build.say(meeting, question)], decided_on=day(-1))
    due(question, -3)

    figures = selectors.indicators(world.member("coordinator"), service_id=service.pk)
    assert (figures.questions_due, figures.answered_on_time) == (1, 0)
    listed = world.client_for("coordinator").get(list_url("op-tijd", dienst=service.pk))
    assert table(listed).badges == [["late"]]
    assert table(listed).rows[0][4] == dutch_count(
        "Late: %(counter)s day", "Late: %(counter)s days", 2
    )


# Each list holds exactly what its figure counts ------------------------------------------


def scopes(example: Example) -> list[dict[str, int]]:
    return [
        {},
        {"groep": example.g1.pk},
        {"groep": example.g2.pk},
        {"dienst": example.s1.pk},
        {"dienst": example.s2.pk},
    ]


def figures_for(world: World, scope: dict[str, int]) -> selectors.Indicators:
    return selectors.indicators(
        world.member("coordinator"), group_id=scope.get("groep"), service_id=scope.get("dienst")
    )


def test_each_list_holds_exactly_what_its_figure_counts(world: World, example: Example) -> None:
    coordinator = world.client_for("coordinator")
    for scope in scopes(example):
        figures = figures_for(world, scope)
        on_time = table(coordinator.get(list_url("op-tijd", **scope)))
        assert len(on_time.rows) == figures.questions_due, scope
        assert sum(b == ["on_time"] for b in on_time.badges) == figures.answered_on_time, scope
        timed = table(coordinator.get(list_url("dagen", **scope)))
        days = [int(row[4]) for row in timed.rows]
        assert (statistics.median(days) if days else None) == figures.median_days_to_answer
        people = table(coordinator.get(list_url("teruggekoppeld", **scope)))
        assert len(people.rows) == figures.answered_contributors, scope
        assert sum(b == ["done"] for b in people.badges) == figures.fed_back, scope
        overdue = table(coordinator.get(list_url("te-laat", **scope)))
        assert len(overdue.rows) == figures.open_overdue, scope
        assert all(b == ["overdue"] for b in overdue.badges), scope


def test_the_lists_name_the_questions_and_people_they_count(world: World, example: Example) -> None:
    coordinator = world.client_for("coordinator")
    assert questions_listed(coordinator.get(list_url("op-tijd"))) == ["Q1", "Q3", "Q2"]
    assert table(coordinator.get(list_url("op-tijd"))).badges == [
        ["late"],
        ["overdue"],
        ["on_time"],
    ]
    assert questions_listed(coordinator.get(list_url("te-laat"))) == ["Q3"]
    timed = table(coordinator.get(list_url("dagen")))
    assert [(row[0], row[4]) for row in timed.rows] == [("Q1", "20"), ("Q2", "10")]

    people = table(coordinator.get(list_url("teruggekoppeld")))
    heard = {row[0]: (row[1], row[2]) for row in people.rows}
    letter = str(FeedbackDelivery.Channel.LETTER.label)
    page = str(FeedbackDelivery.Channel.PERSONAL_PAGE.label)
    assert heard == {
        "A": ("Q1", dutch(letter)),
        "B": ("Q1; Q2", dutch(page)),
        "C": ("Q1", dutch("Not yet")),
    }


def test_heard_back_counts_each_person_once_under_the_way_they_first_heard(
    world: World, example: Example, build: Build
) -> None:
    # a opens the letter again (a second letter record), b hears Q2 once more by phone.
    a = example.g1.memberships.get(participant__name="A").participant
    b = example.g1.memberships.get(participant__name="B").participant
    q1, q2 = Question.objects.get(title="Q1"), Question.objects.get(title="Q2")
    for person, question, channel in [
        (a, q1, FeedbackDelivery.Channel.LETTER),
        (b, q2, FeedbackDelivery.Channel.PHONE),
    ]:
        services.feedback_record(
            participant=person, question=question, channel=channel, by=build.coordinator
        )

    figures = selectors.indicators(world.member("coordinator"))

    assert figures.by_channel == [
        (FeedbackDelivery.Channel.LETTER, 1),
        (FeedbackDelivery.Channel.PERSONAL_PAGE, 1),
    ]
    assert sum(count for _channel, count in figures.by_channel) == figures.fed_back == 2
    listed = world.client_for("coordinator").get(list_url("teruggekoppeld"))
    shown = " ".join(texts(listed, cls="totals"))
    letter = dutch(str(FeedbackDelivery.Channel.LETTER.label))
    assert f"{letter}: 1" in shown
    assert dutch(str(FeedbackDelivery.Channel.PHONE.label)) not in shown


def test_someone_who_heard_only_part_of_their_answers_has_not_heard_back(
    world: World, example: Example
) -> None:
    """b heard about Q1 and Q2; take Q2's feedback away and b still waits for one answer."""
    FeedbackDelivery.objects.filter(question__title="Q2").delete()

    figures = selectors.indicators(world.member("coordinator"))

    assert (figures.answered_contributors, figures.fed_back) == (3, 1)
    people = table(world.client_for("coordinator").get(list_url("teruggekoppeld")))
    b = next(row for row in people.rows if row[0] == "B")
    assert dutch("Not yet") in b[2] and "Q2" in b[2]


# Who sees what ----------------------------------------------------------------------------


def test_a_service_sees_only_its_own_service_and_never_names(
    world: World, example: Example
) -> None:
    real_names = {"A": "Amira Achternaam", "B": "Bert Bakker", "C": "Chris Claes"}
    for letter, name in real_names.items():
        Participant.objects.filter(organisation=world.org, name=letter).update(name=name)
    client = world.client_for("service_contact")
    # Without a scope: what the service sees on the indicators page, its own questions.
    assert questions_listed(client.get(list_url("op-tijd"))) == ["Q1"]
    assert questions_listed(client.get(list_url("op-tijd", dienst=example.s1.pk))) == ["Q1"]
    people = client.get(list_url("teruggekoppeld"))
    names = [row[0] for row in table(people).rows]
    participant = dutch("Participant %(letter)s")
    assert names == [participant % {"letter": letter} for letter in "ABC"]
    for name in real_names.values():
        assert name not in people.content.decode()
    for scope in ({"dienst": example.s2.pk}, {"groep": example.g1.pk}):
        assert client.get(list_url("op-tijd", **scope)).status_code == 404


def test_a_policy_maker_sees_the_whole_organisation_without_names(
    world: World, example: Example
) -> None:
    client = world.client_for("policy_maker")
    assert questions_listed(client.get(list_url("op-tijd"))) == ["Q1", "Q3", "Q2"]
    names = [row[0] for row in table(client.get(list_url("teruggekoppeld"))).rows]
    assert names == [dutch("Participant %(letter)s") % {"letter": x} for x in "ABC"]


def test_names_on_the_list_are_an_audited_read(world: World, example: Example) -> None:
    before = AuditEvent.objects.filter(object_type="people.participant").count()
    world.client_for("coordinator").get(list_url("teruggekoppeld"))
    assert AuditEvent.objects.filter(object_type="people.participant").count() == before + 1


def test_another_organisation_sees_nothing_of_ours(world: World, example: Example) -> None:
    other = world.client_for("other_org")
    listed = other.get(list_url("op-tijd"))
    assert listed.status_code == 200
    assert questions_listed(listed) == []
    assert other.get(list_url("op-tijd", dienst=example.s1.pk)).status_code == 404
    assert other.get(list_url("teruggekoppeld", groep=example.g1.pk)).status_code == 404
    other_membership = Membership.objects.get(user=world.other_user)
    assert selectors.measure(other_membership).people == []


@pytest.mark.parametrize(
    "query",
    [
        "dienst=abc",
        "dienst=-1",
        "dienst=1.5",
        "groep=%00",
        "dienst=99999999999999999999",
        "dienst=999999",
        "groep=999999",
    ],
)
def test_a_bad_scope_is_not_found(world: World, example: Example, query: str) -> None:
    url = reverse("participation:indicator_list", args=["op-tijd"]) + "?" + query
    assert world.client_for("coordinator").get(url).status_code == 404


def test_two_scopes_at_once_or_an_unknown_figure_are_not_found(
    world: World, example: Example
) -> None:
    coordinator = world.client_for("coordinator")
    both = list_url("op-tijd", dienst=example.s1.pk, groep=example.g1.pk)
    assert coordinator.get(both).status_code == 404
    unknown = reverse("participation:indicator_list", args=["alles"])
    assert coordinator.get(unknown).status_code == 404


def test_the_list_is_paged_and_a_bad_page_number_shows_a_page(
    world: World, example: Example, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(indicator_views, "PAGE_SIZE", 2)
    coordinator = world.client_for("coordinator")
    first = coordinator.get(list_url("op-tijd"))
    second = coordinator.get(list_url("op-tijd") + "?pagina=2")
    assert questions_listed(first) + questions_listed(second) == ["Q1", "Q3", "Q2"]
    assert dutch("Next page") in text(first, cls="pagination")
    assert 'href="?pagina=2"' in first.content.decode()
    assert coordinator.get(list_url("op-tijd") + "?pagina=abc").status_code == 200
    # People keep their letter from one page to the next.
    service = world.client_for("service_contact")
    second_people = service.get(list_url("teruggekoppeld") + "?pagina=2")
    assert [row[0] for row in table(second_people).rows] == [
        dutch("Participant %(letter)s") % {"letter": "C"}
    ]


def test_each_figure_on_the_indicators_page_opens_its_list(world: World, example: Example) -> None:
    html = world.client_for("coordinator").get(reverse("participation:indicators")).content
    page = html.decode().replace("&amp;", "&")
    for figure in FIGURES:
        assert f'href="{list_url(figure)}"' in page, figure
    for figure in ("op-tijd", "dagen", "teruggekoppeld"):
        assert f'href="{list_url(figure, groep=example.g1.pk)}"' in page, figure
    assert f'href="{list_url("te-laat", dienst=example.s2.pk)}"' in page


# Query budget ----------------------------------------------------------------------------


def grow(build: Build, world: World, n: int) -> None:
    """More groups, services, questions, answers and people who heard back."""
    for i in range(n):
        service = Service.objects.create(organisation=world.org, name=f"Extra dienst {i}")
        group = build.group(f"Extra groep {i}", members=2)
        meeting = build.held(group, -15)
        question = build.schedule(meeting, ask(build, service, f"Extra vraag {i}"))
        build.answer(question, [build.say(meeting, question)])
        due(question, -1)
        for membership in group.memberships.all():
            services.feedback_record(
                participant=membership.participant,
                question=question,
                channel=FeedbackDelivery.Channel.LETTER,
                by=build.coordinator,
            )


@pytest.mark.parametrize(
    ("role", "figure", "budget"),
    [
        # One of them finds each question's newest answer: feedback before it told nothing.
        ("coordinator", "op-tijd", 12),
        ("coordinator", "teruggekoppeld", 14),
        ("service_contact", "teruggekoppeld", 13),
        ("policy_maker", "te-laat", 12),
    ],
)
def test_the_lists_keep_within_their_query_budget(
    world: World, build: Build, example: Example, role: str, figure: str, budget: int
) -> None:
    client: Client = world.client_for(role)
    url = list_url(figure)
    few = count_queries(client, url)
    grow(build, world, 6)
    assert count_queries(client, url) == few
    assert few <= budget


def test_a_scoped_list_keeps_within_its_query_budget(
    world: World, build: Build, example: Example
) -> None:
    client = world.client_for("coordinator")
    group = ParticipationGroup.objects.get(name="Groep 1")
    url = list_url("teruggekoppeld", groep=group.pk)
    few = count_queries(client, url)
    grow(build, world, 4)
    assert count_queries(client, url) == few
    assert few <= 15
