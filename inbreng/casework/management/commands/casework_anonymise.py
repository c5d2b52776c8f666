"""Anonymises case conferences whose retention period has passed (the daily task does the same)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from inbreng.casework import services


class Command(BaseCommand):
    help = "Anonymises case conferences that ended longer ago than the retention period."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be anonymised; change nothing."
        )

    def handle(self, *args: Any, dry_run: bool, **options: Any) -> None:
        with transaction.atomic():
            done = services.anonymise_due()
            if dry_run:
                transaction.set_rollback(True)
        verb = "would be" if dry_run else "were"
        self.stdout.write(f"{done} case conference(s) {verb} anonymised.")
