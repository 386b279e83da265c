"""Error pages in GOV.UK style: 400, 403, 404, 405, 429, 500, and 503 when the database is down.

429 is Flask-Limiter's answer to too many failed sign-ins from one address
(:mod:`webapp.auth.limits`, which also adds ``Retry-After``); its page belongs to signing in.

The 503 page is rendered without touching the database (the layout does not look up the signed-in
user when the database is down) and says when to try again (``Retry-After: 30``). While the
database is known to be down (:func:`webapp.db.database_known_down`), every request but static
files is answered with it at once.
"""

from __future__ import annotations

import logging

import neo4j.exceptions
from flask import Blueprint, Response, make_response, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from connections.store import DatabaseUnavailable
from connections.store import NotFound as StoreNotFound
from webapp.db import database_known_down, mark_database_down

bp = Blueprint("errors", __name__)
log = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30

#: status -> template; any other HTTP error uses the generic page.
_PAGES = {
    400: "errors/400.html",
    403: "errors/403.html",
    404: "errors/404.html",
    405: "errors/405.html",
    429: "auth/too_many_attempts.html",
    500: "errors/500.html",
}


def _page(status: int, **context: object) -> Response:
    template = _PAGES.get(status, "errors/generic.html")
    return make_response(render_template(template, status=status, **context), status)


@bp.before_app_request
def _refuse_while_database_down() -> Response | None:
    if request.endpoint != "static" and database_known_down():
        return service_unavailable()
    return None


@bp.app_errorhandler(DatabaseUnavailable)
@bp.app_errorhandler(neo4j.exceptions.ServiceUnavailable)
@bp.app_errorhandler(neo4j.exceptions.SessionExpired)
def _database_unavailable(error: Exception) -> Response:
    log.warning("Database unavailable: %s", error)
    mark_database_down()
    return service_unavailable()


def service_unavailable() -> Response:
    """The 503 page (no database access), with ``Retry-After``."""
    response = make_response(render_template("errors/503.html", status=503), 503)
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


@bp.app_errorhandler(CSRFError)
def _csrf_error(error: CSRFError) -> Response:
    return _page(400, csrf=True)


@bp.app_errorhandler(StoreNotFound)
def _store_not_found(error: StoreNotFound) -> Response:
    return _page(404)


@bp.app_errorhandler(HTTPException)
def _http_error(error: HTTPException) -> Response:
    if isinstance(error, InternalServerError):
        return _internal_error(error)
    status = error.code or 500
    response = _page(status, description=error.description)
    if status == 405:
        allowed = error.get_response().headers.get("Allow")
        if allowed:
            response.headers["Allow"] = allowed
    return response


@bp.app_errorhandler(InternalServerError)
def _internal_error(error: InternalServerError) -> Response:
    original = getattr(error, "original_exception", None)
    if isinstance(
        original,
        DatabaseUnavailable | neo4j.exceptions.ServiceUnavailable | neo4j.exceptions.SessionExpired,
    ):
        return _database_unavailable(original)
    return _page(500)
