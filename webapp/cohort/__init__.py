"""The cohort pages (a blueprint; the views are in :mod:`.views`)."""

from webapp.cohort.views import bp

__all__ = ["bp"]
