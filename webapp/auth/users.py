"""The signed-in user, as Flask-Login sees it: a :class:`connections.accounts.User` read from
the store on each request with their session and allocations, in one read
(:func:`webapp.auth.sessions.load_user`), so signing out, a new password, a deactivation, a change
of role or of allocations takes effect at once.

Flask-Login's user id is the id of the user's server-side session, nothing else.
"""

from __future__ import annotations

from flask_login import UserMixin

from connections.accounts import User, UserRole


class SignedInUser(UserMixin):
    def __init__(self, user: User, session_id: str = "", allocated: frozenset[str] | None = None):
        self.user = user
        #: The id of the server-side session ("" for an API token, which has none).
        self.session_id = session_id
        #: The young people allocated to them, when read with the user (``None``: not read,
        #: e.g. for an API token; :func:`webapp.access.may_open` then asks the store).
        self.allocated = allocated

    def get_id(self) -> str:
        return self.session_id

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
