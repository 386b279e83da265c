"""The invitation link as a QR code: inline SVG made on the server with segno, so the page makes
no image request and the Content-Security-Policy stays as it is (no style attribute, no script)."""

from __future__ import annotations

import segno
from markupsafe import Markup


def qr_svg(link: str, title: str = "QR code of the link") -> Markup:
    """An accessible inline SVG QR code of ``link`` (``role="img"`` named by its title)."""
    code = segno.make(link, error="m")
    svg = code.svg_inline(scale=4, border=4, dark="#0b0c0c", light="#ffffff", title=title)
    return Markup(svg.replace("<svg ", '<svg role="img" focusable="false" class="lc-qr" ', 1))
