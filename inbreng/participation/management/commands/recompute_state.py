"""Rebuilds the kept state (question counts, answer days, indicators) from the data itself.

manage.py recompute_state            fix and report what had drifted
manage.py recompute_state --check    only report; exit status 1 when anything drifted
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from inbreng.core.models import Organisation
from inbreng.participation import state
from inbreng.people.services import search_keys_refresh


class Command(BaseCommand):
    help = "Recomputes the kept state (questions, indicators, register search keys); reports drift."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="Report drift, change nothing.")
        parser.add_argument("--organisation", type=int, help="Only this organisation's id.")

    def handle(self, *args: Any, check: bool, organisation: int | None, **options: Any) -> None:
        if organisation is not None and not Organisation.objects.filter(pk=organisation).exists():
            raise CommandError(f"No organisation with id {organisation}.")
        drift = state.recompute(organisation, fix=not check)
        people = search_keys_refresh(fix=not check, organisation_id=organisation)
        if people:
            self.stdout.write(f"{people} participant search key(s) had drifted.")
        for item in drift[:50]:
            self.stdout.write(
                f"question {item.question_id}: {item.field} was {item.stored!r}, "
                f"is {item.computed!r}"
            )
        if len(drift) > 50:
            self.stdout.write(f"... and {len(drift) - 50} more")
        questions = len({item.question_id for item in drift})
        self.stdout.write(f"{questions} question(s) had drifted." if drift else "No drift.")
        if check and (drift or people):
            raise CommandError("The kept state has drifted; run without --check to fix it.")
