"""A limit on failed sign-ins per client address (Flask-Limiter), beside the per-username lockout.

The lockout (:func:`connections.accounts.authenticate`) stops guessing one user's password; this
stops one address trying many usernames. Only a POST to ``/sign-in`` that does not sign in counts
(a wrong password, a locked username, an empty form), so an office behind one address is never
stopped by its own successful sign-ins. Past ``SIGN_IN_RATE_LIMIT`` the answer is a 429 page
(:mod:`webapp.errors`) with ``Retry-After``.

Each app gets a limiter of its own (configured by ``RATELIMIT_*``, see :mod:`webapp.config`), so
two apps in one process (tests) never share counts or settings. The client's address is
``request.remote_addr``, which :class:`~werkzeug.middleware.proxy_fix.ProxyFix` takes from
``X-Forwarded-For`` when ``TRUSTED_PROXIES`` is set.
"""

from __future__ import annotations

from flask import Flask, current_app
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from werkzeug.wrappers import Response

#: The limited view.
SIGN_IN_ENDPOINT = "auth.sign_in"


def _sign_in_limit() -> str:
    return str(current_app.config["SIGN_IN_RATE_LIMIT"])


def _failed(response: Response) -> bool:
    """Whether a sign-in POST failed: a successful one redirects."""
    return not 300 <= response.status_code < 400


def init_app(app: Flask) -> Limiter:
    """Limit failed sign-ins on ``app`` (after the auth blueprint is registered)."""
    limiter = Limiter(get_remote_address, app=app)
    # The limit holds its limiter only weakly, and a disabled limiter registers nowhere.
    app.extensions["sign_in_limiter"] = limiter
    limit = limiter.limit(_sign_in_limit, methods=["POST"], deduct_when=_failed)
    app.view_functions[SIGN_IN_ENDPOINT] = limit(app.view_functions[SIGN_IN_ENDPOINT])
    return limiter
