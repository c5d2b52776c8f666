from __future__ import annotations

from collections.abc import Iterator

import pytest

from inbreng.messaging.sms import MemoryGateway


@pytest.fixture(autouse=True)
def sms_outbox() -> Iterator[list[dict[str, str]]]:
    MemoryGateway.outbox.clear()
    yield MemoryGateway.outbox
    MemoryGateway.outbox.clear()
