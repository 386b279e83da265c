"""A young person's network history: the versions in words, two days compared (a blueprint; the
views are in :mod:`.views`)."""

from webapp.history.views import bp

__all__ = ["bp"]
