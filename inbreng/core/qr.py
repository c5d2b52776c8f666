"""QR codes as inline SVG (no image files, nothing fetched)."""

from __future__ import annotations

import io


def qr_svg(data: str, *, box_size: int = 10) -> str:
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=box_size)
    buffer = io.BytesIO()
    image.save(buffer)
    # The library names its path "qr-path"; several codes on one page (a batch of letters)
    # must not share an id.
    return buffer.getvalue().decode().replace(' id="qr-path"', "")
