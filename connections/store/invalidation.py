"""Every write that can change a young person's coverage invalidates their kept cohort row, in
the same transaction (:mod:`connections.cohort_rows`, ``cypher/cohort_rows.cypher``).

**One mechanism.** Every write the store makes runs a named statement, through
:meth:`~connections.store.base.StoreBase.write` or inside
:meth:`~connections.store.base.StoreBase._transaction`. Both pass here: :data:`TOUCHES` maps each
statement that can change what scoring reads to the young people (by id) or people (by id: a
person is in every network that holds them, so a change to a shared person reaches each of those
young people) it touches, worked out from the statement's own parameters, and
:class:`InvalidatingTransaction` notes them, and runs ``cohort_row.invalidate`` once for all
of them just before the transaction commits (the young people holding a person found at once,
before a deletion for a person deleted). A new statement that changes a
network only needs a line in :data:`TOUCHES`; ``tests/unit/test_invalidation.py`` fails for a
write statement that has none (read-only and unrelated writes are listed in :data:`UNRELATED`).

**Invalidate, not re-score, in the write.** Re-scoring inside each write would load the network
again (``network.for_scoring``: about 1 ms for 40 people on this machine, more for the hundreds a
large family holds) and score it (about 1 ms more), for every young person touched: a shared
person's edit in 20 networks would hold its locks some 40 ms longer, and a bulk import of 500
networks a second longer per batch. It could not know the date either: the page asks for its own
``as_of`` (the app's ``AS_OF`` in demos and tests, a date given to the API). Invalidating is one
small statement (under a millisecond for one young person): it sets the row's
``cohort_valid_until`` to 0001-01-01 (past on every day, and found by the stale-row check's
index seek) and gives the young person a new ``cohort_stamp``, so the next read of
the cohort scores that row again, in a batch with any others, and writes it back only if the
stamp is still the one it read before loading the network (a change committed meanwhile leaves
the row to the next read instead of keeping a row scored from the network before it).

Statements that do not change what scoring reads: the contact log (scoring reads relationships'
``last_contact``, never the log), consents, allocations, guest lists, invitations' own records,
link requests' own records, accounts, sessions and the audit trail.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

import neo4j


class Touched(NamedTuple):
    """Whose rows a statement may change: young people by id, and people by id (every young
    person whose network holds them)."""

    young_people: list[str]
    people: list[str]


def _young_person(key: str) -> Callable[[Mapping[str, Any]], Touched]:
    return lambda p: Touched([p[key]], [])


def _person(key: str) -> Callable[[Mapping[str, Any]], Touched]:
    return lambda p: Touched([], [p[key]])


def _rows(name: str, key: str, *, people: bool = False) -> Callable[[Mapping[str, Any]], Touched]:
    def touched(p: Mapping[str, Any]) -> Touched:
        ids = [row[key] for row in p[name]]
        return Touched([], ids) if people else Touched(ids, [])

    return touched


def _link(p: Mapping[str, Any]) -> Touched:
    return Touched([], [p["source"], p["target"]])


def _created(p: Mapping[str, Any]) -> Touched:
    return Touched([p["props"]["id"]], [])


def _reported(p: Mapping[str, Any]) -> Touched:
    """Nobody from the parameters: the statement reports whom it reached (:data:`REPORTED`)."""
    del p
    return Touched([], [])


def _reported_people(records: Sequence[neo4j.Record]) -> list[str]:
    return [record["id"] for record in records]


def _reported_links(records: Sequence[neo4j.Record]) -> list[str]:
    return [pid for record in records for pid in (record["source"], record["target"])]


#: Statement name -> whose rows it may change, from its parameters.
TOUCHES: Mapping[str, Callable[[Mapping[str, Any]], Touched]] = {
    "young_person.update": _young_person("id"),
    "person.update": _person("id"),
    "person.delete": _person("id"),
    "relationship.create": _young_person("young_person_id"),
    "relationship.update": _young_person("young_person_id"),
    "relationship.delete": _young_person("young_person_id"),
    "link.create": _link,
    "link.delete": _link,
    "restriction.create": _young_person("young_person_id"),
    "restriction.end": _young_person("young_person_id"),
    "invitation.write_answers": _young_person("young_person_id"),
    "network.update_relationships": _young_person("young_person_id"),
    "network.update_people": _rows("rows", "id", people=True),
    "network.save_young_people": _rows("young_people", "id"),
    # The whole batch's young people are noted by network.save_young_people.
    "network.save_people": _reported,
    "network.prune_relationships": _rows("networks", "id"),
    "network.save_relationships": _rows("relationships", "young_person_id"),
    "network.prune_links": _reported,
    "network.save_links": _reported,
    "network.save_restrictions": _rows("restrictions", "young_person_id"),
    # A new young person: their row is due (the stale-row check finds it by its date).
    "young_person.create": _created,
    "young_person.create_allocated": _created,
}


#: Statements of a bulk save that report, in their records, the people whose change reaches
#: other networks: a person saved with the details they had, or a link that stood already, changes
#: no network but the batch's own (each noted by ``network.save_young_people``). Most of a bulk
#: import's people are saved unchanged (a shared worker comes again in each network holding
#: them), and reaching every network that holds any of them made reading those networks back for
#: their versions as costly as the writes.
REPORTED: Mapping[str, Callable[[Sequence[neo4j.Record]], list[str]]] = {
    "network.save_people": _reported_people,
    "network.prune_links": _reported_links,
    "network.save_links": _reported_links,
}


#: Statements that change a network's export but not what scoring reads: they make a version of
#: the network (:mod:`connections.store.history`) without invalidating its cohort row.
VERSIONED: Mapping[str, Callable[[Mapping[str, Any]], Touched]] = {
    "contact.create": _young_person("young_person_id"),
    "contact.update": _young_person("young_person_id"),
    "contact.remove": _young_person("young_person_id"),
    "contact.delete": _young_person("young_person_id"),
    "network.save_contacts": _rows("entries", "young_person_id"),
    # A person marked as being another young person: in every network holding them.
    "siblings.mark": _person("person_id"),
}

#: Statements whose rows are invalidated before they run rather than after: deleting a person
#: deletes the relationships that say whose networks held them.
BEFORE: frozenset[str] = frozenset({"person.delete"})

#: Write statements that change nothing scoring reads (or that create or delete a whole young
#: person or an unrelated person: a new young person has no row yet, and ``young_person.delete``
#: deletes theirs).
UNRELATED: frozenset[str] = frozenset(
    {
        "young_person.claim",
        "young_person.delete",
        "person.create",
        "person.delete_if_unrelated",
        "network.clear",
        "network.lock",
        "relationship.lock",
        "network.prune_contacts",
        # A purge rewrites the kept versions itself and must make no new one
        # (connections/store/purge.py); it forgets the young person's kept cohort row.
        "purge.lock",
        "purge.rewrite_versions",
        "purge.remove_contact",
        "purge.remove_person",
        "purge.forget_cohort_row",
        "purge.redact_audit",
        "purge.record",
        # Retention deletes whole records, versions included (connections/store/retention.py).
        "retention.lock",
        "retention.delete_people",
        "retention.delete_versions",
        "retention.record",
        # The conference guest list and the record of every conference held (each list made
        # final: guest_list.finalise, and the demo's finding.demo_conferences) are not part of
        # the network; nor are the demo's back-dated versions, written before the networks.
        "guest_list.lock",
        "guest_list.set_guests",
        "guest_list.acknowledge",
        "guest_list.finalise",
        "finding.demo_conferences",
        "finding.demo_versions",
        "finding.demo_link_versions",
        # The young person's own words are not part of the network (connections.own_words).
        "own_words.save",
        "own_words.save_from_invitation",
    }
)


def touched(name: str, params: Mapping[str, Any]) -> Touched | None:
    """Whose rows statement ``name`` run with ``params`` may change (``None``: nobody's)."""
    rule = TOUCHES.get(name)
    return None if rule is None else rule(params)


class InvalidatingTransaction:
    """A managed transaction that notes, for each statement that may change what scoring reads
    (:data:`TOUCHES`) or a network's export (:data:`VERSIONED`), whose networks it changed,
    recognising the statement by its text; everything else is passed through to the
    transaction. :meth:`finish` then invalidates the kept rows of all of them at once, just
    before the versions are made and the transaction commits.

    Once at the end rather than after each statement: a bulk import's batch runs half a dozen
    statements that each touch every person of the batch, and the young people holding a person
    are found once (one expansion, shared with the versions) instead of once per statement. The
    rows are no less invalid for it: nothing reads them in this transaction, and the stamp is
    renewed after every statement that could replace the young person's properties."""

    def __init__(self, tx: neo4j.ManagedTransaction, statements: Mapping[str, str]):
        self._tx = tx
        self._statements = statements
        self._names = _names_by_text(statements)
        #: Whose networks changed (for the versions): young people, and people in every
        #: network that holds them.
        self.young_people: set[str] = set()
        self.people: set[str] = set()
        #: Of those, whose kept rows are invalid (:data:`TOUCHES`).
        self.stale_young_people: set[str] = set()
        self.stale_people: set[str] = set()

    @property
    def raw(self) -> neo4j.ManagedTransaction:
        """The transaction itself, for statements that must not be noted again."""
        return self._tx

    def run(self, query: str, parameters: Mapping[str, Any] | None = None, **kwargs: Any) -> Any:
        name = self._names.get(query)
        if name is None or (name not in TOUCHES and name not in VERSIONED):
            return self._tx.run(query, parameters, **kwargs)
        params = {**(parameters or {}), **kwargs}
        stale = name in TOUCHES
        changed = (TOUCHES.get(name) or VERSIONED[name])(params)
        reported = None
        if name in REPORTED:
            # Its records are read here for the people it reports: it comes back consumed.
            reported = self._tx.run(query, parameters, **kwargs)
            changed.people.extend(REPORTED[name](list(reported)))
        self.young_people.update(changed.young_people)
        self.people.update(changed.people)
        if stale:
            self.stale_young_people.update(changed.young_people)
            self.stale_people.update(changed.people)
        if name in BEFORE and changed.people:
            # Deleting a person deletes the relationships that say whose networks held them.
            holders = [
                record["id"]
                for record in self._tx.run(
                    self._statements["history.holders"], ids=sorted(changed.people)
                )
            ]
            self.young_people.update(holders)
            if stale:
                self.stale_young_people.update(holders)
        if reported is not None:
            return reported
        return self._tx.run(query, parameters, **kwargs)

    def finish(self) -> set[str]:
        """Invalidate the kept rows of every young person whose row may have changed (one
        statement) and return every young person whose network changed (for the versions): the
        young people noted and those holding the people noted, found in one query."""
        holders = self._holders(self.people)
        stale_holders = (
            holders if self.stale_people == self.people else self._holders(self.stale_people)
        )
        stale = self.stale_young_people | stale_holders
        if stale:
            self._tx.run(self._statements["cohort_row.invalidate"], ids=sorted(stale)).consume()
        return self.young_people | holders

    def _holders(self, people: set[str]) -> set[str]:
        if not people:
            return set()
        return {
            record["id"]
            for record in self._tx.run(self._statements["history.holders"], ids=sorted(people))
        }

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self._tx, attribute)


_NAMES: dict[int, dict[str, str]] = {}


def _names_by_text(statements: Mapping[str, str]) -> dict[str, str]:
    key = id(statements)
    names = _NAMES.get(key)
    if names is None:
        names = _NAMES[key] = {text: name for name, text in statements.items()}
    return names
