"""The Family Group Conference view and plan (a blueprint; the views are in :mod:`.views`,
the facilitator's guest list in :mod:`.guests`)."""

from webapp.conference import guests as _guests  # noqa: F401  (registers the guest list routes)
from webapp.conference.views import bp

__all__ = ["bp"]
