"""Reading the coordinators' existing lists (CSV or XLSX) into checked rows.

Each row is validated like the register form; errors carry the spreadsheet line number so
that the coordinator can fix the file. Likely duplicates, in the file or in the register,
are flagged, not refused: the coordinator decides.
"""

from __future__ import annotations

import csv
import io
import time
import zipfile
from collections.abc import Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from inbreng.core.models import Membership
from inbreng.lib.phone import InvalidPhoneNumber, can_receive_sms, normalise_phone
from inbreng.lib.script import hidden_characters
from inbreng.lib.text import fold

from .forms import channel_errors, is_postal_code
from .models import Channel, Language, Participant
from .selectors import duplicate_keys, existing_duplicate_index
from .services import ImportRow

MAX_ROWS = 5000
# Lines read at most, empty ones included: room for a header and blank lines between people.
MAX_LINES = MAX_ROWS * 2
# Cells read per line: far more than any list of people has columns.
MAX_COLUMNS = 100
# An .xlsx is a zip: what it unpacks to is bounded too (a 5 MB upload can unpack to gigabytes).
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
# Seconds a file may take to check; a file that takes longer is refused, not left running.
TIME_LIMIT = 20.0
EMAIL_MAX_LENGTH = Participant._meta.get_field("email").max_length or 254

# Header names as coordinators write them, folded, mapped to fields.
HEADERS: dict[str, str] = {
    "naam": "name",
    "name": "name",
    "voornaam": "name",
    "roepnaam": "name",
    "volledige naam": "postal_name",
    "naam op brieven": "postal_name",
    "telefoon": "phone",
    "gsm": "phone",
    "phone": "phone",
    "tel": "phone",
    "e-mail": "email",
    "email": "email",
    "mail": "email",
    "straat": "street",
    "adres": "street",
    "straat en nummer": "street",
    "postcode": "postal_code",
    "gemeente": "city",
    "woonplaats": "city",
    "taal": "language",
    "kanaal": "preferred_channel",
    "kinderopvang": "needs_childcare",
    "vervoer": "needs_transport",
    "tolk": "needs_interpreter",
    "eenvoudige taal": "needs_easy_read",
    "grote letters": "needs_large_print",
    "rolstoel": "needs_wheelchair_access",
}

YES = {"ja", "j", "yes", "y", "x", "1", "waar", "true", "oui"}
NO = {"", "nee", "n", "no", "0", "onwaar", "false", "non"}

CHANNEL_WORDS = {
    "sms": Channel.SMS,
    "e-mail": Channel.EMAIL,
    "email": Channel.EMAIL,
    "mail": Channel.EMAIL,
    "brief": Channel.LETTER,
    "post": Channel.LETTER,
    "telefoon": Channel.PHONE,
    "bellen": Channel.PHONE,
    "maatschappelijk werker": Channel.SOCIAL_WORKER,
}

LANGUAGE_WORDS = (
    {fold(str(label)): value for value, label in Language.choices}
    | {
        "nederlands": "nl",
        "frans": "fr",
        "engels": "en",
        "arabisch": "ar",
        "turks": "tr",
        "pools": "pl",
        "roemeens": "ro",
        "oekraiens": "uk",
        "russisch": "ru",
        "somalisch": "so",
        "tigrinya": "ti",
        "dari": "prs",
        "pasjtoe": "ps",
        "berbers": "ber",
    }
    | {code: code for code in Language.values}
)


class ImportFileError(ValueError):
    """The file as a whole cannot be read; the message is for the user."""


def _read_rows(name: str, content: bytes) -> Iterator[tuple[int, list[str]]]:
    """Each line of the first sheet, numbered, with at most MAX_COLUMNS cells.

    What a file declares about itself is not trusted: an Excel sheet can claim 16,384 columns
    and a million rows in a few bytes, and openpyxl would pad every row to that width. Rows,
    columns and the unpacked size are bounded before anything is read.
    """
    if name.lower().endswith(".xlsx"):
        yield from _read_xlsx(content)
        return
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFileError(_("This file cannot be read as text."))
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        for number, values in enumerate(reader, start=1):
            yield number, [_cell(v) for v in values[:MAX_COLUMNS]]
    except csv.Error as error:  # for example a cell larger than the csv module allows
        raise ImportFileError(_("This file cannot be read as text.")) from error


def _read_xlsx(content: bytes) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ImportFileError(_("This Excel file cannot be read.")) from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportFileError(_("This Excel file is too large to read. Split it."))
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise ImportFileError(_("This Excel file cannot be read.")) from error
    try:
        sheet = workbook.worksheets[0]
        # One line past the limit, so that a longer file is noticed rather than cut short.
        lines = sheet.iter_rows(max_row=MAX_LINES + 1, max_col=MAX_COLUMNS, values_only=True)
        for number, values in enumerate(lines, start=1):
            yield number, [_cell("" if v is None else str(v)) for v in values]
    except ImportFileError:
        raise
    except Exception as error:  # a damaged sheet fails while it is being read
        raise ImportFileError(_("This Excel file cannot be read.")) from error
    finally:
        workbook.close()


def _cell(value: str) -> str:
    # A NUL character cannot be stored in PostgreSQL text; in a spreadsheet it is noise.
    return value.replace("\x00", "").strip()


def _yes_no(value: str, line_errors: list[str], label: str) -> bool:
    word = fold(value)
    if word in YES:
        return True
    if word in NO:
        return False
    line_errors.append(
        _("%(column)s: write yes or no, not “%(value)s”.") % {"column": label, "value": value[:40]}
    )
    return False


def parse_import(membership: Membership, name: str, content: bytes) -> list[ImportRow]:
    """Reads and checks every row. Raises ImportFileError when the file is unusable."""
    rows = _read_rows(name, content)
    try:
        _header_line, header = next(rows)
    except StopIteration:
        raise ImportFileError(_("The file is empty.")) from None
    columns: dict[int, str] = {}
    for index, title in enumerate(header):
        field = HEADERS.get(fold(title))
        if field and field not in columns.values():
            columns[index] = field
    if "name" not in columns.values():
        raise ImportFileError(
            _("The first row must name the columns, with at least a column “naam”.")
        )
    known = existing_duplicate_index(membership)
    seen_in_file: dict[str, int] = {}
    result: list[ImportRow] = []
    deadline = time.monotonic() + TIME_LIMIT
    for line, values in rows:
        if time.monotonic() > deadline:
            raise ImportFileError(_("This file takes too long to check. Split it."))
        if line > MAX_LINES:
            raise ImportFileError(
                _("The file has more than %(max)d lines. Split it.") % {"max": MAX_LINES}
            )
        if not any(values):
            continue
        if len(result) >= MAX_ROWS:
            raise ImportFileError(
                _("The file has more than %(max)d people. Split it.") % {"max": MAX_ROWS}
            )
        result.append(_check_row(line, values, columns, known, seen_in_file))
    if not result:
        raise ImportFileError(_("The file has no people in it, only a header row."))
    return result


def _check_row(
    line: int,
    values: list[str],
    columns: dict[int, str],
    known: dict[str, int],
    seen_in_file: dict[str, int],
) -> ImportRow:
    raw = {field: values[index] if index < len(values) else "" for index, field in columns.items()}
    errors: list[str] = []
    # Fields whose value was refused: the channel check does not repeat their error.
    failed: set[str] = set()
    data: dict[str, Any] = {}
    labels = {
        f.name: str(f.verbose_name)
        for f in Participant._meta.get_fields()
        if hasattr(f, "verbose_name")
    }
    for field, value in raw.items():
        if field.startswith("needs_"):
            data[field] = _yes_no(value, errors, labels[field])
        elif field == "phone":
            try:
                data[field] = normalise_phone(value)
            except InvalidPhoneNumber:
                failed.add(field)
                errors.append(
                    _("Phone: “%(value)s” is not a valid number.") % {"value": value[:40]}
                )
        elif field == "email":
            if value and not _is_email(value):
                failed.add(field)
                errors.append(
                    _("E-mail: “%(value)s” is not a valid address.") % {"value": value[:60]}
                )
            data[field] = value
        elif field == "language":
            code = LANGUAGE_WORDS.get(fold(value)) if value else "nl"
            if code is None:
                errors.append(
                    _("Language: “%(value)s” is not a language we know.") % {"value": value[:40]}
                )
            data[field] = code or "nl"
        elif field == "preferred_channel":
            channel = CHANNEL_WORDS.get(fold(value)) if value else None
            if value and channel is None:
                failed.add(field)
                errors.append(
                    _("Channel: write sms, e-mail, brief or telefoon, not “%(value)s”.")
                    % {"value": value[:40]}
                )
            if channel:
                data[field] = channel
        elif field == "postal_code":
            if value and not is_postal_code(value):
                failed.add(field)
                errors.append(
                    _("Postal code: “%(value)s” does not have four digits.") % {"value": value[:20]}
                )
            data[field] = value
        else:
            limit = Participant._meta.get_field(field).max_length or 100  # type: ignore[union-attr]
            hidden = hidden_characters(value)
            if hidden:
                # A bidi override (U+202E) in a name turns the text around it on staff pages.
                errors.append(
                    _("%(column)s holds an invisible sign (%(code)s) that can turn text around.")
                    % {"column": labels[field], "code": hidden[0].code}
                )
            if len(value) > limit:
                errors.append(
                    _("%(column)s is longer than %(max)d characters.")
                    % {"column": labels[field], "max": limit}
                )
            data[field] = value[:limit]
    if not data.get("name"):
        errors.append(_("The name is empty."))
    # The same rule as the form: the preferred channel must be able to reach the person.
    chosen = "preferred_channel" in data
    if not chosen:
        data["preferred_channel"] = _best_channel(data)
    if not failed & {"preferred_channel", "phone", "email", "postal_code"}:
        for message in channel_errors(data).values():
            if chosen:
                errors.append(message)
            else:
                errors.append(
                    _(
                        "There is no way to reach this person: fill in a phone number, "
                        "an e-mail address or the full address."
                    )
                )
    row = ImportRow(line=line, data=data, errors=errors)
    for key in duplicate_keys(data):
        if key in known:
            row.duplicate_of.append(known[key])
        if key in seen_in_file and row.same_as_line is None:
            row.same_as_line = seen_in_file[key]
        seen_in_file.setdefault(key, line)
    row.duplicate_of = sorted(set(row.duplicate_of))
    return row


def _is_email(value: str) -> bool:
    # The validator allows addresses longer than the column can hold.
    if len(value) > EMAIL_MAX_LENGTH:
        return False
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


def _best_channel(data: dict[str, Any]) -> str:
    """The channel for a person whose list does not say how to reach them."""
    if data.get("phone"):
        return Channel.SMS if can_receive_sms(data["phone"]) else Channel.PHONE
    if data.get("email"):
        return Channel.EMAIL
    return Channel.LETTER
