"""Users, allocations of young people to users, and the audit trail.

The store keeps only hashes (Argon2 for passwords, SHA-256 for API tokens); hashing and checking
happen in :mod:`connections.accounts`, never here. Statements are in ``cypher/accounts.cypher``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import neo4j.time

from connections.accounts import AuditEvent, User, UserRole
from connections.model import YoungPerson
from connections.store.base import AlreadyExists, NotFound, StoreBase, _decode

#: An audit detail is a short note, not a document.
_DETAIL_MAX = 500


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
        """Save a user's display name, role and active flag."""
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
    }


def _user(row: dict[str, Any]) -> User:
    return User(
        username=row["username"],
        display_name=row["display_name"],
        role=UserRole(row["role"]),
        active=bool(row.get("active", True)),
    )


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
