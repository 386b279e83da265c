"""Downloads: the map as a self-contained HTML file, and a print view of map and report (a
blueprint; the views are in :mod:`.views`)."""

from webapp.downloads.views import bp

__all__ = ["bp"]
