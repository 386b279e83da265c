"""Which people are shared between young people's networks, with the kept mission facts of each
network holding them (:mod:`connections.shared_people` adds them up). Statements are in
``cypher/shared_people.cypher``."""

from __future__ import annotations

from dataclasses import dataclass

from connections.model import Category, Role
from connections.store.base import StoreBase, members

_CATEGORY = members(Category)
_ROLE = members(Role)


@dataclass(frozen=True, slots=True)
class SharedHolder:
    """A young person whose network holds someone shared, and their kept row's mission facts
    (``None`` when the row does not hold them: kept before rows did, or no row yet)."""

    young_person_id: str
    stamp: str | None
    loving: list[str] | None
    loving_households: list[int] | None
    #: (person id, name, category, the relationship's role) of each shared person they hold.
    shared: list[tuple[str, str, Category, Role]]


class SharedPeopleRecords(StoreBase):
    """Find the people several young people's networks hold."""

    def shared_people_holders(self, minimum: int = 2) -> list[SharedHolder]:
        """Every young person holding someone in at least ``minimum`` young people's networks,
        in id order, in one query."""
        return [
            SharedHolder(
                record["young_person_id"],
                record["stamp"],
                record["loving"],
                record["loving_households"],
                [
                    (person_id, name, _CATEGORY[category], _ROLE[role])
                    for person_id, name, category, role in record["shared"]
                ],
            )
            for record in self.read("shared_people.holders", minimum=minimum)
        ]
