"""The young people pages (a blueprint; the views are in :mod:`.views`)."""

from webapp.young_people.views import bp

__all__ = ["bp"]
