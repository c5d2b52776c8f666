"""Compiles the translation catalogues (.po) into the binary files Django reads (.mo).

Django's own `compilemessages` needs GNU gettext's `msgfmt`, which many machines lack. This
command does the same in pure Python with polib, so anyone can compile after editing a .po
file. Fuzzy and untranslated entries are left out, exactly as `msgfmt` does, so that a guess
is never shown to a user. The .mo files are committed, which is why `./run` needs no gettext.

    manage.py compiletranslations          writes every locale/<lang>/LC_MESSAGES/*.mo
    manage.py compiletranslations --check  writes nothing; fails if a .mo is out of date
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser


def catalogues() -> list[Path]:
    """Every .po file under the project's LOCALE_PATHS, in a stable order."""
    found: list[Path] = []
    for locale_path in settings.LOCALE_PATHS:
        found.extend(sorted(Path(locale_path).glob("*/LC_MESSAGES/*.po")))
    return found


def compiled(po_path: Path) -> tuple[bytes, int, int]:
    """The .mo bytes for one catalogue, with the number of entries kept and left out.

    polib's `translated_entries()` already skips fuzzy, obsolete and empty entries; the
    count of left-out entries is reported so that nobody is surprised by English on a page.
    """
    po = polib.pofile(str(po_path))
    kept = len(po.translated_entries())
    left_out = len(po.untranslated_entries()) + len(po.fuzzy_entries())
    data: bytes = po.to_binary()
    return data, kept, left_out


class Command(BaseCommand):
    help = "Compiles locale/*/LC_MESSAGES/*.po to .mo in pure Python (no GNU gettext needed)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="Write nothing; exit with an error if a .mo file does not match its .po file.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        po_paths = catalogues()
        if not po_paths:
            raise CommandError("No .po files found under LOCALE_PATHS.")
        stale: list[Path] = []
        for po_path in po_paths:
            mo_path = po_path.with_suffix(".mo")
            data, kept, left_out = compiled(po_path)
            up_to_date = mo_path.exists() and mo_path.read_bytes() == data
            if options["check"]:
                if not up_to_date:
                    stale.append(mo_path)
                continue
            if not up_to_date:
                mo_path.write_bytes(data)
            note = f", {left_out} untranslated or fuzzy left out" if left_out else ""
            state = "unchanged" if up_to_date else "written"
            self.stdout.write(f"{mo_path}: {kept} entries {state}{note}.")
        if stale:
            names = "\n  ".join(str(path) for path in stale)
            raise CommandError(f"Out of date (run manage.py compiletranslations):\n  {names}")
