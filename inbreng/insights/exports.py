"""Lists as XLSX and as CSV that Belgian Excel opens correctly, with no cell that runs.

Belgian Excel reads CSV with `;` between cells and only recognises UTF-8 when the file
starts with a byte-order mark; dates are written the Dutch way (dd-mm-jjjj). A text cell
that starts with `=`, `+`, `-` or `@` (or a tab or carriage return, which Excel skips before
those) would run as a formula: in CSV it gets a leading apostrophe, in XLSX it is stored as
a text cell (openpyxl would otherwise store "=..." as a formula).

Rows come from an iterator, so a city's 100,000 inputs are written without holding them all:
the CSV streams line by line, the XLSX is written in openpyxl's write-only mode.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
DATE_FORMAT = "%d-%m-%Y"
DATETIME_FORMAT = "%d-%m-%Y %H:%M"
# Excel refuses text cells longer than this.
MAX_CELL = 32767
# The characters XML 1.0 (and so XLSX) cannot hold; openpyxl raises on them.
_ILLEGAL = {c for c in range(32) if c not in (9, 10, 13)}
_ILLEGAL_TABLE = dict.fromkeys(_ILLEGAL)

FORMATS = ("csv", "xlsx")


@dataclass(frozen=True)
class Percent:
    """A share in percent (45 for 45 %): a percentage cell in XLSX (0.45 shown as 45%),
    "45%" in CSV (with a decimal comma when it has decimals), which Belgian Excel reads as a
    percentage. A row holds None instead when the share is hidden or unknown."""

    value: int | float


def percent(value: int | float | None) -> Percent | None:
    return None if value is None else Percent(value)


def safe_text(value: str) -> str:
    """The text as a cell that cannot run as a formula: a leading apostrophe when needed."""
    value = value.translate(_ILLEGAL_TABLE)[:MAX_CELL]
    if value.startswith(FORMULA_START):
        return "'" + value[: MAX_CELL - 1]
    return value


def _local(value: datetime) -> datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


def csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return _local(value).strftime(DATETIME_FORMAT)
    if isinstance(value, date):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, int | float):
        # Excel in Dutch reads a decimal comma.
        return str(value).replace(".", ",")
    if isinstance(value, Percent):
        return str(value.value).replace(".", ",") + "%"
    return safe_text(str(value))


class _Line:
    """A file-like object that hands back what the csv writer wrote."""

    def write(self, value: str) -> str:
        return value


def csv_lines(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """The CSV file, line by line: byte-order mark, then `;`-separated cells."""
    writer = csv.writer(_Line(), delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    yield BOM + writer.writerow([safe_text(str(h)) for h in headers])
    for row in rows:
        yield writer.writerow([csv_cell(v) for v in row])


def xlsx_file(title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> Any:
    """An XLSX workbook in a temporary file (opened for reading, at its start)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=safe_sheet_title(title))
    bold = Font(bold=True)

    def cell(value: Any, header: bool = False) -> Any:
        if isinstance(value, datetime):
            made = WriteOnlyCell(sheet, value=_local(value).replace(tzinfo=None))
            made.number_format = "dd-mm-yyyy hh:mm"
        elif isinstance(value, date):
            made = WriteOnlyCell(sheet, value=value)
            made.number_format = "dd-mm-yyyy"
        elif isinstance(value, bool):
            made = WriteOnlyCell(sheet, value=_("yes") if value else _("no"))
        elif isinstance(value, int | float) or value is None:
            made = WriteOnlyCell(sheet, value=value)
        elif isinstance(value, Percent):
            made = WriteOnlyCell(sheet, value=value.value / 100)
            made.number_format = "0%" if isinstance(value.value, int) else "0.0%"
        else:
            text = str(value).translate(_ILLEGAL_TABLE)[:MAX_CELL]
            made = WriteOnlyCell(sheet, value=text)
            # Stored as text whatever it starts with: "=1+1" stays the four characters.
            made.data_type = "s"
        if header:
            made.font = bold
        return made

    sheet.append([cell(h, header=True) for h in headers])
    for row in rows:
        sheet.append([cell(v) for v in row])
    # Handed to FileResponse, which closes it once sent: no `with` here.
    output = tempfile.TemporaryFile()  # noqa: SIM115
    workbook.save(output)
    output.seek(0)
    return output


def safe_sheet_title(title: str) -> str:
    cleaned = "".join(c for c in title if c not in "[]:*?/\\")
    return cleaned[:31] or "Export"


def _in_language(rows: Iterable[Sequence[Any]], language: str | None) -> Iterator[Sequence[Any]]:
    """The rows, each made in the request's language even when streamed after the view."""
    iterator = iter(rows)
    while True:
        with translation.override(language):
            try:
                row = next(iterator)
            except StopIteration:
                return
        yield row


def export_response(
    fmt: str, filename: str, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]
) -> HttpResponse | StreamingHttpResponse | FileResponse:
    """The download in the asked format; `filename` without extension, ASCII."""
    response: HttpResponse | StreamingHttpResponse | FileResponse
    rows = _in_language(rows, translation.get_language())
    if fmt == "xlsx":
        response = FileResponse(
            xlsx_file(title, headers, rows),
            as_attachment=True,
            filename=f"{filename}.xlsx",
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = StreamingHttpResponse(
            (line.encode("utf-8") for line in csv_lines(headers, rows)),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    # Lists may hold what people said: never kept by a browser or proxy cache.
    response["Cache-Control"] = "no-store"
    return response


def read_csv(content: bytes) -> list[list[str]]:
    """Reads an export back as Excel would (for tests and the round trip)."""
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
