"""CSRF protection on every form, and security headers on every response.

Every POST, PUT, PATCH and DELETE needs a CSRF token (Flask-WTF's :data:`csrf`), including JSON
API calls made from a signed-in browser session. A JSON API blueprint that also accepts API tokens
exempts itself (``csrf.exempt(bp)``) and registers :func:`csrf_unless_bearer_token` as its
``before_request``: a request with ``Authorization: Bearer ...`` needs no CSRF token (a browser
never sends that header on its own), one that relies on the session cookie still does.

Every response, pages, errors and static files alike, carries a strict Content-Security-Policy:
scripts, styles, fonts and images come only from this app (no inline script or style, no CDN),
nothing may frame the app, and forms post only to it.
"""

from __future__ import annotations

from flask import Flask, Response, request
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
    "form-action 'self'"
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}


def csrf_unless_bearer_token() -> None:
    """CSRF check for API blueprints exempted from :data:`csrf`: skipped only for token auth.

    The CSRF token may come in the form (``csrf_token``) or the ``X-CSRFToken`` header.
    """
    if request.method in ("GET", "HEAD", "OPTIONS", "TRACE"):
        return
    if request.headers.get("Authorization", "").startswith("Bearer "):
        return
    csrf.protect()


def _add_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if request.endpoint != "static":
        # Pages hold children's personal data: never keep them in a shared or browser cache.
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def _add_hsts(response: Response) -> Response:
    response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    return response


def init_app(app: Flask) -> None:
    csrf.init_app(app)
    app.after_request(_add_headers)
    if app.config.get("HSTS"):
        app.after_request(_add_hsts)
