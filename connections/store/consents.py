"""The consent ledger (docs/consent.md, :mod:`connections.consent`): append-only. Statements are
in ``cypher/consents.cypher``.

There is deliberately no method to change or delete an entry: a withdrawal is a new entry, and
what a young person agreed to is read from the whole ledger (:func:`connections.consent
.consent_state`). The ledger goes only with the young person's whole record
(:meth:`~connections.store.Store.delete_young_person`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import neo4j
import neo4j.exceptions
import neo4j.time

from connections.consent import ConsentEntry, ConsentRecord, check_entry, parse_entry
from connections.store.base import (
    AlreadyExists,
    NotFound,
    StoreBase,
    _decode,
    _props,
    _statements,
)


class ConsentRecords(StoreBase):
    """Append to and read a young person's consent ledger."""

    def record_consent(
        self, young_person_id: str, entry: ConsentEntry, recorded_by: str
    ) -> ConsentRecord:
        """Append ``entry`` to the young person's ledger, recorded by ``recorded_by`` (a
        username) now. The entry is validated again, with the young person's date of birth
        (:func:`connections.consent.check_entry`), under their write lock in the same
        transaction as the write: :class:`~connections.model.InvalidInput` naming the field,
        :class:`NotFound` for no such young person, :class:`AlreadyExists` for an id in use;
        nothing is written in any of these cases."""
        entry = parse_entry(entry.model_dump(mode="python"))
        statements = _statements()

        def work(tx: neo4j.ManagedTransaction) -> neo4j.Record:
            young_person = tx.run(
                statements["consent.young_person"], young_person_id=young_person_id
            ).single()
            if young_person is None:
                raise NotFound(f"No young person with id {young_person_id!r}.")
            check_entry(entry, _native(young_person["date_of_birth"]))
            return tx.run(
                statements["consent.create"],
                young_person_id=young_person_id,
                props=_props(entry),
                recorded_by=recorded_by,
            ).single()

        try:
            record: neo4j.Record = self._transaction(work)
        except neo4j.exceptions.ConstraintError as error:
            raise AlreadyExists(
                f"A consent entry with id {entry.id!r} is recorded already: nothing was written."
            ) from error
        return _record(record)

    def consents(self, young_person_id: str) -> list[ConsentRecord]:
        """The young person's ledger in date order (entries of one date in the order they were
        recorded); empty for a young person with none, or no such young person."""
        records = self.read("consent.list", young_person_id=young_person_id)
        return [_record(record) for record in records]

    def record_consents_in_bulk(
        self, rows: Iterable[tuple[str, ConsentEntry, str]], batch_size: int = 1000
    ) -> int:
        """Demo data: append many (young person id, entry, recorded by) at once, each batch one
        transaction; entries must be valid already (the demo's are). Returns how many were
        written (a row for a young person who is not there is skipped)."""
        written = 0
        batch: list[dict[str, Any]] = []
        for young_person_id, entry, recorded_by in rows:
            batch.append(
                {
                    "young_person_id": young_person_id,
                    "props": _props(entry),
                    "recorded_by": recorded_by,
                }
            )
            if len(batch) >= batch_size:
                written += self._bulk(batch)
                batch = []
        if batch:
            written += self._bulk(batch)
        return written

    def _bulk(self, rows: Sequence[dict[str, Any]]) -> int:
        records = self.write("consent.bulk_create", rows=list(rows))
        return int(records[0]["created"]) if records else 0


def _native(value: Any) -> Any:
    return value.to_native() if isinstance(value, neo4j.time.Date | neo4j.time.DateTime) else value


def _record(record: neo4j.Record) -> ConsentRecord:
    values = dict(record["entry"])
    recorded_by = values.pop("recorded_by", "")
    recorded_at = _native(values.pop("recorded_at", None))
    return ConsentRecord(
        entry=_decode(ConsentEntry, values),
        recorded_by=recorded_by,
        recorded_at=recorded_at,
        recorded_by_name=record["recorded_by_name"] or recorded_by,
    )
