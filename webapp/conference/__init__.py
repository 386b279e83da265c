"""The Family Group Conference view and plan (a blueprint; the views are in :mod:`.views`)."""

from webapp.conference.views import bp

__all__ = ["bp"]
