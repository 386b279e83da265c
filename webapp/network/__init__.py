"""Building a young person's network: people, relationships, links, households, the contact log
and family finding (a blueprint; the views are in :mod:`.views`, the forms in :mod:`.forms`)."""

from webapp.network import contacts  # noqa: F401  (registers the contact log's routes on bp)
from webapp.network.views import bp

__all__ = ["bp"]
