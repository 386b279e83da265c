"""The young person's own page, opened from an invitation's link: ``/i/<token>``
(docs/invitations.md).

No account and no other page: the link's token is the only key, and it opens only this page of
this young person's invitation. What the page shows is the young person's projection
(:func:`connections.young_person_audience.for_young_person_invitation`): names, roles in their
words, and their own answers; fields are numbered by position, so no person id reaches the
browser, and only the invitation's own people can be answered.

- A token that is not open (answered, expired, revoked) and one that never existed get the same
  kind page with the same status (404) and the same bytes (:func:`closed`).
- Rate-limited per address (``INVITATION_RATE_LIMIT``, Flask-Limiter's notation; default
  ``30 per minute``), with a kind page of its own (429).
- CSRF: every POST carries the form's token, checked against the session here (the blueprint is
  exempt from the app-wide check only because that check also insists on a ``Referer`` over
  HTTPS, which ``Referrer-Policy: no-referrer`` withholds; the token check itself is the same).
- ``Referrer-Policy: no-referrer`` (the token in the address never leaks to another site) and
  ``Cache-Control: no-store`` on every answer; the app's Content-Security-Policy as everywhere.
- Audited: each opening, save and submit as ``young_person`` under ``invitation:<id>``, each
  refused use of a known link as ``denied``.
"""

from __future__ import annotations

from flask import Flask, current_app
from flask_limiter import Limiter

from webapp.invitation_page.views import bp

#: Requests per address to the young person's page (GET and POST alike).
DEFAULT_RATE_LIMIT = "30 per minute"


def _limit() -> str:
    return str(current_app.config.get("INVITATION_RATE_LIMIT") or DEFAULT_RATE_LIMIT)


def init_app(app: Flask) -> None:
    """Register the page, limited per address with the app's limiter (made by
    :func:`webapp.auth.limits.init_app`, which must run first)."""
    app.register_blueprint(bp)
    limiter: Limiter = app.extensions["sign_in_limiter"]
    endpoint = "invitation_page.show"
    app.view_functions[endpoint] = limiter.limit(_limit, scope="invitation-page")(
        app.view_functions[endpoint]
    )


__all__ = ["bp", "init_app"]
