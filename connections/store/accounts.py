"""Users, allocations of young people to users, the sign-in lockout, and the audit trail.

The store keeps only hashes (Argon2 for passwords, SHA-256 for API tokens); hashing and checking
happen in :mod:`connections.accounts`, never here. Statements are in ``cypher/accounts.cypher``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

import neo4j.time

from connections.accounts import AuditEvent, LockoutPolicy, SessionUser, User, UserRole
from connections.model import YoungPerson
from connections.store.base import AlreadyExists, NotFound, StoreBase, _decode

#: An audit detail is a note, not a document: long enough for the record of a removed contact
#: log entry (its facts and a note of up to 5,000 characters), cut short beyond that.
_DETAIL_MAX = 6000


class AccountRecords(StoreBase):
    """Users, allocations and the audit trail."""

    # --- users -----------------------------------------------------------------------------------

    def create_user(self, user: User, password_hash: str) -> User:
        """A new user; :class:`AlreadyExists` when the username is taken."""
        try:
            records = self.write(
                "user.create", props=_user_props(user), password_hash=password_hash
            )
        except AlreadyExists:
            raise AlreadyExists(f"There is already a user called {user.username!r}.") from None
        return _user(records[0]["user"])

    def save_user(self, user: User, password_hash: str) -> User:
        """Create or reset a user (profile and password; allocations kept). For the demo."""
        records = self.write("user.save", props=_user_props(user), password_hash=password_hash)
        return _user(records[0]["user"])

    def get_user(self, username: str) -> User:
        records = self.read("user.get", username=username)
        if not records:
            raise NotFound(f"No user called {username!r}.")
        return _user(records[0]["user"])

    def update_user(self, user: User) -> User:
        """Save a user's display name, role and active flag; deactivating ends their sessions."""
        records = self.write(
            "user.update",
            username=user.username,
            display_name=user.display_name,
            role=user.role.value,
            active=user.active,
        )
        if not records:
            raise NotFound(f"No user called {user.username!r}.")
        return _user(records[0]["user"])

    def list_users(self) -> list[tuple[User, int]]:
        """Every user, by username, with the number of young people allocated to them."""
        return [(_user(r["user"]), r["allocated"]) for r in self.read("user.list")]

    def count_active_admins(self) -> int:
        return self.read("user.count_active_admins")[0]["count"]

    def password_hash(self, username: str) -> str | None:
        """The password hash of an active user; ``None`` for an unknown or deactivated one."""
        records = self.read("user.password_hash", username=username)
        return records[0]["password_hash"] if records else None

    def set_password_hash(self, username: str, password_hash: str) -> None:
        records = self.write(
            "user.set_password_hash", username=username, password_hash=password_hash
        )
        if not records[0]["updated"]:
            raise NotFound(f"No user called {username!r}.")

    def set_password(self, username: str, password_hash: str, *, must_change: bool) -> None:
        """A new password (a user's own change, an administrator's reset, the command line):
        ``must_change`` makes the user choose another at their next sign-in. Ends every session
        of the user and clears any lockout.
        """
        records = self.write(
            "user.set_password",
            username=username,
            password_hash=password_hash,
            must_change_password=must_change,
        )
        if not records[0]["updated"]:
            raise NotFound(f"No user called {username!r}.")

    def set_api_token_hash(self, username: str, api_token_hash: str | None) -> None:
        """Store the hash of a user's API token (``None`` revokes it)."""
        records = self.write(
            "user.set_api_token_hash", username=username, api_token_hash=api_token_hash
        )
        if not records[0]["updated"]:
            raise NotFound(f"No user called {username!r}.")

    def user_for_api_token_hash(self, api_token_hash: str) -> User | None:
        """The active user whose API token has this hash, if any."""
        records = self.read("user.by_api_token_hash", api_token_hash=api_token_hash)
        return _user(records[0]["user"]) if records else None

    # --- sessions (one per sign-in; connections.accounts.start_session) -------------------------
    # Identified by the SHA-256 of the random id the browser holds; times come from the caller.

    def create_session(
        self, username: str, id_hash: str, now: datetime, expires_at: datetime, idle: timedelta
    ) -> bool:
        """A new session for an active user (``False``: no such active user). Removes a few
        sessions that have expired, or been idle for longer than ``idle``, first."""
        records = self.write(
            "session.create",
            username=username,
            id_hash=id_hash,
            now=now,
            expires_at=expires_at,
            idle=idle,
        )
        return bool(records[0]["created"])

    def session_user(self, id_hash: str, now: datetime, idle: timedelta) -> SessionUser | None:
        """The user of a live session as each request needs them, with the ids of the young
        people allocated to them, in one read; ``None`` for a session that does not exist (signed
        out, ended by a new password or deactivation), has expired or has been idle too long."""
        records = self.read("session.user", id_hash=id_hash, now=now, idle=idle)
        if not records:
            return None
        record = records[0]
        return SessionUser(
            _user(record["user"]), frozenset(record["allocated"]), _native(record["last_seen"])
        )

    def touch_session(self, id_hash: str, now: datetime) -> None:
        """Record that a session was seen at ``now`` (for the idle timeout)."""
        self.write("session.touch", id_hash=id_hash, now=now)

    def end_session(self, id_hash: str) -> bool:
        """Delete a session (signing out); whether there was one."""
        return bool(self.write("session.delete", id_hash=id_hash)[0]["deleted"])

    def count_sessions(self, username: str) -> int:
        """How many sessions a user has (including expired ones not yet removed)."""
        return self.read("session.count", username=username)[0]["count"]

    # --- the sign-in lockout ---------------------------------------------------------------------
    # Kept per username typed, whether or not such a user exists (connections.accounts explains).

    def sign_in_locked_until(self, username: str, now: datetime) -> datetime | None:
        """When signing in with ``username`` is allowed again, if it is refused at ``now``."""
        records = self.read("sign_in.locked_until", username=username, now=now)
        return _native(records[0]["locked_until"]) if records else None

    def record_failed_sign_in(
        self, username: str, policy: LockoutPolicy, now: datetime
    ) -> datetime | None:
        """Count a wrong password at ``now``; when this one reaches ``policy.max_failures``
        within ``policy.window``, the username is locked and the end of the lock returned."""
        records = self.write(
            "sign_in.record_failure",
            username=username,
            now=now,
            window=policy.window,
            lock=policy.lock,
            max_failures=policy.max_failures,
        )
        return _native(records[0]["locked_until"]) if records[0]["locks"] else None

    def clear_failed_sign_ins(self, username: str) -> None:
        """Forget the wrong passwords counted against ``username`` (after a right one)."""
        self.write("sign_in.clear", username=username)

    # --- allocations -------------------------------------------------------------------------

    def allocate(self, username: str, young_person_ids: Sequence[str]) -> None:
        """Allocate young people to a user (already allocated ones stay as they are).

        All or nothing: :class:`NotFound` names the ids that are not young people.
        """
        self.get_user(username)
        ids = list(dict.fromkeys(young_person_ids))
        missing = self.read("allocation.missing_young_people", ids=ids)[0]["missing"]
        if missing:
            raise NotFound("No young person with id " + ", ".join(repr(i) for i in missing) + ".")
        self.write("allocation.create", username=username, ids=ids)

    def unallocate(self, username: str, young_person_ids: Sequence[str]) -> int:
        """Remove allocations; returns how many there were."""
        records = self.write("allocation.delete", username=username, ids=list(young_person_ids))
        return records[0]["deleted"]

    def allocated_ids(self, username: str) -> list[str]:
        """The ids of the young people allocated to a user, in id order."""
        return [r["id"] for r in self.read("allocation.ids", username=username)]

    def allocated_young_people(self, username: str) -> list[YoungPerson]:
        return [
            _decode(YoungPerson, r["young_person"])
            for r in self.read("allocation.young_people", username=username)
        ]

    def is_allocated(self, username: str, young_person_id: str) -> bool:
        return self.read("allocation.exists", username=username, young_person_id=young_person_id)[
            0
        ]["allocated"]

    def find_young_people(self, text: str, limit: int = 50) -> list[YoungPerson]:
        """Young people whose name contains ``text`` (any case), or whose id is ``text``."""
        return [
            _decode(YoungPerson, r["young_person"])
            for r in self.read("allocation.find_young_people", text=text, limit=limit)
        ]

    # --- the audit trail ---------------------------------------------------------------------

    def record_audit(
        self, username: str, action: str, young_person_id: str, detail: str = ""
    ) -> None:
        """Append one event to the audit trail (one CREATE; the time is the database's)."""
        self.write(
            "audit.record",
            username=username,
            action=action,
            young_person_id=young_person_id,
            detail=detail[:_DETAIL_MAX],
        )

    def record_audits(
        self, username: str, action: str, young_person_ids: Sequence[str], detail: str = ""
    ) -> None:
        """The same event for each of these young people, in one write: a page or download
        holding several young people's data (the worker's to do, the cohort CSV)."""
        if young_person_ids:
            self.write(
                "audit.record_many",
                username=username,
                action=action,
                young_person_ids=list(young_person_ids),
                detail=detail[:_DETAIL_MAX],
            )

    def audit_events(self, young_person_id: str, limit: int = 100) -> list[AuditEvent]:
        """The most recent events for one young person, newest first."""
        return [
            _audit_event(r["event"])
            for r in self.read(
                "audit.for_young_person", young_person_id=young_person_id, limit=limit
            )
        ]


def _user_props(user: User) -> dict[str, Any]:
    return {
        "username": user.username,
        "display_name": user.display_name,
        "role": user.role.value,
        "active": user.active,
        "must_change_password": user.must_change_password,
    }


def _user(row: dict[str, Any]) -> User:
    return User(
        username=row["username"],
        display_name=row["display_name"],
        role=UserRole(row["role"]),
        active=bool(row.get("active", True)),
        must_change_password=bool(row.get("must_change_password") or False),
    )


def _native(value: Any) -> datetime | None:
    if isinstance(value, neo4j.time.DateTime):
        return value.to_native()
    return value


def _audit_event(row: dict[str, Any]) -> AuditEvent:
    at = row["at"]
    if isinstance(at, neo4j.time.DateTime):
        at = at.to_native()
    return AuditEvent(
        at=at,
        username=row.get("username") or "",
        action=row.get("action") or "",
        young_person_id=row.get("young_person_id") or "",
        detail=row.get("detail") or "",
    )
