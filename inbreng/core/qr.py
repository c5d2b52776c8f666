"""QR codes as inline SVG (no image files, nothing fetched)."""

from __future__ import annotations

import io
from html import escape


def qr_svg(data: str, *, box_size: int = 10, title: str = "") -> str:
    """The code as inline SVG. `title` is its text alternative: a tagged PDF (PDF/UA) takes
    a figure's alternative text from the SVG's <title>."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=box_size)
    buffer = io.BytesIO()
    image.save(buffer)
    # The library names its path "qr-path"; several codes on one page (a batch of letters)
    # must not share an id.
    svg = buffer.getvalue().decode().replace(' id="qr-path"', "")
    if title:
        start = svg.index(">", svg.index("<svg")) + 1
        svg = f"{svg[:start]}<title>{escape(title)}</title>{svg[start:]}"
    return svg


def qr_png_data_uri(data: str) -> str:
    """A QR code as a small PNG in a data: URI, for PDFs with hundreds of codes.

    WeasyPrint draws an SVG code as hundreds of little squares; an image is one draw. The
    mask is fixed (any of the eight is a valid code), which skips trying all eight.
    """
    import base64

    import qrcode

    code = qrcode.QRCode(box_size=4, border=2, mask_pattern=0)
    code.add_data(data)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image().save(buffer)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
