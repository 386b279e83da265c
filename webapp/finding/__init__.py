"""Is family finding working? A young person's timeline, and the cohort's figures for a period
(a blueprint; the views are in :mod:`.views`)."""

from webapp.finding.views import bp

__all__ = ["bp"]
