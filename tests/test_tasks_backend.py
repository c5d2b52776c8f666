"""django-tasks-db declares support up to Django 6.0; this proves it works on our Django."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.tasks import task
from django.tasks.base import TaskResultStatus
from django.test import override_settings

from inbreng.core.models import Organisation

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@task
def rename_organisation(organisation_id: int, name: str) -> str:
    Organisation.objects.filter(pk=organisation_id).update(name=name)
    return name


@pytest.mark.django_db(transaction=True)
def test_it_runs_an_enqueued_task_in_the_database_worker() -> None:
    organisation = Organisation.objects.create(name="Voor")
    with override_settings(TASKS=DB_TASKS):
        result = rename_organisation.enqueue(organisation.pk, "Na")
        assert result.status == TaskResultStatus.READY
        organisation.refresh_from_db()
        assert organisation.name == "Voor"  # nothing runs until a worker picks it up

        call_command("db_worker", batch=True, reload=False, interval=0.1)

        result.refresh()
        assert result.status == TaskResultStatus.SUCCESSFUL
        assert result.return_value == "Na"
    organisation.refresh_from_db()
    assert organisation.name == "Na"
