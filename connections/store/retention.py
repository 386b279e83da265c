"""Applying the retention rule (:mod:`connections.retention`): what the store holds, by young
person, and deleting one young person's records whole, audited (``cypher/retention.cypher``).

A deletion makes no version (its statements are unrelated to the versions that note a changed
network): the versions themselves are deleted with the network. A person only this young person's
network held goes too; a person other networks hold stays. The audit trail is kept: its retention
is the council's decision about audit records, not this rule's.
"""

from __future__ import annotations

import json
from datetime import date

import neo4j

from connections.retention import Due, Held, audit_detail
from connections.store.base import StoreBase, _statements

__all__ = ["RetentionRecords"]


class RetentionRecords(StoreBase):
    """Read what is held and delete records past retention."""

    def records_held(self) -> list[Held]:
        """Every young person's records, and versions left by a young person no longer on the
        system (their date of birth read from the latest version)."""
        held = [
            Held(
                record["young_person_id"],
                _date(record["date_of_birth"]),
                record["versions"],
            )
            for record in self.read("retention.held")
        ]
        for record in self.read("retention.orphaned"):
            born = json.loads(record["document"])["young_person"]["date_of_birth"]
            held.append(
                Held(record["young_person_id"], date.fromisoformat(born), record["versions"], False)
            )
        return held

    def delete_past_retention(self, item: Due, *, username: str, years: int) -> int:
        """Delete one young person's records (live network, versions, and the people only they
        held) and record it in the audit trail, all or nothing; the versions deleted."""
        statements = _statements()
        young_person_id = item.held.young_person_id

        def work(tx: neo4j.ManagedTransaction) -> int:
            locked = tx.run(statements["retention.lock"], young_person_id=young_person_id).single()
            if locked is not None and item.held.live:
                tx.run(statements["young_person.delete"], id=young_person_id).consume()
                tx.run(statements["retention.delete_people"], ids=locked["people"]).consume()
            deleted = tx.run(
                statements["retention.delete_versions"], young_person_id=young_person_id
            ).single()
            tx.run(
                statements["retention.record"],
                username=username,
                young_person_id=young_person_id,
                detail=audit_detail(item, years),
            ).consume()
            return int(deleted["deleted"]) if deleted else 0

        result: int = self._transaction(work)
        return result


def _date(value: object) -> date:
    if isinstance(value, neo4j.time.Date):
        return value.to_native()
    if isinstance(value, str):
        return date.fromisoformat(value)
    return value  # type: ignore[return-value]
