"""Queues delivery of every message that still has e-mail or SMS to send.

`./run` calls it at start, so that messages a stopped or crashed worker left behind go out.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from inbreng.messaging.services import resume_all


class Command(BaseCommand):
    help = "Queue delivery of messages left unsent by a stopped or crashed worker."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--release-claims",
            action="store_true",
            help="Free batches held by workers. Only when no worker is running.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        count = resume_all(release_claims=options["release_claims"])
        if count:
            self.stdout.write(f"Queued delivery for {count} message(s).")
