"""Settings for the reliability run (`python -m bench.reliability`): the page benchmark's
settings (bench.web_settings) plus the read replica of DATABASE_REPLICA_URL, which
bench.settings leaves out when it picks the benchmark's own database."""

from __future__ import annotations

from bench.web_settings import *  # noqa: F403
from bench.web_settings import DATABASES
from config.settings.base import replica_from_env

_replica = replica_from_env()
if _replica is not None:
    # The replica's URL names the benchmark's database itself; tests mirror it, runs don't.
    _replica.pop("TEST", None)
    DATABASES["replica"] = _replica
