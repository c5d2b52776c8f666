"""The only resources a PDF may load: our own static files and inline data.

Imported only when a PDF is made (`inbreng.core.pdf.render_pdf`): WeasyPrint takes a second
to import, which no other page should pay.
"""

from __future__ import annotations

import mimetypes
from typing import Any

from weasyprint.urls import URLFetcher, URLFetcherResponse

from .pdf import STATIC_SCHEME, static_file


class StaticFilesFetcher(URLFetcher):
    """Reads `static:<path>` through Django's static file finders; refuses everything else.

    No network and no other file on the server: user text ends up in these templates, and a
    letter must render the same whether or not the machine is online.
    """

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> Any:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if url.startswith(STATIC_SCHEME):
            found = static_file(url.removeprefix(STATIC_SCHEME))
            if found is not None:
                mime_type = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
                return URLFetcherResponse(
                    url, found.read_bytes(), headers={"Content-Type": mime_type}
                )
        raise ValueError(f"A PDF may load only bundled static files, not {url!r}.")
