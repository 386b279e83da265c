"""Which people are shared between young people's networks (:mod:`connections.shared_people`
does the scoring). Statements are in ``cypher/shared_people.cypher``."""

from __future__ import annotations

from connections.store.base import StoreBase


class SharedPeopleRecords(StoreBase):
    """Find the people several young people's networks hold."""

    def shared_people_scope(self, minimum: int = 2) -> tuple[frozenset[str], list[str]]:
        """The ids of people in at least ``minimum`` young people's networks, and the ids of the
        young people holding any of them (sorted), in one query."""
        record = self.read("shared_people.scope", minimum=minimum)[0]
        return frozenset(record["person_ids"]), sorted(record["young_person_ids"])
