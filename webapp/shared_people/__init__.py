"""The shared people page for managers (a blueprint; the views are in :mod:`.views`)."""

from webapp.shared_people.views import bp

__all__ = ["bp"]
