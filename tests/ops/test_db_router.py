"""Which requests may read from the replica, decided without a database (see test_replica.py
for the same rules against a real primary and replica)."""

from __future__ import annotations

from collections.abc import Iterator
from unittest import mock

import pytest
from django.contrib.sessions.models import Session
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from config import db_router
from inbreng.core.models import Organisation


@pytest.fixture
def replica_up() -> Iterator[None]:
    with mock.patch.object(db_router, "replica_available", return_value=True):
        yield


def marked(request: HttpRequest) -> tuple[bool, HttpResponse]:
    seen: list[bool] = []

    def view(request: HttpRequest) -> HttpResponse:
        seen.append(db_router._reads_from_replica.get())
        return HttpResponse("ok")

    response = db_router.ReadOnlyRequestMiddleware(view)(request)
    # The mark does not outlive the request.
    assert db_router._reads_from_replica.get() is False
    return seen[0], response


def test_it_reads_a_page_from_the_replica_on_get_and_head(replica_up: None) -> None:
    url = reverse("core:privacy_notice", args=[1])
    assert marked(RequestFactory().get(url))[0] is True
    assert marked(RequestFactory().head(url))[0] is True


def test_it_reads_the_two_step_login_and_the_admin_from_the_primary(replica_up: None) -> None:
    assert marked(RequestFactory().get(reverse("core:otp_verify")))[0] is False
    assert marked(RequestFactory().get("/platform-admin/"))[0] is False


def test_it_pins_a_browser_to_the_primary_after_a_form(replica_up: None) -> None:
    read_only, response = marked(RequestFactory().post(reverse("core:switch_organisation")))
    assert read_only is False
    cookie = response.cookies[db_router.PIN_COOKIE]
    assert cookie["max-age"] == 10
    assert cookie["httponly"]

    factory = RequestFactory()
    factory.cookies[db_router.PIN_COOKIE] = "1"
    assert marked(factory.get(reverse("core:home")))[0] is False


def test_it_reads_from_the_primary_when_the_replica_is_down() -> None:
    with mock.patch.object(db_router, "replica_available", return_value=False):
        assert marked(RequestFactory().get(reverse("core:home")))[0] is False


def test_it_routes_reads_writes_and_migrations() -> None:
    router = db_router.ReplicaRouter()
    assert router.db_for_read(Organisation) is None  # not a read-only request: the primary
    token = db_router._reads_from_replica.set(True)
    try:
        assert router.db_for_read(Organisation) == "replica"
        assert router.db_for_read(Session) == "default"  # a logout counts at once
        # Who may see what: a closed account, a removed role or a revoked link stops at once.
        from inbreng.core.models import Membership, User
        from inbreng.participation.models import PersonalLink

        for model in (User, Membership, PersonalLink):
            assert router.db_for_read(model) == "default"
        assert router.db_for_write(Organisation) == "default"
    finally:
        db_router._reads_from_replica.reset(token)
    assert router.allow_migrate("replica", "core") is False
    assert router.allow_migrate("default", "core") is None


@pytest.mark.django_db
def test_it_reads_from_the_primary_inside_a_transaction() -> None:
    # pytest-django runs this test inside a transaction, as a service runs inside atomic().
    token = db_router._reads_from_replica.set(True)
    try:
        assert db_router.ReplicaRouter().db_for_read(Organisation) == "default"
    finally:
        db_router._reads_from_replica.reset(token)
