"""Link requests: asking for someone known only in other workers' networks to be linked to a
young person's network, and deciding such requests (a blueprint; views in :mod:`.views`)."""

from webapp.link_requests.views import bp

__all__ = ["bp"]
