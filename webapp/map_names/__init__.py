"""The names of everyone in a map's groups, placed when a group is first opened (the young
person's page sends its first view's names only: see :mod:`connections.maplabels`)."""

from webapp.map_names.views import bp

__all__ = ["bp"]
