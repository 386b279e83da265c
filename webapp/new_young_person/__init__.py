"""Adding a young person in the web app (a blueprint; the views are in :mod:`.views`)."""

from webapp.new_young_person.views import bp

__all__ = ["bp"]
