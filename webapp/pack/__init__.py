"""The young person's My Network pack: a printable page and a PDF made on the server (a
blueprint; the views are in :mod:`.views`, docs/my-network-pack.md)."""

from webapp.pack.views import bp

__all__ = ["bp"]
