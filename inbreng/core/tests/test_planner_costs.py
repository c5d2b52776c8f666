"""PostgreSQL plans with an SSD's costs (migration core 0007): a group's members are found
through the index, not by reading every participant."""

from __future__ import annotations

import pytest
from django.db import connection


@pytest.mark.django_db
def test_the_database_tells_the_planner_that_index_reads_are_cheap() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setconfig FROM pg_db_role_setting s "
            "JOIN pg_database d ON d.oid = s.setdatabase "
            "WHERE d.datname = current_database() AND s.setrole = 0"
        )
        settings = [value for (row,) in cursor.fetchall() for value in row]
    assert "random_page_cost=1.1" in settings
