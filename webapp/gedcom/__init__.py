"""Family trees in and out (a blueprint; the views are in :mod:`.views`)."""

from webapp.gedcom.views import bp

__all__ = ["bp"]
