"""Purging an entry made on the wrong child from the live graph and every kept version of the
network, in one transaction (``cypher/purge.cypher``; what goes: :mod:`connections.purge`).

A purge makes no version of its own: its statements are not among those that note a changed
network (:mod:`connections.store.invalidation` lists them as unrelated), so the content cannot
come back in a version written after it, and there is nothing to undo. Its audit record, written
in the same transaction, names the kind of entry, its id and the reason typed.
"""

from __future__ import annotations

from datetime import UTC, datetime

import neo4j

from connections import io, purge
from connections.purge import PurgeKind, PurgePlan, PurgeResult
from connections.store.base import NotFound, StoreBase, _statements
from connections.store.history import finding_fields
from connections.store.networks import _load_in

__all__ = ["PurgeRecords"]


class PurgeRecords(StoreBase):
    """Plan and carry out purges (administrators only: the callers check the role)."""

    def purge_plan(self, young_person_id: str, kind: PurgeKind, entry_id: str) -> PurgePlan:
        """What purging this entry would remove (:class:`NotFound` for no such young person;
        a plan with ``found`` false when neither today's network nor any version holds it)."""
        if not self.read("purge.exists", young_person_id=young_person_id):
            raise NotFound(f"No young person with id {young_person_id!r}.")
        today = self.load_network(young_person_id)  # type: ignore[attr-defined]
        versions = [
            (record["number"], record["document"])
            for record in self.read("purge.versions", young_person_id=young_person_id)
        ]
        others = 0
        if kind is PurgeKind.PERSON:
            others = self.read(
                "purge.other_networks", young_person_id=young_person_id, person_id=entry_id
            )[0]["others"]
        return purge.plan(young_person_id, kind, entry_id, today, versions, others)

    def purge_entry(
        self, young_person_id: str, kind: PurgeKind, entry_id: str, *, username: str, reason: str
    ) -> PurgeResult:
        """Remove the entry from the live graph and from every version of this young person's
        network, redact audit records that quoted it and record the purge, all or nothing.
        :class:`NotFound` when the young person does not exist or nothing holds the entry;
        :class:`~connections.model.InvalidInput` (``reason``) without a reason."""
        reason = purge.check_reason(reason)
        statements = _statements()

        def work(tx: neo4j.ManagedTransaction) -> PurgeResult:
            if not tx.run(statements["purge.lock"], young_person_id=young_person_id).single():
                raise NotFound(f"No young person with id {young_person_id!r}.")
            documents = [
                (record["number"], record["document"])
                for record in tx.run(statements["purge.versions"], young_person_id=young_person_id)
            ]
            rewritten = []
            for number, document in documents:
                changed = purge.without_entry(document, kind, entry_id)
                if changed != document:
                    rewritten.append(
                        {
                            "number": number,
                            "document": changed,
                            **finding_fields(io.loads_network(changed)),
                        }
                    )
            today = _load_in(tx, young_person_id)
            in_live = today is not None and purge.holds(today, kind, entry_id)
            if not rewritten and not in_live:
                raise NotFound(f"No {kind.value} {entry_id!r} in the records of {young_person_id}.")
            entries = purge.contact_ids([d for _, d in documents], kind, entry_id)
            if kind is PurgeKind.CONTACT:
                tx.run(
                    statements["purge.remove_contact"],
                    young_person_id=young_person_id,
                    id=entry_id,
                ).consume()
                person_deleted = False
            else:
                if today is not None:
                    entries = tuple(
                        sorted(
                            {
                                *entries,
                                *(c.id for c in today.contact_log if c.person_id == entry_id),
                            }
                        )
                    )
                record = tx.run(
                    statements["purge.remove_person"],
                    young_person_id=young_person_id,
                    person_id=entry_id,
                ).single()
                person_deleted = bool(record and record["person_deleted"])
            if rewritten:
                tx.run(
                    statements["purge.rewrite_versions"],
                    young_person_id=young_person_id,
                    versions=rewritten,
                ).consume()
            tx.run(statements["purge.forget_cohort_row"], young_person_id=young_person_id).consume()
            now = datetime.now(UTC)
            redacted = tx.run(
                statements["purge.redact_audit"],
                young_person_id=young_person_id,
                redactions=[
                    {
                        "prefix": f"contact removed: {entry} ",
                        "detail": purge.redacted_detail("contact removed:", entry, now),
                    }
                    for entry in entries
                ],
            ).single()
            tx.run(
                statements["purge.record"],
                username=username,
                young_person_id=young_person_id,
                detail=purge.audit_detail(kind, entry_id, reason, len(rewritten)),
            ).consume()
            return PurgeResult(
                young_person_id=young_person_id,
                kind=kind,
                entry_id=entry_id,
                versions_rewritten=tuple(item["number"] for item in rewritten),
                live_removed=in_live,
                person_deleted=person_deleted,
                audit_events_redacted=redacted["redacted"] if redacted else 0,
                contact_ids=entries,
            )

        result: PurgeResult = self._transaction(work)
        return result
