"""Run by test_replica.py in its own process, against a real primary and a real replica.

Django reads DATABASE_URL and DATABASE_REPLICA_URL at start-up, so the scenario needs a
process of its own. It prints what it observed as JSON on the last line; the test asserts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from typing import Any

import django


def main() -> None:
    django.setup()
    from django.core.management import call_command
    from django.db import close_old_connections, connections
    from django.test import Client
    from django.test.utils import setup_test_environment

    from config import db_router
    from inbreng.core.models import Organisation

    setup_test_environment()
    seen: dict[str, Any] = {}
    # The pages below need the organisations table only (and what it depends on).
    call_command("migrate", "core", verbosity=0)

    def name_on_replica(pk: int) -> str | None:
        with connections["replica"].cursor() as cursor:
            cursor.execute("SELECT name FROM core_organisation WHERE id = %s", [pk])
            row = cursor.fetchone()
        return row[0] if row else None

    def wait_for_replica(pk: int, name: str) -> bool:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if name_on_replica(pk) == name:
                return True
            time.sleep(0.1)
        return False

    def page(client: Client, pk: int) -> str:
        # A server closes broken and stale connections when a request starts
        # (request_started); Django's test client leaves that out, so do it here.
        close_old_connections()
        response = client.get(f"/privacy/{pk}/")
        seen.setdefault("statuses", []).append(response.status_code)
        return response.content.decode()

    def which_name(html: str) -> str:
        for name in ("Huis Later", "Huis Na", "Huis Voor"):
            if name in html:
                return name
        return "none"

    # A write goes to the primary, and the replica streams it in.
    organisation = Organisation.objects.create(name="Huis Voor")
    seen["settings_have_replica"] = "replica" in django.conf.settings.DATABASES
    seen["replicated"] = wait_for_replica(organisation.pk, "Huis Voor")
    seen["replica_in_recovery"] = _scalar(connections["replica"], "SELECT pg_is_in_recovery()")

    # Hold the replica still, then change the name on the primary: a page that shows the old
    # name read it from the replica.
    _scalar(connections["replica"], "SELECT pg_wal_replay_pause()")
    Organisation.objects.filter(pk=organisation.pk).update(name="Huis Na")
    seen["read_only_page_shows"] = which_name(page(Client(), organisation.pk))

    # Writes made while reads go to the replica land on the primary.
    with db_router.reads_from_replica():
        seen["read_in_replica_block"] = Organisation.objects.get(pk=organisation.pk).name
        written = Organisation.objects.create(name="Huis Geschreven")
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT name FROM core_organisation WHERE id = %s", [written.pk])
        seen["write_on_primary"] = cursor.fetchone()[0]

    # After a form (a POST) the same browser reads the primary and sees its change.
    client = Client()
    client.post("/i18n/setlang/", {"language": "nl", "next": "/"})
    seen["pin_cookie_set"] = db_router.PIN_COOKIE in client.cookies
    seen["page_after_post_shows"] = which_name(page(client, organisation.pk))

    # Let the replica catch up, then stop it: pages read the primary, without an error.
    _scalar(connections["replica"], "SELECT pg_wal_replay_resume()")
    seen["caught_up"] = wait_for_replica(organisation.pk, "Huis Na")
    stop = json.loads(os.environ["INBRENG_PROBE_STOP_REPLICA"])
    subprocess.run(stop, check=True, capture_output=True, timeout=60)  # noqa: S603 - our own pg_ctl
    Organisation.objects.filter(pk=organisation.pk).update(name="Huis Later")
    started = time.monotonic()
    seen["page_with_replica_down_shows"] = which_name(page(Client(), organisation.pk))
    seen["first_fallback_seconds"] = round(time.monotonic() - started, 2)
    started = time.monotonic()
    seen["next_page_with_replica_down_shows"] = which_name(page(Client(), organisation.pk))
    seen["next_fallback_seconds"] = round(time.monotonic() - started, 2)
    seen["replica_available"] = db_router.replica_available()
    print(json.dumps(seen))


def _scalar(connection: Any, sql: str) -> Any:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    return row[0] if row else None


if __name__ == "__main__":
    sys.exit(main())
