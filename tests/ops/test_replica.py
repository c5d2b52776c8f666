"""Read-only pages read from a real streaming replica and fall back to the primary.

The test starts its own primary and a replica of it (initdb, pg_basebackup -R) on free ports,
then runs the scenario in a Django process configured with DATABASE_URL and
DATABASE_REPLICA_URL (tests/ops/replica_probe.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection

from tests.ops.pgcluster import Clusters, make_clusters, missing_requirement

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.postgres_cluster,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the replica test runs with the PostgreSQL suite (DATABASE_URL=postgres://...)",
    ),
    pytest.mark.skipif(missing_requirement() is not None, reason=str(missing_requirement())),
]


@pytest.fixture
def clusters() -> Iterator[Clusters]:
    made = make_clusters()
    try:
        yield made
    finally:
        made.close()


def test_it_reads_pages_from_the_replica_and_falls_back_to_the_primary(
    clusters: Clusters,
) -> None:
    primary = clusters.start_primary()
    replica = clusters.start_replica(primary)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": primary.url,
        "DATABASE_REPLICA_URL": replica.url,
        "DATABASE_REPLICA_RETRY_SECONDS": "60",
        "INBRENG_PROBE_STOP_REPLICA": json.dumps(clusters.stop_command(replica)),
        "PYTHONPATH": str(ROOT),
    }
    result = subprocess.run(  # noqa: S603 - this repository's own probe
        [sys.executable, str(ROOT / "tests" / "ops" / "replica_probe.py")],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:] + clusters.logs()
    seen = json.loads(result.stdout.strip().splitlines()[-1])

    assert seen["settings_have_replica"]
    assert seen["replica_in_recovery"] is True
    assert seen["replicated"], "the replica never received the primary's row"
    # With replay paused the replica still has the old name: the page read the replica.
    assert seen["read_only_page_shows"] == "Huis Voor"
    assert seen["read_in_replica_block"] == "Huis Voor"
    # A write made meanwhile is on the primary (the replica would have refused it).
    assert seen["write_on_primary"] == "Huis Geschreven"
    # After a form the same browser reads the primary and sees the change at once.
    assert seen["pin_cookie_set"]
    assert seen["page_after_post_shows"] == "Huis Na"
    assert seen["caught_up"]
    # The replica is stopped: pages answer from the primary (the newest name), quickly.
    assert seen["page_with_replica_down_shows"] == "Huis Later"
    assert seen["next_page_with_replica_down_shows"] == "Huis Later"
    assert seen["replica_available"] is False
    assert seen["first_fallback_seconds"] < 5
    assert seen["next_fallback_seconds"] < 1
    assert set(seen["statuses"]) == {200}
