"""The register pages as coordinators, social workers and partner workers use them."""

from __future__ import annotations

import io
import json
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from pypdf import PdfReader

from conftest import World, make_participant
from inbreng.core.models import AuditEvent, Partner
from inbreng.people.models import Consent, Participant
from inbreng.people.services import ERASED_NAME

from .helpers import Page, in_english, participant_post

REGISTER = reverse("people:register")
ADD = reverse("people:add")


def detail_url(person: Participant) -> str:
    return reverse("people:detail", args=[person.pk])


def audit(world: World, action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(organisation=world.org, action=action))


def listed(response: object) -> list[str]:
    return Page(response).table_column(0)  # type: ignore[arg-type]


def dutch(message: str) -> str:
    with translation.override("nl"):
        return gettext(message)


# The register list ----------------------------------------------------------------------


@pytest.mark.parametrize("role", ["admin", "coordinator", "social_worker"])
def test_it_lists_the_whole_register_for_staff_who_keep_it(world: World, role: str) -> None:
    make_participant(world.org, name="Zonder verwijzer")

    response = world.client_for(role).get(REGISTER)

    assert response.status_code == 200
    assert listed(response) == ["Anouk T.", "Zonder verwijzer"]


def test_it_lists_for_a_partner_worker_only_the_people_their_partner_referred(
    world: World,
) -> None:
    make_participant(world.org, name="Zonder verwijzer")
    other = Partner.objects.create(organisation=world.org, name="Basiseducatie")
    make_participant(world.org, name="Via Basiseducatie", referred_by_partner=other)

    response = world.client_for("partner_worker").get(REGISTER, {"q": "a"})

    assert listed(response) == ["Anouk T."]


def test_it_never_lists_people_of_another_organisation(world: World) -> None:
    ours = world.client_for("coordinator").get(REGISTER)
    theirs = world.client_for("other_org").get(REGISTER)

    assert "Bram E." not in ours.content.decode()
    assert listed(theirs) == ["Bram E."]
    assert "Anouk" not in theirs.content.decode()


@pytest.mark.parametrize(
    "query", ["anouk", "0470 12 34 56", "+32470123456", "34 56", "anouk@example.be"]
)
def test_it_searches_the_register_by_name_phone_and_email(
    world: World, coordinator: Client, query: str
) -> None:
    world.participant.email = "anouk@example.be"
    world.participant.save()
    make_participant(world.org, name="Karel", phone="+32498765432", email="karel@example.be")

    response = coordinator.get(REGISTER, {"q": query})

    assert listed(response) == ["Anouk T."]
    assert Page(response).value("q") == query


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"need": "needs_childcare"}, ["Met kinderen"]),
        ({"language": "ar"}, ["Met tolk"]),
        ({"channel": "email"}, ["Met kinderen"]),
        ({"need": "needs_interpreter", "language": "ar"}, ["Met tolk"]),
        ({"need": "needs_interpreter", "channel": "email"}, []),
    ],
)
def test_it_filters_the_register_by_need_language_and_channel(
    world: World, coordinator: Client, filters: dict[str, str], expected: list[str]
) -> None:
    make_participant(
        world.org,
        name="Met kinderen",
        needs_childcare=True,
        email="k@example.be",
        preferred_channel="email",
    )
    make_participant(world.org, name="Met tolk", needs_interpreter=True, language="ar")

    response = coordinator.get(REGISTER, filters)

    assert listed(response) == expected
    assert all(Page(response).value(name) == value for name, value in filters.items())


def test_it_shows_fifty_people_a_page_and_keeps_the_search_when_paging(
    world: World, coordinator: Client
) -> None:
    for number in range(60):
        make_participant(world.org, name=f"Persoon {number:02}", phone="")

    first = coordinator.get(REGISTER, {"q": "Persoon"})
    next_link = Page(first).one("nav", cls="pagination")
    assert next_link is not None
    [href] = [a.attrs["href"] for a in next_link.walk() if a.tag == "a"]
    second = coordinator.get(REGISTER + href)

    assert len(listed(first)) == 50
    assert "q=Persoon" in href
    assert listed(second) == [f"Persoon {n}" for n in range(50, 60)]
    assert "60" in Page(first).one(cls="result-count").text  # type: ignore[union-attr]


def test_it_shows_the_last_page_for_a_page_number_past_the_end(coordinator: Client) -> None:
    response = coordinator.get(REGISTER, {"pagina": "999"})

    assert response.status_code == 200
    assert listed(response) == ["Anouk T."]


def test_it_answers_an_htmx_search_with_only_the_results(coordinator: Client) -> None:
    response = coordinator.get(REGISTER, {"q": "Anouk"}, headers={"HX-Request": "true"})

    html = response.content.decode().strip()
    assert response.status_code == 200
    assert '<p class="result-count">' in html
    assert "<html" not in html
    assert 'role="search"' not in html
    assert listed(response) == ["Anouk T."]


def test_it_announces_only_the_count_of_a_live_search(
    coordinator: Client,
) -> None:
    page = Page(coordinator.get(REGISTER))
    fragment = Page(coordinator.get(REGISTER, {"q": "x"}, headers={"HX-Request": "true"}))

    search = page.one("form", role="search")
    assert search is not None
    assert search.attrs["data-hx-target"] == "#results"
    assert search.attrs.get("data-hx-swap", "innerHTML") == "innerHTML"
    results = page.by_id("results")
    assert results is not None
    # A screen reader hears the count, not every row of the table: the status line stays on
    # the page outside the results, and the fragment updates it out of band.
    assert "aria-live" not in results.attrs
    status = page.by_id("result-status")
    assert status is not None and status.attrs["role"] == "status"
    update = fragment.by_id("result-status")
    assert update is not None and update.attrs["data-hx-swap-oob"] == "true"
    # The fragment holds no second #results: swapping it in never nests one in another.
    assert fragment.by_id("results") is None
    assert fragment.one(cls="result-count") is not None


def test_it_records_one_list_event_without_names_however_many_people_are_listed(
    world: World, coordinator: Client
) -> None:
    for number in range(30):
        make_participant(world.org, name=f"Persoon {number}")

    coordinator.get(REGISTER)

    [event] = audit(world, AuditEvent.Action.LIST)
    assert event.actor == world.users["coordinator"]
    assert event.object_type == "people.participant"
    assert event.object_id == ""
    assert "Persoon" not in json.dumps(event.detail)
    assert audit(world, AuditEvent.Action.VIEW) == []


def test_it_records_a_search_without_the_search_words(world: World, coordinator: Client) -> None:
    coordinator.get(REGISTER, {"q": "Anouk"})

    [event] = audit(world, AuditEvent.Action.SEARCH)
    assert "Anouk" not in json.dumps(event.detail)


# One person ------------------------------------------------------------------------------


def test_it_shows_a_person_and_records_that_they_were_viewed(
    world: World, coordinator: Client
) -> None:
    response = coordinator.get(detail_url(world.participant))

    page = Page(response)
    assert page.one("h1").text == "Anouk T."  # type: ignore[union-attr]
    assert "+32470123456" in page.main_text
    assert "CAW Test" in page.main_text
    [event] = audit(world, AuditEvent.Action.VIEW)
    assert event.object_id == str(world.participant.pk)
    assert event.actor == world.users["coordinator"]


@pytest.mark.parametrize("role", ["admin", "coordinator", "social_worker", "partner_worker"])
def test_it_answers_404_for_a_person_of_another_organisation(world: World, role: str) -> None:
    response = world.client_for(role).get(detail_url(world.other_participant))

    assert response.status_code == 404
    assert "Bram" not in response.content.decode()


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("people:edit", "get"),
        ("people:edit", "post"),
        ("people:export_json", "get"),
        ("people:export_pdf", "get"),
        ("people:erase", "get"),
        ("people:erase", "post"),
        ("people:keep", "post"),
        ("people:consent_add", "post"),
    ],
)
def test_it_answers_404_to_a_coordinator_for_any_page_about_another_organisation_s_person(
    world: World, coordinator: Client, name: str, method: str
) -> None:
    url = reverse(name, args=[world.other_participant.pk])

    response = getattr(coordinator, method)(url, participant_post(name="Overgenomen"))

    world.other_participant.refresh_from_db()
    assert response.status_code == 404
    assert world.other_participant.name == "Bram E."
    assert not world.other_participant.is_erased
    assert not Consent.objects.exists()


def test_it_answers_404_to_a_partner_worker_for_someone_their_partner_did_not_refer(
    world: World,
) -> None:
    stranger = make_participant(world.org, name="Niet doorverwezen")

    response = world.client_for("partner_worker").get(detail_url(stranger))

    assert response.status_code == 404


# Adding a person ---------------------------------------------------------------------------


def test_it_adds_a_person_and_opens_their_page(world: World, coordinator: Client) -> None:
    response = coordinator.post(
        ADD,
        participant_post(
            name="Fatima",
            email="fatima@example.be",
            street="Kerkstraat 1",
            postal_code="9000",
            city="Gent",
            needs_childcare="on",
            referred_by_partner=world.partner.pk,
        ),
        follow=True,
    )

    person = Participant.objects.get(name="Fatima")
    assert response.redirect_chain[-1][0] == detail_url(person)
    assert "Fatima" in Page(response).messages
    assert (person.organisation, person.phone, person.postal_code) == (
        world.org,
        "+32470123499",
        "9000",
    )
    assert person.needs_childcare
    assert person.referred_by_partner == world.partner
    assert len(audit(world, AuditEvent.Action.CREATE)) == 1


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("0470 12 34 56", "+32470123456"), ("+31 6 12345678", "+31612345678")],
)
def test_it_stores_a_typed_phone_number_in_international_form(
    world: World, coordinator: Client, typed: str, stored: str
) -> None:
    world.participant.delete()

    coordinator.post(ADD, participant_post(name="Nieuw", phone=typed))

    assert Participant.objects.get(name="Nieuw").phone == stored


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        (
            "phone",
            "0470 12",
            "This is not a valid phone number. Write a Belgian number (0470 12 34 56) "
            "or an international one starting with + (+31 6 12345678).",
        ),
        ("email", "fatima@", "Enter a valid email address."),
        ("postal_code", "900", "A Belgian postal code has four digits."),
    ],
)
def test_it_shows_a_dutch_error_next_to_the_field_and_keeps_what_was_typed(
    world: World, coordinator: Client, field: str, typed: str, message: str
) -> None:
    before = Participant.objects.count()
    sent = participant_post(name="Fatima", street="Kerkstraat 1", city="Gent", **{field: typed})

    response = coordinator.post(ADD, sent)

    page = Page(response)
    assert response.status_code == 200
    assert page.one("html").attrs["lang"] == "nl"  # type: ignore[union-attr]
    assert page.error(field) == dutch(message)
    assert page.is_invalid(field)
    assert page.by_id(f"id_{field}").attrs["aria-describedby"] == f"id_{field}_error"  # type: ignore[union-attr]
    assert dutch(message) in page.text_of("main")
    for name in ("name", "street", "city", field):
        assert page.value(name) == sent[name]
    assert Participant.objects.count() == before


def test_it_shows_the_error_in_english_when_english_is_chosen(coordinator: Client) -> None:
    response = in_english(coordinator).post(ADD, participant_post(postal_code="12"))

    assert Page(response).error("postal_code") == "A Belgian postal code has four digits."


def test_it_refuses_sms_without_a_phone_number_and_says_so_at_the_phone_field(
    coordinator: Client,
) -> None:
    response = coordinator.post(ADD, participant_post(name="Zonder gsm", phone=""))

    page = Page(response)
    assert page.error("phone") == dutch("Fill in a phone number to reach this person by SMS.")
    assert page.value("preferred_channel") == "sms"
    assert not Participant.objects.filter(name="Zonder gsm").exists()


@pytest.mark.parametrize(
    "same",
    [
        {"phone": "0470 12 34 56"},
        {"email": "ANOUK@example.be", "phone": ""},
        {"name": "anouk t.", "postal_code": "9000", "phone": ""},
    ],
)
def test_it_warns_about_a_likely_duplicate_and_saves_only_when_confirmed(
    world: World, coordinator: Client, same: dict[str, str]
) -> None:
    world.participant.email = "anouk@example.be"
    world.participant.postal_code = "9000"
    world.participant.save()
    sent = participant_post(
        **{
            "name": "Iemand",
            "preferred_channel": "social_worker",
            "social_worker": world.users["social_worker"].pk,
            **same,
        }
    )

    warned = coordinator.post(ADD, sent)
    saved = coordinator.post(ADD, {**sent, "not_a_duplicate": "1"})

    page = Page(warned)
    warning = page.one(cls="warning")
    assert warning is not None
    assert "Anouk T." in warning.text
    assert page.by_id("id_not_a_duplicate") is not None
    assert page.value("name") == sent["name"]
    assert saved.status_code == 302
    assert Participant.objects.filter(organisation=world.org, name=sent["name"]).count() == 1


def test_it_gives_a_partner_worker_s_new_person_their_own_partner_as_referrer(
    world: World,
) -> None:
    other = Partner.objects.create(organisation=world.org, name="Basiseducatie")
    client = world.client_for("partner_worker")

    response = client.post(ADD, participant_post(name="Doorverwezen", referred_by_partner=other.pk))

    person = Participant.objects.get(name="Doorverwezen")
    assert person.referred_by_partner == world.partner
    assert response.status_code == 302
    assert client.get(detail_url(person)).status_code == 200


def test_it_does_not_tell_a_partner_worker_who_else_is_in_the_register(
    world: World,
) -> None:
    make_participant(world.org, name="Geheim Persoon", phone="+32470555555")
    client = in_english(world.client_for("partner_worker"))

    response = client.post(ADD, participant_post(name="Nieuw", phone="0470 55 55 55"))

    assert response.status_code == 302
    assert Page(client.get(response["Location"])).one(cls="warning") is None
    assert "Geheim" not in client.get(REGISTER).content.decode()
    assert Participant.objects.filter(name="Nieuw").exists()


# Editing a person ---------------------------------------------------------------------------


def test_it_saves_changes_and_audits_the_field_names_without_the_values(
    world: World, coordinator: Client
) -> None:
    url = reverse("people:edit", args=[world.participant.pk])
    sent = participant_post(
        name="Anouk T.",
        phone="0470 65 43 21",
        needs_transport="on",
        referred_by_partner=world.partner.pk,
        social_worker=world.users["social_worker"].pk,
    )

    response = coordinator.post(url, sent)

    world.participant.refresh_from_db()
    assert response.status_code == 302
    assert world.participant.phone == "+32470654321"
    assert world.participant.needs_transport
    [event] = audit(world, AuditEvent.Action.UPDATE)
    assert event.detail == {"fields": ["needs_transport", "phone"]}
    assert "654321" not in json.dumps(event.detail)


def test_it_keeps_the_saved_name_in_the_heading_while_the_form_has_errors(
    world: World, coordinator: Client
) -> None:
    url = reverse("people:edit", args=[world.participant.pk])

    response = coordinator.post(url, participant_post(name="Nieuwe naam", phone="12"))

    page = Page(response)
    assert "Anouk T." in page.one("h1").text  # type: ignore[union-attr]
    assert page.value("name") == "Nieuwe naam"
    world.participant.refresh_from_db()
    assert world.participant.name == "Anouk T."
    assert audit(world, AuditEvent.Action.UPDATE) == []


def test_it_records_opening_the_edit_form_as_a_view(world: World, coordinator: Client) -> None:
    response = coordinator.get(reverse("people:edit", args=[world.participant.pk]))

    assert Page(response).value("phone") == "+32470123456"
    assert len(audit(world, AuditEvent.Action.VIEW)) == 1


def test_it_does_not_let_a_partner_worker_edit(world: World) -> None:
    client = world.client_for("partner_worker")
    url = reverse("people:edit", args=[world.participant.pk])

    response = client.post(url, participant_post(name="Anders"))

    assert response.status_code == 403
    world.participant.refresh_from_db()
    assert world.participant.name == "Anouk T."


# Strange and hostile input -----------------------------------------------------------------

STRANGE_NAMES = [
    "<script>alert(1)</script>",
    "محمد العربي",
    "Zoë 😀👍🏽",
    # A right-to-left override is refused now: see test_hidden_characters.py.
    "x" * 100,
    "{{ request.user }} {% now 'Y' %}",
    "' OR 1=1 --",
    'A&amp;B "quoted"',
]


@pytest.mark.parametrize("name", STRANGE_NAMES)
def test_it_stores_and_shows_any_name_escaped(world: World, coordinator: Client, name: str) -> None:
    response = coordinator.post(ADD, participant_post(name=name, phone="0470 11 22 33"))
    assert response.status_code == 302, Page(response).main_text
    person = Participant.objects.get(phone="+32470112233")

    pages = {
        "detail": coordinator.get(detail_url(person)),
        "register": coordinator.get(REGISTER),
        "search": coordinator.get(REGISTER, {"q": name[:100]}),
        "edit": coordinator.get(reverse("people:edit", args=[person.pk])),
        "erase": coordinator.get(reverse("people:erase", args=[person.pk])),
    }

    assert person.name == name
    for label, page in pages.items():
        assert page.status_code == 200, label
        assert "<script>alert(1)</script>" not in page.content.decode(), label
    assert Page(pages["detail"]).one("h1").text == " ".join(name.split())  # type: ignore[union-attr]
    assert " ".join(name.split()) in listed(pages["search"])
    assert Page(pages["edit"]).value("name") == name


def test_it_escapes_markup_in_every_field_it_shows(world: World, coordinator: Client) -> None:
    script = "<script>alert(1)</script>"
    person = make_participant(
        world.org,
        name=script,
        postal_name=script,
        street=script,
        postal_code="9000",
        city=script,
        neighbourhood=script,
        email="a@example.be",
    )

    detail = coordinator.get(detail_url(person)).content.decode()
    pdf = coordinator.get(reverse("people:export_pdf", args=[person.pk]))

    assert script not in detail
    assert detail.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 5
    assert pdf.status_code == 200
    assert "alert(1)" in pdf_text(pdf.content)


@pytest.mark.parametrize(
    "field", ["name", "postal_name", "phone", "email", "street", "postal_code", "city"]
)
def test_it_refuses_overlong_input_with_a_message_and_never_a_500(
    world: World, coordinator: Client, field: str
) -> None:
    before = Participant.objects.count()
    long_value = "é" * 5000 + "<b>"

    response = coordinator.post(ADD, participant_post(**{field: long_value}))

    page = Page(response)
    assert response.status_code == 200
    assert page.error(field) != ""
    assert page.value(field) == long_value
    assert long_value not in page.html
    assert "&lt;b&gt;" in page.html
    assert Participant.objects.count() == before


def test_it_searches_with_overlong_or_strange_words_without_a_500(coordinator: Client) -> None:
    for query in ["x" * 5000, "<script>alert(1)</script>", "محمد", "😀", "%", "_", "\\", "'"]:
        response = coordinator.get(REGISTER, {"q": query})

        assert response.status_code == 200, query
        assert "<script>alert(1)</script>" not in response.content.decode()
        assert "Anouk T." not in listed(response), query


def test_it_says_a_search_is_too_long_and_lists_nobody(coordinator: Client) -> None:
    response = coordinator.get(REGISTER, {"q": "Anouk" + "x" * 100})

    page = Page(response)
    assert page.error("q") != ""
    assert page.is_invalid("q")
    assert listed(response) == []


@pytest.mark.parametrize(
    "params", [{"need": "bogus"}, {"language": "xx"}, {"channel": "<x>"}, {"pagina": "-1"}]
)
def test_it_shrugs_off_tampered_filters(coordinator: Client, params: dict[str, str]) -> None:
    response = coordinator.get(REGISTER, params)

    assert response.status_code == 200
    assert "<x>" not in response.content.decode()


# Consent ---------------------------------------------------------------------------------


def test_it_records_consent_from_the_person_s_page(world: World) -> None:
    client = world.client_for("social_worker")
    url = reverse("people:consent_add", args=[world.participant.pk])

    response = client.post(url, {"purpose": "reach", "how": "paper"}, follow=True)

    [consent] = Consent.objects.filter(participant=world.participant)
    assert (consent.purpose, consent.how, consent.recorded_by) == (
        "reach",
        "paper",
        world.users["social_worker"],
    )
    table = Page(response).one("table")
    assert table is not None
    assert consent.get_purpose_display() in table.text


def test_it_refuses_an_unknown_consent_purpose_and_saves_nothing(world: World) -> None:
    client = world.client_for("coordinator")
    url = reverse("people:consent_add", args=[world.participant.pk])

    response = client.post(url, {"purpose": "everything", "how": "paper"}, follow=True)

    assert response.status_code == 200
    assert Page(response).messages != ""
    assert not Consent.objects.exists()


def test_it_withdraws_consent_and_keeps_the_record_with_its_date(
    world: World, coordinator: Client
) -> None:
    consent = Consent.objects.create(
        organisation=world.org,
        participant=world.participant,
        purpose="photos",
        given_at=timezone.now() - timedelta(days=10),
    )
    url = reverse("people:consent_withdraw", args=[world.participant.pk, consent.pk])

    refused = coordinator.get(url)
    response = coordinator.post(url, follow=True)

    consent.refresh_from_db()
    assert refused.status_code == 405
    assert consent.withdrawn_at is not None
    assert consent.withdrawn_recorded_by == world.users["coordinator"]
    page = Page(response)
    table = page.one("table")
    assert table is not None
    # The row stays, now with the date instead of a button to withdraw.
    assert page.table_column(0) == [consent.get_purpose_display()]
    with translation.override("nl"):
        withdrawn_on = date_format(timezone.localtime(consent.withdrawn_at), "DATE_FORMAT")
    assert page.table_column(4) == [withdrawn_on]
    assert not [n for n in table.walk() if n.tag == "button"]


def test_it_answers_404_for_a_consent_of_someone_else(world: World, coordinator: Client) -> None:
    stranger = make_participant(world.org, name="Ander")
    consent = Consent.objects.create(
        organisation=world.org, participant=stranger, purpose="photos", given_at=timezone.now()
    )
    url = reverse("people:consent_withdraw", args=[world.participant.pk, consent.pk])

    response = coordinator.post(url)

    consent.refresh_from_db()
    assert response.status_code == 404
    assert consent.withdrawn_at is None


# Export ------------------------------------------------------------------------------------


def test_it_exports_a_person_as_a_json_attachment(world: World, coordinator: Client) -> None:
    Consent.objects.create(
        organisation=world.org,
        participant=world.participant,
        purpose="participation",
        given_at=timezone.now(),
    )

    response = coordinator.get(reverse("people:export_json", args=[world.participant.pk]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Anouk" not in response["Content-Disposition"]
    assert response["Cache-Control"] == "no-store"
    data = json.loads(response.content)
    assert data["participant"]["name"] == "Anouk T."
    assert data["participant"]["phone"] == "+32470123456"
    assert [c["purpose"] for c in data["consents"]] == ["participation"]
    [event] = audit(world, AuditEvent.Action.EXPORT)
    assert event.object_id == str(world.participant.pk)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_it_exports_a_person_as_a_pdf_with_their_name_and_phone(
    world: World, coordinator: Client
) -> None:
    Consent.objects.create(
        organisation=world.org,
        participant=world.participant,
        purpose="participation",
        given_at=timezone.now(),
        withdrawn_at=timezone.now(),
    )

    response = coordinator.get(reverse("people:export_pdf", args=[world.participant.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    text = pdf_text(response.content)
    assert "Anouk T." in text
    assert "+32470123456" in text
    assert "Sociaal Huis Testdorp" in text
    assert len(audit(world, AuditEvent.Action.EXPORT)) == 1


@pytest.mark.parametrize("name", ["<script>alert(1)</script>", "محمد العربي", "Zoë 😀"])
def test_it_exports_strange_names_to_pdf_and_json(
    world: World, coordinator: Client, name: str
) -> None:
    person = make_participant(world.org, name=name, phone="+32470112233")

    pdf = coordinator.get(reverse("people:export_pdf", args=[person.pk]))
    data = coordinator.get(reverse("people:export_json", args=[person.pk]))

    assert pdf.status_code == 200
    assert "+32470112233" in pdf_text(pdf.content)
    assert json.loads(data.content)["participant"]["name"] == name


@pytest.mark.parametrize("role", ["social_worker", "partner_worker"])
def test_it_lets_only_admins_and_coordinators_export(world: World, role: str) -> None:
    client = world.client_for(role)

    response = client.get(reverse("people:export_json", args=[world.participant.pk]))

    assert response.status_code == 403
    assert audit(world, AuditEvent.Action.EXPORT) == []


# Erase -------------------------------------------------------------------------------------


def test_it_asks_before_erasing_and_a_get_erases_nothing(world: World, coordinator: Client) -> None:
    url = reverse("people:erase", args=[world.participant.pk])

    response = coordinator.get(url)

    page = Page(response)
    assert "Anouk T." in page.one("h1").text  # type: ignore[union-attr]
    assert page.one("form", method="post") is not None
    world.participant.refresh_from_db()
    assert not world.participant.is_erased
    assert audit(world, AuditEvent.Action.ERASE) == []


def test_it_erases_a_person_on_post_and_they_leave_the_register(
    world: World, coordinator: Client
) -> None:
    Consent.objects.create(
        organisation=world.org,
        participant=world.participant,
        purpose="participation",
        given_at=timezone.now(),
    )
    pk = world.participant.pk

    response = coordinator.post(reverse("people:erase", args=[pk]), follow=True)

    person = Participant.objects.get(pk=pk)
    assert response.redirect_chain[-1][0] == REGISTER
    assert person.name == ERASED_NAME
    assert person.phone == ""
    assert not Consent.objects.filter(participant_id=pk).exists()
    assert "Anouk" not in Page(response).main_text
    assert listed(coordinator.get(REGISTER, {"q": "Anouk"})) == []
    assert listed(coordinator.get(REGISTER, {"q": "0470 12 34 56"})) == []
    assert coordinator.get(detail_url(person)).status_code == 404
    [event] = audit(world, AuditEvent.Action.ERASE)
    assert event.object_id == str(pk)


@pytest.mark.parametrize("role", ["social_worker", "partner_worker"])
def test_it_lets_only_admins_and_coordinators_erase(world: World, role: str) -> None:
    response = world.client_for(role).post(reverse("people:erase", args=[world.participant.pk]))

    world.participant.refresh_from_db()
    assert response.status_code == 403
    assert not world.participant.is_erased


# Yearly review -----------------------------------------------------------------------------


@pytest.fixture
def dormant(world: World) -> Participant:
    world.org.inactivity_months = 12
    world.org.save()
    return make_participant(
        world.org, name="Slapend", last_activity_at=timezone.now() - timedelta(days=500)
    )


def test_it_lists_people_without_activity_for_the_review(
    world: World, coordinator: Client, dormant: Participant
) -> None:
    response = coordinator.get(reverse("people:review"))

    assert listed(response) == ["Slapend"]
    assert "12" in Page(response).main_text
    assert len(audit(world, AuditEvent.Action.LIST)) == 1


def test_it_keeps_a_person_from_the_review_page(
    world: World, coordinator: Client, dormant: Participant
) -> None:
    response = coordinator.post(reverse("people:keep", args=[dormant.pk]), follow=True)

    assert response.redirect_chain[-1][0] == reverse("people:review")
    assert listed(response) == []
    assert "Slapend" in Page(response).messages
    assert Participant.objects.get(pk=dormant.pk).name == "Slapend"
    assert len(audit(world, AuditEvent.Action.KEEP)) == 1


def test_it_erases_a_person_from_the_review_page(
    world: World, coordinator: Client, dormant: Participant
) -> None:
    review = Page(coordinator.get(reverse("people:review")))
    erase_url = reverse("people:erase", args=[dormant.pk])
    assert review.one("a", href=erase_url) is not None

    coordinator.post(erase_url)

    assert listed(coordinator.get(reverse("people:review"))) == []
    assert Participant.objects.get(pk=dormant.pk).is_erased


def test_it_does_not_let_a_social_worker_run_the_review(world: World, dormant: Participant) -> None:
    client = world.client_for("social_worker")

    assert client.get(reverse("people:review")).status_code == 403
    assert client.post(reverse("people:keep", args=[dormant.pk])).status_code == 403
