"""A coordinator's invitations to a young person to rate their own people (docs/invitations.md):
create one (link and QR code, shown once), see each one's state, revoke it, and review the
answers and suggestions. The young person's own page is :mod:`webapp.invitation_page`."""

from webapp.invitations.views import bp

__all__ = ["bp"]
