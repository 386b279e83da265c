"""Records administration (admins only): purging an entry made on the wrong child, the records
past retention, and subject access exports (a blueprint; the views are in :mod:`.views`)."""

from webapp.admin_records.views import bp

__all__ = ["bp"]
