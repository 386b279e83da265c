"""Constellations of carers, households and young people for managers (a blueprint; the views
are in :mod:`.views`)."""

from webapp.constellations.views import bp

__all__ = ["bp"]
