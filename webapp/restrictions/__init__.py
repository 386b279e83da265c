"""Restrictions on contact (a blueprint; the views are in :mod:`.views`)."""

from webapp.restrictions.views import bp

__all__ = ["bp"]
