"""The signed-in user, as Flask-Login sees it: a :class:`connections.accounts.User` read from
the store on each request (with their allocations, in the same read), so a deactivation, a change
of role or of allocations takes effect at once.

A session remembers ``username:session_key``. The key changes whenever the user's password is
set (their own change, an administrator's reset, the command line), which signs out every other
browser they were signed in on.
"""

from __future__ import annotations

import hmac

from flask_login import UserMixin

from connections.accounts import User, UserRole
from connections.store import NotFound
from connections.store.accounts import SessionUser
from webapp.db import get_store


class SignedInUser(UserMixin):
    def __init__(self, user: User, session_key: str = "", allocated: frozenset[str] | None = None):
        self.user = user
        self.session_key = session_key
        #: The young people allocated to them, when read with the user (``None``: not read,
        #: e.g. for an API token; :func:`webapp.access.may_open` then asks the store).
        self.allocated = allocated

    @classmethod
    def of(cls, record: SessionUser) -> SignedInUser:
        return cls(record.user, record.session_key, record.allocated)

    def get_id(self) -> str:
        return f"{self.user.username}:{self.session_key}"

    @property
    def is_active(self) -> bool:  # type: ignore[override]
        return self.user.active

    @property
    def username(self) -> str:
        return self.user.username

    @property
    def display_name(self) -> str:
        return self.user.display_name

    @property
    def role(self) -> UserRole:
        return self.user.role

    @property
    def is_admin(self) -> bool:
        return self.user.role is UserRole.ADMIN

    @property
    def sees_whole_cohort(self) -> bool:
        return self.user.role.sees_whole_cohort

    @property
    def must_change_password(self) -> bool:
        """After an administrator's reset: every page leads to the change-password page."""
        return self.user.must_change_password


def load_user(user_id: str) -> SignedInUser | None:
    """Flask-Login's user loader: ``None`` (signed out) for an unknown or deactivated user, or a
    session signed in before the user's password was last set."""
    username, _, session_key = user_id.partition(":")
    try:
        record = get_store().session_user(username)
    except NotFound:
        return None
    if not record.user.active or not hmac.compare_digest(session_key, record.session_key):
        return None
    return SignedInUser.of(record)
