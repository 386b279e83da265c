"""Restrictions on contact, one young person's at a time (docs/restrictions.md). Statements are
in ``cypher/restrictions.cypher``.

A restriction is added for a person in the young person's network, listed with who recorded it
and when, and ended by setting ``ends`` on the version the editor saw. It is never deleted, and
nothing here can delete one: an order outlives an edit of the network.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import neo4j.time

from connections import model
from connections.model import (
    Category,
    InvalidInput,
    Network,
    Person,
    Restriction,
    YoungPerson,
)
from connections.store.base import (
    AlreadyExists,
    NotFound,
    StaleEdit,
    StoreBase,
    _decode,
    _props,
)


@dataclass(frozen=True, slots=True)
class RestrictionRecord:
    """A restriction as its pages show it: with its person's name, who recorded it and when, and
    whether that person is still in the young person's network."""

    restriction: Restriction
    person_name: str
    recorded_by: str
    recorded_at: datetime | None
    in_network: bool = True


@dataclass(frozen=True, slots=True)
class RestrictionPage:
    """What a page about a young person's restrictions shows: the young person, the people in
    their network (by name; only id, name and category are read) and every restriction."""

    young_person: YoungPerson
    people: list[Person]
    records: list[RestrictionRecord]

    def network(self) -> Network:
        """A network value holding the young person, the people restrictions are on and every
        restriction: enough for :func:`connections.restrictions.to_review` and ``active``
        (no relationships: never score or save it)."""
        people = {person.id: person for person in self.people}
        for record in self.records:
            person_id = record.restriction.person_id
            if person_id not in people:
                people[person_id] = Person.model_construct(
                    id=person_id, name=record.person_name, category=Category.FAMILY
                )
        return Network(
            young_person=self.young_person,
            people=list(people.values()),
            restrictions=[record.restriction for record in self.records],
        )


class RestrictionRecords(StoreBase):
    """Adding, listing and ending a young person's restrictions."""

    def add_restriction(
        self, young_person_id: str, restriction: Restriction, recorded_by: str
    ) -> RestrictionRecord:
        """Record a restriction on the young person's relationship with ``restriction.person_id``,
        who must be in their network (:class:`NotFound` otherwise). An id already used by any
        restriction raises :class:`AlreadyExists`; nothing is written then."""
        model.check(restriction)
        props = _props(restriction)
        del props["person_id"]
        try:
            records = self.write(
                "restriction.create",
                young_person_id=young_person_id,
                person_id=restriction.person_id,
                props=props,
                recorded_by=recorded_by,
            )
        except AlreadyExists as error:
            raise AlreadyExists(
                f"A restriction with id {restriction.id!r} already exists."
            ) from error
        if not records:
            self.get_young_person(young_person_id)  # type: ignore[attr-defined]
            raise NotFound(
                f"Young person {young_person_id!r} has no relationship with "
                f"{restriction.person_id!r}."
            )
        return _record(records[0])

    def restriction_page(self, young_person_id: str) -> RestrictionPage:
        """The young person, the people in their network and every restriction of theirs, in
        one query; :class:`NotFound` if there is no such young person."""
        records = self.read("restriction.page", young_person_id=young_person_id)
        if not records:
            raise NotFound(f"No young person with id {young_person_id!r}.")
        row = records[0]
        return RestrictionPage(
            young_person=_decode(YoungPerson, row["young_person"]),
            people=sorted(
                (_decode(Person, person) for person in row["people"]),
                key=lambda person: (person.name.casefold(), person.id),
            ),
            records=[_record(item) for item in row["restrictions"]],
        )

    def restrictions(self, young_person_id: str) -> list[RestrictionRecord]:
        """Every restriction of the young person, newest first: ended ones too, and those on
        people no longer in the network."""
        return self.restriction_page(young_person_id).records

    def end_restriction(
        self, young_person_id: str, restriction_id: str, ends: date, version: int
    ) -> RestrictionRecord:
        """End a restriction on ``ends`` (its last day in force), if it is still at ``version``,
        the version the editor saw: :class:`StaleEdit` otherwise, and :class:`InvalidInput`
        naming ``ends`` when that is before it starts. Nothing but ``ends`` changes."""
        records = self.write(
            "restriction.end",
            young_person_id=young_person_id,
            id=restriction_id,
            ends=ends,
            version=version,
        )
        if not records:
            raise NotFound(
                f"Young person {young_person_id!r} has no restriction {restriction_id!r}."
            )
        row = records[0]
        if not row["fresh"]:
            raise StaleEdit(
                "Someone else saved changes to this restriction after you opened it. Your "
                "changes were not saved: reload to see theirs, then make your change again."
            )
        if not row["in_order"]:
            starts = _record(row).restriction.starts
            raise InvalidInput.single(
                "ends", f"{ends.isoformat()} is before the restriction starts ({starts})"
            )
        return _record(row)


def _record(row: Any) -> RestrictionRecord:
    values = dict(row["restriction"])
    recorded_at = values.get("recorded_at")
    if isinstance(recorded_at, neo4j.time.DateTime):
        recorded_at = recorded_at.to_native()
    return RestrictionRecord(
        restriction=_decode(Restriction, values),
        person_name=row["person_name"],
        recorded_by=values.get("recorded_by") or "",
        recorded_at=recorded_at,
        in_network=row["in_network"],
    )
