"""The admin pages (a blueprint; the views are in :mod:`.views`)."""

from webapp.admin.views import bp

__all__ = ["bp"]
