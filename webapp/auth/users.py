"""The signed-in user, as Flask-Login sees it: a :class:`connections.accounts.User` read from
the store on each request, so a deactivation or a change of role takes effect at once."""

from __future__ import annotations

from flask_login import UserMixin

from connections.accounts import User, UserRole
from connections.store import NotFound
from webapp.db import get_store


class SignedInUser(UserMixin):
    def __init__(self, user: User):
        self.user = user

    def get_id(self) -> str:
        return self.user.username

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


def load_user(username: str) -> SignedInUser | None:
    """Flask-Login's user loader: ``None`` (signed out) for an unknown or deactivated user."""
    try:
        user = get_store().get_user(username)
    except NotFound:
        return None
    return SignedInUser(user) if user.active else None
