"""PostgreSQL: tell the planner that reading a row by its index costs about as much as
reading it in order (random_page_cost 1.1 instead of 4), as on SSDs and with the working set
in memory, which is how Inbreng runs. With the default, PostgreSQL reads a city's 20,000
participants in full to find a group's 400 members (8 ms instead of 2 ms); see
docs/operations.md, "PostgreSQL settings".

It is a setting of the database, for new connections. Without the right to change it (the
database belongs to someone else), the migration says so and goes on: then set it in
postgresql.conf.
"""

from django.db import migrations

FORWARD = """
DO $$
BEGIN
  EXECUTE format('ALTER DATABASE %%I SET random_page_cost = 1.1', current_database());
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'Could not set random_page_cost on this database: set it in postgresql.conf.';
END
$$;
"""

BACKWARD = """
DO $$
BEGIN
  EXECUTE format('ALTER DATABASE %%I RESET random_page_cost', current_database());
EXCEPTION WHEN insufficient_privilege THEN
  NULL;
END
$$;
"""


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("core", "0006_calendar_revision_contact_email")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
