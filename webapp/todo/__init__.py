"""The worker's "to do" page (a blueprint; the view is in :mod:`.views`)."""

from webapp.todo.views import bp

__all__ = ["bp"]
