from __future__ import annotations

import pytest
from django.test import Client

from conftest import World


@pytest.fixture
def coordinator(world: World) -> Client:
    """A coordinator of the first organisation, signed in with two-step login."""
    return world.client_for("coordinator")
