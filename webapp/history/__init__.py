"""A young person's network history: the versions in words, two days compared (a blueprint; the
views are in :mod:`.views`), the network on a day
(:mod:`.on_day`) and restoring an earlier version (:mod:`.restore`)."""

from webapp.history import on_day as _on_day  # noqa: F401  (its route joins the blueprint)
from webapp.history import restore as _restore  # noqa: F401  (its routes join the blueprint)
from webapp.history.views import bp

__all__ = ["bp"]
