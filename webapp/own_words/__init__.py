"""The young person's own words for their family meeting, as a worker sees and records them
(docs/maps.md, "The young person's own words")."""

from webapp.own_words.views import bp

__all__ = ["bp"]
