"""The API blueprint's plumbing: who is calling, CSRF, body limits, and JSON errors only.

**Who is calling.** Every request but the OpenAPI document needs either

- ``Authorization: Bearer <token>``: a token made by ``connections user token USERNAME`` (only its
  SHA-256 is stored). When the header is there it decides alone: a session cookie sent with it is
  ignored, and a wrong or revoked token (or another scheme) is 401 even with a valid session;
- or the browser session of a signed-in user (the pages' sign-in). A session request that
  changes something (PUT) needs the CSRF token in the ``X-CSRFToken`` header, as the pages' forms
  do; a bearer request does not (a browser never sends that header on its own).

The caller is then Flask-Login's ``current_user`` for the request, so the pages' checks
(:func:`webapp.access.young_person_access`, :func:`webapp.access.audit`) apply unchanged.

**Errors.** Everything under ``/api/v1`` answers errors as JSON, in one shape::

    {"errors": [{"path": "relationships[3].safety", "message": "..."}]}

``path`` names the field of the document or the query parameter ("" for the request as a whole).
Errors raised by the views (:class:`ApiError`), HTTP errors, CSRF failures and invalid input have
handlers here; anything the rest of the app answers with an HTML page (an unknown URL, a wrong
method, the 503 while the database is down, an unexpected 500) is rewritten as JSON by
:func:`_json_errors_only`, keeping its status and headers (``Allow``, ``Retry-After``).

**Body size.** A request body may be at most ``API_MAX_BODY_BYTES`` (config; default the app's
``MAX_CONTENT_LENGTH``, never more than :data:`connections.io.MAX_DOCUMENT_BYTES`): 413 otherwise.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from flask import Blueprint, Response, current_app, g, request
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge
from werkzeug.http import HTTP_STATUS_CODES

from connections import io
from connections.accounts import token_hash
from connections.model import FieldError, InvalidInput
from connections.store import NotFound as StoreNotFound
from webapp.auth.users import SignedInUser
from webapp.db import get_store
from webapp.security import csrf, csrf_unless_bearer_token

PREFIX = "/api/v1"

bp = Blueprint("api", __name__, url_prefix=PREFIX)
# CSRF is checked by _check_csrf below: for session requests only, never for bearer tokens.
csrf.exempt(bp)

#: Endpoints anyone may call without credentials.
PUBLIC_ENDPOINTS = frozenset({"api.openapi"})

#: A token is 43 characters (``secrets.token_urlsafe(32)``); anything far longer is not one.
_TOKEN_MAX = 200

#: Messages for errors the API does not raise itself (routing, the 503, unexpected errors).
_MESSAGES = {
    400: "The request is not valid.",
    401: "Sign in, or send an API token as 'Authorization: Bearer <token>'.",
    403: "Your role does not allow this.",
    404: "There is nothing at this address.",
    405: "This address does not accept the {method} method.",
    413: "The request body is too large.",
    415: "Send the body as application/json.",
    500: "Something went wrong on the server. Nothing was changed; try again later.",
    503: "The service is unavailable at the moment. Try again in a few seconds.",
}


class ApiError(Exception):
    """An error answered as ``{"errors": [...]}`` with ``status``."""

    def __init__(
        self,
        status: int,
        message: str | Iterable[FieldError],
        path: str = "",
        headers: Mapping[str, str] | None = None,
    ):
        if isinstance(message, str):
            self.errors = [FieldError(path=path, message=message)]
        else:
            self.errors = list(message)
        self.status = status
        self.headers = dict(headers or {})
        super().__init__("; ".join(str(error) for error in self.errors))


def json_response(
    data: Any, status: int = 200, headers: Mapping[str, str] | None = None
) -> Response:
    """``data`` as a JSON response (keys in the order given)."""
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    response = Response(body, status=status, mimetype="application/json")
    response.headers.update(headers or {})
    return response


def error_response(
    status: int, errors: Iterable[FieldError], headers: Mapping[str, str] | None = None
) -> Response:
    return json_response(
        {"errors": [{"path": error.path, "message": error.message} for error in errors]},
        status,
        headers,
    )


def is_api_request() -> bool:
    return request.path == PREFIX or request.path.startswith(PREFIX + "/")


# --- before every API request ------------------------------------------------------------------


@bp.before_request
def _limit_body() -> None:
    limit = body_limit()
    # One byte more for the stream: werkzeug cuts a chunked body off at the limit without an
    # error on the first read, so a body read in full that is longer than ``limit`` is too large
    # (read_body checks).
    request.max_content_length = limit + 1
    if request.content_length is not None and request.content_length > limit:
        raise ApiError(413, f"The request body is larger than {limit} bytes.")


def read_body() -> bytes:
    """The request body, 413 if it is larger than the limit (with or without Content-Length)."""
    body = request.get_data(cache=False)
    limit = body_limit()
    if len(body) > limit:
        raise ApiError(413, f"The request body is larger than {limit} bytes.")
    return body


def body_limit() -> int:
    config = current_app.config
    limit = config.get("API_MAX_BODY_BYTES") or config.get("MAX_CONTENT_LENGTH")
    return min(int(limit), io.MAX_DOCUMENT_BYTES) if limit else io.MAX_DOCUMENT_BYTES


@bp.before_request
def _authenticate() -> None:
    """A bearer token, if sent, decides who is calling; otherwise the session does."""
    g.api_bearer = False
    if request.endpoint in PUBLIC_ENDPOINTS or request.method == "OPTIONS":
        return
    header = request.headers.get("Authorization")
    if header is not None:
        scheme, _, token = header.strip().partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            raise ApiError(
                401,
                "Send the API token as 'Authorization: Bearer <token>'.",
                headers={"WWW-Authenticate": 'Bearer realm="api"'},
            )
        user = None
        if len(token) <= _TOKEN_MAX:
            user = get_store().user_for_api_token_hash(token_hash(token))
        if user is None or not user.active:
            raise ApiError(
                401,
                "The API token is not valid: it is wrong, revoked or its user is deactivated.",
                headers={"WWW-Authenticate": 'Bearer realm="api", error="invalid_token"'},
            )
        # This request's user for Flask-Login (current_user), without touching the session.
        current_app.login_manager._update_request_context_with_user(  # type: ignore[attr-defined]
            SignedInUser(user)
        )
        g.api_bearer = True
        return
    if not current_user.is_authenticated:
        raise ApiError(401, _MESSAGES[401], headers={"WWW-Authenticate": 'Bearer realm="api"'})


@bp.before_request
def _check_csrf() -> None:
    if g.get("api_bearer") or not current_app.config.get("WTF_CSRF_ENABLED", True):
        return
    csrf_unless_bearer_token()


# --- errors as JSON ----------------------------------------------------------------------------


@bp.errorhandler(ApiError)
def _api_error(error: ApiError) -> Response:
    return error_response(error.status, error.errors, error.headers)


@bp.errorhandler(InvalidInput)
def _invalid_input(error: InvalidInput) -> Response:
    return error_response(422, error.errors)


@bp.errorhandler(StoreNotFound)
def _not_found(error: StoreNotFound) -> Response:
    return error_response(404, [FieldError(path="", message=_MESSAGES[404])])


@bp.errorhandler(CSRFError)
def _csrf_error(error: CSRFError) -> Response:
    message = (
        f"{error.description} A signed-in browser session must send the CSRF token in the "
        "X-CSRFToken header; API clients should use 'Authorization: Bearer <token>' instead."
    )
    return error_response(400, [FieldError(path="", message=message)])


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(error: RequestEntityTooLarge) -> Response:
    message = f"The request body is larger than {body_limit()} bytes."
    return error_response(413, [FieldError(path="", message=message)])


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException) -> Response:
    status = error.code or 500
    response = error_response(status, [FieldError(path="", message=_message(status))])
    if status == 405:
        allowed = error.get_response().headers.get("Allow")
        if allowed:
            response.headers["Allow"] = allowed
    return response


def _message(status: int) -> str:
    message = _MESSAGES.get(status) or HTTP_STATUS_CODES.get(status, "Error")
    return message.format(method=request.method)


@bp.after_app_request
def _json_errors_only(response: Response) -> Response:
    """Under /api/v1, rewrite any error page the rest of the app made as a JSON error."""
    if response.status_code < 400 or response.mimetype == "application/json":
        return response
    if not is_api_request():
        return response
    body = {"errors": [{"path": "", "message": _message(response.status_code)}]}
    response.set_data(json.dumps(body))
    response.mimetype = "application/json"
    return response
