"""Siblings placed apart (a cohort page for managers) and marking a person in a young person's
network as being another young person (a blueprint; the views are in :mod:`.views`)."""

from webapp.siblings import household  # noqa: F401  (registers its view on bp)
from webapp.siblings.views import bp

__all__ = ["bp"]
