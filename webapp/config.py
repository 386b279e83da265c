"""The web app's configuration, from environment variables.

==========================  ======================================================================
``SECRET_KEY``              signs the session cookie and CSRF tokens; **required** in production
                            (when neither ``FLASK_DEBUG`` nor testing is on)
``NEO4J_URI`` ...           ``NEO4J_URI``, ``NEO4J_USER``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``:
                            where the database is (:func:`connections.store.settings_from_env`)
``SESSION_COOKIE_SECURE``   send the session cookie over HTTPS only: on unless ``FLASK_DEBUG``
                            (set ``0`` or ``1`` to override)
``SESSION_MINUTES``         sign-out after this many minutes without a request (default 60)
``SESSION_MAX_HOURS``       sign-out this many hours after signing in, however busy (default 12).
                            Sessions are kept in Neo4j: signing out, a new password and
                            deactivation end them on the server (:mod:`webapp.auth.sessions`)
``ORGANISATION_NAME``       shown in the header (default "Children's services")
``CONNECTIONS_AS_OF``       a fixed "today" (YYYY-MM-DD) for demos and tests; default the real date
``TRUSTED_PROXIES``         how many reverse proxies (TLS terminators) stand in front of the app;
                            their X-Forwarded-For/-Proto/-Host headers are then believed (default 0)
``SIGN_IN_MAX_FAILURES``    wrong passwords for one username within ``SIGN_IN_WINDOW_MINUTES``
                            (default 15) that lock it for ``SIGN_IN_LOCKOUT_MINUTES`` (default 15);
                            default 5. Counted in Neo4j, so across workers and restarts
``SIGN_IN_RATE_LIMIT``      failed sign-ins allowed from one address (Flask-Limiter's notation;
                            default ``20 per minute``); more get a 429 page
``RATELIMIT_STORAGE_URI``   where Flask-Limiter counts them: default ``memory://`` (each worker
                            counts on its own); ``redis://host:6379`` shares the count between
                            workers and restarts. ``RATELIMIT_ENABLED=0`` turns the limit off (it is
                            off by default when testing)
==========================  ======================================================================
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

import limits

from connections.store import settings_from_env

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


class ConfigError(RuntimeError):
    """The environment does not give the app what it needs to start."""


def check_config(config: Mapping[str, Any]) -> None:
    """Refuse to start without what production needs."""
    if not config.get("SECRET_KEY"):
        raise ConfigError(
            "SECRET_KEY is not set. Set it to a long random value, for example the output of "
            "python -c 'import secrets; print(secrets.token_hex(32))'."
        )
    rate_limit = config.get("SIGN_IN_RATE_LIMIT")
    try:
        limits.parse_many(str(rate_limit))
    except ValueError:
        raise ConfigError(
            f"SIGN_IN_RATE_LIMIT is {rate_limit!r}, which is not a rate limit: write it like "
            "'20 per minute' or '20/minute;100/hour'."
        ) from None


def _number(environ: Mapping[str, str], name: str, default: float) -> float:
    """A positive number from ``environ``; :class:`ConfigError` naming the variable if not."""
    text = environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        value = 0
    if not value > 0:
        raise ConfigError(f"{name} is {text!r}: it must be a number greater than 0.")
    return value


def _flag(environ: Mapping[str, str], name: str, default: bool) -> bool:
    value = environ.get(name, "").strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    return default


def config_from_env(
    environ: Mapping[str, str] | None = None, *, testing: bool = False
) -> dict[str, Any]:
    """Flask configuration from ``environ`` (default ``os.environ``)."""
    environ = os.environ if environ is None else environ
    debug = _flag(environ, "FLASK_DEBUG", False)
    relaxed = debug or testing

    secret_key = environ.get("SECRET_KEY") or None
    if secret_key is None and relaxed:
        secret_key = secrets.token_hex(32)  # development only: sessions end at restart

    session_minutes = _number(environ, "SESSION_MINUTES", 60)
    as_of = environ.get("CONNECTIONS_AS_OF")

    return {
        "SECRET_KEY": secret_key,
        "TESTING": testing,
        "NEO4J_SETTINGS": settings_from_env(environ),
        # Sessions: kept in Neo4j, ended after SESSION_MINUTES idle or SESSION_MAX_HOURS in all
        # (webapp.auth.sessions). Cookies only over HTTPS in production, never readable by
        # scripts, not sent on cross-site requests.
        "SESSION_MINUTES": session_minutes,
        "SESSION_MAX_HOURS": _number(environ, "SESSION_MAX_HOURS", 12),
        "SESSION_COOKIE_SECURE": _flag(environ, "SESSION_COOKIE_SECURE", not relaxed),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_NAME": "lc_session",
        "PERMANENT_SESSION_LIFETIME": timedelta(minutes=session_minutes),
        "SESSION_REFRESH_EACH_REQUEST": True,
        "REMEMBER_COOKIE_SECURE": _flag(environ, "SESSION_COOKIE_SECURE", not relaxed),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        # A form stays valid as long as the session does.
        "WTF_CSRF_TIME_LIMIT": int(session_minutes * 60),
        "WTF_CSRF_SSL_STRICT": True,
        # Strict-Transport-Security only where the cookies are HTTPS-only.
        "HSTS": _flag(environ, "SESSION_COOKIE_SECURE", not relaxed),
        "ORGANISATION_NAME": environ.get("ORGANISATION_NAME", "Children's services"),
        # The council's "Always Here" promise in the My Network pack (default: connections.pack).
        "PACK_PROMISE": environ.get("PACK_PROMISE", ""),
        "AS_OF": date.fromisoformat(as_of) if as_of else None,
        # Apply constraints and indexes when the app first reaches the database.
        "APPLY_SCHEMA": _flag(environ, "APPLY_SCHEMA", True),
        # After the database fails, answer 503 at once for this many seconds, then try again.
        "DATABASE_RETRY_SECONDS": float(environ.get("DATABASE_RETRY_SECONDS", "5")),
        "TRUSTED_PROXIES": int(environ.get("TRUSTED_PROXIES", "0")),
        # Sign-in lockout per username (webapp.auth.views; connections.accounts.LockoutPolicy).
        "SIGN_IN_MAX_FAILURES": max(1, int(_number(environ, "SIGN_IN_MAX_FAILURES", 5))),
        "SIGN_IN_WINDOW_MINUTES": _number(environ, "SIGN_IN_WINDOW_MINUTES", 15),
        "SIGN_IN_LOCKOUT_MINUTES": _number(environ, "SIGN_IN_LOCKOUT_MINUTES", 15),
        # Failed sign-ins per client address (Flask-Limiter, webapp.auth.limits). Off by default
        # in tests, which sign in many times; the tests of the limit turn it on.
        "SIGN_IN_RATE_LIMIT": environ.get("SIGN_IN_RATE_LIMIT", "20 per minute"),
        "RATELIMIT_ENABLED": _flag(environ, "RATELIMIT_ENABLED", not testing),
        "RATELIMIT_STORAGE_URI": environ.get("RATELIMIT_STORAGE_URI") or "memory://",
        "RATELIMIT_KEY_PREFIX": "lifelong-connections",
        # Retry-After and X-RateLimit-* headers on the limited route.
        "RATELIMIT_HEADERS_ENABLED": True,
        # If the limit's storage (redis) is down, sign-in still works: the per-username lockout
        # in Neo4j still applies.
        "RATELIMIT_SWALLOW_ERRORS": True,
        # The largest request body accepted (a network document for the API fits easily).
        "MAX_CONTENT_LENGTH": 16 * 1024 * 1024,
    }
