"""What an uploaded file really is, read from its own bytes: the browser's claim is not trusted."""

from __future__ import annotations

import zipfile
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from .models.core import ATTACHMENT_TYPES

MAX_BYTES = 10 * 1024 * 1024
# The endings a file of each type may have: "not what it says it is" is refused.
EXTENSIONS = {
    "application/pdf": {".pdf"},
    "image/png": {".png"},
    "image/jpeg": {".jpg", ".jpeg"},
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {".docx"},
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {".xlsx"},
    "application/vnd.oasis.opendocument.text": {".odt"},
}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"


def _office_type(upload: UploadedFile[Any]) -> str | None:
    # DOCX, XLSX and ODT are zip files; what is inside says which one it is.
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            # Read a few bytes, never the whole entry: a small zip can unpack to gigabytes.
            if "mimetype" in names:
                with archive.open("mimetype") as entry:
                    if entry.read(len(ODT) + 8).strip() == ODT.encode():
                        return ODT
            if "[Content_Types].xml" in names:
                if "word/document.xml" in names:
                    return DOCX
                if "xl/workbook.xml" in names:
                    return XLSX
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return None
    finally:
        upload.seek(0)
    return None


def sniff(upload: UploadedFile[Any]) -> str | None:
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"PK\x03\x04"):
        return _office_type(upload)
    return None


def check(upload: UploadedFile[Any]) -> str:
    """The content type of an acceptable attachment, or a ValidationError that says why not."""
    name = (upload.name or "")[:80]
    if (upload.size or 0) > MAX_BYTES:
        raise ValidationError(_("“%(name)s” is larger than 10 MB.") % {"name": name}, code="size")
    content_type = sniff(upload)
    if content_type not in ATTACHMENT_TYPES:
        raise ValidationError(
            _(
                "“%(name)s” is not a PDF, an image (PNG or JPEG), or a Word, Excel or "
                "OpenDocument file. Check the file and try again."
            )
            % {"name": name},
            code="type",
        )
    extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in EXTENSIONS[content_type]:
        raise ValidationError(
            _(
                "“%(name)s” does not hold what its name says. Give it the right ending "
                "(%(ending)s) and try again."
            )
            % {"name": name, "ending": ATTACHMENT_TYPES[content_type]},
            code="extension",
        )
    return content_type
