"""Young people who are siblings of one another, and a person marked as being another young
person (:mod:`connections.siblings` does the grouping). Statements are in
``cypher/siblings.cypher``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import neo4j

from connections import model
from connections.model import (
    PARENT_ROLES,
    SIBLING_ROLES,
    Contact,
    InvalidInput,
    Person,
    RatedBy,
    RestrictionScope,
    Role,
    Safety,
    Wishes,
    YoungPerson,
    YoungPersonStatus,
)
from connections.siblings import Placement, RestrictionSpan, SiblingRecord
from connections.store.base import NotFound, StaleEdit, StoreBase, _props, _statements


def kept_by_omission(entity: YoungPerson | Person, name: str) -> dict[str, Any]:
    """The entity's properties to store, without ``name`` when the document did not give it
    (so what is recorded stays, as a relationship's side does)."""
    props = _props(entity)
    if name not in entity.model_fields_set:
        del props[name]
    return props


def young_person_claim(person: Person, path: str) -> dict[str, Any]:
    """A row for ``siblings.claims``: ``person`` is said to be another young person."""
    return {"path": path, "person_id": person.id, "young_person_id": person.young_person_id}


class UnknownYoungPerson(InvalidInput):
    """Every refusal is a person marked as a young person the service does not know (yet): a
    bulk import holds such a document back until the end of its run, when that young person may
    have arrived (:mod:`connections.cli_bulk`)."""


def check_young_person_claims(tx: neo4j.ManagedTransaction, claims: list[dict[str, Any]]) -> None:
    """Refuse (raising :class:`InvalidInput`, so the transaction writes nothing) any person said
    to be a young person who does not exist, or who holds that person in their own network
    (:class:`UnknownYoungPerson` when every refusal is of the first kind)."""
    if not claims:
        return
    refused = tx.run(_statements()["siblings.claims"], claims=claims).data()
    if refused:
        errors = [_claim_error(row) for row in refused]
        if all(row["missing"] for row in refused):
            raise UnknownYoungPerson(errors)
        raise InvalidInput(errors)


def _claim_error(row: dict[str, Any]) -> model.FieldError:
    other = row["young_person_id"]
    if row["missing"]:
        message = f'"{other}" is not a young person known to the service'
    else:
        message = (
            f'"{other}" has this person in their own network: a young person cannot be a '
            "person in their own network"
        )
    return model.FieldError(path=row["path"], message=message)


class SiblingRecords(StoreBase):
    """Sibling links between young people, and the record of each one's contact with the
    others."""

    def known_young_people(self, ids: Sequence[str]) -> set[str]:
        """Which of ``ids`` are young people the service knows (one index seek each)."""
        if not ids:
            return set()
        return {record["id"] for record in self.read("siblings.existing", ids=sorted(ids))}

    def sibling_links(self) -> list[tuple[str, str, str]]:
        """Every pair of young people who are siblings, with why (``marked``, ``mother``,
        ``father``), in one query."""
        records = self.read(
            "siblings.links",
            sibling_roles=sorted(role.value for role in SIBLING_ROLES),
            parent_roles=sorted(role.value for role in PARENT_ROLES),
        )
        return [(r["a"], r["b"], r["how"]) for r in records]

    def sibling_members(
        self, young_person_ids: Sequence[str]
    ) -> tuple[dict[str, Placement], list[SiblingRecord]]:
        """Where each of these young people lives, and their records of one another, in one
        query."""
        placements: dict[str, Placement] = {}
        records: list[SiblingRecord] = []
        for row in self.read("siblings.members", ids=list(young_person_ids)):
            placements[row["id"]] = Placement(
                row["id"], row["name"], YoungPersonStatus(row["status"]), row["household"]
            )
            for (
                person_id,
                sibling_id,
                role,
                contact,
                last_contact,
                wishes,
                safety,
                closeness,
                rated_by,
                spans,
            ) in row["records"]:
                if person_id is None:  # the OPTIONAL MATCH found no record
                    continue
                records.append(
                    SiblingRecord(
                        row["id"],
                        sibling_id,
                        person_id,
                        Role(role),
                        Contact(contact),
                        date.fromisoformat(last_contact) if last_contact else None,
                        Wishes(wishes),
                        Safety(safety),
                        closeness,
                        RatedBy(rated_by) if rated_by else None,
                        tuple(
                            RestrictionSpan(
                                RestrictionScope(scope),
                                date.fromisoformat(starts),
                                date.fromisoformat(ends) if ends else None,
                            )
                            for scope, starts, ends in spans
                        ),
                    )
                )
        return placements, records

    def young_people_named(
        self, ids: Sequence[str] | None, limit: int = 2000
    ) -> list[tuple[str, str]]:
        """(id, name) of these young people (``None``: everyone), by name, at most ``limit``."""
        records = self.read(
            "siblings.young_people", ids=None if ids is None else list(ids), limit=limit
        )
        return [(r["id"], r["name"]) for r in records]

    def mark_young_person(
        self, young_person_id: str, person_id: str, other: str | None, version: int
    ) -> int:
        """Mark the person ``person_id`` of ``young_person_id``'s network as being the young
        person ``other`` (``None`` unmarks), if the person is still at ``version``; returns the
        person's new version.

        Raises :class:`NotFound` (no such person in that network), :class:`StaleEdit` (the
        person changed since) or :class:`InvalidInput` naming ``young_person_id`` (the young
        person itself, or one who does not exist or holds this person); nothing is written.
        """
        if other == young_person_id:
            raise InvalidInput.single(
                "young_person_id",
                "a person in a young person's network cannot be that young person",
            )

        def work(tx: neo4j.ManagedTransaction) -> int:
            row = tx.run(
                _statements()["siblings.mark"],
                young_person=young_person_id,
                person_id=person_id,
                other=other,
                version=version,
            ).single()
            if row is None:
                raise NotFound(f"No person {person_id!r} in this young person's network.")
            if not row["fresh"]:
                raise StaleEdit(
                    "Someone else saved changes to this person after you opened them. Your "
                    "change was not saved: reload to see theirs, then make it again."
                )
            if other is not None:
                check_young_person_claims(
                    tx,
                    [{"path": "young_person_id", "person_id": person_id, "young_person_id": other}],
                )
            new_version: int = row["version"]
            return new_version

        result: int = self._transaction(work)
        return result
