"""The Dutch interface is complete, compiled and faithful to the English source strings.

Staff and participants read Inbreng in Dutch. A string that is missing from the catalogue, or
still marked fuzzy, shows up in English on their screen; a .mo file that nobody recompiled
shows the old text; a translation that drops a placeholder shows a wrong name or number.
Each of these fails here, with the offending strings in the message.

French and Arabic are participant languages only (settings.PARTICIPANT_LANGUAGES): their
catalogues translate what participants read and leave the staff strings empty. Here they are
held to the same compiled-file, header and placeholder rules; which strings they must have is
checked in inbreng/participation/tests/test_participant_translations.py.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import polib
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from inbreng.core.models import Organisation

SOURCE_LANGUAGE = "en"
LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
TRANSLATED_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != SOURCE_LANGUAGE]
# Languages the whole interface speaks, so every string must be translated.
COMPLETE_LANGUAGES = [code for code in settings.STAFF_LANGUAGES if code != SOURCE_LANGUAGE]

# The same exclusions as the documented makemessages command (docs/translations.md).
NOT_SCANNED = {".venv", "var", "tests", "bench", "locale", "node_modules", "__pycache__"}
EXTRACTED = {".py", ".html", ".txt"}

PYTHON_FORMAT = re.compile(
    r"%(?:\([^)]*\))?[#0 +-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?[diouxXeEfFgGcrsa%]"
)
BRACE_FORMAT = re.compile(r"\{\{.*?\}\}|\{[A-Za-z_][A-Za-z0-9_.]*\}")


def catalogue(language: str) -> polib.POFile:
    path = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    assert path.exists(), (
        f"{path} is missing: run makemessages -l {language} (docs/translations.md)"
    )
    return polib.pofile(str(path))


def key(entry: Any) -> tuple[str, str]:
    return (entry.msgctxt or "", entry.msgid)


def describe(entries: list[Any]) -> str:
    return "\n".join(
        f"  {e.occurrences[0][0] if e.occurrences else '?'}: {e.msgid!r}" for e in entries
    )


def current(po: polib.POFile) -> list[Any]:
    return [e for e in po if not e.obsolete]


def placeholders(text: str, python_format: bool) -> Counter[str]:
    found = BRACE_FORMAT.findall(text)
    if python_format:
        found += [p for p in PYTHON_FORMAT.findall(text) if p != "%%"]
    return Counter(found)


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_it_has_no_untranslated_or_fuzzy_entries(language: str) -> None:
    po = catalogue(language)
    untranslated = [e for e in po.untranslated_entries() if not e.obsolete and not e.fuzzy]
    fuzzy = [e for e in po.fuzzy_entries() if not e.obsolete]
    if untranslated and language in COMPLETE_LANGUAGES:
        pytest.fail(f"Untranslated {language} entries:\n{describe(untranslated)}")
    if fuzzy:
        pytest.fail(
            f"Fuzzy {language} entries (check them, then remove '#, fuzzy'):\n{describe(fuzzy)}"
        )
    assert not po.metadata_is_fuzzy, "The catalogue header is still marked fuzzy."
    assert po.metadata.get("Language") == language
    assert "nplurals=" in po.metadata.get("Plural-Forms", "")


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_it_ships_a_compiled_catalogue_that_matches_the_po_file(language: str) -> None:
    po = catalogue(language)
    mo_path = LOCALE_DIR / language / "LC_MESSAGES" / "django.mo"
    assert mo_path.exists(), f"{mo_path} is missing: run manage.py compiletranslations"
    mo = polib.mofile(str(mo_path))

    def table(entries: list[Any]) -> dict[tuple[str, str], Any]:
        return {
            key(e): (e.msgid_plural, dict(e.msgstr_plural)) if e.msgid_plural else e.msgstr
            for e in entries
        }

    expected = table(po.translated_entries())
    actual = table(list(mo))
    stale = sorted(
        k[1] for k in expected.keys() | actual.keys() if expected.get(k) != actual.get(k)
    )
    assert not stale, (
        f"{mo_path} is out of date for {len(stale)} strings, such as {stale[:5]}. "
        "Run manage.py compiletranslations and commit the .mo file."
    )
    assert mo.metadata.get("Plural-Forms") == po.metadata.get("Plural-Forms")


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_it_keeps_every_placeholder_of_the_source_string(language: str) -> None:
    wrong = []
    for entry in current(catalogue(language)):
        python_format = "python-format" in entry.flags
        if entry.msgid_plural:
            pairs = [
                (entry.msgid if index == 0 else entry.msgid_plural, text)
                for index, text in sorted(entry.msgstr_plural.items())
            ]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        for source, text in pairs:
            if text and placeholders(source, python_format) != placeholders(text, python_format):
                wrong.append(f"  {source!r} -> {text!r}")
    if wrong:
        pytest.fail("Translations that lose or add a placeholder:\n" + "\n".join(wrong))


def copy_sources(target: Path) -> None:
    """Copies what makemessages reads, so that it runs on the sources and not on our catalogue.

    BASE_DIR (and with it LOCALE_PATHS) follows the copied settings module, so the extraction
    writes only into the temporary directory. Only the file types makemessages reads for the
    "django" domain are copied, which keeps the copy small whatever else lies in the tree.
    """

    def skipped(directory: str, names: list[str]) -> set[str]:
        return {
            name
            for name in names
            if name in NOT_SCANNED
            or name.startswith(".")
            or (not Path(directory, name).is_dir() and Path(name).suffix not in EXTRACTED)
        }

    shutil.copytree(settings.BASE_DIR, target, ignore=skipped, dirs_exist_ok=True)


@pytest.mark.skipif(
    shutil.which("xgettext") is None or shutil.which("msguniq") is None,
    reason="GNU gettext (xgettext, msguniq) is not installed, so the source strings cannot be "
    "extracted here; the other translation tests still check the catalogue itself.",
)
@pytest.mark.parametrize("language", COMPLETE_LANGUAGES)
def test_it_covers_every_string_in_the_current_source(language: str, tmp_path: Path) -> None:
    copy_sources(tmp_path)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "PYTHONPATH": ""}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", "makemessages", "-l", language, "--keep-pot", "-v0"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    pot = polib.pofile(str(tmp_path / "locale" / "django.pot"))
    sources = {Path(path).suffix for entry in pot for path, _line in entry.occurrences}
    assert {".py", ".html"} <= sources, "The copy lacks Python or templates; nothing to compare."

    ours = {key(e): e for e in current(catalogue(language))}
    missing = [e for e in pot if key(e) not in ours]
    changed_plural = [
        e for e in pot if key(e) in ours and e.msgid_plural != ours[key(e)].msgid_plural
    ]
    not_done = [e for e in pot if key(e) in ours and not ours[key(e)].translated()]
    if missing:
        pytest.fail(
            f"{len(missing)} source strings are missing from the {language} catalogue; run "
            f"makemessages and translate them (docs/translations.md):\n{describe(missing)}"
        )
    if changed_plural:
        pytest.fail(f"Plural forms changed in the source:\n{describe(changed_plural)}")
    if not_done:
        pytest.fail(f"Source strings still untranslated or fuzzy:\n{describe(not_done)}")


@pytest.fixture
def dutch_client(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    return client


def test_it_shows_the_login_page_in_dutch(dutch_client: Client, db: Any) -> None:
    with translation.override("nl"):
        html = dutch_client.get(reverse("login")).content.decode()
    assert "Aanmelden" in html
    assert "Wachtwoord" in html
    assert "Gebruikersnaam" in html
    assert "Password" not in html


def test_it_shows_the_privacy_notice_in_dutch(dutch_client: Client, db: Any) -> None:
    organisation = Organisation.objects.create(
        name="Sociaal Huis Vertaaldorp", privacy_contact="Loket Privacy, 09 123 45 67"
    )
    with translation.override("nl"):
        response = dutch_client.get(reverse("core:privacy_notice", args=[organisation.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Wat we doen met jouw gegevens" in html
    assert "Sociaal Huis Vertaaldorp bewaart een paar gegevens over jou." in html
    assert "Jouw rechten" in html
    assert "Vragen?" in html
    assert "What we do with your data" not in html


def test_it_still_shows_english_to_whoever_chooses_it(client: Client, db: Any) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("login")).content.decode()
    assert "Password" in html
    assert "Wachtwoord" not in html


@pytest.mark.parametrize("cookie", ["fr", "ar", "tr"])
def test_it_keeps_staff_pages_dutch_for_a_language_only_participants_read(
    client: Client, db: Any, cookie: str
) -> None:
    # Django's own language switch accepts French and Arabic (they are in LANGUAGES), but the
    # staff interface is not translated into them: half-French pages would help nobody.
    client.post(reverse("set_language"), {"language": cookie, "next": "/"})
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie
    response = client.get(reverse("login"))
    html = response.content.decode()
    assert '<html lang="nl" dir="ltr">' in html
    assert "Wachtwoord" in html
    assert response["Content-Language"] == "nl"


def test_it_offers_staff_dutch_and_english_only(client: Client, db: Any) -> None:
    html = client.get(reverse("login")).content.decode()
    switch = html[html.index('id="language-select"') : html.index("</select>")]
    assert re.findall(r'<option value="(\w+)" lang="\1"', switch) == ["nl", "en"]
    assert "Nederlands" in switch and "English" in switch
