"""Gathering everything held about one person for a subject access export
(``cypher/subject_access.cypher``; what goes in: :mod:`connections.subject_access`)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import neo4j

from connections import subject_access
from connections.store.accounts import _audit_event
from connections.store.base import NotFound, StoreBase

__all__ = ["SubjectAccessRecords"]

#: The most audit events an export lists (newest first).
AUDIT_LIMIT = 10_000


class SubjectAccessRecords(StoreBase):
    """Read what is held about a young person or a person, and record that it was exported."""

    def subject_access(self, subject_id: str, *, username: str) -> dict[str, Any]:
        """The export of everything held about ``subject_id`` (a young person's id or a
        person's), recorded in the audit trail of every young person whose records it reads.
        :class:`NotFound` for an id held nowhere, today or in any version."""
        kind = self.read("subject_access.kind", id=subject_id)[0]
        now = datetime.now(UTC)
        if kind["young_person"]:
            records = self.read("subject_access.young_person_records", id=subject_id)[0]
            holdings = subject_access.YoungPersonHoldings(
                network=self.load_network(subject_id),  # type: ignore[attr-defined]
                versions=self.all_versions(subject_id),  # type: ignore[attr-defined]
                consents=[
                    {
                        **record.entry.model_dump(mode="python"),
                        "recorded_by": record.recorded_by,
                        "recorded_at": record.recorded_at,
                    }
                    for record in self.consents(subject_id)  # type: ignore[attr-defined]
                ],
                audit=self.audit_events(subject_id, limit=AUDIT_LIMIT),  # type: ignore[attr-defined]
                invitations=self.invitations(subject_id),  # type: ignore[attr-defined]
                guest_list=self.guest_list(subject_id),  # type: ignore[attr-defined]
                conferences_held=[
                    {key: _plain(value) for key, value in held.items()}
                    for held in records["conferences_held"]
                ],
                link_requests=[
                    {key: _plain(value) for key, value in request.items()}
                    for request in records["link_requests"]
                ],
            )
            export = subject_access.young_person_export(holdings, now)
            readers = [subject_id]
        else:
            holders = [
                record["young_person_id"]
                for record in self.read("subject_access.version_holders", quoted=f'"{subject_id}"')
            ]
            if not kind["person"] and not holders:
                raise NotFound(f"Nothing is held about {subject_id!r}.")
            today = [yp for yp, _role in self.young_people_of(subject_id)]  # type: ignore[attr-defined]
            person_holdings = subject_access.PersonHoldings(
                person_id=subject_id,
                networks=[self.load_network(yp) for yp in today],  # type: ignore[attr-defined]
                histories={yp: self.all_versions(yp) for yp in holders},  # type: ignore[attr-defined]
                audit=[
                    _audit_event(record["event"])
                    for record in self.read(
                        "subject_access.audit_mentions", id=subject_id, limit=AUDIT_LIMIT
                    )
                ],
            )
            export = subject_access.person_export(person_holdings, now)
            readers = sorted({*today, *holders})
        self.record_audits(  # type: ignore[attr-defined]
            username, "subject_access", readers, f"subject access export: {subject_id}"
        )
        return export


def _plain(value: Any) -> Any:
    """A value read from the database as Python's (the driver's date-times as datetimes)."""
    return value.to_native() if isinstance(value, neo4j.time.DateTime) else value
