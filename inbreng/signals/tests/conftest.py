from __future__ import annotations

from collections.abc import Iterator

import pytest

from conftest import World
from inbreng.messaging.sms import MemoryGateway
from inbreng.participation.tests.helpers import Build

from .helpers import Desk


@pytest.fixture
def desk(world: World) -> Desk:
    return Desk(world)


@pytest.fixture
def build(world: World) -> Build:
    return Build(world)


@pytest.fixture(autouse=True)
def sms_outbox() -> Iterator[list[dict[str, str]]]:
    MemoryGateway.outbox.clear()
    yield MemoryGateway.outbox
    MemoryGateway.outbox.clear()
