"""Consent and information sharing: a young person's consent ledger (a blueprint; the views are
in :mod:`.views`, the form in :mod:`.forms`, what other pages read in :mod:`.current`)."""

from webapp.consent.views import bp

__all__ = ["bp"]
