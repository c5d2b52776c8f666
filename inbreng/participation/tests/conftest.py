"""Shared fixtures for the participation loop's tests."""

from __future__ import annotations

import pytest

from conftest import World

from .helpers import Build


@pytest.fixture
def build(world: World) -> Build:
    return Build(world)
