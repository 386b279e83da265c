"""Server-side sessions for Flask-Login: each sign-in starts a session in the store
(:func:`connections.accounts.start_session`) and the session cookie carries only its random id.

Every request looks the session up in the one read that also loads the user and their allocations
(:func:`load_user`), so signing out (:func:`end`), a new password and deactivation end it at once,
and a copy of the cookie taken before is refused. Flask-Login's "remember me" cookie is never set
(``login_user`` without ``remember``); one forged with the secret key would still name a session
id, which is looked up the same way.

``SESSION_MINUTES`` (idle timeout) and ``SESSION_MAX_HOURS`` (absolute limit) are the settings
(:mod:`webapp.config`); ``CLOCK`` in the config (a function) replaces the current time in tests.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import cast

from flask import current_app
from flask_login import current_user, login_user, logout_user

from connections import accounts
from connections.accounts import User
from webapp.auth.users import SignedInUser
from webapp.db import get_store


def now() -> datetime:
    """The current time; ``CLOCK`` in the config (a function) replaces it in tests."""
    clock = cast(Callable[[], datetime] | None, current_app.config.get("CLOCK"))
    return clock() if clock is not None else datetime.now(UTC)


def policy() -> accounts.SessionPolicy:
    """The app's ``SESSION_MINUTES`` and ``SESSION_MAX_HOURS`` as a session policy."""
    config = current_app.config
    return accounts.SessionPolicy(
        idle=timedelta(minutes=float(config["SESSION_MINUTES"])),
        lifetime=timedelta(hours=float(config["SESSION_MAX_HOURS"])),
    )


def begin(user: User) -> bool:
    """Sign ``user`` in with a new session; ``False`` if they are no longer active."""
    session_id = accounts.start_session(get_store(), user.username, policy(), now())
    if session_id is None:
        return False
    login_user(SignedInUser(user, session_id))
    return True


def end() -> None:
    """Sign out: delete this browser's session in the store, then forget it here."""
    if current_user.is_authenticated:
        accounts.end_session(get_store(), current_user.session_id)
    logout_user()


def load_user(session_id: str) -> SignedInUser | None:
    """Flask-Login's user loader: the live session's user, or ``None`` (signed out)."""
    record = accounts.resume_session(get_store(), session_id, policy(), now())
    if record is None:
        return None
    return SignedInUser(record.user, session_id, record.allocated)
