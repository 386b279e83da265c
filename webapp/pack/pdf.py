"""The pack's PDF, made on the server with WeasyPrint from HTML the app rendered itself.

WeasyPrint is given the page as a string and a URL fetcher that refuses everything: the pack's
HTML carries its style and its map (an inline SVG) within it, so nothing may be fetched, and a
name typed by a user can never make the server request a URL.
"""

from __future__ import annotations

from typing import Any, NoReturn


class FetchRefused(Exception):
    """WeasyPrint asked for a URL; the pack's PDF never fetches anything."""


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    raise FetchRefused(url)


def html_to_pdf(html: str) -> bytes:
    """``html`` (a whole document, with its CSS inline) as PDF bytes."""
    # Imported here: WeasyPrint loads pango when imported, which only this download needs.
    from weasyprint import HTML

    return HTML(string=html, url_fetcher=_no_fetch).write_pdf()
