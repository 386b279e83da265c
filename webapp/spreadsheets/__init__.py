"""Spreadsheets in and out (a blueprint; the views are in :mod:`.views`)."""

from webapp.spreadsheets.views import bp

__all__ = ["bp"]
